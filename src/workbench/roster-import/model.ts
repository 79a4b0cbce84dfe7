import {
  IMPORT_MAX_BYTES,
  ROW_PROBLEMS,
  ROW_PROBLEM_MESSAGES,
  type ImportFormat,
  type ImportJobView,
  type ImportStatus,
} from '../../../functions/workbench/contracts/roster-import';

/**
 * 实名制录入 as the official sees it: which picked files may go, the job's progress in words, and the
 * first lines of the row-level report (the CSV the API writes: 行号,姓名,身份证号,手机号,结果,原因代码,说明).
 */

/** A picked file as WeChat's chooseMessageFile (or the browser's file input) hands it over. */
export interface PickedFile {
  path: string;
  name: string;
  size: number;
}

/** "花名册.XLSX" → xlsx; anything else → null. */
export function formatOf(fileName: string): ImportFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'xlsx' ? extension : null;
}

/** What a picked file is refused for before anything is sent, or null when it may go. */
export function fileRefusal(file: Pick<PickedFile, 'name' | 'size'>): string | null {
  if (!formatOf(file.name)) return '只能导入 CSV 或 XLSX 格式的表格，请按模板整理后重新选择';
  if (file.size === 0) return '文件是空的，请重新选择';
  if (file.size > IMPORT_MAX_BYTES) return `文件不能超过${IMPORT_MAX_BYTES / 1024 / 1024}MB，请拆分成几个文件分别导入`;
  return null;
}

/** 1536 → "1.5KB", 2_500_000 → "2.4MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')}KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')}MB`;
}

export const STATUS_LABELS: Record<ImportStatus, string> = {
  created: '等待上传',
  queued: '排队中',
  running: '正在导入',
  done: '导入完成',
  failed: '导入失败',
};

/** The job is over: nothing more will change without the official. */
export const isFinished = (status: ImportStatus) => status === 'done' || status === 'failed';

/** Changes reported and not yet confirmed. */
export function pendingChanges(job: Pick<ImportJobView, 'counts' | 'changesApplied'>): number {
  return Math.max(0, job.counts.changed - job.changesApplied);
}

/** The counts as the page lists them, in this order. */
export function countRows(job: Pick<ImportJobView, 'counts'>): Array<{ key: string; label: string; value: number }> {
  const { counts } = job;
  return [
    { key: 'read', label: '已读取', value: counts.read },
    { key: 'written', label: '新增会员', value: counts.written },
    { key: 'refused', label: '未导入', value: counts.refused },
    { key: 'changed', label: '信息变更', value: counts.changed },
    { key: 'unchanged', label: '无变化', value: counts.unchanged },
  ];
}

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF) into rows of cells; a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i += 1) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface ReportLine {
  row: string;
  name: string;
  idMasked: string;
  phone: string;
  result: string;
  code: string;
  /** The reason in Chinese: the report's own 说明, or the catalogue's for a known code. */
  message: string;
}

/** The first `limit` lines of the report (its header skipped), each with its reason in Chinese. */
export function reportPreview(csv: string, limit: number): { lines: ReportLine[]; total: number } {
  const rows = parseCsv(csv).filter((cells) => cells.some((c) => c.trim() !== ''));
  const body = rows[0]?.[0] === '行号' ? rows.slice(1) : rows;
  const known = ROW_PROBLEMS as readonly string[];
  const lines = body.slice(0, limit).map(([row = '', name = '', idMasked = '', phone = '', result = '', code = '', message = '']) => ({
    row,
    name,
    idMasked,
    phone,
    result,
    code,
    message: message || (known.includes(code) ? ROW_PROBLEM_MESSAGES[code as (typeof ROW_PROBLEMS)[number]] : code),
  }));
  return { lines, total: body.length };
}
