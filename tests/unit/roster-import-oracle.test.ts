import { beforeAll, describe, expect, it } from 'vitest';
import { mod11CheckCharacter } from '../../functions/kernel/check-character';
import type { AuditEntry } from '../../functions/audit';
import type { OfficialMessage } from '../../functions/applications';
import type { Org } from '../../functions/membership/domain/types';
import {
  classifyRow,
  phoneTakenMeanwhile,
  rosterView,
  unionIndex,
  WHOLE_ROSTER,
  type RowFacts,
  type UnionRef,
  type ValidRow,
} from '../../functions/workbench/domain/roster-row';
import { reportLine } from '../../functions/workbench/services/report';
import type { ImportDeps, ImportJob, WithheldStore } from '../../functions/workbench/services/ports';
import type { OutboxNotice } from '../../functions/applications/services/sender';

// The use cases load the data layer's modules (never called here): it reads its configuration on import.
let withheld: typeof import('../../functions/workbench/services/import-withheld');
let sender: typeof import('../../functions/applications/services/sender');
beforeAll(async () => {
  Object.assign(process.env, { STAGE: 'test', TABLE_PREFIX: 'unit-', WECHAT_MODE: 'dev', LOCAL_SECRETS_FILE: '/nonexistent.json' });
  withheld = await import('../../functions/workbench/services/import-withheld');
  sender = await import('../../functions/applications/services/sender');
});

/**
 * Issue 13, finding 1, as plain rules: what an import row may tell an official about the roster
 * outside their subtree (nothing), what the member's union hears, and the count per official and
 * day with its alert past the threshold (over an in-memory store).
 */
const valid = (body: string) => body + mod11CheckCharacter(body);
const bus: UnionRef = { id: 'g-bus', name: '椰城公交工会', path: ['p', 'c-haikou', 'g-bus'] };
const school: UnionRef = { id: 'g-school', name: '椰岛中学工会', path: ['p', 'c-haikou', 'g-school'] };
const hotel: UnionRef = { id: 'g-hotel', name: '鹿岭酒店工会', path: ['p', 'c-sanya', 'g-hotel'] };
const unions = unionIndex([bus, school, hotel]);
const busOfficial = rosterView({ kind: 'official', orgIds: ['g-bus'] }, unions);
const haikouOfficial = rosterView({ kind: 'official', orgIds: ['c-haikou'] }, unions);

const row: ValidRow = { row: 2, name: '探测者', idNumber: valid('46010619900101001'), phone: '13800138000', union: bus };
const member = (orgId: string, left = false) => ({ id: `m-${orgId}`, name: '林晓燕', phone: '13900000000', orgId, left, writtenBy: null });
const facts = (f: Partial<RowFacts>): RowFacts => ({ existing: null, phoneOwner: null, ...f });
/** The phone of the row is held by a member of the official's own union. */
const ownPhone = { phoneOwner: 'm-own', phoneOwnerOrgId: 'g-bus' };

describe('what a row tells an official about people outside their subtree', () => {
  it("the review's three probes (a phone of their own union; the ID number of nobody, of a member elsewhere, of one who left) answer alike", () => {
    const probes = [facts({ ...ownPhone }), facts({ ...ownPhone, existing: member('g-hotel') }), facts({ ...ownPhone, existing: member('g-hotel', true) })];
    const outcomes = probes.map((f) => classifyRow(row, f, 'job', busOfficial));
    expect(outcomes.map((o) => o.type)).toEqual(['withheld', 'withheld', 'withheld']);
    // The report lines (what the official downloads) are the same but for nothing.
    const lines = outcomes.map(() => reportLine({ row: 2, kind: 'refused', problem: 'ROSTER_CONFLICT', firstRow: null, name: row.name, idMasked: '46**************1X', phone: row.phone }));
    expect(new Set(lines).size).toBe(1);
    // Only the member's union is told, and only of a member.
    expect(outcomes[0]).toEqual({ type: 'withheld', elsewhere: null });
    expect(outcomes[1]).toEqual({ type: 'withheld', elsewhere: { memberId: 'm-g-hotel', name: '林晓燕', orgId: 'g-hotel', left: false } });
    expect(outcomes[2]).toMatchObject({ type: 'withheld', elsewhere: { orgId: 'g-hotel', left: true } });
  });

  it('a member outside answers the same with a free phone too; a new person with a free phone is new', () => {
    expect(classifyRow(row, facts({ existing: member('g-hotel') }), 'job', busOfficial)).toMatchObject({ type: 'withheld', elsewhere: { orgId: 'g-hotel' } });
    expect(classifyRow(row, facts({}), 'job', busOfficial)).toEqual({ type: 'new' });
    // A phone held outside, whoever the ID number is: withheld.
    expect(classifyRow(row, facts({ phoneOwner: 'm-x', phoneOwnerOrgId: 'g-hotel' }), 'job', busOfficial)).toEqual({ type: 'withheld', elsewhere: null });
  });

  it('inside the subtree the refusals keep their own codes (a city official sees its unions)', () => {
    expect(classifyRow(row, facts({ existing: member('g-school') }), 'job', haikouOfficial)).toEqual({ type: 'refused', problem: 'MEMBER_IN_OTHER_UNION' });
    expect(classifyRow(row, facts({ existing: member('g-bus', true) }), 'job', haikouOfficial)).toEqual({ type: 'refused', problem: 'MEMBER_LEFT' });
    // The member's change to a phone held in the subtree: said; held outside: withheld.
    const own = { ...member('g-bus'), name: row.name };
    expect(classifyRow(row, facts({ existing: own, phoneOwner: 'm-2', phoneOwnerOrgId: 'g-school' }), 'job', haikouOfficial)).toEqual({ type: 'refused', problem: 'PHONE_IN_USE' });
    expect(classifyRow(row, facts({ existing: own, phoneOwner: 'm-3', phoneOwnerOrgId: 'g-hotel' }), 'job', haikouOfficial)).toEqual({ type: 'withheld', elsewhere: null });
    expect(classifyRow(row, facts({ existing: own, phoneOwner: 'm-4', phoneOwnerOrgId: null }), 'job', haikouOfficial)).toEqual({ type: 'withheld', elsewhere: null });
    // …but a new person with a phone held even inside: withheld (else the probes above differ).
    expect(classifyRow(row, facts({ phoneOwner: 'm-2', phoneOwnerOrgId: 'g-school' }), 'job', haikouOfficial)).toEqual({ type: 'withheld', elsewhere: null });
  });

  it('an admin sees the whole roster: every refusal told as it is', () => {
    expect(rosterView({ kind: 'admin' }, unions)).toBe(WHOLE_ROSTER);
    expect(classifyRow(row, facts({ ...ownPhone }), 'job', WHOLE_ROSTER)).toEqual({ type: 'refused', problem: 'PHONE_IN_USE' });
    expect(classifyRow(row, facts({ existing: member('g-hotel') }), 'job', WHOLE_ROSTER)).toEqual({ type: 'refused', problem: 'MEMBER_IN_OTHER_UNION' });
    expect(phoneTakenMeanwhile(WHOLE_ROSTER)).toEqual({ type: 'refused', problem: 'PHONE_IN_USE' });
    expect(phoneTakenMeanwhile(busOfficial)).toEqual({ type: 'withheld', elsewhere: null });
  });
});

// --- the count, the requests and the alert --------------------------------------------------------

const orgs: Org[] = [
  { id: 'p', name: '海南省总工会', parentId: null, kind: 'province', regionCode: null, workUnit: null, path: ['p'] },
  { id: 'c-haikou', name: '海口市总工会', parentId: 'p', kind: 'city', regionCode: '01', workUnit: null, path: ['p', 'c-haikou'] },
  { id: 'g-bus', name: '椰城公交工会', parentId: 'c-haikou', kind: 'grassroots', regionCode: null, workUnit: '椰城公交', path: bus.path },
];

function world(threshold = 20) {
  const requests: Array<{ rowMark: string; audit: AuditEntry }> = [];
  const notices = new Map<string, { orgId: string; message: OfficialMessage }>();
  const alerts: Array<{ orgId: string; message: OfficialMessage; audit: AuditEntry }> = [];
  const windows = new Map<string, number>();
  const marks = new Set<string>();
  const store: WithheldStore = {
    async request(rowMark, audit, notice) {
      if (!notices.has(notice.id)) notices.set(notice.id, { orgId: notice.orgId, message: notice.message });
      if (marks.has(rowMark)) return false;
      marks.add(rowMark);
      requests.push({ rowMark, audit });
      return true;
    },
    async count(window, mark, n) {
      const key = `${window.openid}#${window.day}`;
      if (!marks.has(mark)) {
        marks.add(mark);
        windows.set(key, (windows.get(key) ?? 0) + n);
      }
      return windows.get(key) ?? 0;
    },
    async alert(window, orgId, message, audit) {
      const key = `alert#${window.openid}#${window.day}`;
      if (marks.has(key)) return false;
      marks.add(key);
      alerts.push({ orgId, message, audit });
      return true;
    },
  };
  const deps = {
    withheld: store,
    withheldAlertThreshold: threshold,
    now: () => new Date('2026-12-03T10:00:00+08:00'),
    orgs: { getMany: async (ids: string[]) => new Map(orgs.filter((o) => ids.includes(o.id)).map((o) => [o.id, o])), createIfAbsent: async () => true },
  } as unknown as ImportDeps;
  return { deps, requests, notices, alerts, windows };
}

const job = (scope: ImportJob['scope'], id = 'job-1'): ImportJob => ({ id, owner: 'dev-bus', scope } as ImportJob);
const busOwner = { account: { openid: 'dev-bus', roles: [{ type: 'official' as const, orgId: 'g-bus' }] } as never, scope: { kind: 'official' as const, orgIds: ['g-bus'] } };

describe('withheld rows: requests, the count per official and day, one alert past the threshold', () => {
  it('puts each member elsewhere to their union: an audit entry per row, one 待办 per job and union, the name masked', async () => {
    const w = world();
    const report = await withheld.withheldReporter(w.deps, job({ kind: 'official', orgIds: ['g-bus'] }), busOwner, unions);
    const elsewhere = { memberId: 'm-1', name: '林晓燕', orgId: 'g-hotel', left: false };
    await report(0, [{ row: 2, elsewhere }, { row: 3, elsewhere: null }, { row: 4, elsewhere: { ...elsewhere, memberId: 'm-2', left: true } }]);
    await report(0, [{ row: 2, elsewhere }]); // the chunk run again: nothing twice
    expect(w.requests.map((r) => [r.rowMark, r.audit.target.id, (r.audit.after as { memberLeft: boolean }).memberLeft])).toEqual([
      ['import#request#job-1#2', 'm-1', false],
      ['import#request#job-1#4', 'm-2', true],
    ]);
    expect([...w.notices.keys()]).toEqual(['import-request#job-1#g-hotel']);
    const notice = w.notices.get('import-request#job-1#g-hotel');
    expect(notice).toMatchObject({ orgId: 'g-hotel', message: { template: 'todo', page: 'workbench/audit/index', data: { thing1: '会员转入请求', thing2: '椰城公交工会', time3: '2026-12-03' } } });
    expect(notice?.message.data.thing4).toContain('林*燕');
    const [first] = w.requests;
    expect(first?.audit).toMatchObject({ action: 'roster.import-request', orgPath: hotel.path, actor: { openid: 'dev-bus', as: 'official', orgId: 'g-bus' }, target: { type: 'member', id: 'm-1' } });
    expect(JSON.stringify([...w.notices.values(), ...w.requests])).not.toContain('林晓燕');
    // Counted once per chunk: 3 rows.
    expect([...w.windows.values()]).toEqual([3]);
  });

  it('the row past the threshold raises one alert a day, to the org above, out of the importer’s trail', async () => {
    const w = world(20);
    const report = await withheld.withheldReporter(w.deps, job({ kind: 'official', orgIds: ['g-bus'] }), busOwner, unions);
    const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ row: from + i, elsewhere: null }));
    await report(0, rows(20, 2));
    expect(w.alerts).toEqual([]);
    await report(1, rows(1, 22));
    expect(w.alerts).toHaveLength(1);
    expect(w.alerts[0]).toMatchObject({ orgId: 'c-haikou', message: { template: 'overdue', page: 'workbench/audit/index', data: { thing2: '椰城公交工会' } } });
    expect(w.alerts[0]?.audit).toMatchObject({ action: 'roster.import-alert', orgPath: ['p', 'c-haikou'], target: { type: 'account', id: 'dev-bus' }, after: { refused: 21, threshold: 20 } });
    await report(2, rows(5, 23));
    expect(w.alerts).toHaveLength(1);
  });

  it('an admin’s job withholds nothing and counts nothing', async () => {
    const w = world(1);
    const admin = { account: { openid: 'dev-admin', roles: [{ type: 'admin' as const }] } as never, scope: { kind: 'admin' as const } };
    const report = await withheld.withheldReporter(w.deps, { ...job({ kind: 'admin' }), owner: 'dev-admin' }, admin, unions);
    await report(0, [{ row: 2, elsewhere: null }, { row: 3, elsewhere: null }]);
    expect([w.requests, w.alerts, [...w.windows.values()]]).toEqual([[], [], []]);
  });

  it('the threshold comes from ROSTER_IMPORT_ALERT_THRESHOLD (20 by default) and refuses nonsense', () => {
    expect(withheld.withheldAlertThreshold({})).toBe(20);
    expect(withheld.withheldAlertThreshold({ ROSTER_IMPORT_ALERT_THRESHOLD: '5' })).toBe(5);
    for (const bad of ['0', '-3', '2.5', 'many']) expect(() => withheld.withheldAlertThreshold({ ROSTER_IMPORT_ALERT_THRESHOLD: bad })).toThrow(/ROSTER_IMPORT_ALERT_THRESHOLD/);
  });
});

describe('the outbox sender delivers an official message', () => {
  const notice: OutboxNotice = {
    applicationId: 'import-request#job-1#2',
    version: 0,
    kind: 'notice' as never,
    status: 'pending',
    action: 'official-notice',
    stepId: null,
    applicantOpenid: '-',
    reviewerOrgId: 'g-hotel',
    at: '2026-12-03T02:00:00.000Z',
    message: { template: 'todo', page: 'workbench/member/index?id=m-1', data: { thing1: '会员转入请求', thing2: '海口椰城公共交通有限公司工会（椰城公交集团）', time3: '2026-12-03', thing4: '请联系会员林*燕核实单位' } },
  };

  it('to the officials of its org, with its own template and words (things clipped to WeChat’s 20 characters)', async () => {
    const recipients = await sender.recipientsOf(notice, { officialsOf: async (orgId) => (orgId === 'g-hotel' ? ['dev-hotel', 'dev-hotel-2'] : ['dev-other']) });
    expect(recipients.map((r) => [r.openid, r.template])).toEqual([
      ['dev-hotel', 'todo'],
      ['dev-hotel-2', 'todo'],
    ]);
    const sent = sender.officialMessageFor(notice.message!, recipients[0]!);
    expect(sent).toMatchObject({ touser: 'dev-hotel', template: 'todo', page: 'workbench/member/index?id=m-1', data: { thing1: '会员转入请求', time3: '2026-12-03' } });
    expect(Array.from(sent.data.thing2 ?? '')).toHaveLength(20);
  });
});
