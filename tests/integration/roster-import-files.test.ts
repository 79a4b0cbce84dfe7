import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/membership/services/ports';
import type { Org } from '../../functions/membership/domain/types';
import type { ImportDeps } from '../../functions/workbench/services/ports';
import type { ImportFormat } from '../../functions/workbench/contracts/roster-import';
import { IMPORT_ATTEMPTS_FAILURE, IMPORT_MAX_ATTEMPTS } from '../../functions/workbench/services/import-attempts';
import { CSV_ENCODING_REFUSALS } from '../../functions/workbench/services/csv-encoding';
import { XLSX_LIMITS, XLSX_REFUSALS } from '../../functions/workbench/services/xlsx-guard';
import { integrationDeps } from './context';
import { makeIdNumber, makePhone } from '../support/ids';
import { gbk } from '../support/gbk';
import { memberIdsOf as memberIdsOfHash, orgOf, uploadImport } from '../support/roster-import';
import { bomb, workbookParts, zipOf } from '../support/zip';

/**
 * The roster import's files, replayed against DynamoDB Local and s3rver through the worker (issue 13,
 * finding 2): the downloaded report neutralises formulas and gives every row its real number (never
 * "第 0 行"); a zip bomb fails its job without being inflated while the next job runs; a job whose
 * runs keep dying is tried IMPORT_MAX_ATTEMPTS times, then failed with a Chinese reason, and the
 * queue goes on; a CSV's encoding is decided for the whole file.
 */
type Svc = typeof import('../../functions/workbench/services/roster-import');

let membership: Deps;
let deps: ImportDeps;
let svc: Svc;
let tag: string;
let union: Org;
let official: string;

beforeAll(async () => {
  membership = await integrationDeps();
  svc = await import('../../functions/workbench/services/roster-import');
  const { importDeps } = await import('../../functions/workbench/services/deps');
  deps = { ...(await importDeps()), localDriveMs: null };
  tag = `fil${Date.now().toString(36)}${process.pid.toString(36)}`;
  const province = orgOf(`${tag}-p`, `文件省总${tag}`, null, 'province');
  const city = orgOf(`${tag}-c`, `文件市总${tag}`, province, 'city', '01');
  union = orgOf(`${tag}-g1`, `文件公交工会${tag}`, city, 'grassroots');
  for (const o of [province, city, union]) await membership.orgs.createIfAbsent(o);
  official = `official-${tag}`;
  await membership.accounts.createIfAbsent({ openid: official, roles: [{ type: 'official', orgId: city.id }] }, new Date());
}, 60_000);

// --- helpers -------------------------------------------------------------------------------------

const HEADER = ['姓名', '身份证号', '手机号', '工会编号', '工会名称'];

/** A UTF-8 CSV of the template's columns (no cell here needs quoting). */
const csvOf = (rows: string[][]) => new TextEncoder().encode(`${[HEADER, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`);

async function queued(bytes: Uint8Array, format: ImportFormat): Promise<string> {
  const id = await uploadImport(deps, official, bytes, format);
  await svc.startImport(deps, official, id);
  return id;
}

const run = (id: string, d: ImportDeps = deps, options: Partial<Parameters<Svc['runImportJob']>[2]> = {}) =>
  svc.runImportJob(d, id, { holder: `test-${Math.random()}`, deadline: Date.now() + 60_000, ...options });

/** The scheduled worker over these jobs only (other test files' jobs share the table). */
function workerOver(ids: string[], d: ImportDeps = deps) {
  const only: ImportDeps = { ...d, jobs: { ...d.jobs, listActive: async () => (await d.jobs.listActive()).filter((id) => ids.includes(id)) } };
  return svc.runImportWorker(only, { holder: `worker-${Math.random()}`, deadline: Date.now() + 60_000 });
}

/** The report as the official downloads it: the CSV the report endpoint writes, parsed. */
async function downloadedReport(id: string): Promise<string[][]> {
  let body = '';
  const capture: ImportDeps = { ...deps, files: { ...deps.files, put: async (key, content, type) => ((body = String(content)), deps.files.put(key, content, type)) } };
  await svc.reportLink(capture, official, id);
  return Papa.parse<string[]>(body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

const memberIdsOf = (idNumber: string) => memberIdsOfHash(membership.idCrypto, idNumber);

// --- formulas and row numbers --------------------------------------------------------------------

describe('the downloaded report', () => {
  const attackRows = () => {
    const first = makeIdNumber();
    return {
      first,
      rows: [
        /* 2 */ ['林新来', first, makePhone(), union.id, ''],
        /* 3 */ ['=HYPERLINK("http://x","y")', makeIdNumber(), makePhone(), union.id, ''],
        /* 4 */ ['=1+2', makeIdNumber(), '=1+2', union.id, ''],
        /* 5 */ ['', '', '', '', ''],
        /* 6 */ ['重复者', first, makePhone(), union.id, ''],
        /* 7 */ ['@SUM(A1)\n换行', makeIdNumber(), makePhone(), union.id, ''],
        /* 8 */ ['号码错', makeIdNumber(), '+1-2', union.id, ''],
      ],
    };
  };
  const expected = [
    ['行号', '姓名'],
    ['3', `'=HYPERLINK("http://x","y")`],
    ['4', `'=1+2`],
    ['6', '重复者'],
    ['7', `'@SUM(A1)\n换行`],
    ['8', '号码错'],
  ];

  it.each(['csv', 'xlsx'] as const)('%s: formulas come back as text, every row with its own number, never "第 0 行"', async (format) => {
    const { rows } = attackRows();
    let bytes: Uint8Array;
    if (format === 'csv') bytes = new TextEncoder().encode(`\uFEFF${Papa.unparse({ fields: HEADER, data: rows })}\r\n`);
    else {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('名册');
      sheet.addRow(HEADER);
      for (const row of rows) sheet.addRow(row);
      bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    }
    const id = await queued(bytes, format);
    expect(await run(id)).toBe('done');
    const report = await downloadedReport(id);
    expect(report.map((line) => line.slice(0, 2))).toEqual(expected);
    expect(report[2]?.[3]).toBe(`'=1+2`); // the phone cell too
    expect(report[5]?.[3]).toBe(`'+1-2`);
    // No cell of the file starts as a formula would; only the duplicate names a row, the first one.
    for (const line of report) for (const cell of line) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(report.map((line) => line[6]).filter((m) => m?.includes('行）'))).toEqual([expect.stringMatching(/（第 2 行）$/)]);
    expect(report.flat().join()).not.toContain('第 0 行');
  });
});

// --- zip bombs -------------------------------------------------------------------------------------

describe('a zip bomb', () => {
  it('fails its job with a reason, inflating nothing, and the next job in the queue runs', async () => {
    // 2.3 MB that inflates to 1.5 GB (the review's: 3.3 MB to 1.5 GB, the worker out of memory every minute).
    const zip = zipOf(workbookParts(bomb('xl/worksheets/sheet1.xml', '<worksheet><sheetData>', '<row/>', 1536, '</sheetData></worksheet>')));
    const bombJob = await queued(new Uint8Array(zip), 'xlsx');
    const row = ['炸弹后', makeIdNumber(), makePhone(), union.id, ''];
    const next = await queued(csvOf([row]), 'csv');
    const heapBefore = process.memoryUsage().heapUsed;
    expect(await workerOver([bombJob, next])).toEqual({ [bombJob]: 'failed', [next]: 'done' });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    const failed = (await svc.getImport(deps, official, bombJob)).job;
    expect(failed).toMatchObject({ status: 'failed', failure: XLSX_REFUSALS.inflated(XLSX_LIMITS.maxInflatedBytes), counts: { read: 0 } });
    expect(await memberIdsOf(row[1] as string)).toHaveLength(1);
  });
});

// --- bounded attempts ------------------------------------------------------------------------------

describe('a job whose runs keep dying', () => {
  it(`is tried ${IMPORT_MAX_ATTEMPTS} times, then failed with a reason the official reads, while the queue goes on`, async () => {
    const rowOf = () => ['常规者', makeIdNumber(), makePhone(), union.id, ''];
    const poisoned = rowOf();
    const poison = await queued(csvOf([poisoned]), 'csv');
    const poisonKey = (await deps.jobs.get(poison))?.objectKey;
    let opened = 0;
    // Each run of the poisoned job dies while reading it (as out of memory, or a time-out, would).
    const dying: ImportDeps = {
      ...deps,
      files: {
        ...deps.files,
        open: async (key) => {
          if (key !== poisonKey) return deps.files.open(key);
          opened += 1;
          throw new Error('JavaScript heap out of memory');
        },
      },
    };
    // Attempt 1: a run that died outright — leased, never given back; its lease has run out.
    expect(await deps.jobs.lease(poison, 'killed-run', new Date(Date.now() - 1_000), new Date(), 200)).toMatchObject({ attempts: 1 });
    const others: string[] = [];
    for (let n = 2; n <= IMPORT_MAX_ATTEMPTS; n += 1) {
      const other = rowOf();
      const id = await queued(csvOf([other]), 'csv');
      others.push(other[1] as string);
      // Attempts 2…: the worker's run of the poisoned job throws; the other job still runs.
      const results = await workerOver([poison, id], dying);
      expect(results).toEqual({ [id]: 'done' });
      expect((await deps.jobs.get(poison))?.status).toBe('running');
    }
    expect(opened).toBe(IMPORT_MAX_ATTEMPTS - 1);
    // The next run gives up on it without opening the file again.
    expect(await workerOver([poison], dying)).toEqual({ [poison]: 'failed' });
    expect(opened).toBe(IMPORT_MAX_ATTEMPTS - 1);
    const job = (await svc.getImport(deps, official, poison)).job;
    expect(job).toMatchObject({ status: 'failed', failure: IMPORT_ATTEMPTS_FAILURE });
    expect(job.failure).toMatch(/^文件无法处理：/);
    expect(await memberIdsOf(poisoned[1] as string)).toEqual([]);
    for (const id of others) expect(await memberIdsOf(id)).toHaveLength(1);
    expect(await workerOver([poison])).toEqual({});
  });

  it('is not failed for runs that pause cleanly or make progress between failures', async () => {
    const rows = Array.from({ length: 6 }, () => ['续传者', makeIdNumber(), makePhone(), union.id, '']);
    const id = await queued(csvOf(rows), 'csv');
    // Runs that get no time at all (a worker reaching the job at its deadline) do not count…
    for (let n = 0; n <= IMPORT_MAX_ATTEMPTS + 1; n += 1) expect(await run(id, deps, { stopAfterChunks: 0, chunkRows: 1 })).toBe('paused');
    // …nor do runs that fail after committing a chunk.
    let commits = 0;
    const failingAfterOne: ImportDeps = {
      ...deps,
      jobs: {
        ...deps.jobs,
        commitChunk: async (...args) => {
          commits += 1;
          if (commits % 2 === 0) throw new Error('the Lambda died here');
          return deps.jobs.commitChunk(...args);
        },
      },
    };
    for (let n = 0; n < IMPORT_MAX_ATTEMPTS; n += 1) await expect(run(id, failingAfterOne, { chunkRows: 1, parallel: 1 })).rejects.toThrow('died');
    expect(await run(id)).toBe('done');
    expect((await deps.jobs.get(id))?.counts).toMatchObject({ read: 6, written: 6 });
  });
});

// --- encodings -------------------------------------------------------------------------------------

describe('the encoding of a whole CSV file', () => {
  it('a GBK file whose first 64 KB are ASCII: the names after them are read right, on their own rows', async () => {
    const rows = [
      ['吴国强', makeIdNumber(), makePhone()],
      ['符海燕', makeIdNumber('female'), makePhone()],
    ];
    const blank = ',,,,\r\n'.repeat(12_000); // 72 KB before the header
    const bytes = Buffer.concat([Buffer.from(blank), gbk(`${HEADER.join(',')}\r\n${rows.map((r) => `${r.join(',')},${union.id},`).join('\r\n')}\r\n`)]);
    const id = await queued(new Uint8Array(bytes), 'csv');
    expect(await run(id)).toBe('done');
    expect((await deps.jobs.get(id))?.cursor).toBe(12_003);
    for (const [name, idNumber] of rows) {
      const [memberId] = await memberIdsOf(idNumber as string);
      expect((await membership.roster.get(memberId as string))?.name).toBe(name);
    }
  });

  it('a UTF-8 file with GBK rows after its first 64 KB: refused whole, naming the lines, nothing written', async () => {
    const early = Array.from({ length: 1_500 }, () => ['早期行', makeIdNumber(), makePhone(), union.id, '']);
    const late = ['吴国强', makeIdNumber(), makePhone()];
    const bytes = Buffer.concat([
      Buffer.from(`\uFEFF${HEADER.join(',')}\r\n${early.map((r) => r.join(',')).join('\r\n')}\r\n`),
      gbk(`${late.join(',')},${union.id},\r\n`),
    ]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const id = await queued(new Uint8Array(bytes), 'csv');
    expect(await run(id)).toBe('failed');
    expect((await deps.jobs.get(id))?.failure).toBe(CSV_ENCODING_REFUSALS.mixed(1, 1_502));
    for (const idNumber of [early[0]?.[1], early[1_499]?.[1], late[1]]) expect(await memberIdsOf(idNumber as string)).toEqual([]);
  });
});
