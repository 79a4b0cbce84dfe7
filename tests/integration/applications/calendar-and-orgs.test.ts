import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarSource } from '../../../functions/applications/services/ports';
import { addWorkingDays } from '../../../functions/applications/domain/working-days';
import { refusalOf } from '../../support/outcome';
import { applicationWorld, at, boundMember, type ApplicationWorld } from './world';

/**
 * The working-day calendar an admin extends (the calendar table over the repo's data file) and the
 * union search of the forms (GET /api/orgs?q=), on DynamoDB Local.
 */
let w: ApplicationWorld;
let calendarStore: CalendarSource;

beforeAll(async () => {
  w = await applicationWorld('calorg');
  ({ calendarStore } = await import('../../../functions/applications/data/calendar-store'));
}, 60_000);

describe('the calendar table', () => {
  // A year no built-in data covers, so that other test files sharing the database are not affected.
  const year2031 = {
    year: 2031,
    status: 'official' as const,
    source: '国务院办公厅关于2031年部分节假日安排的通知（测试）',
    holidays: [{ name: '国庆节', from: '2031-10-01', to: '2031-10-07' }],
    workdays: [{ name: '国庆节调休上班', date: '2031-09-28' }],
  };

  it('adds a year an admin enters; the deadlines of applications filed then count it', async () => {
    expect(addWorkingDays('2031-09-30', 1, await calendarStore.calendar([2031]))).toBe('2031-10-01'); // weekends only
    await calendarStore.putYear(year2031, w.admin);
    const calendar = await calendarStore.calendar([2031, 2032]);
    expect(calendar.years.get(2031)).toBe('official');
    expect(calendar.years.get(2026)).toBe('official'); // the built-in years stay
    expect(addWorkingDays('2031-09-30', 1, calendar)).toBe('2031-10-08');
    expect(addWorkingDays('2031-09-26', 1, calendar)).toBe('2031-09-28'); // Friday → the swapped Sunday

    const m = await boundMember(w, w.unions.bus.id);
    const deps = { ...at(w.deps, '2031-09-30T02:00:00Z'), calendar: calendarStore };
    const filed = await w.uc.submitApplication(deps, m.openid, { kind: 'transfer', form: { toOrgId: w.unions.hotel.id, reason: '调动' } });
    expect(filed.response.application.steps[0]?.dueDate).toBe('2031-10-14'); // Oct 8, 9, 10, 13, 14
  });

  it('refuses an unsound year', async () => {
    await expect(calendarStore.putYear({ ...year2031, holidays: [{ name: '春节', from: '2031-02-10', to: '2030-02-01' }] }, w.admin)).rejects.toThrow(RangeError);
  });
});

describe('the union search', () => {
  it('finds grassroots unions by name or work unit, names starting with the words first, with their federation', async () => {
    const byName = await w.uc.searchUnions(w.deps, w.admin, `公交公司工会${w.tag}`);
    expect(byName.items).toEqual([{ id: w.unions.bus.id, name: w.unions.bus.name, workUnit: w.unions.bus.workUnit, parent: { id: w.haikou.id, name: w.haikou.name } }]);
    const byTag = await w.uc.searchUnions(w.deps, w.admin, w.tag);
    expect(byTag.items.map((o) => o.id).sort()).toEqual([w.unions.bus.id, w.unions.food.id, w.unions.hotel.id].sort()); // no federations
    // Every test file's world has a 测试鹿岭酒店工会 (with its own tag): which of them comes first is
    // not this world's to say, only that the name search finds them and nothing else.
    const prefix = await w.uc.searchUnions(w.deps, w.admin, '测试鹿岭');
    expect(prefix.items.length).toBeGreaterThan(0);
    expect(prefix.items.filter((o) => !o.name.startsWith('测试鹿岭酒店工会'))).toEqual([]);
    expect((await w.uc.searchUnions(w.deps, w.admin, `椰香食品公司${w.tag}`)).items.map((o) => o.id)).toEqual([w.unions.food.id]); // work unit
    expect((await w.uc.searchUnions(w.deps, w.admin, `鹿酒${w.tag}`)).items.map((o) => o.id)).toEqual([w.unions.hotel.id]); // 鹿岭酒店, abbreviated
    expect((await w.uc.searchUnions(w.deps, w.admin, '没有这样的工会')).items).toEqual([]);
    expect((await w.uc.searchUnions(w.deps, w.admin, '测试')).items.length).toBeLessThanOrEqual(20);
    expect((await refusalOf(w.uc.searchUnions(w.deps, 'nobody', '测试'))).code).toBe('UNAUTHENTICATED');
  });
});

describe('the demo seed', () => {
  it('files a demo transfer once, dated as the demo data says, and skips it on a second seed', async () => {
    const { seedDemoApplication } = await import('../../../functions/applications/services/demo');
    const m = await boundMember(w, w.unions.bus.id);
    const demo = { id: ulid(), kind: 'transfer' as const, applicant: m.openid, toOrgId: w.unions.hotel.id, reason: '演示', filedDaysAgo: 9 };
    const now = new Date('2026-11-27T02:00:00Z');
    expect(await seedDemoApplication(w.deps, demo, now)).toBe(true);
    expect(await seedDemoApplication(w.deps, demo, now)).toBe(false);
    const app = (await w.uc.getApplication(w.deps, m.openid, demo.id)).application;
    expect(app).toMatchObject({ id: demo.id, status: 'pending', createdAt: '2026-11-18T10:00:00.000+08:00' });
    expect(app.steps[0]?.dueDate).toBe('2026-11-25');
    expect(await seedDemoApplication(w.deps, { ...demo, id: ulid() }, now)).toBe(false); // one open transfer
  });
});
