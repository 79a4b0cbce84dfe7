import qrcode from 'qrcode-generator';

/** A dark stretch of one QR row: from module `start`, `length` modules long. */
export interface DarkRun {
  start: number;
  length: number;
}

export interface QrRows {
  /** Modules per side. */
  size: number;
  /** For each row, its dark runs left to right. */
  rows: DarkRun[][];
}

/** qrcode-generator takes one byte per char code: hand it the payload's UTF-8 bytes. */
function utf8AsLatin1(text: string): string {
  return encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * Encode a payload (error correction M, smallest version that fits) and describe each row as runs
 * of dark modules, so a row renders as a handful of Views instead of one View per module.
 */
export function qrRows(payload: string, errorCorrection: 'L' | 'M' | 'Q' | 'H' = 'M'): QrRows {
  const qr = qrcode(0, errorCorrection);
  qr.addData(utf8AsLatin1(payload), 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const rows: DarkRun[][] = [];
  for (let r = 0; r < size; r += 1) {
    const runs: DarkRun[] = [];
    let c = 0;
    while (c < size) {
      if (!qr.isDark(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < size && qr.isDark(r, c)) c += 1;
      runs.push({ start, length: c - start });
    }
    rows.push(runs);
  }
  return { size, rows };
}
