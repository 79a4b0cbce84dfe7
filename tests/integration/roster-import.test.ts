import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/membership/services/ports';
import type { Org } from '../../functions/membership/domain/types';
import type { ImportDeps, ReportRow } from '../../functions/workbench/services/ports';
import type { ImportFormat } from '../../functions/workbench/contracts/roster-import';
import { mod11CheckCharacter } from '../../functions/kernel/check-character';
import { createMember, integrationDeps, type TestMember } from './context';
import { makeIdNumber, makePhone } from '../support/ids';
import { refusalOf } from '../support/outcome';
import { memberIdsOf as memberIdsOfHash, orgOf, uploadImport } from '../support/roster-import';

/**
 * The roster import against DynamoDB Local and s3rver, through the production stores: the file is
 * uploaded with the presigned POST as a browser would, the job is started and run by the worker's
 * use case (runImportJob), in chunks. Every kind of bad row is reported exactly and leaves no
 * trace; re-imports change nothing; an interrupted job (stopped, or failing between its writes and
 * its commit) resumes without writing a row twice; changes wait for the official's confirmation.
 */
type Svc = typeof import('../../functions/workbench/services/roster-import');

let membership: Deps;
let deps: ImportDeps;
let svc: Svc;
let tag: string;
let province: Org;
let city: Org;
let otherCity: Org;
let union: Org;
let union2: Org;
let outside: Org;
let official: string;
let admin: string;
let stranger: string;
let plainMember: string;
let inUnion: TestMember;
let renamed: TestMember;
let elsewhere: TestMember;
let phoneHolder: TestMember;

const org = orgOf;

async function account(label: string, roles: Parameters<Deps['accounts']['createIfAbsent']>[0]['roles']): Promise<string> {
  const openid = `${label}-${tag}`;
  await membership.accounts.createIfAbsent({ openid, roles }, new Date());
  return openid;
}

beforeAll(async () => {
  membership = await integrationDeps();
  svc = await import('../../functions/workbench/services/roster-import');
  const { importDeps } = await import('../../functions/workbench/services/deps');
  // The worker's runs are the test's own: no progress poll drives a job here.
  deps = { ...(await importDeps()), localDriveMs: null };
  tag = `imp${Date.now().toString(36)}${process.pid.toString(36)}`;
  province = org(`${tag}-p`, `导入省总${tag}`, null, 'province');
  city = org(`${tag}-c`, `导入市总${tag}`, province, 'city', '01');
  otherCity = org(`${tag}-c2`, `导入另一市总${tag}`, province, 'city', '02');
  union = org(`${tag}-g1`, `导入公交公司工会${tag}`, city, 'grassroots');
  union2 = org(`${tag}-g2`, `导入同名工会${tag}`, city, 'grassroots');
  outside = org(`${tag}-g3`, `导入酒店工会${tag}`, otherCity, 'grassroots');
  // A second union with union2's name (in the other city): the name alone is ambiguous.
  const twin = { ...org(`${tag}-g4`, union2.name, otherCity, 'grassroots') };
  for (const o of [province, city, otherCity, union, union2, outside, twin]) await membership.orgs.createIfAbsent(o);
  official = await account('official', [{ type: 'official', orgId: city.id }]);
  admin = await account('admin', [{ type: 'admin' }]);
  stranger = await account('other-official', [{ type: 'official', orgId: otherCity.id }]);
  plainMember = await account('plain', []);
  inUnion = await createMember(membership, union.id, { name: '符海燕' });
  renamed = await createMember(membership, union.id, { name: '王大力' });
  elsewhere = await createMember(membership, outside.id, { name: '陈家明' });
  phoneHolder = await createMember(membership, outside.id, { name: '李占号' });
}, 60_000);

// --- helpers -------------------------------------------------------------------------------------

const header = ['姓名', '身份证号', '手机号', '工会编号', '工会名称'];

async function fileOf(rows: string[][], format: ImportFormat, extraHeader: string[] = []): Promise<Uint8Array> {
  if (format === 'csv') return new TextEncoder().encode(`\uFEFF${Papa.unparse({ fields: [...header, ...extraHeader], data: rows })}`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会员名册');
  sheet.addRow([...header, ...extraHeader]);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const upload = (openid: string, bytes: Uint8Array, format: ImportFormat) => uploadImport(deps, openid, bytes, format);

const run = (id: string, options: Partial<Parameters<Svc['runImportJob']>[2]> = {}) =>
  svc.runImportJob(deps, id, { holder: `test-${Math.random()}`, deadline: Date.now() + 60_000, ...options });

async function importFile(openid: string, bytes: Uint8Array, format: ImportFormat, options: Partial<Parameters<Svc['runImportJob']>[2]> = {}) {
  const id = await upload(openid, bytes, format);
  await svc.startImport(deps, openid, id);
  expect(await run(id, options)).toBe('done');
  return (await svc.getImport(deps, openid, id)).job;
}

async function report(id: string): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  let after: number | null = null;
  do {
    const page = await deps.jobs.reportPage(id, after, 7);
    rows.push(...page.rows);
    after = page.last;
  } while (after !== null);
  return rows;
}

const problems = (rows: ReportRow[]) => rows.map((r) => [r.row, r.kind === 'refused' ? r.problem : `change:${r.status}`]);

function badCheck(id: string): string {
  const right = mod11CheckCharacter(id.slice(0, 17));
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

const memberIdsOf = (idNumber: string) => memberIdsOfHash(membership.idCrypto, idNumber);

// --- the tests -----------------------------------------------------------------------------------

/** A file with every kind of bad row, plus two good ones, one unchanged and one change. */
function badFile() {
  const fresh = [makeIdNumber('male'), makeIdNumber('female'), makeIdNumber('male'), makeIdNumber('female'), makeIdNumber('male')];
  const phones = [makePhone(), makePhone(), makePhone(), makePhone(), makePhone(), makePhone(), makePhone(), makePhone(), makePhone(), makePhone()];
  const good1 = { name: '张新来', id: fresh[0] as string, phone: phones[0] as string };
  const good2 = { name: '黎 新 二', id: fresh[1] as string, phone: phones[1] as string };
  const rows: string[][] = [
    /* 2 */ [good1.name, good1.id, good1.phone, union.id, ''],
    /* 3 */ ['', makeIdNumber(), phones[2] as string, union.id, ''],
    /* 4 */ ['格式错', '46010619900101', phones[3] as string, union.id, ''],
    /* 5 */ ['日期错', (() => { const b = '46010619900230001'; return b + mod11CheckCharacter(b); })(), phones[4] as string, union.id, ''],
    /* 6 */ ['校验错', badCheck(fresh[2] as string), phones[5] as string, union.id, ''],
    /* 7 */ ['号码错', fresh[3] as string, '1234567', union.id, ''],
    /* 8 */ ['无此会', makeIdNumber(), makePhone(), `${tag}-nowhere`, ''],
    /* 9 */ ['越权者', makeIdNumber(), phones[6] as string, outside.id, ''],
    /* 10 */ ['重复者', good1.id, makePhone(), union.id, ''],
    /* 11 */ ['占号者', makeIdNumber(), phoneHolder.phone, union.id, ''],
    /* 12 */ [elsewhere.name, elsewhere.idNumber, elsewhere.phone, union.id, ''],
    /* 13 */ [inUnion.name, inUnion.idNumber, inUnion.phone, union.id, ''],
    /* 14 */ ['王大利', renamed.idNumber, renamed.phone, '', union.name],
    /* 15 */ [good2.name, good2.id.toLowerCase(), `+86 ${good2.phone}`, '', union.name],
    /* 16 */ ['同号者', fresh[4] as string, good2.phone, union.id, ''],
    /* 17 */ ['同名会', makeIdNumber(), phones[7] as string, '', union2.name],
    /* 18 */ ['', '', '', '', ''],
    /* 19 */ ['无工会', makeIdNumber(), phones[8] as string, '', ''],
  ];
  const refusedPhones = [phones[2], phones[3], phones[4], phones[5], phones[6], phones[7], phones[8]] as string[];
  const refusedIds = rows.filter((_, i) => ![0, 9, 10, 11, 12, 13].includes(i)).map((r) => r[1] as string);
  return { rows, good1, good2, refusedPhones, refusedIds };
}

const expectedProblems = [
  [3, 'NAME_MISSING'],
  [4, 'ID_FORMAT'],
  [5, 'ID_BIRTH_DATE'],
  [6, 'ID_CHECK_CHARACTER'],
  [7, 'PHONE_INVALID'],
  [8, 'UNION_UNKNOWN'],
  [9, 'UNION_OUTSIDE_SCOPE'],
  [10, 'DUPLICATE_ID_IN_FILE'],
  // A phone held, and a member, outside the official's subtree: the one neutral answer (finding 1).
  [11, 'ROSTER_CONFLICT'],
  [12, 'ROSTER_CONFLICT'],
  [14, 'change:pending'],
  [16, 'DUPLICATE_PHONE_IN_FILE'],
  [17, 'UNION_AMBIGUOUS'],
  [19, 'UNION_MISSING'],
];

describe.each(['csv', 'xlsx'] as const)('a %s file with every kind of bad row', (format) => {
  it('writes the valid rows, reports every other one exactly, and leaves no trace of a refused row', async () => {
    const file = badFile();
    const job = await importFile(official, await fileOf(file.rows, format, ['备注']), format, { chunkRows: 4, parallel: 2 });
    expect(job.status).toBe('done');
    expect(job.counts).toEqual({ read: 17, written: 2, refused: 13, changed: 1, unchanged: 1 });
    expect(job.cursor).toBe(19);
    expect(job.ignoredColumns).toEqual(['备注']);
    const lines = await report(job.id);
    expect(problems(lines)).toEqual(expectedProblems);
    const duplicate = lines.find((l) => l.row === 10);
    expect(duplicate).toMatchObject({ kind: 'refused', firstRow: 2 });
    expect(lines.find((l) => l.row === 14)).toMatchObject({ kind: 'change', from: { name: '王大力', phone: renamed.phone }, to: { name: '王大利', phone: renamed.phone } });
    // No ID number in clear in the report.
    for (const line of lines) expect(line.idMasked).not.toMatch(/\d{6}/);

    // The two valid rows: one member each, with its union, name, phone and both guards.
    for (const good of [file.good1, file.good2]) {
      const ids = await memberIdsOf(good.id);
      expect(ids).toHaveLength(1);
      const member = await membership.roster.get(ids[0] as string);
      expect(member).toMatchObject({ name: good.name.replace(/\s+/g, ' '), phone: good.phone, orgId: union.id, openid: null });
      expect(await membership.roster.phoneOwner(good.phone)).toBe(ids[0]);
    }
    // Refused rows: no member, no phone guard.
    for (const id of file.refusedIds.filter((i) => /^\d{17}[\dXx]$/.test(i))) {
      if (id === file.good1.id || id === elsewhere.idNumber) continue;
      expect(await memberIdsOf(id.toUpperCase())).toEqual([]);
    }
    for (const phone of file.refusedPhones) expect(await membership.roster.phoneOwner(phone)).toBeNull();
    // The change is not applied before confirmation; the other member is untouched.
    expect(await membership.roster.get(renamed.id)).toMatchObject({ name: '王大力' });
    expect(await membership.roster.get(elsewhere.id)).toMatchObject({ orgId: outside.id });

    // The downloadable report: UTF-8 CSV with a BOM, one line per report row.
    const link = await svc.reportLink(deps, official, job.id);
    expect(link.fileName).toMatch(/\.csv$/);
    const csv = await (await fetch(link.url)).text();
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['行号', '姓名', '身份证号', '手机号', '结果', '原因代码', '说明']);
    expect(parsed.slice(1).map((r) => [Number(r[0]), r[5]])).toEqual(
      expectedProblems.map(([row, p]) => [row, String(p).startsWith('change') ? 'CHANGE_PENDING' : p]),
    );
    expect(parsed.find((r) => r[0] === '10')?.[6]).toContain('第 2 行');
    expect(parsed.find((r) => r[0] === '12')?.[6]).toContain('会员关系转接');
  });
});

describe('re-import and confirmation', () => {
  it('re-importing the same file changes nothing; a change applies only when confirmed, once', async () => {
    const a = { name: '新会员甲', id: makeIdNumber(), phone: makePhone() };
    const b = { name: '新会员乙', id: makeIdNumber('female'), phone: makePhone() };
    const changedPhone = makePhone();
    const subject = await createMember(membership, union.id, { name: '改号码' });
    const rows = [
      [a.name, a.id, a.phone, union.id, ''],
      [b.name, b.id, b.phone, union.id, ''],
      [subject.name, subject.idNumber, changedPhone, union.id, ''],
    ];
    const bytes = await fileOf(rows, 'csv');
    const first = await importFile(official, bytes, 'csv');
    expect(first.counts).toEqual({ read: 3, written: 2, refused: 0, changed: 1, unchanged: 0 });
    const snapshot = async () => Promise.all([a.id, b.id].map(async (id) => membership.roster.get((await memberIdsOf(id))[0] as string)));
    const before = await snapshot();

    const second = await importFile(official, bytes, 'csv');
    expect(second.counts).toEqual({ read: 3, written: 0, refused: 0, changed: 1, unchanged: 2 });
    expect(await snapshot()).toEqual(before);
    expect((await memberIdsOf(a.id)).length).toBe(1);
    expect(await membership.roster.get(subject.id)).toMatchObject({ phone: subject.phone });

    // Confirmation: the change of the first job applies (member, both phone guards), once.
    const confirmed = await svc.confirmChanges(deps, official, first.id);
    expect(confirmed).toMatchObject({ applied: 1, stale: 0, remaining: 0 });
    expect(confirmed.job.changesApplied).toBe(1);
    expect(await membership.roster.get(subject.id)).toMatchObject({ phone: changedPhone, name: subject.name });
    expect(await membership.roster.phoneOwner(changedPhone)).toBe(subject.id);
    expect(await membership.roster.phoneOwner(subject.phone)).toBeNull();
    expect(problems(await report(first.id))).toEqual([[4, 'change:applied']]);
    expect(await svc.confirmChanges(deps, official, first.id)).toMatchObject({ applied: 0, stale: 0, remaining: 0 });
    // The second job's identical change no longer applies: the member changed since it was read.
    expect(await svc.confirmChanges(deps, official, second.id)).toMatchObject({ applied: 0, stale: 1 });
    expect(problems(await report(second.id))).toEqual([[4, 'change:stale']]);

    // A third import of the same file: nothing at all to do now.
    const third = await importFile(official, bytes, 'csv');
    expect(third.counts).toEqual({ read: 3, written: 0, refused: 0, changed: 0, unchanged: 3 });

    // Start and the confirmed change are in the audit trail, IDs and phones masked.
    const { auditStore } = await import('../../functions/audit/data/audit-store');
    const trail = await auditStore.list({ scope: { kind: 'subtree', orgPath: city.path }, actor: official, actionPrefix: 'roster.import', limit: 50 });
    const targets = trail.entries.map((e) => e.target.id);
    expect(targets).toContain(first.id);
    expect(targets).toContain(subject.id);
    expect(JSON.stringify(trail.entries)).not.toContain(changedPhone);
  });
});

describe('an interrupted job', () => {
  const manyRows = (n: number) => Array.from({ length: n }, (_, i) => [`续传${String.fromCharCode(0x4e00 + i)}`, makeIdNumber(i % 2 ? 'male' : 'female'), makePhone(), union.id, '']);

  it('stopped after 2 chunks, resumes from its cursor and writes every row once', async () => {
    const rows = manyRows(57);
    const id = await upload(official, await fileOf(rows, 'csv'), 'csv');
    await svc.startImport(deps, official, id);
    expect(await run(id, { chunkRows: 10, parallel: 1, stopAfterChunks: 2 })).toBe('paused');
    const paused = (await svc.getImport(deps, official, id)).job;
    expect(paused).toMatchObject({ status: 'running', cursor: 21, counts: { read: 20, written: 20 } });
    // A later run asking for another chunk size keeps the job's (its chunks are counted by index).
    expect(await run(id, { chunkRows: 7, parallel: 3 })).toBe('done');
    const done = (await svc.getImport(deps, official, id)).job;
    expect(done.counts).toEqual({ read: 57, written: 57, refused: 0, changed: 0, unchanged: 0 });
    for (const row of rows) expect(await memberIdsOf(row[1] as string)).toHaveLength(1);
  });

  it('failing between its writes and its commit, runs again without duplicates and counts exactly', async () => {
    const rows = manyRows(45);
    const id = await upload(official, await fileOf(rows, 'xlsx'), 'xlsx');
    await svc.startImport(deps, official, id);
    let commits = 0;
    const flaky: ImportDeps = {
      ...deps,
      jobs: {
        ...deps.jobs,
        commitChunk: async (...args) => {
          commits += 1;
          if (commits === 3) throw new Error('the Lambda died here');
          return deps.jobs.commitChunk(...args);
        },
      },
    };
    await expect(svc.runImportJob(flaky, id, { holder: 'first', deadline: Date.now() + 60_000, chunkRows: 10, parallel: 2 })).rejects.toThrow('died');
    const cut = (await svc.getImport(deps, official, id)).job;
    expect(cut.status).toBe('running');
    expect(cut.counts.written).toBeLessThan(45);
    expect(await run(id, { chunkRows: 10, parallel: 2 })).toBe('done');
    const done = (await svc.getImport(deps, official, id)).job;
    expect(done.counts).toEqual({ read: 45, written: 45, refused: 0, changed: 0, unchanged: 0 });
    for (const row of rows) expect(await memberIdsOf(row[1] as string)).toHaveLength(1);
  });

  it('is run by one worker at a time (a second one finds it leased)', async () => {
    const id = await upload(official, await fileOf(manyRows(30), 'csv'), 'csv');
    await svc.startImport(deps, official, id);
    const [one, two] = await Promise.all([run(id, { chunkRows: 5 }), run(id, { chunkRows: 5 })]);
    expect([one, two].sort()).toEqual(['busy', 'done']);
    expect((await svc.getImport(deps, official, id)).job.counts.written).toBe(30);
  });
});

describe('who may import', () => {
  it('refuses members, keeps jobs to their owner (and admins), and an official outside the subtree imports nothing there', async () => {
    expect((await refusalOf(svc.createImport(deps, plainMember, { fileName: 'a.csv', format: 'csv' }))).code).toBe('FORBIDDEN');
    const row = ['越界者', makeIdNumber(), makePhone(), union.id, ''];
    const job = await importFile(stranger, await fileOf([row], 'csv'), 'csv');
    expect(job.counts).toEqual({ read: 1, written: 0, refused: 1, changed: 0, unchanged: 0 });
    expect(problems(await report(job.id))).toEqual([[2, 'UNION_OUTSIDE_SCOPE']]);
    expect(await memberIdsOf(row[1] as string)).toEqual([]);
    expect((await refusalOf(svc.getImport(deps, official, job.id))).code).toBe('NOT_FOUND');
    expect((await refusalOf(svc.confirmChanges(deps, official, job.id))).code).toBe('NOT_FOUND');
    expect((await svc.getImport(deps, admin, job.id)).job.id).toBe(job.id);
    // An admin imports anywhere.
    const adminJob = await importFile(admin, await fileOf([row], 'csv'), 'csv');
    expect(adminJob.counts.written).toBe(1);
  });

  it('refuses to start without the file, and fails a file without the template header', async () => {
    const { job } = await svc.createImport(deps, official, { fileName: 'none.csv', format: 'csv' });
    expect((await refusalOf(svc.startImport(deps, official, job.id))).code).toBe('IMPORT_FILE_MISSING');
    const id = await upload(official, new TextEncoder().encode('name,id\n张三,1\n'), 'csv');
    await svc.startImport(deps, official, id);
    expect(await run(id)).toBe('failed');
    const failed = (await svc.getImport(deps, official, id)).job;
    expect(failed.status).toBe('failed');
    expect(failed.failure).toContain('缺少列');
  });

  it('reads a GBK-encoded CSV as Excel in China saves it', async () => {
    const name = '吴国强';
    const idNumber = makeIdNumber();
    const phone = makePhone();
    // The header and 吴国强 in GBK (as bytes: Node encodes UTF-8 only), the rest ASCII.
    const gbkHeader = [0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x2c, 0xb9, 0xa4, 0xbb, 0xe1, 0xb1, 0xe0, 0xba, 0xc5];
    const gbkName = [0xce, 0xe2, 0xb9, 0xfa, 0xc7, 0xbf];
    const bytes = Buffer.concat([Buffer.from(gbkHeader), Buffer.from('\r\n'), Buffer.from(gbkName), Buffer.from(`,${idNumber},${phone},${union.id}\r\n`)]);
    expect(new TextDecoder('gb18030').decode(bytes).split('\r\n')[0]).toBe('姓名,身份证号,手机号,工会编号');
    const job = await importFile(official, new Uint8Array(bytes), 'csv');
    expect(job.counts.written).toBe(1);
    const ids = await memberIdsOf(idNumber);
    expect((await membership.roster.get(ids[0] as string))?.name).toBe(name);
  });
});

describe('the template', () => {
  it.each(['csv', 'xlsx'] as const)('is a %s file with the template header that the reader accepts', async (format) => {
    const link = await svc.templateLink(deps, official, format);
    expect(link.fileName).toBe(`会员名册导入模板.${format}`);
    const bytes = new Uint8Array(await (await fetch(link.url)).arrayBuffer());
    const { openRosterFile } = await import('../../functions/workbench/services/roster-file');
    const { Readable } = await import('node:stream');
    const file = await openRosterFile(Readable.from([Buffer.from(bytes)]), format);
    const rows = [];
    for await (const row of file.rows) rows.push(row);
    expect(file.ignoredColumns).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ row: 2, idNumber: '460106199001010017', phone: '13800138000' });
  });
});
