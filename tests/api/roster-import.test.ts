import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../functions/workbench/contracts/roster-import';
import { rosterImportKeys } from '../../functions/workbench/data/keys';
import { makeIdNumber, makePhone } from '../support/ids';
import { inProcessImportDeps } from '../support/roster-import';
import { call, loginAs, unique } from './client';

/**
 * The roster import over HTTP (serverless-offline, DynamoDB Local, s3rver, the demo data): who may
 * call each endpoint, the contracts and answer shapes, and a whole import — template, ticket, upload,
 * start, the worker (run here in process, as the schedule does in AWS), progress, report and the
 * confirmation of a change. The first job is driven by its progress polls (what `npm start` relies
 * on), the second by the worker's use case.
 */
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

let haikou: string;
let sanya: string;
let member: string;
let admin: string;

async function runWorker() {
  const deps = await inProcessImportDeps(); // sets the environment before the data layer loads
  const { runImportWorker } = await import('../../functions/workbench/services/roster-import');
  return runImportWorker(deps, { holder: 'api-test', deadline: Date.now() + 60_000 });
}

async function uploadTo(ticket: { url: string; fields: Record<string, string> }, text: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([text]), 'roster.csv');
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  expect(res.status).toBeLessThan(300);
}

beforeAll(async () => {
  [haikou, sanya, member, admin] = await Promise.all([loginAs('haikou'), loginAs('sanya'), loginAs('member'), loginAs('admin')]);
});

describe('who may call the roster import', () => {
  it('needs a log-in everywhere, and an official or admin role', async () => {
    const id = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/admin/roster-imports/template?format=csv'],
      ['POST', '/api/admin/roster-imports', { fileName: 'a.csv', format: 'csv' }],
      ['POST', `/api/admin/roster-imports/${id}/start`],
      ['GET', `/api/admin/roster-imports/${id}`],
      ['GET', `/api/admin/roster-imports/${id}/report?format=csv`],
      ['POST', `/api/admin/roster-imports/${id}/confirm-changes`],
    ];
    for (const [method, path, json] of routes) {
      expect(refusal(await call(method, path, { json })), path).toEqual([401, 'UNAUTHENTICATED']);
      const plain = await call(method, path, { token: member, json });
      expect(refusal(plain), path).toEqual([403, 'FORBIDDEN']);
      expect(plain.body.error.message).toMatch(/工会干部/);
    }
  });

  it('checks the contracts: format, file name, unknown fields, ids', async () => {
    for (const json of [{ fileName: 'a.xls', format: 'xls' }, { fileName: '', format: 'csv' }, { format: 'csv' }, { fileName: 'a.csv', format: 'csv', orgId: 'x' }]) {
      expect(refusal(await call('POST', '/api/admin/roster-imports', { token: haikou, json })), JSON.stringify(json)).toEqual([400, 'INVALID_INPUT']);
    }
    expect(refusal(await call('GET', '/api/admin/roster-imports/template?format=pdf', { token: haikou }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/admin/roster-imports/template?format=csv&x=1', { token: haikou }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/admin/roster-imports/not%20an%20id', { token: haikou }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('GET', '/api/admin/roster-imports/01JZZZZZZZZZZZZZZZZZZZZZZZ', { token: haikou }))).toEqual([404, 'NOT_FOUND']);
  });
});

describe('an import over HTTP', () => {
  it('template → ticket → upload → start → worker → progress → report → confirmation', async () => {
    for (const format of ['csv', 'xlsx']) {
      const template = await call('GET', `/api/admin/roster-imports/template?format=${format}`, { token: haikou });
      expect(template.status, template.text).toBe(200);
      expect(Object.keys(template.body).sort()).toEqual(['expiresAt', 'fileName', 'url']);
      const file = await fetch(template.body.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toContain('attachment');
    }

    const created = await call('POST', '/api/admin/roster-imports', { token: haikou, json: { fileName: '椰城公交会员.csv', format: 'csv' } });
    expect(created.status, created.text).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['job', 'upload']);
    const { job, upload } = created.body;
    expect(job).toMatchObject({ fileName: '椰城公交会员.csv', format: 'csv', status: 'created', counts: { read: 0, written: 0, refused: 0, changed: 0, unchanged: 0 } });
    expect(upload.key.startsWith(rosterImportKeys.ownerPrefix('dev-haikou'))).toBe(true);
    expect(upload.maxBytes).toBe(IMPORT_MAX_BYTES);
    expect(upload.fields).toMatchObject({ key: upload.key, 'Content-Type': 'text/csv' });

    // Not uploaded yet: refused to start; the report waits for the end.
    expect(refusal(await call('POST', `/api/admin/roster-imports/${job.id}/start`, { token: haikou }))).toEqual([409, 'IMPORT_FILE_MISSING']);
    expect(refusal(await call('GET', `/api/admin/roster-imports/${job.id}/report?format=csv`, { token: haikou }))).toEqual([409, 'IMPORT_NOT_FINISHED']);

    const fresh = { name: '接口新会员', id: makeIdNumber(), phone: makePhone() };
    const csv = ['姓名,身份证号,手机号,工会编号,工会名称', `${fresh.name},${fresh.id},${fresh.phone},org-g-hk-bus,`, `越界会员,${makeIdNumber()},${makePhone()},org-g-sy-hotel,`, `坏号码,${makeIdNumber()},123,,海口椰城公共交通有限公司工会`].join('\n');
    await uploadTo(upload, csv);

    // Only its owner (or an admin) sees or starts the job.
    expect(refusal(await call('POST', `/api/admin/roster-imports/${job.id}/start`, { token: sanya }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('GET', `/api/admin/roster-imports/${job.id}`, { token: sanya }))).toEqual([404, 'NOT_FOUND']);
    const started = await call('POST', `/api/admin/roster-imports/${job.id}/start`, { token: haikou });
    expect(started.status, started.text).toBe(200);
    expect(started.body.job.status).toBe('queued');
    expect((await call('POST', `/api/admin/roster-imports/${job.id}/start`, { token: haikou })).body.job.status).toBe('queued'); // again: same answer

    // Locally no scheduled worker runs: each progress poll drives the job a little (3 s).
    let progress = await call('GET', `/api/admin/roster-imports/${job.id}`, { token: haikou });
    for (let polls = 1; progress.body.job?.status !== 'done' && polls < 10; polls += 1) {
      progress = await call('GET', `/api/admin/roster-imports/${job.id}`, { token: haikou });
    }
    expect(progress.status).toBe(200);
    expect(progress.body.job).toMatchObject({ status: 'done', counts: { read: 3, written: 1, refused: 2, changed: 0, unchanged: 0 }, cursor: 4, failure: null });
    expect((await call('GET', `/api/admin/roster-imports/${job.id}`, { token: admin })).status).toBe(200);

    const report = await call('GET', `/api/admin/roster-imports/${job.id}/report?format=csv`, { token: haikou });
    expect(report.status, report.text).toBe(200);
    expect(report.body.fileName).toBe('导入报告-椰城公交会员.csv');
    const lines = (await (await fetch(report.body.url)).text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.map((l) => l.split(',').slice(0, 1).concat(l.split(',').slice(5, 6)))).toEqual([
      ['行号', '原因代码'],
      ['3', 'UNION_OUTSIDE_SCOPE'],
      ['4', 'PHONE_INVALID'],
    ]);
    expect(lines.join('\n')).not.toContain(fresh.id);

    // The same member with a new name, in a second file: a change, applied only on confirmation.
    const second = await call('POST', '/api/admin/roster-imports', { token: haikou, json: { fileName: 'again.csv', format: 'csv' } });
    await uploadTo(second.body.upload, ['姓名,身份证号,手机号,工会编号', `接口新会员改,${fresh.id},${fresh.phone},org-g-hk-bus`].join('\n'));
    await call('POST', `/api/admin/roster-imports/${second.body.job.id}/start`, { token: haikou });
    expect((await runWorker())[second.body.job.id]).toBe('done');
    const changed = await call('GET', `/api/admin/roster-imports/${second.body.job.id}`, { token: haikou });
    expect(changed.body.job.counts).toMatchObject({ changed: 1, written: 0 });
    expect(refusal(await call('POST', `/api/admin/roster-imports/${second.body.job.id}/confirm-changes`, { token: sanya }))).toEqual([404, 'NOT_FOUND']);
    const confirmed = await call('POST', `/api/admin/roster-imports/${second.body.job.id}/confirm-changes`, { token: haikou });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(Object.keys(confirmed.body).sort()).toEqual(['applied', 'job', 'remaining', 'stale']);
    expect(confirmed.body).toMatchObject({ applied: 1, stale: 0, remaining: 0, job: { changesApplied: 1 } });
  });

  it('refuses a file over the size limit at start', async () => {
    const created = await call('POST', '/api/admin/roster-imports', { token: admin, json: { fileName: unique('big') + '.csv', format: 'csv' } });
    // s3rver enforces no POST policy: the API's own check at start is what refuses it.
    await uploadTo(created.body.upload, 'x'.repeat(IMPORT_MAX_BYTES + 1));
    expect(refusal(await call('POST', `/api/admin/roster-imports/${created.body.job.id}/start`, { token: admin }))).toEqual([413, 'IMPORT_FILE_TOO_LARGE']);
  });
});
