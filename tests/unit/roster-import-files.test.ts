import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../functions/workbench/domain/roster-row';
import { CSV_ENCODING_REFUSALS, csvEncodingOf } from '../../functions/workbench/services/csv-encoding';
import { csvLine, reportLine } from '../../functions/workbench/services/report';
import { openRosterFile, RosterFileError } from '../../functions/workbench/services/roster-file';
import { XLSX_LIMITS, XLSX_REFUSALS, xlsxRefusal } from '../../functions/workbench/services/xlsx-guard';
import { gbk } from '../support/gbk';
import { bomb, entry, inlineCell, inlineRow, sheetXml, workbookParts, zipOf } from '../support/zip';

/**
 * The roster import's files as an attacker sends them (issue 13, finding 2): formulas copied into
 * the downloadable report, XLSX zip bombs, CSV files whose encoding changes after the first 64 KB,
 * and the row numbers the report gives.
 */

const HEADER = '姓名,身份证号,手机号,工会编号,工会名称';

async function read(bytes: Uint8Array | string, format: 'csv' | 'xlsx') {
  const file = await openRosterFile(Readable.from([Buffer.from(bytes)]), format);
  const rows: RawRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return rows;
}

const refusalOf = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RosterFileError);
  return (err as Error).message;
};

describe('the report neutralises formulas', () => {
  const attacks = ['=HYPERLINK("http://x","y")', '=1+2', '+1+2', '-1+2', '@SUM(A1)', '\t=1+2', '\r=1+2', '=1+2\n换行'];

  it.each(attacks)('writes %j as text, with a leading apostrophe', (cell) => {
    const line = reportLine({ row: 3, kind: 'refused', problem: 'NAME_INVALID', firstRow: null, name: cell, idMasked: cell, phone: cell });
    const [parsed] = Papa.parse<string[]>(line).data;
    // Name, ID number and phone come back as the attacker's text behind an apostrophe, never as a formula.
    expect(parsed?.slice(1, 4)).toEqual([`'${cell}`, `'${cell}`, `'${cell}`]);
    expect(line).not.toMatch(/(^|,)[=+\-@\t\r]/);
  });

  it('leaves ordinary cells as they were, quoting what needs it', () => {
    expect(csvLine([12, '张,三', '46**************17', '13800138000', '未导入'])).toBe('12,"张,三",46**************17,13800138000,未导入');
    expect(csvLine(['a"b', '第一行\n第二行'])).toBe('"a""b","第一行\n第二行"');
  });
});

describe('the XLSX guard', () => {
  const legit = async (rows: number) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(HEADER.split(','));
    for (let i = 0; i < rows; i += 1) sheet.addRow([`会员${i}`, `46010619900101${String(i).padStart(4, '0')}`, `138${String(i).padStart(8, '0')}`, 'g-bus', '']);
    return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  };

  it('lets a workbook written by exceljs through', async () => {
    expect(await xlsxRefusal(await legit(500))).toBeNull();
  });

  it.each([false, true])('lets a hand-built workbook through (sizes after the data: %s), which the reader then reads', async (descriptors) => {
    const parts = workbookParts(entry('xl/worksheets/sheet1.xml', sheetXml(inlineRow(1, HEADER.split(',')) + inlineRow(2, ['林小海', '460106199001010027', '13800138000', 'g-bus', '']))));
    const zip = zipOf(parts, [], descriptors);
    expect(await xlsxRefusal(zip)).toBeNull();
    expect((await read(zip, 'xlsx')).map((r) => [r.row, r.name])).toEqual([[2, '林小海']]);
  });

  it('is read without a temporary file, which stopping at the first sheet left behind in /tmp', async () => {
    // exceljs (like Excel) writes the sheet before the shared strings: the reader used to copy it to /tmp.
    const mine = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = mine();
    const file = await openRosterFile(Readable.from([await legit(300)]), 'xlsx');
    const rows: RawRow[] = [];
    for await (const row of file.rows) if (rows.push(row) === 10) break;
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect((await read(await legit(300), 'xlsx')).map((r) => r.name).slice(-1)).toEqual(['会员299']);
    expect(mine()).toEqual(before);
  });

  it('refuses a zip of more entries than a workbook has', async () => {
    const many = Array.from({ length: XLSX_LIMITS.maxEntries }, (_, i) => entry(`xl/media/${i}.xml`, 'x'));
    const parts = workbookParts(entry('xl/worksheets/sheet1.xml', sheetXml('')));
    expect(await xlsxRefusal(zipOf([...parts, ...many.slice(parts.length)]))).toBeNull();
    expect(await xlsxRefusal(zipOf([...parts, ...many]))).toBe(XLSX_REFUSALS.unreadable);
  });

  it('refuses a bomb that declares its size (2.3 MB zipped, 1.5 GB inflated) without inflating it', async () => {
    const sheet = bomb('xl/worksheets/sheet1.xml', sheetXml('').replace('</sheetData></worksheet>', ''), '<row/>', 1536, '</sheetData></worksheet>');
    const zip = zipOf(workbookParts(sheet));
    expect(zip.length).toBeLessThan(3 * 1024 * 1024);
    expect(sheet.size).toBeGreaterThan(1.5e9);
    const started = performance.now();
    expect(await xlsxRefusal(zip)).toBe(XLSX_REFUSALS.inflated(XLSX_LIMITS.maxInflatedBytes));
    expect(performance.now() - started).toBeLessThan(1_000); // decided from the directory: nothing inflated
    expect(await refusalOf(read(zip, 'xlsx'))).toContain('解压后超过 256 MB');
  });

  it('refuses a bomb whose directory lies about its size, once it inflates past the lie', async () => {
    const sheet = bomb('xl/worksheets/sheet1.xml', '<worksheet><sheetData>', '<row/>', 600, '</sheetData></worksheet>');
    const zip = zipOf(workbookParts({ ...sheet, size: 1024 * 1024 }));
    expect(await xlsxRefusal(zip)).toBe(XLSX_REFUSALS.inflated(XLSX_LIMITS.maxInflatedBytes));
  });

  it('refuses more shared strings than a full file has, and shared strings past their size', async () => {
    const count = XLSX_LIMITS.maxSharedStrings + 10_000;
    // `<si/>` × count, inflated ≈ 12.5 MB: under the size cap, over the count.
    const strings = { ...entry('xl/sharedStrings.xml', `<sst xmlns="x">${'<si/>'.repeat(count)}</sst>`) };
    const zip = zipOf(workbookParts(entry('xl/worksheets/sheet1.xml', sheetXml('')), strings));
    expect(await xlsxRefusal(zip)).toBe(XLSX_REFUSALS.sharedStrings(XLSX_LIMITS.maxSharedStrings));
    expect(await xlsxRefusal(zip, { ...XLSX_LIMITS, maxSharedStrings: count })).toBeNull();
    // The same file under a cap of 1 MB on the shared strings' size: refused from the directory.
    expect(await xlsxRefusal(zip, { ...XLSX_LIMITS, maxSharedStringsBytes: 1024 * 1024 })).toBe(XLSX_REFUSALS.sharedStrings(XLSX_LIMITS.maxSharedStrings));
  });

  it('counts shared strings cut across the inflater’s chunks, and with attributes', async () => {
    const body = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? `<si><t>${i}</t></si>` : i % 3 === 1 ? '<si>\n<t>x</t></si>' : '<si/>')).join('');
    const zip = zipOf(workbookParts(entry('xl/worksheets/sheet1.xml', sheetXml('')), entry('xl/sharedStrings.xml', `<sst>${body}<sis/></sst>`)));
    expect(await xlsxRefusal(zip, { ...XLSX_LIMITS, maxSharedStrings: 50_000 })).toBeNull();
    expect(await xlsxRefusal(zip, { ...XLSX_LIMITS, maxSharedStrings: 49_999 })).not.toBeNull();
  });

  it('refuses a zip whose entries are not what its directory says', async () => {
    const parts = workbookParts(entry('xl/worksheets/sheet1.xml', sheetXml('')));
    const zip = zipOf(parts);
    expect(await xlsxRefusal(Buffer.from('not a zip'))).toBe(XLSX_REFUSALS.unreadable);
    // An entry hidden from the directory (the streaming reader would still inflate it).
    expect(await xlsxRefusal(zipOf([entry('xl/hidden.xml', 'x'.repeat(1000)), ...parts], ['xl/hidden.xml']))).toBe(XLSX_REFUSALS.unreadable);
    // Two entries of one name, and a local header naming another file.
    expect(await xlsxRefusal(zipOf([...parts, entry('xl/workbook.xml', '<workbook/>')]))).toBe(XLSX_REFUSALS.unreadable);
    const renamed = Buffer.from(zip);
    renamed.write('X', 30, 'latin1');
    expect(await xlsxRefusal(renamed)).toBe(XLSX_REFUSALS.unreadable);
  });
});

describe('the encoding of a whole CSV file', () => {
  const gbkRow = (name: string, id: string, phone: string) => gbk(`${name},${id},${phone},g-bus,\r\n`);

  it('decides UTF-8 or GBK from every byte, and refuses a file that is neither or both', () => {
    expect(csvEncodingOf(Buffer.from(`\uFEFF${HEADER}\r\n林小海,1,2,g,\r\n`))).toEqual({ encoding: 'utf-8' });
    expect(csvEncodingOf(gbk(`${HEADER}\r\n林小海,1,2,g,\r\n`))).toEqual({ encoding: 'gb18030' });
    expect(csvEncodingOf(Buffer.from([0x41, 0xff, 0x0a]))).toEqual({ refusal: CSV_ENCODING_REFUSALS.neither });
    const mixed = Buffer.concat([Buffer.from(`\uFEFF${HEADER}\r\nabc,1,2,g,\r\n`), gbkRow('吴国强', '1', '2')]);
    expect(csvEncodingOf(mixed)).toEqual({ refusal: CSV_ENCODING_REFUSALS.mixed(1, 3) });
  });

  it('reads GBK names after 64 KB of ASCII (today they came out as mojibake), with their row numbers', async () => {
    const blank = ',,,,\r\n'.repeat(12_000); // 72 KB of ASCII before the header
    const bytes = Buffer.concat([Buffer.from(blank), gbk(`${HEADER}\r\n`), gbkRow('吴国强', '460106199001010027', '13800138000'), gbkRow('符海燕', '46010619900101001X', '13900139000')]);
    expect(bytes.subarray(0, 64 * 1024).every((b) => b < 0x80)).toBe(true);
    const rows = await read(bytes, 'csv');
    expect(rows.map((r) => [r.row, r.name])).toEqual([
      [12_002, '吴国强'],
      [12_003, '符海燕'],
    ]);
  });

  it('refuses a UTF-8 file with GBK rows after its first 64 KB, naming the lines', async () => {
    const ascii = Array.from({ length: 3_000 }, (_, i) => `Ali${i},460106199001010027,138${String(i).padStart(8, '0')},g-bus,\r\n`).join('');
    const bytes = Buffer.concat([Buffer.from(`\uFEFF${HEADER}\r\n${ascii}`), gbkRow('吴国强', '46010619900101001X', '13900139000')]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    expect(await refusalOf(read(bytes, 'csv'))).toBe(CSV_ENCODING_REFUSALS.mixed(1, 3_002));
  });
});

describe('row numbers as the file shows them', () => {
  it('CSV: blank lines before the header and between rows count; a quoted line break stays in its row', async () => {
    const csv = `\r\n,,\r\n${HEADER}\r\n"林\n小海",460106199001010027,13800138000,g-bus,\r\n\r\n王五,460106199001010035,13900139000,g-bus,\r\n`;
    expect((await read(csv, 'csv')).map((r) => r.row)).toEqual([4, 6]);
  });

  it('XLSX: the sheet’s own numbers, the header on row 3 and a gap before the last row', async () => {
    const cells = ['林小海', '460106199001010027', '13800138000', 'g-bus', ''];
    const zip = zipOf(workbookParts(entry('xl/worksheets/sheet1.xml', sheetXml(inlineRow(3, HEADER.split(',')) + inlineRow(5, cells) + inlineRow(9, cells)))));
    expect((await read(zip, 'xlsx')).map((r) => r.row)).toEqual([5, 9]);
  });

  it('XLSX: refuses rows whose numbers go back (report lines and the cursor rely on their order)', async () => {
    const cells = ['林小海', '460106199001010027', '13800138000', 'g-bus', ''];
    const zip = zipOf(workbookParts(entry('xl/worksheets/sheet1.xml', sheetXml(inlineRow(1, HEADER.split(',')) + inlineRow(4, cells) + inlineRow(2, cells)))));
    expect(await refusalOf(read(zip, 'xlsx'))).toContain('行的顺序有误');
  });

  it('reads at most 100 columns of a row and 256 characters of a cell', async () => {
    const header = inlineRow(1, HEADER.split(','), inlineCell('CV1', '备注') + inlineCell('CW1', '第101列') + inlineCell('XFD1', '第16384列'));
    const zip = zipOf(workbookParts(entry('xl/worksheets/sheet1.xml', sheetXml(header + inlineRow(2, ['长'.repeat(5000), '460106199001010027', '13800138000', 'g-bus', ''])))));
    const file = await openRosterFile(Readable.from([zip]), 'xlsx');
    expect(file.ignoredColumns).toEqual(['备注']);
    const rows: RawRow[] = [];
    for await (const row of file.rows) rows.push(row);
    expect(Array.from(rows[0]?.name ?? '')).toHaveLength(256);
  });
});
