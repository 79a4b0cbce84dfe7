import { IMPORT_COLUMNS } from '../contracts/roster-import';

/**
 * What the roster-import template holds, in both formats: the header, one example row (a valid
 * fictitious ID number) and, in the XLSX, a second sheet of instructions. The XLSX bytes are
 * generated from these by `npm run roster:template` (functions/workbench/services/roster-template-xlsx.ts).
 */
export const TEMPLATE_HEADER = [IMPORT_COLUMNS.name, IMPORT_COLUMNS.idNumber, IMPORT_COLUMNS.phone, IMPORT_COLUMNS.orgId, IMPORT_COLUMNS.orgName];
export const TEMPLATE_EXAMPLE = ['张三（示例，导入前请删除本行）', '460106199001010017', '13800138000', '', '某某公司工会'];
export const TEMPLATE_SHEET = '会员名册';
export const TEMPLATE_NOTES_SHEET = '填写说明';
export const TEMPLATE_NOTES = [
  '1. 每行一位会员；姓名、身份证号、手机号必填；工会编号与工会名称二选一（填编号时以编号为准，名称须与系统中的基层工会名称完全一致）。',
  '2. 身份证号、手机号请设为“文本”格式，避免 Excel 把身份证号变成科学计数法。',
  '3. 只读取第一个工作表；表头请勿修改，其他列会被忽略。',
  '4. 同一文件可以重复导入：已在名册中的会员不会重复写入；姓名或手机号有变化的会列为“待确认变更”，确认后才生效。',
];
