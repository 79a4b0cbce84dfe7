/// <reference path="./exceljs-parts.d.ts" />
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { CellValue, Row } from 'exceljs';
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, type ImportFormat } from '../contracts/roster-import';
import type { RawRow } from '../domain/roster-row';
import { csvEncodingOf, type CsvEncoding } from './csv-encoding';
import { inStreamingOrder, xlsxRefusal } from './xlsx-guard';

/**
 * Reads a roster file row by row: the file's bytes are read once (≤ 20 MB, the upload's limit) and
 * checked whole before a row is parsed — a CSV's encoding is decided for the whole file
 * (csv-encoding.ts: UTF-8 with or without BOM, or GB18030/GBK as Excel in China saves it; neither or
 * mixed is refused), an XLSX's zip is checked against a zip bomb (xlsx-guard.ts) — then parsed as a
 * stream: CSV with papaparse, XLSX with exceljs's streaming reader (the first worksheet). The first
 * row is the header: columns are found by their template names, in any order; other columns are
 * ignored (and named). `row` is the row number as Excel or WPS shows the file (header = 1 when it is
 * the first line; blank rows count; a quoted CSV cell with a line break stays in its row), what the
 * official sees. The template is written by roster-template.ts (a function bundles only the reader
 * or only the writer: exceljs/lib parts, see exceljs-parts.d.ts).
 */
export class RosterFileError extends Error {}

export interface RosterFile {
  ignoredColumns: string[];
  rows: AsyncIterable<RawRow>;
}

type Cells = string[];

/**
 * The parsers, each loaded by the first file of its format (a worker run with no job, or with CSV
 * files only, never loads exceljs; ≈ 25 ms of a cold start).
 */
const loadPapa = async () => (await import('papaparse')).default;
const loadWorkbookReader = async () => (await import('exceljs/lib/stream/xlsx/workbook-reader')).default;
type Papa = Awaited<ReturnType<typeof loadPapa>>;
type WorkbookReader = Awaited<ReturnType<typeof loadWorkbookReader>>;

/** The file's bytes, refused past `maxBytes` (the upload's limit, checked again here). */
async function readAll(input: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new RosterFileError(`名册文件超过 ${maxBytes / 1024 / 1024}MB，请拆分成几个文件分别导入`);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, size);
}

const SLICE = 64 * 1024;

/** Bytes in slices of 64 KB, as a stream would hand them on. */
function slicesOf(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += SLICE) out.push(bytes.subarray(at, at + SLICE));
  return out;
}

async function* csvRecords(bytes: Buffer, encoding: CsvEncoding, Papa: Papa): AsyncIterable<Cells> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: false });
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const text = Readable.from(
    (function* () {
      for (const slice of slicesOf(bytes)) yield decoder.decode(slice, { stream: true });
      yield decoder.decode();
    })(),
  );
  for await (const record of text.pipe(parser) as AsyncIterable<Cells>) yield record;
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result as CellValue);
  return '';
}

/** A row's cells are read up to this column (a cell in column XFD would make it 16,384 cells); the template has 5. */
const MAX_COLUMNS = 100;
/** A cell's text is cut to this length before it is trimmed (a valid cell is far shorter). */
const MAX_CELL_CHARS = 256;

async function* xlsxRecords(input: Readable, WorkbookReader: WorkbookReader): AsyncIterable<{ number: number; cells: Cells }> {
  const reader = new WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let previous = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<Row>) {
      // Numbers only go up (the report's lines and the job's cursor are keyed by them).
      const { number } = row;
      if (number <= previous) throw new RosterFileError(`该 Excel 文件的第 ${number} 行排在第 ${previous} 行之后，行的顺序有误。请用 Excel 或 WPS 打开后另存为 .xlsx，再重新上传`);
      previous = number;
      const values = row.values as CellValue[];
      const cells: Cells = [];
      for (let i = 1; i < Math.min(values.length, MAX_COLUMNS + 1); i += 1) cells.push(cellText(values[i] ?? null));
      yield { number, cells };
    }
    return; // the first worksheet only
  }
}

const clean = (cell: string | undefined) => (cell ?? '').slice(0, MAX_CELL_CHARS).replace(/^\uFEFF/, '').trim();

/** The rows of a CSV file, numbered as Excel shows them (a blank line is a row too). */
async function csvSource(bytes: Buffer): Promise<AsyncIterator<{ number: number; cells: Cells }>> {
  const decided = csvEncodingOf(bytes);
  if ('refusal' in decided) throw new RosterFileError(decided.refusal);
  const Papa = await loadPapa();
  return (async function* () {
    let n = 0;
    for await (const cells of csvRecords(bytes, decided.encoding, Papa)) yield { number: (n += 1), cells: cells.slice(0, MAX_COLUMNS) };
  })();
}

async function xlsxSource(bytes: Buffer): Promise<AsyncIterator<{ number: number; cells: Cells }>> {
  const refusal = await xlsxRefusal(bytes);
  if (refusal !== null) throw new RosterFileError(refusal);
  return xlsxRecords(Readable.from(inStreamingOrder(bytes).flatMap(slicesOf)), await loadWorkbookReader())[Symbol.asyncIterator]();
}

/** Reads the header and hands back the data rows (blank rows skipped). */
export async function openRosterFile(input: NodeJS.ReadableStream, format: ImportFormat): Promise<RosterFile> {
  const bytes = await readAll(input, IMPORT_MAX_BYTES);
  const source = format === 'xlsx' ? await xlsxSource(bytes) : await csvSource(bytes);
  let first: IteratorResult<{ number: number; cells: Cells }>;
  try {
    do first = await source.next();
    while (!first.done && first.value.cells.every((c) => clean(c) === ''));
  } catch (err) {
    if (err instanceof RosterFileError) throw err;
    throw new RosterFileError(format === 'xlsx' ? '无法读取该 Excel 文件，请用模板另存为 .xlsx 后重新上传' : '无法读取该 CSV 文件，请用模板另存为 CSV（UTF-8）后重新上传', { cause: err });
  }
  if (first.done) throw new RosterFileError('文件是空的，请按模板填写后重新上传');
  const header = first.value.cells.map(clean);
  const at = (name: string) => header.indexOf(name);
  const columns = { name: at(IMPORT_COLUMNS.name), idNumber: at(IMPORT_COLUMNS.idNumber), phone: at(IMPORT_COLUMNS.phone), orgId: at(IMPORT_COLUMNS.orgId), orgName: at(IMPORT_COLUMNS.orgName) };
  const missing: string[] = [IMPORT_COLUMNS.name, IMPORT_COLUMNS.idNumber, IMPORT_COLUMNS.phone].filter((n) => at(n) < 0);
  if (columns.orgId < 0 && columns.orgName < 0) missing.push(`${IMPORT_COLUMNS.orgId}或${IMPORT_COLUMNS.orgName}`);
  if (missing.length > 0) throw new RosterFileError(`文件第一行缺少列：${missing.join('、')}。请使用下载的模板，不要修改表头`);
  const known = new Set<string>(Object.values(IMPORT_COLUMNS));
  const ignoredColumns = header.filter((h) => h !== '' && !known.has(h));
  const cell = (cells: Cells, index: number) => (index < 0 ? '' : clean(cells[index]));

  async function* rows(): AsyncIterable<RawRow> {
    for (;;) {
      let next: IteratorResult<{ number: number; cells: Cells }>;
      try {
        next = await source.next();
      } catch (err) {
        if (err instanceof RosterFileError) throw err;
        throw new RosterFileError('文件读取到一半出错（文件可能已损坏），请检查后重新上传', { cause: err });
      }
      if (next.done) return;
      const { number, cells } = next.value;
      if (cells.every((c) => clean(c) === '')) continue;
      yield {
        row: number,
        name: cell(cells, columns.name),
        idNumber: cell(cells, columns.idNumber),
        phone: cell(cells, columns.phone),
        orgId: cell(cells, columns.orgId),
        orgName: cell(cells, columns.orgName),
      };
    }
  }
  return { ignoredColumns, rows: rows() };
}
