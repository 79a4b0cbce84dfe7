import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/**
 * The text encoding of a whole CSV file, decided before a row is read (the file is ≤ 20 MB, read
 * into memory once): UTF-8 when every byte of it is valid UTF-8 (a BOM or not); else GB18030 (a
 * superset of GBK, what Excel and WPS in China save as "CSV"), when the whole file decodes as that.
 * A file that is neither is refused, and so is a mixed one: not valid UTF-8 as a whole, yet with a
 * line that is valid UTF-8 holding Chinese characters (a UTF-8 file with GBK rows pasted in, or the
 * reverse) — decoding it either way would write some names as mojibake.
 *
 * Why one such line is enough: a GBK line is valid UTF-8 with a CJK character in it only by rare
 * accident (a lead byte E4–E9 followed by exactly the right continuation bytes, then nothing
 * invalid to the end of the line). Two million simulated GBK roster lines (names of GB2312 level-1
 * and level-2 characters, with and without a union name) gave none.
 */
export type CsvEncoding = 'utf-8' | 'gb18030';

export const CSV_ENCODING_REFUSALS = {
  neither: '无法识别该 CSV 文件的文字编码（既不是 UTF-8，也不是 GBK），请用 Excel 或 WPS 打开后“另存为”“CSV UTF-8（逗号分隔）”，再重新上传',
  mixed: (utf8Line: number, gbkLine: number) =>
    `该 CSV 文件混用了两种文字编码（第 ${utf8Line} 行是 UTF-8，第 ${gbkLine} 行是 GBK），中文会被读错，未导入任何一行。请用 Excel 或 WPS 打开后“另存为”“CSV UTF-8（逗号分隔）”，再重新上传`,
} as const;

const CJK = /[\u4e00-\u9fff]/;
const LF = 0x0a;

/** Valid GB18030 throughout (decoded in slices, the text dropped). */
function isGb18030(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const slice = 1024 * 1024;
  try {
    for (let at = 0; at < bytes.length; at += slice) decoder.decode(bytes.subarray(at, at + slice), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The first line (1-based, as split by line feeds) that is valid UTF-8 with Chinese in it, and the first that is not UTF-8. */
function mixedLines(bytes: Uint8Array): { utf8Line: number; gbkLine: number } | null {
  let utf8Line = 0;
  let gbkLine = 0;
  let line = 0;
  for (let start = 0; start < bytes.length; ) {
    const lf = bytes.indexOf(LF, start);
    const end = lf < 0 ? bytes.length : lf + 1;
    line += 1;
    const text = bytes.subarray(start, end);
    if (text.some((b) => b >= 0x80)) {
      if (!isUtf8(text)) gbkLine ||= line;
      else if (CJK.test(Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8'))) utf8Line ||= line;
      if (utf8Line && gbkLine) return { utf8Line, gbkLine };
    }
    start = end;
  }
  return null;
}

export function csvEncodingOf(bytes: Uint8Array): { encoding: CsvEncoding } | { refusal: string } {
  if (isUtf8(bytes)) return { encoding: 'utf-8' };
  // Mixed first: UTF-8 Chinese is seldom valid GB18030 (it would otherwise be refused as neither).
  const mixed = mixedLines(bytes);
  if (mixed) return { refusal: CSV_ENCODING_REFUSALS.mixed(mixed.utf8Line, mixed.gbkLine) };
  return isGb18030(bytes) ? { encoding: 'gb18030' } : { refusal: CSV_ENCODING_REFUSALS.neither };
}
