/// <reference path="./exceljs-parts.d.ts" />
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { CellValue, Row } from 'exceljs';
import { IMPORT_COLUMNS, type ImportFormat } from '../contracts/roster-import';
import type { RawRow } from '../domain/roster-row';

/**
 * Reads a roster file as a stream, row by row, without holding it in memory: CSV with papaparse
 * (UTF-8 with or without BOM, or GB18030/GBK as Excel in China saves it), XLSX with exceljs's
 * streaming reader (the first worksheet). The first row is the header: columns are found by their
 * template names, in any order; other columns are ignored (and named). `row` is the sheet's row
 * number (header = 1), what the official sees in Excel. The template is written by roster-template.ts
 * (a function bundles only the reader or only the writer: exceljs/lib parts, see exceljs-parts.d.ts).
 */
export class RosterFileError extends Error {}

export interface RosterFile {
  ignoredColumns: string[];
  rows: AsyncIterable<RawRow>;
}

type Cells = string[];

/** UTF-8 unless the first bytes are not valid UTF-8 (then GB18030, a superset of GBK). */
class DecodeText extends Transform {
  private decoder: TextDecoder | null = null;
  private head: Buffer[] = [];
  private headBytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.decoder) {
      this.push(this.decoder.decode(chunk, { stream: true }));
      return done();
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes >= 64 * 1024) this.decide();
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.decoder) this.decide();
    this.push((this.decoder as TextDecoder).decode());
    done();
  }

  private decide(): void {
    const head = Buffer.concat(this.head);
    let encoding = 'utf-8';
    try {
      // A multi-byte character may be cut at the end: `stream` keeps it pending instead of failing.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      encoding = 'gb18030';
    }
    this.decoder = new TextDecoder(encoding, { ignoreBOM: false });
    this.push(this.decoder.decode(head, { stream: true }));
    this.head = [];
  }
}

/**
 * The parsers, each loaded by the first file of its format (a worker run with no job, or with CSV
 * files only, never loads exceljs; ≈ 25 ms of a cold start).
 */
const loadPapa = async () => (await import('papaparse')).default;
const loadWorkbookReader = async () => (await import('exceljs/lib/stream/xlsx/workbook-reader')).default;
type Papa = Awaited<ReturnType<typeof loadPapa>>;
type WorkbookReader = Awaited<ReturnType<typeof loadWorkbookReader>>;

async function* csvRecords(input: NodeJS.ReadableStream, Papa: Papa): AsyncIterable<Cells> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: false });
  const text = input.pipe(new DecodeText());
  // pipe() forwards data, not errors: a broken download must end the read, not leave it waiting.
  input.on('error', (err) => text.destroy(err));
  text.on('error', (err) => parser.destroy(err));
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

async function* xlsxRecords(input: NodeJS.ReadableStream, WorkbookReader: WorkbookReader): AsyncIterable<{ number: number; cells: Cells }> {
  const reader = new WorkbookReader(input as unknown as NodeJS.ReadableStream & import('stream').Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<Row>) {
      const values = row.values as CellValue[];
      const cells: Cells = [];
      for (let i = 1; i < values.length; i += 1) cells.push(cellText(values[i] ?? null));
      yield { number: row.number, cells };
    }
    return; // the first worksheet only
  }
}

const clean = (cell: string | undefined) => (cell ?? '').replace(/^\uFEFF/, '').trim();

/** Reads the header and hands back the data rows (blank rows skipped). */
export async function openRosterFile(input: NodeJS.ReadableStream, format: ImportFormat): Promise<RosterFile> {
  const source: AsyncIterator<{ number: number; cells: Cells }> =
    format === 'xlsx'
      ? xlsxRecords(input, await loadWorkbookReader())[Symbol.asyncIterator]()
      : await (async () => {
          const Papa = await loadPapa();
          return (async function* () {
            let n = 0;
            for await (const cells of csvRecords(input, Papa)) yield { number: (n += 1), cells };
          })();
        })();
  let first: IteratorResult<{ number: number; cells: Cells }>;
  try {
    do first = await source.next();
    while (!first.done && first.value.cells.every((c) => clean(c) === ''));
  } catch (err) {
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
