import { createInflateRaw } from 'node:zlib';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS } from '../contracts/roster-import';

/**
 * Checks an uploaded XLSX (a zip) before the spreadsheet reader sees it, so that a small file that
 * inflates to gigabytes (a zip bomb: the review's 3.3 MB file inflated to 1.5 GB and ran the worker
 * out of memory every minute) is refused with nothing read into memory:
 *
 * 1. the zip's own structure: its central directory read from the end of the file, every entry's
 *    local header where the directory says, in order, back to back (so the streaming reader, which
 *    walks the local headers from the start, meets exactly the entries checked here), stored or
 *    deflated, not encrypted, no ZIP64 (a file under 20 MB never needs it);
 * 2. the sizes the directory declares: in all, and for the shared strings (which the reader keeps
 *    in memory), under XLSX_LIMITS — a bomb that tells the truth is refused here without inflating
 *    a byte;
 * 3. the sizes it really inflates to: every entry is inflated once, as a stream whose output is
 *    counted and dropped, and refused past what its directory entry declares (a bomb that lies);
 *    the shared strings' `<si>` elements are counted on the way.
 */
export const XLSX_LIMITS = {
  /** Entries of the zip (a workbook has ≈ 10–30; images and sheets add some). */
  maxEntries: 2_000,
  /**
   * All entries inflated: 256 MiB. A file of IMPORT_MAX_ROWS (500,000) template rows written by
   * exceljs inflates to ≈ 145 MB (measured: 29 MB per 100,000 rows, 3.8 MB zipped); Excel's own
   * markup is somewhat longer. The sheet is read as a stream (this bounds the time of a run's read,
   * not its memory).
   */
  maxInflatedBytes: 256 * 1024 * 1024,
  /**
   * xl/sharedStrings.xml inflated: 64 MiB. The reader caches every shared string in memory; the
   * 500,000-row file above has ≈ 30 MB of them (6.1 MB per 100,000 rows).
   */
  maxSharedStringsBytes: 64 * 1024 * 1024,
  /** Shared strings: one per cell of a full file of template columns, every cell different (2,500,000). */
  maxSharedStrings: IMPORT_MAX_ROWS * Object.keys(IMPORT_COLUMNS).length,
};
export type XlsxLimits = typeof XLSX_LIMITS;

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const MB = 1024 * 1024;

export const XLSX_REFUSALS = {
  unreadable: '无法读取该 Excel 文件，请用模板另存为 .xlsx 后重新上传',
  inflated: (limit: number) => `该 Excel 文件解压后超过 ${limit / MB} MB，超出名册文件的正常大小（可能含有大量无关内容），请只保留名册工作表，或拆分成几个文件分别导入`,
  sharedStrings: (limit: number) => `该 Excel 文件中的文字单元格超过 ${limit.toLocaleString('en-US')} 个，超出名册文件的正常大小，请删去无关内容，或拆分成几个文件分别导入`,
} as const;

interface Entry {
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, descriptor: 0x08074b50 } as const;
const DESCRIPTOR_SIG = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const ZIP64_MARK = 0xffffffff;

class Unreadable extends Error {}

function need(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Unreadable(what);
}

/** The central directory, as the end-of-central-directory record finds it. */
function centralDirectory(zip: Buffer, limits: XlsxLimits): { entries: Entry[]; start: number } {
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let at = zip.length - 22; at >= earliest; at -= 1) {
    if (zip.readUInt32LE(at) === SIG.end && at + 22 + zip.readUInt16LE(at + 20) === zip.length) {
      end = at;
      break;
    }
  }
  need(end >= 0, 'no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const start = zip.readUInt32LE(end + 16);
  need(zip.readUInt16LE(end + 4) === 0 && zip.readUInt16LE(end + 6) === 0 && zip.readUInt16LE(end + 8) === count, 'multi-disk');
  need(count <= limits.maxEntries, 'too many entries');
  need(start + size === end, 'central directory not right before its end record (ZIP64 or junk)');
  const entries: Entry[] = [];
  const names = new Set<string>();
  let at = start;
  for (let n = 0; n < count; n += 1) {
    need(at + 46 <= end && zip.readUInt32LE(at) === SIG.central, 'central header');
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    need(next <= end, 'central header past its directory');
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    const entry: Entry = {
      name: nameBytes.toString('utf8'),
      nameBytes,
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    };
    need(!names.has(entry.name), 'two entries of one name');
    names.add(entry.name);
    need((entry.flags & 0x1) === 0, 'encrypted');
    need(entry.method === 0 || entry.method === 8, 'compression method');
    need(entry.compressedSize !== ZIP64_MARK && entry.size !== ZIP64_MARK && entry.offset !== ZIP64_MARK, 'ZIP64');
    need(entry.method === 8 || entry.compressedSize === entry.size, 'stored entry sizes');
    entries.push(entry);
    at = next;
  }
  need(at === end, 'central directory size');
  return { entries, start };
}

/**
 * Walks the local headers as a streaming reader does (unzipper: from byte 0, each header, its data,
 * a data descriptor when the sizes come after it) and requires them to be the directory's entries,
 * back to back up to the directory. Hands back where each entry's data lies.
 */
function localData(zip: Buffer, entries: Entry[], directoryStart: number): Array<{ entry: Entry; data: Buffer; block: Buffer }> {
  const inOrder = [...entries].sort((a, b) => a.offset - b.offset);
  const out: Array<{ entry: Entry; data: Buffer; block: Buffer }> = [];
  let at = 0;
  for (const entry of inOrder) {
    need(entry.offset === at && at + 30 <= directoryStart && zip.readUInt32LE(at) === SIG.local, 'local header');
    const flags = zip.readUInt16LE(at + 6);
    const compressedSize = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const dataStart = at + 30 + nameLength + zip.readUInt16LE(at + 28);
    const dataEnd = dataStart + entry.compressedSize;
    need(dataEnd <= directoryStart, 'entry past the directory');
    need(zip.subarray(at + 30, at + 30 + nameLength).equals(entry.nameBytes), 'local name');
    need(zip.readUInt16LE(at + 8) === entry.method && (flags & 0x9) === (entry.flags & 0x9), 'local header differs');
    const sizesAfter = (flags & 0x8) !== 0 && compressedSize === 0;
    if (sizesAfter) {
      // The reader finds the end of the data by the descriptor's signature: it must be the first one.
      need(zip.indexOf(DESCRIPTOR_SIG, dataStart) === dataEnd && dataEnd + 16 <= directoryStart, 'data descriptor');
      at = dataEnd + 16;
    } else {
      need(compressedSize === entry.compressedSize && zip.readUInt32LE(at + 22) === entry.size, 'local sizes');
      at = dataEnd;
    }
    out.push({ entry, data: zip.subarray(dataStart, dataEnd), block: zip.subarray(entry.offset, at) });
  }
  need(at === directoryStart, 'bytes between the entries and the directory');
  return out;
}

/** `<si` followed by `>`, `/` or white space: one shared string (a tag of its own, `<sst>` is not). */
function sharedStringCounter() {
  const after = new Set([0x3e, 0x2f, 0x20, 0x09, 0x0d, 0x0a]);
  let tail = Buffer.alloc(0);
  let count = 0;
  return {
    add(chunk: Buffer) {
      const text = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
      for (let at = text.indexOf('<si'); at >= 0 && at + 3 < text.length; at = text.indexOf('<si', at + 3)) {
        if (after.has(text[at + 3] as number)) count += 1;
      }
      // A tag cut by the chunk's end is counted with the next chunk (3 bytes cannot hold a whole one).
      tail = Buffer.from(text.subarray(Math.max(0, text.length - 3)));
    },
    get count() {
      return count;
    },
  };
}

/** Inflates `data` as a stream, dropping the output; 'over' as soon as it passes `limit` bytes. */
function inflatedSize(data: Buffer, limit: number, onChunk?: (chunk: Buffer) => void): Promise<number | 'over'> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    let settled = false;
    const settle = (value: number | 'over' | Error) => {
      if (settled) return;
      settled = true;
      if (value instanceof Error) reject(new Unreadable(value.message));
      else resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle('over');
        inflate.destroy();
        return;
      }
      onChunk?.(chunk);
    });
    inflate.on('error', (err) => settle(err));
    inflate.on('end', () => settle(size));
    inflate.end(data);
  });
}

/**
 * Null when the XLSX may be read, else the Chinese reason to give the official (the job fails with
 * it). `zip` is the whole file (≤ 20 MB: the upload's own limit).
 */
export async function xlsxRefusal(zip: Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<string | null> {
  try {
    const { entries, start } = centralDirectory(zip, limits);
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > limits.maxInflatedBytes) return XLSX_REFUSALS.inflated(limits.maxInflatedBytes);
    const shared = entries.find((e) => e.name === SHARED_STRINGS);
    if (shared && shared.size > limits.maxSharedStringsBytes) return XLSX_REFUSALS.sharedStrings(limits.maxSharedStrings);
    for (const { entry, data } of localData(zip, entries, start)) {
      const counter = entry === shared ? sharedStringCounter() : null;
      if (entry.method === 0) counter?.add(data);
      else {
        const size = await inflatedSize(data, entry.size, counter ? (chunk) => counter.add(chunk) : undefined);
        // Past what the directory declares: a liar, and the declared total no longer bounds it.
        if (size === 'over') return XLSX_REFUSALS.inflated(limits.maxInflatedBytes);
        need(size === entry.size, 'inflated size differs from the declared one');
      }
      if (counter && counter.count > limits.maxSharedStrings) return XLSX_REFUSALS.sharedStrings(limits.maxSharedStrings);
    }
    return null;
  } catch (err) {
    if (err instanceof Unreadable) return XLSX_REFUSALS.unreadable;
    throw err;
  }
}

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/** A stored zip entry's local header and data (no CRC: the streaming reader does not check it). */
function storedBlock(name: string, text: string): Buffer {
  const nameBytes = Buffer.from(name);
  const data = Buffer.from(text);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(SIG.local, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, data]);
}

/**
 * The bytes of a checked XLSX (xlsxRefusal gave null) as exceljs's streaming reader should meet
 * them: every other entry first, the worksheets last, and an empty `xl/sharedStrings.xml` when the
 * file has none. The reader streams a sheet only once it has read the shared strings and the
 * workbook's relations; a sheet met before them (Excel and exceljs both write the sheets first) is
 * copied to a temporary file first — and that file is left in /tmp when the reading stops at the
 * first sheet, as ours does: up to 256 MiB a run on a warm Lambda, whose /tmp holds 512 MB. The
 * reader walks the local headers in order and skips the central directory, which is kept as it was.
 */
export function inStreamingOrder(zip: Buffer): Buffer[] {
  const { entries, start } = centralDirectory(zip, { ...XLSX_LIMITS, maxEntries: Infinity });
  const blocks = localData(zip, entries, start);
  const sheets = blocks.filter((b) => WORKSHEET.test(b.entry.name));
  const others = blocks.filter((b) => !WORKSHEET.test(b.entry.name));
  const noStrings = !entries.some((e) => e.name === SHARED_STRINGS);
  return [...others.map((b) => b.block), ...(noStrings ? [storedBlock(SHARED_STRINGS, '<sst/>')] : []), ...sheets.map((b) => b.block), zip.subarray(start)];
}
