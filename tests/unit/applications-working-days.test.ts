import { describe, expect, it } from 'vitest';
import { BUILT_IN_YEARS } from '../../functions/applications/data/built-in-calendar';
import {
  addWorkingDays,
  buildCalendar,
  calendarYearProblems,
  isWorkingDay,
  shanghaiDate,
  shanghaiIso,
  type CalendarYear,
} from '../../functions/applications/domain/working-days';

/**
 * Working days on the mainland calendar, from the repo's data file (2025, 2026 official; 2027
 * assumed) and from years an admin adds.
 */
const calendar = buildCalendar(BUILT_IN_YEARS);

describe('the calendar data (functions/applications/data/holidays-cn.json)', () => {
  it('covers 2025–2027, says which years are official, and every year is sound', () => {
    expect(BUILT_IN_YEARS.map((y) => [y.year, y.status])).toEqual([
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'assumed'],
    ]);
    for (const year of BUILT_IN_YEARS) expect(calendarYearProblems(year), String(year.year)).toEqual([]);
    expect(BUILT_IN_YEARS.find((y) => y.year === 2027)?.source).toMatch(/^ASSUMED/);
  });

  it('gives each year 248 working days: 365 days − 104 weekend days − 13 statutory holidays (2024 rules)', () => {
    for (const year of [2025, 2026, 2027]) {
      let days = 0;
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = nextDay(d)) {
        if (isWorkingDay(d, calendar)) days += 1;
      }
      expect(days, String(year)).toBe(248);
    }
  });

  it('marks the official 2026 National Day week and its swapped Sunday and Saturday', () => {
    for (let day = 1; day <= 7; day += 1) expect(isWorkingDay(`2026-10-0${day}`, calendar)).toBe(false);
    expect(isWorkingDay('2026-09-20', calendar)).toBe(true); // Sunday, swapped
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true); // Saturday, swapped
    expect(isWorkingDay('2026-10-11', calendar)).toBe(false); // an ordinary Sunday
    expect(isWorkingDay('2026-10-08', calendar)).toBe(true);
  });
});

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

describe('addWorkingDays', () => {
  it('skips the 2026 National Day week', () => {
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-29', 2, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-28', 5, calendar)).toBe('2026-10-10'); // 29, 30, Oct 8, 9, then Saturday the 10th
  });

  it('counts a swapped Saturday or Sunday as a working day', () => {
    expect(addWorkingDays('2026-10-09', 1, calendar)).toBe('2026-10-10'); // Friday → swapped Saturday
    expect(addWorkingDays('2026-09-18', 1, calendar)).toBe('2026-09-20'); // Friday → swapped Sunday
    expect(addWorkingDays('2026-02-13', 1, calendar)).toBe('2026-02-14'); // before the Spring Festival
    expect(addWorkingDays('2026-02-14', 1, calendar)).toBe('2026-02-24'); // across the 9-day Spring Festival
  });

  it('skips ordinary weekends, does not count the start day, and n = 0 is the start', () => {
    expect(addWorkingDays('2026-11-27', 1, calendar)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-28', 1, calendar)).toBe('2026-11-30'); // Saturday → Monday
    expect(addWorkingDays('2026-11-30', 5, calendar)).toBe('2026-12-07');
    expect(addWorkingDays('2026-10-03', 0, calendar)).toBe('2026-10-03');
  });

  it('crosses into the next year (2027 assumed New Year holiday)', () => {
    expect(addWorkingDays('2026-12-31', 1, calendar)).toBe('2027-01-04');
    expect(addWorkingDays('2025-12-31', 1, calendar)).toBe('2026-01-04'); // 2026's swapped Sunday
  });

  it('falls back to weekends only for a year without data', () => {
    expect(addWorkingDays('2030-09-30', 1, calendar)).toBe('2030-10-01');
    expect(calendar.years.has(2030)).toBe(false);
  });

  it('uses a year an admin added in place of the built-in one', () => {
    const published: CalendarYear = {
      year: 2027,
      status: 'official',
      source: '国务院办公厅关于2027年部分节假日安排的通知（示例）',
      holidays: [{ name: '国庆节', from: '2027-10-01', to: '2027-10-08' }],
      workdays: [{ name: '国庆节调休上班', date: '2027-10-09' }],
    };
    expect(calendarYearProblems(published)).toEqual([]);
    const updated = buildCalendar([...BUILT_IN_YEARS, published]);
    expect(updated.years.get(2027)).toBe('official');
    expect(addWorkingDays('2027-09-30', 1, updated)).toBe('2027-10-09');
    expect(isWorkingDay('2027-02-08', updated)).toBe(true); // the assumed Spring Festival is gone with the year
    expect(addWorkingDays('2027-09-30', 1, calendar)).toBe('2027-10-08');
  });

  it('refuses what is not a date or not a count of days, and flags unsound years', () => {
    expect(() => addWorkingDays('2026-02-30', 1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-10-01', -1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-10-01', 1.5, calendar)).toThrow(RangeError);
    const broken: CalendarYear = {
      year: 2028,
      status: 'assumed',
      source: 'x',
      holidays: [{ name: '春节', from: '2028-02-01', to: '2027-02-07' }],
      workdays: [{ name: '调休', date: '2028-02-09' }],
    };
    expect(calendarYearProblems(broken)).toHaveLength(2);
  });
});

describe('dates in China', () => {
  it('takes the date and writes instants in +08:00', () => {
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(shanghaiIso('2026-09-30T16:30:00.000Z')).toBe('2026-10-01T00:30:00.000+08:00');
  });
});
