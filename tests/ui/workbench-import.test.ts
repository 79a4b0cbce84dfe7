import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../functions/workbench/contracts/roster-import';
import { REPORT_HEADER, csvLine, reportLine } from '../../functions/workbench/services/report';
import {
  countRows,
  fileRefusal,
  formatBytes,
  formatOf,
  isFinished,
  parseCsv,
  pendingChanges,
  reportPreview,
} from '../../src/workbench/roster-import/model';

describe('实名制录入 model', () => {
  it('takes CSV and XLSX only, by extension, in any case', () => {
    expect(formatOf('名册.csv')).toBe('csv');
    expect(formatOf('名册.XLSX ')).toBe('xlsx');
    expect(formatOf('名册.xls')).toBeNull();
    expect(formatOf('csv')).toBeNull();
  });

  it('refuses other files, empty files and files over the limit before sending anything', () => {
    expect(fileRefusal({ name: 'a.csv', size: 10 })).toBeNull();
    expect(fileRefusal({ name: 'a.csv', size: IMPORT_MAX_BYTES })).toBeNull();
    expect(fileRefusal({ name: 'a.pdf', size: 10 })).toContain('只能导入 CSV 或 XLSX');
    expect(fileRefusal({ name: 'a.xlsx', size: 0 })).toBe('文件是空的，请重新选择');
    expect(fileRefusal({ name: 'a.xlsx', size: IMPORT_MAX_BYTES + 1 })).toBe('文件不能超过20MB，请拆分成几个文件分别导入');
  });

  it('formats sizes', () => {
    expect(formatBytes(900)).toBe('900B');
    expect(formatBytes(1536)).toBe('1.5KB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2MB');
  });

  it('knows when a job is over and how many changes wait', () => {
    expect(isFinished('running')).toBe(false);
    expect(isFinished('queued')).toBe(false);
    expect(isFinished('done')).toBe(true);
    expect(isFinished('failed')).toBe(true);
    const counts = { read: 10, written: 5, refused: 2, changed: 3, unchanged: 0 };
    expect(pendingChanges({ counts, changesApplied: 1 })).toBe(2);
    expect(pendingChanges({ counts, changesApplied: 3 })).toBe(0);
    expect(countRows({ counts }).map((c) => `${c.label}${c.value}`)).toEqual(['已读取10', '新增会员5', '未导入2', '信息变更3', '无变化0']);
  });

  it('parses quoted cells, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('x,"multi\nline"')).toEqual([['x', 'multi\nline']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('previews the API’s own report lines with their Chinese reasons', () => {
    const lines = [
      reportLine({ row: 4, kind: 'refused', problem: 'UNION_UNKNOWN', firstRow: null, name: '张, 三', idMasked: '46**************12', phone: '13800000004' }),
      reportLine({
        row: 7,
        kind: 'change',
        status: 'pending',
        memberId: 'm',
        orgId: 'o',
        name: '李四',
        idMasked: '46**************34',
        from: { name: '李四', phone: '13900000007' },
        to: { name: '李四', phone: '13800000007' },
      }),
    ];
    const csv = `\uFEFF${[csvLine(REPORT_HEADER), ...lines].join('\r\n')}\r\n`;
    const preview = reportPreview(csv, 1);
    expect(preview.total).toBe(2);
    expect(preview.lines).toEqual([
      { row: '4', name: '张, 三', idMasked: '46**************12', phone: '13800000004', result: '未导入', code: 'UNION_UNKNOWN', message: expect.stringContaining('找不到该基层工会') },
    ]);
    expect(reportPreview(csv, 20).lines[1]?.message).toBe('手机号 139****0007 → 13800000007；确认变更后生效');
  });

  it('falls back to the catalogue when a line has no 说明', () => {
    const preview = reportPreview('行号,姓名,身份证号,手机号,结果,原因代码,说明\n3,王,46**12,138,未导入,PHONE_INVALID,\n', 5);
    expect(preview.lines[0]?.message).toBe('手机号不正确，应为 11 位中国大陆手机号');
  });
});
