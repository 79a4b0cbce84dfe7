import { batchGetAll } from '../../kernel/data/batch';
import type { CalendarYear, HolidayRange, SwappedWorkday } from '../domain/working-days';
import { buildCalendar, calendarYearProblems } from '../domain/working-days';
import type { CalendarSource } from '../services/ports';
import { BUILT_IN_YEARS } from './built-in-calendar';
import { CalendarYearModel, type CalendarYearItem } from './models/calendar-year';

function toYear(item: CalendarYearItem): CalendarYear {
  return {
    year: item.year,
    status: item.status as CalendarYear['status'],
    source: item.source,
    holidays: JSON.parse(item.holidays) as HolidayRange[],
    workdays: JSON.parse(item.workdays) as SwappedWorkday[],
  };
}

/**
 * The built-in years, overridden year by year by the calendar table (an admin adds next year's
 * schedule there when the State Council publishes it). Every read asks the table for the years it
 * needs; services/calendar.ts caches the result per container.
 */
export const calendarStore: CalendarSource = {
  async calendar(years) {
    const unique = [...new Set(years)];
    const stored = await batchGetAll(CalendarYearModel, unique.map((year) => ({ year })));
    return buildCalendar([...BUILT_IN_YEARS, ...stored.map(toYear)]);
  },
  async putYear(year, by) {
    const problems = calendarYearProblems(year);
    if (problems.length > 0) throw new RangeError(`calendar year ${year.year}: ${problems.join('; ')}`);
    await CalendarYearModel.create(
      {
        year: year.year,
        status: year.status,
        source: year.source,
        holidays: JSON.stringify(year.holidays),
        workdays: JSON.stringify(year.workdays),
        updatedAt: new Date().toISOString(),
        updatedBy: by,
      },
      { overwrite: true },
    );
  },
};
