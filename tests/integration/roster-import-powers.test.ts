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
