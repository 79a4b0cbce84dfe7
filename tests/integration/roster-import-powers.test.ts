import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/membership/services/ports';
import type { AdminDeps } from '../../functions/membership/services/admin-ports';
import type { Org } from '../../functions/membership/domain/types';
import type { ImportDeps } from '../../functions/workbench/services/ports';
import { createMember, integrationDeps } from './context';
import { makeIdNumber, makePhone } from '../support/ids';
import { refusalOf } from '../support/outcome';
import { memberIdsOf as memberIdsOfHash, orgOf, uploadImport } from '../support/roster-import';

/**
 * What an official may do with a roster import, against DynamoDB Local and s3rver (issue 13,
 * findings 1 and 3): every step acts with the official's current roles (a revoked official can
 * neither start, read nor confirm a job, and the worker stops it), and the import answers nothing
 * about people outside the official's subtree.
 */
type Svc = typeof import('../../functions/workbench/services/roster-import');

let membership: Deps;
let admin: AdminDeps;
let deps: ImportDeps;
let svc: Svc;
let tag: string;
let province: Org;
let city: Org;
let otherCity: Org;
let union: Org;
let outside: Org;
let adminOpenid: string;

const org = orgOf;

let accounts = 0;
async function account(label: string, roles: Parameters<Deps['accounts']['createIfAbsent']>[0]['roles']): Promise<string> {
  accounts += 1;
  const openid = `${label}-${tag}-${accounts}`;
  await membership.accounts.createIfAbsent({ openid, roles }, new Date());
  return openid;
}

beforeAll(async () => {
  membership = await integrationDeps();
  admin = await (await import('../../functions/membership/services/admin-deps')).adminDeps();
  svc = await import('../../functions/workbench/services/roster-import');
  const { importDeps } = await import('../../functions/workbench/services/deps');
  deps = { ...(await importDeps()), localDriveMs: null };
  tag = `pow${Date.now().toString(36)}${process.pid.toString(36)}`;
  province = org(`${tag}-p`, `权限省总${tag}`, null, 'province');
  city = org(`${tag}-c`, `权限市总${tag}`, province, 'city', '01');
  otherCity = org(`${tag}-c2`, `权限另一市总${tag}`, province, 'city', '02');
  union = org(`${tag}-g1`, `权限公交工会${tag}`, city, 'grassroots');
  outside = org(`${tag}-g2`, `权限酒店工会${tag}`, otherCity, 'grassroots');
  for (const o of [province, city, otherCity, union, outside]) await membership.orgs.createIfAbsent(o);
  adminOpenid = await account('admin', [{ type: 'admin' }]);
}, 60_000);

// --- helpers -------------------------------------------------------------------------------------

const csvOf = (rows: string[][]) => new TextEncoder().encode(`\uFEFF${[['姓名', '身份证号', '手机号', '工会编号', '工会名称'], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`);

const upload = (openid: string, rows: string[][]) => uploadImport(deps, openid, csvOf(rows), 'csv');

const run = (id: string) => svc.runImportJob(deps, id, { holder: `test-${Math.random()}`, deadline: Date.now() + 60_000 });

async function importRows(openid: string, rows: string[][]) {
  const id = await upload(openid, rows);
  await svc.startImport(deps, openid, id);
  expect(await run(id)).toBe('done');
  return (await svc.getImport(deps, openid, id)).job;
}

const memberIdsOf = (idNumber: string) => memberIdsOfHash(membership.idCrypto, idNumber);

async function trailOf(actor: string, orgPath: string[]) {
  const { auditStore } = await import('../../functions/audit/data/audit-store');
  return (await auditStore.list({ scope: { kind: 'subtree', orgPath }, actor, limit: 50 })).entries;
}

const roleAdmin = () => import('../../functions/membership/services/role-admin');
const revoke = async (openid: string, orgId: string) => (await roleAdmin()).revokeRole(admin, adminOpenid, { openid, role: { type: 'official', orgId } });
const grant = async (openid: string, orgId: string) => (await roleAdmin()).grantRole(admin, adminOpenid, { openid, role: { type: 'official', orgId } });
const newRow = (): string[] => ['新来者', makeIdNumber(), makePhone(), union.id, ''];

// --- finding 3: a revoked official ----------------------------------------------------------------

describe('a revoked official (finding 3)', () => {
  it('cannot start a job created before the revocation: 403, the job stays created, nothing written, no audit entry', async () => {
    const official = await account('revoked-start', [{ type: 'official', orgId: city.id }]);
    const row = newRow();
    const id = await upload(official, [row]);
    await revoke(official, city.id);
    const refused = await refusalOf(svc.startImport(deps, official, id));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect((await deps.jobs.get(id))?.status).toBe('created');
    expect(await trailOf(official, province.path)).toEqual([]);
    // Nor does anything run it.
    expect(await svc.runImportWorker(deps, { holder: 'revoked', deadline: Date.now() + 30_000 })).not.toHaveProperty(id);
    expect(await memberIdsOf(row[1] as string)).toEqual([]);
    for (const step of [svc.getImport, svc.reportLink, svc.confirmChanges]) {
      expect((await refusalOf(step(deps, official, id))).code).toBe('FORBIDDEN');
    }
  });

  it('moved to another city: the job of the old city is refused at every step', async () => {
    const official = await account('moved', [{ type: 'official', orgId: city.id }]);
    const id = await upload(official, [newRow()]);
    await grant(official, otherCity.id);
    await revoke(official, city.id);
    for (const step of [svc.startImport, svc.getImport, svc.reportLink, svc.confirmChanges]) {
      const refused = await refusalOf(step(deps, official, id));
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toContain('不再管理');
    }
    // Back in the city (or above it): the job is theirs again.
    await grant(official, province.id);
    expect((await svc.startImport(deps, official, id)).job.status).toBe('queued');
  });

  it('revoked after starting: the worker stops the job with a reason and writes no member', async () => {
    const official = await account('revoked-run', [{ type: 'official', orgId: city.id }]);
    const rows = [newRow(), newRow()];
    const id = await upload(official, rows);
    await svc.startImport(deps, official, id);
    await revoke(official, city.id);
    expect(await run(id)).toBe('failed');
    const job = await deps.jobs.get(id);
    expect(job).toMatchObject({ status: 'failed', counts: { read: 0, written: 0 } });
    expect(job?.failure).toContain('已不再管理');
    for (const row of rows) expect(await memberIdsOf(row[1] as string)).toEqual([]);
    // An admin still reads it (and its report).
    expect((await svc.getImport(deps, adminOpenid, id)).job.status).toBe('failed');
  });

  it('revoked before confirming: the pending change is refused and not applied', async () => {
    const official = await account('revoked-confirm', [{ type: 'official', orgId: city.id }]);
    const subject = await createMember(membership, union.id, { name: '待改名' });
    const job = await importRows(official, [['已改名', subject.idNumber, subject.phone, union.id, '']]);
    expect(job.counts.changed).toBe(1);
    await revoke(official, city.id);
    expect(await refusalOf(svc.confirmChanges(deps, official, job.id))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await membership.roster.get(subject.id)).toMatchObject({ name: '待改名' });
    expect((await deps.jobs.get(job.id))?.changesApplied).toBe(0);
  });
});

// --- finding 1: no oracle --------------------------------------------------------------------------

async function outboxNotice(applicationId: string) {
  const { NoticeModel } = await import('../../functions/applications/data/models/notice');
  const { toOutboxNotice } = await import('../../functions/applications/data/outbox-store');
  const item = await NoticeModel.get({ applicationId, version: 0 }, { consistent: true });
  return item ? toOutboxNotice(item) : null;
}

async function reportCsv(openid: string, id: string): Promise<string[][]> {
  const link = await svc.reportLink(deps, openid, id);
  const text = (await (await fetch(link.url)).text()).replace(/^\uFEFF/, '').trim();
  return text.split('\r\n').map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
}

async function leave(memberId: string) {
  const { recordLeave } = await import('../../functions/membership/services/member-care');
  await recordLeave(admin, adminOpenid, memberId, { reason: '调离本省', date: '2025-01-02' });
}

async function trailFor(orgPath: string[], actionPrefix: string) {
  const { auditStore } = await import('../../functions/audit/data/audit-store');
  return (await auditStore.list({ scope: { kind: 'subtree', orgPath }, actionPrefix, limit: 50 })).entries;
}

describe('the import is no oracle (finding 1)', () => {
  it("replays the review's attack: a phone of the official's own union with the ID number of nobody, of a member elsewhere, of a member who left — one answer, the other union hears of it", async () => {
    const official = await account('grassroots', [{ type: 'official', orgId: union.id }]);
    const elsewhereOfficial = await account('elsewhere-official', [{ type: 'official', orgId: outside.id }]);
    const own = await createMember(membership, union.id, { name: '本会会员' });
    const elsewhere = await createMember(membership, outside.id, { name: '郑远航' });
    const gone = await createMember(membership, outside.id, { name: '钱立秋' });
    await leave(gone.id);
    const nobody = makeIdNumber();

    // One file a probe, as the review did (one row each: the phone would be a duplicate in one file).
    const jobs = [];
    for (const idNumber of [nobody, elsewhere.idNumber, gone.idNumber]) jobs.push(await importRows(official, [['探测者', idNumber, own.phone, union.id, '']]));
    const answers = [];
    for (const job of jobs) {
      expect(job.counts).toEqual({ read: 1, written: 0, refused: 1, changed: 0, unchanged: 0 });
      const [, line] = await reportCsv(official, job.id);
      answers.push(line?.slice(4)); // 结果, 原因代码, 说明
    }
    expect(answers[0]).toEqual(['未导入', 'ROSTER_CONFLICT', expect.stringContaining('冲突')]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);

    // Nothing written: no member for the made-up ID number, the others where they were.
    expect(await memberIdsOf(nobody)).toEqual([]);
    expect(await membership.roster.get(own.id)).toMatchObject({ orgId: union.id, phone: own.phone, name: '本会会员' });
    expect(await membership.roster.get(elsewhere.id)).toMatchObject({ orgId: outside.id, name: '郑远航' });

    // The other union hears of the two members: a 待办 to its officials (one per job and union) and an entry in its trail per row.
    expect(await outboxNotice(`import-request#${jobs[0]?.id}#${outside.id}`)).toBeNull();
    const { recipientsOf, officialMessageFor } = await import('../../functions/applications/services/sender');
    const { officialStore } = await import('../../functions/membership/data/official-store');
    for (const [job, member, what] of [[jobs[1], elsewhere, '会员转入请求'], [jobs[2], gone, '已退会会员重新登记']] as const) {
      const notice = await outboxNotice(`import-request#${job?.id}#${outside.id}`);
      expect(notice).toMatchObject({ reviewerOrgId: outside.id, action: 'official-notice', message: { template: 'todo', page: 'workbench/audit/index' } });
      const recipients = await recipientsOf(notice!, officialStore);
      expect(recipients.map((r) => r.openid)).toEqual([elsewhereOfficial]);
      const sent = officialMessageFor(notice!.message!, recipients[0]!);
      expect(sent.data.thing1).toBe(what);
      expect(sent.data.thing2?.startsWith('权限公交工会')).toBe(true);
      expect(sent.data.thing4).toContain(member.name.slice(0, 1));
      expect(JSON.stringify(sent)).not.toContain(member.name); // the name masked
    }
    const theirs = await trailFor(outside.path, 'roster.import-request');
    expect(theirs.filter((e) => e.actor.orgId === union.id).map((e) => e.target.id).sort()).toEqual([elsewhere.id, gone.id].sort());
    // …and the importer's own trail shows none of it.
    expect(await trailFor(union.path, 'roster.import-request')).toEqual([]);
  });

  it('counts those refusals per official and day: the 21st raises one alert to the level above, out of the official’s own trail', async () => {
    const official = await account('prober', [{ type: 'official', orgId: union.id }]);
    const holders = [];
    for (let i = 0; i < 22; i += 1) holders.push(await createMember(membership, union.id, { name: `持号者${String.fromCharCode(0x4e00 + i)}` }));
    const probe = (holder: { phone: string }) => ['探测者', makeIdNumber(), holder.phone, union.id, ''];
    const alerts = () => trailFor(city.path, 'roster.import-alert').then((entries) => entries.filter((e) => e.target.id.includes(official.slice(-4))));
    const lines: string[] = [];
    const { vi } = await import('vitest');
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
    const level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'warn';
    try {
      const first = await importRows(official, holders.slice(0, 20).map(probe));
      expect(first.counts.refused).toBe(20);
      expect(await alerts()).toEqual([]);
      await importRows(official, [probe(holders[20]!)]);
      const raised = await alerts();
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ action: 'roster.import-alert', orgPath: city.path, after: { refused: 21, threshold: 20 } });
      const notice = await outboxNotice(`import-alert#${raised[0]!.id}`);
      expect(notice).toMatchObject({ reviewerOrgId: city.id, message: { template: 'overdue', page: 'workbench/audit/index' } });
      expect(lines.filter((l) => l.includes('"metric":"RosterImportWithheldAlert"'))).toHaveLength(1);
      // The 22nd: counted, no second alert that day.
      await importRows(official, [probe(holders[21]!)]);
      expect(await alerts()).toHaveLength(1);
      expect(lines.filter((l) => l.includes('"metric":"RosterImportWithheldAlert"'))).toHaveLength(1);
    } finally {
      spy.mockRestore();
      process.env.LOG_LEVEL = level;
    }
    // The alert sits under the city: the grassroots official's own trail does not show it.
    expect((await trailFor(union.path, 'roster.import-alert')).filter((e) => e.actor.openid.includes(official.slice(-4)))).toEqual([]);
  });
});
