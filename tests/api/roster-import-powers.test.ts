import { beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, makePhone } from '../support/ids';
import { inProcessImportDeps } from '../support/roster-import';
import { call, loginAs, unique } from './client';

/**
 * What an official may do with a roster import, over HTTP (issue 13, findings 1 and 3): every step
 * acts with the caller's current roles, so an official whose role was revoked is refused (403) at
 * start, progress, report and confirmation, and the worker stops their job with nothing written.
 */
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

let admin: string;

async function runJob(id: string) {
  const deps = await inProcessImportDeps(); // sets the environment before the data layer loads
  const { runImportJob } = await import('../../functions/workbench/services/roster-import');
  return runImportJob(deps, id, { holder: `api-${id}`, deadline: Date.now() + 60_000 });
}

async function uploadTo(ticket: { url: string; fields: Record<string, string> }, text: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([text]), 'roster.csv');
  expect((await fetch(ticket.url, { method: 'POST', body: form })).status).toBeLessThan(300);
}

const HEADER = '姓名,身份证号,手机号,工会编号';

/** A new WeChat account made an official of 海口椰城公交's union by the admin; its openid and token. */
async function newOfficial(): Promise<{ openid: string; token: string }> {
  const name = unique('imp-official');
  const token = await loginAs(name);
  const openid = `dev-${name}`;
  const granted = await call('POST', '/api/admin/roles', { token: admin, json: { openid, role: { type: 'official', orgId: 'org-g-hk-bus' } } });
  expect(granted.status, granted.text).toBe(200);
  return { openid, token };
}

const revoke = async (openid: string) => {
  const revoked = await call('POST', '/api/admin/roles/revoke', { token: admin, json: { openid, role: { type: 'official', orgId: 'org-g-hk-bus' } } });
  expect(revoked.status, revoked.text).toBe(200);
};

async function createJob(token: string, csv: string): Promise<string> {
  const created = await call('POST', '/api/admin/roster-imports', { token, json: { fileName: 'powers.csv', format: 'csv' } });
  expect(created.status, created.text).toBe(201);
  await uploadTo(created.body.upload, csv);
  return created.body.job.id;
}

beforeAll(async () => {
  admin = await loginAs('admin');
});

describe('a revoked official (finding 3)', () => {
  it('is refused at start, progress, report and confirmation, and nothing is written', async () => {
    const { openid, token } = await newOfficial();
    const id = await createJob(token, [HEADER, `撤权者,${makeIdNumber()},${makePhone()},org-g-hk-bus`].join('\n'));
    await revoke(openid);
    for (const [method, path] of [
      ['POST', `/api/admin/roster-imports/${id}/start`],
      ['GET', `/api/admin/roster-imports/${id}`],
      ['GET', `/api/admin/roster-imports/${id}/report?format=csv`],
      ['POST', `/api/admin/roster-imports/${id}/confirm-changes`],
    ] as const) {
      const answer = await call(method, path, { token });
      expect(refusal(answer), path).toEqual([403, 'FORBIDDEN']);
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // The job was never queued: an admin still sees it as created.
    expect((await call('GET', `/api/admin/roster-imports/${id}`, { token: admin })).body.job).toMatchObject({ status: 'created', counts: { written: 0 } });
  });

  it('revoked after starting: the worker ends the job failed and writes nobody; a pending change cannot be confirmed', async () => {
    const { openid, token } = await newOfficial();
    const person = { id: makeIdNumber(), phone: makePhone() };
    // First a member of the union, imported while the role holds; then a second file that renames them.
    const first = await createJob(token, [HEADER, `撤权前,${person.id},${person.phone},org-g-hk-bus`].join('\n'));
    expect((await call('POST', `/api/admin/roster-imports/${first}/start`, { token })).status).toBe(200);
    expect(await runJob(first)).toBe('done');
    const second = await createJob(token, [HEADER, `撤权后,${person.id},${person.phone},org-g-hk-bus`].join('\n'));
    await call('POST', `/api/admin/roster-imports/${second}/start`, { token });
    expect(await runJob(second)).toBe('done');
    expect((await call('GET', `/api/admin/roster-imports/${second}`, { token })).body.job.counts.changed).toBe(1);
    const third = await createJob(token, [HEADER, `不该写入,${makeIdNumber()},${makePhone()},org-g-hk-bus`].join('\n'));
    await call('POST', `/api/admin/roster-imports/${third}/start`, { token });

    await revoke(openid);
    expect(refusal(await call('POST', `/api/admin/roster-imports/${second}/confirm-changes`, { token }))).toEqual([403, 'FORBIDDEN']);
    expect(await runJob(third)).toBe('failed');
    const stopped = await call('GET', `/api/admin/roster-imports/${third}`, { token: admin });
    expect(stopped.body.job).toMatchObject({ status: 'failed', counts: { read: 0, written: 0 } });
    expect(stopped.body.job.failure).toContain('不再管理');
    // The change was not applied: the member search (as 海口) still finds the old name.
    const haikou = await loginAs('haikou');
    const found = await call('GET', `/api/admin/members?q=${person.phone}`, { token: haikou });
    expect(found.status, found.text).toBe(200);
    expect(found.body.items.map((m: { name: string }) => m.name)).toEqual(['撤权前']);
    expect((await call('GET', `/api/admin/roster-imports/${second}`, { token: admin })).body.job.changesApplied).toBe(0);
  });
});

/** Runs a job to its end as the worker would, then the report's lines (CSV, header first). */
async function finished(token: string, id: string): Promise<string[][]> {
  expect((await call('POST', `/api/admin/roster-imports/${id}/start`, { token })).status).toBe(200);
  expect(await runJob(id)).toBe('done');
  const report = await call('GET', `/api/admin/roster-imports/${id}/report?format=csv`, { token });
  expect(report.status, report.text).toBe(200);
  const text = (await (await fetch(report.body.url)).text()).replace(/^\uFEFF/, '').trim();
  return text.split('\r\n').map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
}

const memberId = async (token: string, idNumber: string): Promise<string> => {
  const found = await call('GET', `/api/admin/members?q=${idNumber}`, { token });
  expect(found.status, found.text).toBe(200);
  return found.body.items[0]?.id as string;
};

describe('the import is no oracle (finding 1)', () => {
  it("replays the review's attack as bus: one answer for nobody, a member of another union and one who left; that union sees the request", async () => {
    const [bus, hotel] = await Promise.all([loginAs('bus'), loginAs('hotel')]);
    // The admin adds three people: one of bus's union (whose phone the probes use), two of 三亚鹿岭酒店's.
    const own = { id: makeIdNumber(), phone: makePhone() };
    const elsewhere = { id: makeIdNumber('female'), phone: makePhone() };
    const gone = { id: makeIdNumber(), phone: makePhone() };
    const seeded = await createJob(
      admin,
      [HEADER, `本会员工,${own.id},${own.phone},org-g-hk-bus`, `酒店员工,${elsewhere.id},${elsewhere.phone},org-g-sy-hotel`, `已退会员,${gone.id},${gone.phone},org-g-sy-hotel`].join('\n'),
    );
    expect((await finished(admin, seeded)).length).toBe(1); // nothing refused
    const [elsewhereId, goneId] = [await memberId(admin, elsewhere.id), await memberId(admin, gone.id)];
    const left = await call('POST', `/api/admin/members/${goneId}/leave`, { token: admin, json: { reason: '调离', date: '2025-01-02' } });
    expect(left.status, left.text).toBe(200);

    const answers = [];
    for (const idNumber of [makeIdNumber(), elsewhere.id, gone.id]) {
      const lines = await finished(bus, await createJob(bus, [HEADER, `探测,${idNumber},${own.phone},org-g-hk-bus`].join('\n')));
      expect(lines).toHaveLength(2);
      answers.push(lines[1]?.slice(4));
    }
    expect(answers[0]).toEqual(['未导入', 'ROSTER_CONFLICT', expect.stringContaining('冲突')]);
    expect(answers.slice(1)).toEqual([answers[0], answers[0]]);

    // Member search answers bus as it always did: nothing outside its union.
    const search = await call('GET', `/api/admin/members?q=${elsewhere.id}`, { token: bus });
    expect([search.status, search.body.items]).toEqual([200, []]);

    // 三亚鹿岭酒店's officials see who asked for their two members; bus's own trail does not.
    const requests = (body: any) => (body.items as Array<{ action: string; target: { id: string } }>).filter((e) => e.action === 'roster.import-request').map((e) => e.target.id);
    const theirs = await call('GET', '/api/admin/audit?action=roster', { token: hotel });
    expect(theirs.status, theirs.text).toBe(200);
    expect(requests(theirs.body)).toEqual(expect.arrayContaining([elsewhereId, goneId]));
    const mine = await call('GET', '/api/admin/audit?action=roster', { token: bus });
    expect(requests(mine.body)).not.toEqual(expect.arrayContaining([elsewhereId]));
  });
});
