/// <reference path="./exceljs-parts.d.ts" />
import { IMPORT_COLUMNS, type ImportFormat } from '../contracts/roster-import';

/** The template: the header and one example row (a valid fictitious ID number). */
export async function rosterTemplate(format: ImportFormat): Promise<{ body: Uint8Array | string; contentType: string }> {
  const header = [IMPORT_COLUMNS.name, IMPORT_COLUMNS.idNumber, IMPORT_COLUMNS.phone, IMPORT_COLUMNS.orgId, IMPORT_COLUMNS.orgName];
  const example = ['张三（示例，导入前请删除本行）', '460106199001010017', '13800138000', '', '某某公司工会'];
  // Each writer is loaded by the first template of its format (written once per version; most calls only link).
  if (format === 'csv') {
    const { default: Papa } = await import('papaparse');
    // With a BOM: Excel opens UTF-8 CSV correctly only with one.
    return { body: `\uFEFF${Papa.unparse({ fields: header, data: [example] })}\r\n`, contentType: 'text/csv; charset=utf-8' };
  }
  const { default: Workbook } = await import('exceljs/lib/doc/workbook');
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('会员名册');
  sheet.columns = header.map((h) => ({ header: h, width: h === IMPORT_COLUMNS.orgName ? 36 : 22, style: { numFmt: '@' } }));
  sheet.addRow(example);
  const notes = workbook.addWorksheet('填写说明');
  for (const line of [
    '1. 每行一位会员；姓名、身份证号、手机号必填；工会编号与工会名称二选一（填编号时以编号为准，名称须与系统中的基层工会名称完全一致）。',
    '2. 身份证号、手机号请设为“文本”格式，避免 Excel 把身份证号变成科学计数法。',
    '3. 只读取第一个工作表；表头请勿修改，其他列会被忽略。',
    '4. 同一文件可以重复导入：已在名册中的会员不会重复写入；姓名或手机号有变化的会列为“待确认变更”，确认后才生效。',
  ])
    notes.addRow([line]);
  const buffer = await workbook.xlsx.writeBuffer();
  return { body: new Uint8Array(buffer as ArrayBuffer), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

