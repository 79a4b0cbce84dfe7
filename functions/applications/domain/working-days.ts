/**
 * Working days on the mainland calendar: Monday to Friday, minus the public holidays, plus the
 * weekend days that are working days because of a swap (调休上班). The calendar is data (one
 * `CalendarYear` per year: the repo's data file, overridden by the calendar table); these functions
 * only read it. Dates are calendar dates in China (`YYYY-MM-DD`, Asia/Shanghai, no DST).
 */

export interface HolidayRange {
  name: string;
  /** First and last day off, inclusive. */
  from: string;
  to: string;
}

export interface SwappedWorkday {
  name: string;
  date: string;
}

export type CalendarYearStatus = 'official' | 'assumed';

export interface CalendarYear {
  year: number;
  /** `official`: transcribed from the State Council's notice; `assumed`: not published yet. */
  status: CalendarYearStatus;
  source: string;
  holidays: HolidayRange[];
  workdays: SwappedWorkday[];
}

export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** Years the calendar has data for; outside them only weekends are days off. */
  years: ReadonlyMap<number, CalendarYearStatus>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function toDayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date: ${date}`);
  return ms / DAY_MS;
}

const fromDayNumber = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Whether `date` is a real calendar date written as YYYY-MM-DD. */
export function isDate(date: string): boolean {
  try {
    toDayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date in China at an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant written in China's time, e.g. 2026-10-09T14:30:00.000+08:00. */
export function shanghaiIso(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** The problems of one year's data (empty when it is sound): dates, ranges, weekdays. */
export function calendarYearProblems(year: CalendarYear): string[] {
  const problems: string[] = [];
  const inYear = (date: string) => isDate(date) && date.startsWith(`${year.year}-`);
  if (!Number.isInteger(year.year) || year.year < 2000 || year.year > 2100) problems.push(`year ${year.year} out of range`);
  for (const h of year.holidays) {
    if (!inYear(h.from) || !inYear(h.to)) problems.push(`${h.name}: ${h.from}..${h.to} is not inside ${year.year}`);
    else if (h.from > h.to) problems.push(`${h.name}: ${h.from} is after ${h.to}`);
  }
  for (const w of year.workdays) {
    // A swapped working day is a weekend day by definition (weekdays are working days anyway); the
    // first days of January may belong to the previous year's swaps, so only the weekday is checked.
    if (!isDate(w.date)) problems.push(`${w.name}: ${w.date} is not a date`);
    else if (![0, 6].includes(new Date(toDayNumber(w.date) * DAY_MS).getUTCDay())) problems.push(`${w.name}: ${w.date} is not a weekend day`);
  }
  return problems;
}

/** One calendar from the data of several years (a later entry for the same year replaces an earlier one). */
export function buildCalendar(years: readonly CalendarYear[]): WorkCalendar {
  const byYear = new Map<number, CalendarYear>();
  for (const y of years) byYear.set(y.year, y);
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const known = new Map<number, CalendarYearStatus>();
  for (const y of byYear.values()) {
    known.set(y.year, y.status);
    for (const h of y.holidays) {
      for (let d = toDayNumber(h.from); d <= toDayNumber(h.to); d += 1) holidays.add(fromDayNumber(d));
    }
    for (const w of y.workdays) workdays.add(w.date);
  }
  return { holidays, workdays, years: known };
}

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(toDayNumber(date) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The longest deadline we count: a year of working days. */
const MAX_WORKING_DAYS = 366;

/**
 * The date of the n-th working day after `start` (start itself not counted, whatever it is):
 * a step opened on a Friday with n = 1 is due on Monday, or later if Monday is a holiday.
 * n = 0 gives `start` itself.
 */
export function addWorkingDays(start: string, n: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new RangeError(`working days must be 0..${MAX_WORKING_DAYS}, not ${n}`);
  let day = toDayNumber(start);
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWorkingDay(fromDayNumber(day), calendar)) left -= 1;
  }
  return fromDayNumber(day);
}

/** The years a deadline counted from `start` may reach (its year and the next). */
export function yearsAround(start: string): number[] {
  const year = Number(start.slice(0, 4));
  return [year, year + 1];
}
