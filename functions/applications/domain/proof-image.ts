import { crc32 } from 'node:zlib';
import type { ProofContentType } from '../contracts/uploads';

/**
 * The header of a proof image, decoded for real from the first bytes of the stored object (a ranged
 * read of PROOF_HEADER_BYTES): a form may name an image only if those bytes are a JPEG or PNG header
 * from its first byte to the start of the pixel data, with plausible dimensions. Magic bytes alone
 * are not enough: `FF D8 FF` followed by `<html>…` starts like a JPEG and is not one.
 *
 * - JPEG: SOI at 0, then segment after segment (fill bytes 0xFF allowed, nothing else between them)
 *   up to the first scan (SOS); on the way exactly one frame header (SOF0–SOF15 but DHT, JPG, DAC)
 *   and the quantisation tables. Supported: 8-bit baseline, extended and progressive Huffman
 *   (SOF0/1/2) with 1, 3 or 4 components — what phone cameras and browsers produce and show.
 * - PNG: the 8-byte signature, IHDR first (length 13, valid CRC, a legal bit depth for its colour
 *   type, compression and filter 0, interlace 0/1), then chunks with valid CRCs up to the first
 *   IDAT; PLTE where the colour type needs it; no unknown critical chunk (Apple's CgBI neither).
 *
 * Hand-written rather than a library: `image-size` (checked, 2.x) sizes images leniently — it skips
 * the bytes after SOI unchecked, re-synchronises over garbage byte by byte, checks no PNG CRC and
 * accepts CgBI — which is what a validator must not do. node:zlib's crc32 is in Node ≥ 20.15.
 */

/**
 * How much of an object is read: the header must end (first SOS / IDAT) inside it. A JPEG's EXIF
 * segment alone may be 64 KB (its thumbnail included), with an ICC profile and XMP after it.
 */
export const PROOF_HEADER_BYTES = 128 * 1024;
/** The smallest side a legible ticket photo has. */
export const PROOF_MIN_SIDE = 100;
/** The largest side, and the most pixels (a reviewer's phone has to show it). */
export const PROOF_MAX_SIDE = 20_000;
export const PROOF_MAX_PIXELS = 100_000_000;

export interface ImageHeader {
  type: ProofContentType;
  width: number;
  height: number;
}

/** Why bytes are not an image header (for tests and logs; the member sees one message). */
export type HeaderRefusal =
  /** Neither a JPEG nor a PNG signature. */
  | 'not-an-image'
  /** The bytes (or the window read) ended before the header did. */
  | 'truncated'
  /** Bytes that are no part of the format: garbage between segments, a bad length or CRC, parts out of order. */
  | 'malformed'
  /** A real image of a variant phones and browsers do not show (12-bit, arithmetic, lossless JPEG; an unknown critical PNG chunk). */
  | 'unsupported'
  /** A width or height of 0. */
  | 'no-size';

export type HeaderOutcome = { ok: true; header: ImageHeader } | { ok: false; refusal: HeaderRefusal };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format the first bytes announce (nothing more is checked), or null. */
export function signatureOf(bytes: Uint8Array): ProofContentType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

/** Decodes the header of a JPEG or PNG from its first bytes. */
export function decodeImageHeader(bytes: Uint8Array): HeaderOutcome {
  const type = signatureOf(bytes);
  if (type === 'image/jpeg') return decodeJpeg(bytes);
  if (type === 'image/png') return decodePng(bytes);
  return refused('not-an-image');
}

/** Whether decoded dimensions are those of a photo or screenshot someone can read. */
export function dimensionsProblem({ width, height }: Pick<ImageHeader, 'width' | 'height'>): 'too-small' | 'too-big' | null {
  if (width < PROOF_MIN_SIDE || height < PROOF_MIN_SIDE) return 'too-small';
  if (width > PROOF_MAX_SIDE || height > PROOF_MAX_SIDE || width * height > PROOF_MAX_PIXELS) return 'too-big';
  return null;
}

const refused = (refusal: HeaderRefusal): HeaderOutcome => ({ ok: false, refusal });
const u16 = (b: Uint8Array, at: number) => ((b[at] as number) << 8) | (b[at + 1] as number);
const u32 = (b: Uint8Array, at: number) => ((b[at] as number) * 0x1000000 + (((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)));

// JPEG (ITU T.81 B.1.1.3): SOFn are C0–CF but C4 (DHT), C8 (JPG, reserved) and CC (DAC).
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
const SUPPORTED_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
const DHT = 0xc4;
const SOS = 0xda;
const DQT = 0xdb;
/** Segments with a length that may come before the first scan besides frames and tables: DRI, APPn, COM. */
const isSkippable = (m: number) => m === 0xdd || (m >= 0xe0 && m <= 0xef) || m === 0xfe;

/**
 * A marker that may not come before the first scan: EOI (the image ended without one), markers of
 * codings nothing the members use writes (DAC arithmetic, DNL, DHP/EXP hierarchical, JPGn
 * extensions), or one that belongs nowhere in a header (SOI, RSTn, TEM, reserved, a stuffed 00).
 */
function misplaced(marker: number): HeaderRefusal {
  if (marker === 0xd9) return 'truncated';
  if (marker === 0xcc || (marker >= 0xdc && marker <= 0xdf) || (marker >= 0xf0 && marker <= 0xfd)) return 'unsupported';
  return 'malformed';
}

function decodeJpeg(b: Uint8Array): HeaderOutcome {
  let pos = 2; // after SOI
  let frame: { width: number; height: number; supported: boolean } | null = null;
  let quantisation = false;
  for (;;) {
    if (pos >= b.length) return refused('truncated');
    if (b[pos] !== 0xff) return refused('malformed'); // anything but a marker where one must be
    while (pos < b.length && b[pos] === 0xff) pos += 1; // fill bytes
    if (pos >= b.length) return refused('truncated');
    const marker = b[pos] as number;
    if (marker !== SOS && marker !== DQT && marker !== DHT && !isFrameMarker(marker) && !isSkippable(marker)) return refused(misplaced(marker));
    if (pos + 3 > b.length) return refused('truncated');
    const start = pos + 1; // the segment's length field
    const length = u16(b, start);
    const end = start + length;
    if (length < 2) return refused('malformed');
    if (marker === SOS) {
      if (!frame || !quantisation) return refused('malformed');
      if (end > b.length) return refused('truncated');
      const components = b[start + 2] as number;
      if (components < 1 || components > 4 || length !== 6 + 2 * components) return refused('malformed');
      if (!frame.supported) return refused('unsupported');
      if (frame.width === 0 || frame.height === 0) return refused('no-size');
      return { ok: true, header: { type: 'image/jpeg', width: frame.width, height: frame.height } };
    }
    if (isFrameMarker(marker)) {
      if (frame) return refused('malformed');
      if (end > b.length) return refused('truncated');
      const precision = b[start + 2] as number;
      const components = b[start + 7] as number;
      if (components < 1 || length !== 8 + 3 * components) return refused('malformed');
      for (let c = 0; c < components; c += 1) {
        const sampling = b[start + 9 + 3 * c] as number;
        const h = sampling >> 4;
        const v = sampling & 0x0f;
        if (h < 1 || h > 4 || v < 1 || v > 4 || (b[start + 10 + 3 * c] as number) > 3) return refused('malformed');
      }
      frame = {
        height: u16(b, start + 3),
        width: u16(b, start + 5),
        supported: SUPPORTED_FRAMES.has(marker) && precision === 8 && (components === 1 || components === 3 || components === 4),
      };
    } else if (marker === DQT) {
      if (end > b.length) return refused('truncated');
      for (let at = start + 2; at < end; ) {
        const precisionAndId = b[at] as number;
        if (precisionAndId >> 4 > 1 || (precisionAndId & 0x0f) > 3) return refused('malformed');
        at += 1 + 64 * ((precisionAndId >> 4) + 1);
        if (at > end) return refused('malformed');
      }
      quantisation = true;
    } else if (marker === DHT) {
      if (end > b.length) return refused('truncated');
      for (let at = start + 2; at < end; ) {
        const classAndId = b[at] as number;
        if (classAndId >> 4 > 1 || (classAndId & 0x0f) > 3 || at + 17 > end) return refused('malformed');
        let symbols = 0;
        for (let i = 1; i <= 16; i += 1) symbols += b[at + i] as number;
        at += 17 + symbols;
        if (at > end) return refused('malformed');
      }
    }
    pos = end; // the next segment (DRI, APPn — EXIF, ICC, XMP — and COM are skipped whole)
  }
}

// PNG (ISO/IEC 15948, W3C PNG 3rd ed.): legal bit depths per colour type.
const BIT_DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const PNG_MAX = 0x7fffffff;
const isChunkType = (b: Uint8Array, at: number) => {
  for (let i = 0; i < 4; i += 1) {
    const c = (b[at + i] as number) | 0x20; // lower-case
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
};
const chunkType = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));
/** The CRC of a chunk at `at` (length, type, data, CRC) matches its type and data. */
const crcMatches = (b: Uint8Array, at: number, length: number) => crc32(b.subarray(at + 4, at + 8 + length)) === u32(b, at + 8 + length);

function decodePng(b: Uint8Array): HeaderOutcome {
  const IHDR_END = 8 + 12 + 13;
  if (b.length < IHDR_END) return refused('truncated');
  if (u32(b, 8) !== 13 || chunkType(b, 12) !== 'IHDR' || !crcMatches(b, 8, 13)) return refused('malformed');
  const width = u32(b, 16);
  const height = u32(b, 20);
  const depth = b[24] as number;
  const colour = b[25] as number;
  if (width > PNG_MAX || height > PNG_MAX) return refused('malformed');
  if (!BIT_DEPTHS[colour]?.includes(depth) || b[26] !== 0 || b[27] !== 0 || (b[28] as number) > 1) return refused('malformed');
  let palette = false;
  for (let pos = IHDR_END; ; ) {
    if (pos + 8 > b.length) return refused('truncated');
    const length = u32(b, pos);
    if (length > PNG_MAX || !isChunkType(b, pos + 4)) return refused('malformed');
    const type = chunkType(b, pos + 4);
    if (type === 'IDAT') {
      if (colour === 3 && !palette) return refused('malformed');
      if (width === 0 || height === 0) return refused('no-size');
      return { ok: true, header: { type: 'image/png', width, height } };
    }
    const end = pos + 12 + length;
    if (end > b.length) return refused('truncated');
    if (!crcMatches(b, pos, length)) return refused('malformed');
    if (type === 'PLTE') {
      if (palette || colour === 0 || colour === 4 || length === 0 || length % 3 !== 0 || length > 768) return refused('malformed');
      palette = true;
    } else if (type === 'IHDR' || type === 'IEND') {
      return refused('malformed');
    } else if ((b[pos + 4] as number) < 0x61) {
      return refused('unsupported'); // an unknown critical chunk (upper-case first letter): a decoder must refuse it
    }
    pos = end;
  }
}
