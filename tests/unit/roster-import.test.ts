import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mod11CheckCharacter } from '../../functions/kernel/check-character';
import { isValidIdNumber } from '../../functions/membership/domain/id-number';
import { ROW_PROBLEM_MESSAGES, ROW_PROBLEMS } from '../../functions/workbench/contracts/roster-import';
import {
  checkRow,
  classifyRow,
  FileDuplicates,
  idNumberProblem,
  normaliseName,
  normalisePhone,
  resolveUnion,
  unionIndex,
  type RawRow,
  type RowFacts,
  type UnionRef,
  type ValidRow,
} from '../../functions/workbench/domain/roster-row';
import { openRosterFile } from '../../functions/workbench/services/roster-file';
import { reportLine } from '../../functions/workbench/services/report';
import { makeIdNumber } from '../support/ids';

/** The row rules of the roster import (plain functions) and the file reader over in-memory streams. */
const today = new Date('2026-12-03T00:00:00Z');
const valid = (body: string) => body + mod11CheckCharacter(body);
const bus: UnionRef = { id: 'g-bus', name: '椰城公交工会', path: ['p', 'c-haikou', 'g-bus'] };
const hotel: UnionRef = { id: 'g-hotel', name: '鹿岭酒店工会', path: ['p', 'c-sanya', 'g-hotel'] };
const twinA: UnionRef = { id: 'g-a', name: '同名工会', path: ['p', 'c-haikou', 'g-a'] };
const twinB: UnionRef = { id: 'g-b', name: '同名工会', path: ['p', 'c-sanya', 'g-b'] };
const unions = unionIndex([bus, hotel, twinA, twinB]);
const haikou = { kind: 'official', orgIds: ['c-haikou'] } as const;
const raw = (fields: Partial<RawRow> = {}): RawRow => ({ row: 2, name: '林小海', idNumber: valid('46010619900101001'), phone: '13800138000', orgId: 'g-bus', orgName: '', ...fields });

describe('ID numbers', () => {
  it('names the first thing wrong: missing, format, birth date, check character', () => {
    expect(idNumberProblem('', today)).toBe('ID_MISSING');
    expect(idNumberProblem('4601061990010100', today)).toBe('ID_FORMAT');
    expect(idNumberProblem('46010619900101001Y', today)).toBe('ID_FORMAT');
    expect(idNumberProblem(valid('46010619900230001'), today)).toBe('ID_BIRTH_DATE'); // 30 February
    expect(idNumberProblem(valid('46010618991231001'), today)).toBe('ID_BIRTH_DATE'); // before 1900
    expect(idNumberProblem(valid('46010620300101001'), today)).toBe('ID_BIRTH_DATE'); // not born yet
    const id = valid('46010619900101001');
    expect(idNumberProblem(id.slice(0, 17) + (id[17] === '0' ? '1' : '0'), today)).toBe('ID_CHECK_CHARACTER');
    expect(idNumberProblem(id, today)).toBeNull();
    expect(idNumberProblem(` ${valid('46010619900101003').toLowerCase()} `, today)).toBeNull(); // a final x, spaces
  });

  it('agrees with membership’s rule on every number it accepts or refuses', () => {
    const samples = [...Array.from({ length: 300 }, () => makeIdNumber()), '460106199001010010', '46010619900230001X', '123456789012345678'];
    for (const id of samples) expect(idNumberProblem(id, new Date()) === null).toBe(isValidIdNumber(id));
  });
});

describe('phones, names, unions', () => {
  it('normalises mainland mobiles and refuses anything else', () => {
    expect(normalisePhone('138 0013 8000')).toBe('13800138000');
    expect(normalisePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalisePhone('8613800138000')).toBe('13800138000');
    for (const bad of ['1380013800', '23800138000', '12800138000', '0898-66666666', '']) expect(normalisePhone(bad)).toBeNull();
  });

  it('keeps people’s names and refuses digits and symbols', () => {
    expect(normaliseName('  王  海涛 ')).toBe('王 海涛');
    expect(normaliseName('阿卜杜拉·买买提')).toBe('阿卜杜拉·买买提');
    for (const bad of ['张3', '李四@', '王五，赵六', '赵'.repeat(51)]) expect(normaliseName(bad)).toBeNull();
  });

  it('finds the union by id first, else by its exact and unique name', () => {
    expect(resolveUnion({ orgId: 'g-bus', orgName: '别的名字' }, unions)).toBe(bus);
    expect(resolveUnion({ orgId: '', orgName: '鹿岭酒店工会' }, unions)).toBe(hotel);
    expect(resolveUnion({ orgId: '', orgName: '鹿岭酒店' }, unions)).toBe('UNION_UNKNOWN');
    expect(resolveUnion({ orgId: 'g-none', orgName: '鹿岭酒店工会' }, unions)).toBe('UNION_UNKNOWN');
    expect(resolveUnion({ orgId: '', orgName: '同名工会' }, unions)).toBe('UNION_AMBIGUOUS');
    expect(resolveUnion({ orgId: '', orgName: '' }, unions)).toBe('UNION_MISSING');
  });
});

describe('checkRow', () => {
  it('checks name, ID number, phone, then union and scope, in that order', () => {
    const problem = (fields: Partial<RawRow>, scope: Parameters<typeof checkRow>[2] = haikou) => {
      const c = checkRow(raw(fields), unions, scope, today);
      return c.ok ? 'ok' : c.problem;
    };
    expect(problem({ name: ' ', idNumber: 'x', phone: 'x' })).toBe('NAME_MISSING');
    expect(problem({ name: '张3', idNumber: 'x' })).toBe('NAME_INVALID');
    expect(problem({ idNumber: '123', phone: 'x' })).toBe('ID_FORMAT');
    expect(problem({ phone: '123', orgId: 'nowhere' })).toBe('PHONE_INVALID');
    expect(problem({ orgId: 'nowhere' })).toBe('UNION_UNKNOWN');
    expect(problem({ orgId: 'g-hotel' })).toBe('UNION_OUTSIDE_SCOPE');
    expect(problem({ orgId: 'g-hotel' }, { kind: 'admin' })).toBe('ok');
    expect(problem({ orgId: 'g-hotel' }, { kind: 'official', orgIds: ['c-haikou', 'g-hotel'] })).toBe('ok');
    expect(problem({})).toBe('ok');
  });

  it('hands back the row cleaned: upper-case X, the phone normalised, the union', () => {
    const id = valid('46010619900101003');
    const c = checkRow(raw({ idNumber: id.toLowerCase(), phone: '+86 13800138000', name: ' 林  小海 ' }), unions, haikou, today);
    expect(c).toEqual({ ok: true, value: { row: 2, name: '林 小海', idNumber: id.toUpperCase(), phone: '13800138000', union: bus } });
  });
});

describe('duplicates inside a file', () => {
  it('keeps the first row of an ID number or a phone and names it for the later ones', () => {
    const seen = new FileDuplicates();
    expect(seen.check(2, 'h1', '13800000001')).toBeNull();
    expect(seen.check(3, 'h1', '13800000002')).toEqual({ problem: 'DUPLICATE_ID_IN_FILE', firstRow: 2 });
    expect(seen.check(4, 'h2', '13800000001')).toEqual({ problem: 'DUPLICATE_PHONE_IN_FILE', firstRow: 2 });
    // A refused duplicate claims nothing: its own phone stays free for a later row.
    expect(seen.check(5, 'h3', '13800000002')).toBeNull();
  });
});

describe('classifyRow', () => {
  const row: ValidRow = { row: 7, name: '林小海', idNumber: valid('46010619900101001'), phone: '13800138000', union: bus };
  const member = { id: 'm1', name: '林小海', phone: '13800138000', orgId: 'g-bus', left: false, writtenBy: null };
  const facts = (f: Partial<RowFacts>): RowFacts => ({ existing: null, phoneOwner: null, ...f });

  it('a new person: written, unless another member holds the phone', () => {
    expect(classifyRow(row, facts({}), 'job')).toEqual({ type: 'new' });
    expect(classifyRow(row, facts({ phoneOwner: 'm9' }), 'job')).toEqual({ type: 'refused', problem: 'PHONE_IN_USE' });
  });

  it('the same person in the same union: unchanged, or a change to confirm', () => {
    expect(classifyRow(row, facts({ existing: member, phoneOwner: 'm1' }), 'job')).toEqual({ type: 'unchanged', memberId: 'm1' });
    expect(classifyRow({ ...row, name: '林晓海' }, facts({ existing: member, phoneOwner: 'm1' }), 'job')).toEqual({
      type: 'change',
      memberId: 'm1',
      from: { name: '林小海', phone: '13800138000' },
      to: { name: '林晓海', phone: '13800138000' },
    });
    expect(classifyRow({ ...row, phone: '13900000000' }, facts({ existing: member }), 'job')).toMatchObject({ type: 'change', to: { phone: '13900000000' } });
    expect(classifyRow({ ...row, phone: '13900000000' }, facts({ existing: member, phoneOwner: 'm2' }), 'job')).toEqual({ type: 'refused', problem: 'PHONE_IN_USE' });
    expect(classifyRow(row, facts({ existing: { ...member, phone: '' } }), 'job')).toMatchObject({ type: 'change', from: { phone: '' } });
  });

  it('another union, a member who left, and a row this very job wrote before', () => {
    expect(classifyRow(row, facts({ existing: { ...member, orgId: 'g-hotel' } }), 'job')).toEqual({ type: 'refused', problem: 'MEMBER_IN_OTHER_UNION' });
    expect(classifyRow(row, facts({ existing: { ...member, left: true } }), 'job')).toEqual({ type: 'refused', problem: 'MEMBER_LEFT' });
    const mine = { ...member, writtenBy: { jobId: 'job', row: 7 } };
    expect(classifyRow(row, facts({ existing: mine, phoneOwner: 'm1' }), 'job')).toEqual({ type: 'written-before', memberId: 'm1' });
    expect(classifyRow(row, facts({ existing: mine, phoneOwner: 'm1' }), 'other-job')).toEqual({ type: 'unchanged', memberId: 'm1' });
  });
});

describe('the report', () => {
  it('explains every problem in Chinese', () => {
    for (const p of ROW_PROBLEMS) expect(ROW_PROBLEM_MESSAGES[p]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('writes one CSV line per report row, quoting what needs it', () => {
    expect(reportLine({ row: 5, kind: 'refused', problem: 'DUPLICATE_ID_IN_FILE', firstRow: 2, name: '张,三', idMasked: '46**************17', phone: '13800138000' })).toBe(
      '5,"张,三",46**************17,13800138000,未导入,DUPLICATE_ID_IN_FILE,身份证号与文件中前面的行重复（第 2 行）',
    );
    const change = reportLine({
      row: 9,
      kind: 'change',
      status: 'pending',
      memberId: 'm1',
      orgId: 'g',
      name: '王大利',
      idMasked: '46**************17',
      from: { name: '王大力', phone: '13800138000' },
      to: { name: '王大利', phone: '13900139000' },
    });
    expect(change).toBe('9,王大利,46**************17,13900139000,待确认变更,CHANGE_PENDING,姓名 王大力 → 王大利；手机号 138****8000 → 13900139000；确认变更后生效');
  });
});

describe('reading files', () => {
  const read = async (bytes: Uint8Array | string, format: 'csv' | 'xlsx') => {
    const file = await openRosterFile(Readable.from([typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes)]), format);
    const rows: RawRow[] = [];
    for await (const row of file.rows) rows.push(row);
    return { ignored: file.ignoredColumns, rows };
  };

  it('CSV: a BOM, columns in any order, quoted fields, blank rows skipped, sheet row numbers kept', async () => {
    const csv = '\uFEFF工会名称,手机号,备注,姓名,身份证号\r\n"椰城公交工会",13800138000,"第一行\n换行",林小海,46010619900101001X\r\n,,,,\r\n鹿岭酒店工会, 13900139000 ,,"王, 五",460106199001010027\r\n';
    const { ignored, rows } = await read(csv, 'csv');
    expect(ignored).toEqual(['备注']);
    expect(rows).toEqual([
      { row: 2, name: '林小海', idNumber: '46010619900101001X', phone: '13800138000', orgId: '', orgName: '椰城公交工会' },
      { row: 4, name: '王, 五', idNumber: '460106199001010027', phone: '13900139000', orgId: '', orgName: '鹿岭酒店工会' },
    ]);
  });

  it('XLSX: numbers as digits, rich text as its text, the first worksheet only', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(['姓名', '身份证号', '手机号', '工会编号']);
    sheet.addRow([{ richText: [{ text: '林' }, { text: '小海' }] }, '460106199001010027', 13800138000, 'g-bus']);
    sheet.addRow([]);
    sheet.addRow(['王五', 460106199001010020, '13900139000', 'g-bus']); // typed as a number: precision lost
    workbook.addWorksheet('其他').addRow(['姓名', '身份证号', '手机号', '工会编号']);
    const { rows } = await read(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), 'xlsx');
    expect(rows.map((r) => [r.row, r.name, r.phone])).toEqual([
      [2, '林小海', '13800138000'],
      [4, '王五', '13900139000'],
    ]);
    expect(rows[0]?.idNumber).toBe('460106199001010027');
    expect(idNumberProblem(rows[1]?.idNumber ?? '', today)).not.toBeNull(); // Excel kept 15 significant digits
  });

  it('refuses a file without the template columns, naming the missing ones', async () => {
    await expect(read('姓名,手机号\n张三,13800138000\n', 'csv')).rejects.toThrow('身份证号、工会编号或工会名称');
    await expect(read('', 'csv')).rejects.toThrow('空的');
    await expect(read('not a zip', 'xlsx')).rejects.toThrow('Excel');
  });
});
