import Papa from 'papaparse';
import { maskPhone } from '../../kernel/masking';
import { ROW_PROBLEM_MESSAGES } from '../contracts/roster-import';
import type { ReportRow } from './ports';

/** The row-level report of a roster import as CSV lines (what the official downloads). */
export const REPORT_HEADER = ['行号', '姓名', '身份证号', '手机号', '结果', '原因代码', '说明'];

/**
 * A text cell that Excel or WPS would take for a formula (`=HYPERLINK(…)`, `=1+2`, `+`, `-`, `@`)
 * or that a tab or carriage return starts: papaparse writes it with a leading apostrophe, quoted, so
 * the spreadsheet shows it as text. Its own default pattern (`^[=+\-@\t\r].*$`) misses a cell with a
 * line break after the formula (`.` stops at it): this one looks at the first character only.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV line (no line break): cells that need it quoted, formulas neutralised. Numbers are written as numbers. */
export function csvLine(cells: Array<string | number>): string {
  return Papa.unparse([cells], { escapeFormulae: FORMULA_START, newline: '\r\n' });
}

export function reportLine(line: ReportRow): string {
  if (line.kind === 'refused') {
    const message = ROW_PROBLEM_MESSAGES[line.problem] + (line.firstRow !== null ? `（第 ${line.firstRow} 行）` : '');
    return csvLine([line.row, line.name, line.idMasked, line.phone, '未导入', line.problem, message]);
  }
  const parts: string[] = [];
  if (line.from.name !== line.to.name) parts.push(`姓名 ${line.from.name} → ${line.to.name}`);
  if (line.from.phone !== line.to.phone) parts.push(`手机号 ${line.from.phone === '' ? '（已释放）' : maskPhone(line.from.phone)} → ${line.to.phone}`);
  const result = { pending: '待确认变更', applied: '已确认变更', stale: '变更未生效' }[line.status];
  const tail = { pending: '确认变更后生效', applied: '已生效', stale: '会员信息已被修改或新手机号已被占用，请核对后重新导入' }[line.status];
  return csvLine([line.row, line.name, line.idMasked, line.to.phone, result, `CHANGE_${line.status.toUpperCase()}`, `${parts.join('；')}；${tail}`]);
}

