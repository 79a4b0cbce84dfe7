import { describe, expect, it } from 'vitest';
import {
  decodeImageHeader,
  dimensionsProblem,
  PROOF_HEADER_BYTES,
  PROOF_MAX_PIXELS,
  PROOF_MAX_SIDE,
  PROOF_MIN_SIDE,
  signatureOf,
} from '../../functions/applications/domain/proof-image';
import { jpegHtmlPolyglot, jpegImage, pngChunk, pngImage, PNG_SIGNATURE } from '../support/images';

/**
 * The proof-image header decoder on real tiny files built byte by byte (tests/support/images.ts;
 * each one decodes in Chromium): what it accepts, and the security review's polyglot, truncated and
 * damaged files, exotic variants, zero and huge dimensions that it refuses.
 */
const text = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Array<Uint8Array | number[]>) => Uint8Array.from(parts.flatMap((p) => [...p]));
const refusalOf = (bytes: Uint8Array) => {
  const outcome = decodeImageHeader(bytes);
  return outcome.ok ? 'ok' : outcome.refusal;
};
/** Where the segment with `marker` starts (its FF), or -1. */
const segmentAt = (bytes: Uint8Array, marker: number) => bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === marker);

describe('signatureOf', () => {
  it('names the format the first bytes announce, nothing more', () => {
    expect(signatureOf(jpegImage())).toBe('image/jpeg');
    expect(signatureOf(pngImage())).toBe('image/png');
    expect(signatureOf(jpegHtmlPolyglot())).toBe('image/jpeg'); // which is why it is not enough
    for (const other of [text('GIF89a...'), text('<html></html>'), new Uint8Array([0xff, 0xd8]), Uint8Array.from(PNG_SIGNATURE.slice(0, 7)), new Uint8Array()]) {
      expect(signatureOf(other)).toBeNull();
      expect(refusalOf(other)).toBe('not-an-image');
    }
  });
});

describe('a JPEG header', () => {
  it('is walked segment by segment to the first scan: type and dimensions (width, then height)', () => {
    expect(decodeImageHeader(jpegImage({ width: 640, height: 480 }))).toEqual({ ok: true, header: { type: 'image/jpeg', width: 640, height: 480 } });
    expect(decodeImageHeader(jpegImage({ width: 101, height: 203, components: 3 }))).toMatchObject({ ok: true, header: { width: 101, height: 203 } });
    expect(decodeImageHeader(jpegImage({ frame: 0xc1 }))).toMatchObject({ ok: true });
    expect(decodeImageHeader(jpegImage({ frame: 0xc2 }))).toMatchObject({ ok: true }); // progressive, as many phones write
  });

  it('is found after a large EXIF segment inside the window, and refused when its frame is beyond the window', () => {
    const exif = jpegImage({ appBytes: 100_000 });
    expect(exif.length).toBeGreaterThan(100_000);
    expect(decodeImageHeader(exif.subarray(0, PROOF_HEADER_BYTES))).toMatchObject({ ok: true, header: { width: 160, height: 120 } });
    const far = jpegImage({ appBytes: 200_000 });
    expect(segmentAt(far, 0xc0)).toBeGreaterThan(PROOF_HEADER_BYTES);
    expect(refusalOf(far.subarray(0, PROOF_HEADER_BYTES))).toBe('truncated');
    expect(refusalOf(far)).toBe('ok'); // the whole file is fine: only the window decides
  });

  it('refuses the review’s polyglot: JPEG magic bytes, then HTML', () => {
    expect(refusalOf(jpegHtmlPolyglot())).toBe('malformed');
    // Nor with a well-formed APP0 first, the HTML after it.
    const app0 = jpegImage().subarray(0, segmentAt(jpegImage(), 0xdb));
    expect(refusalOf(cat(app0, text('<html><script>alert(1)</script></html>')))).toBe('malformed');
  });

  it('refuses anything but fill bytes between segments', () => {
    const image = jpegImage();
    const dqt = segmentAt(image, 0xdb);
    expect(refusalOf(cat(image.subarray(0, dqt), [0xff, 0xff, 0xff], image.subarray(dqt)))).toBe('ok'); // fill bytes are legal
    for (const garbage of [[0x00], [0x20], text('<b>'), [0xff, 0x00]]) {
      expect(refusalOf(cat(image.subarray(0, dqt), garbage, image.subarray(dqt))), String(garbage)).toBe('malformed');
    }
    expect(refusalOf(cat([0xff, 0xd8], [0x00], image.subarray(2)))).toBe('not-an-image'); // right after SOI: no signature
  });

  it('refuses every truncation before the end of the scan header', () => {
    const image = jpegImage();
    const sos = segmentAt(image, 0xda);
    const headerEnd = sos + 2 + ((image[sos + 2] as number) << 8) + (image[sos + 3] as number);
    for (let n = 0; n < headerEnd; n += 1) expect(refusalOf(image.subarray(0, n)), `${n} bytes`).not.toBe('ok');
    expect(refusalOf(image.subarray(0, headerEnd))).toBe('ok');
  });

  it('refuses segments out of order or inconsistent: a scan before the frame or the tables, two frames, EOI first, a bad length', () => {
    const image = jpegImage();
    const at = (m: number) => segmentAt(image, m);
    const [dqt, sof, dht, sos] = [at(0xdb), at(0xc0), at(0xc4), at(0xda)];
    const frame = image.subarray(sof, dht);
    expect(refusalOf(cat(image.subarray(0, dqt), image.subarray(sos)))).toBe('malformed'); // SOS, no DQT nor SOF
    expect(refusalOf(cat(image.subarray(0, dqt), image.subarray(sof)))).toBe('malformed'); // no DQT
    expect(refusalOf(cat(image.subarray(0, dht), frame, image.subarray(dht)))).toBe('malformed'); // two frames
    expect(refusalOf(cat(image.subarray(0, dqt), [0xff, 0xd9]))).toBe('truncated'); // EOI before any frame
    expect(refusalOf(cat(image.subarray(0, dqt), [0xff, 0xd8], image.subarray(dqt)))).toBe('malformed'); // a second SOI
    expect(refusalOf(cat(image.subarray(0, dqt), [0xff, 0xd0], image.subarray(dqt)))).toBe('malformed'); // RST0
    const badLength = image.slice();
    badLength[dqt + 3] = 0x01; // DQT length 1
    badLength[dqt + 2] = 0x00;
    expect(refusalOf(badLength)).toBe('malformed');
    const badFrame = image.slice();
    badFrame[sof + 3] = 20; // Lf no longer 8 + 3·Nf
    expect(refusalOf(badFrame)).not.toBe('ok');
    const badSampling = image.slice();
    badSampling[sof + 11] = 0x05; // H = 0
    expect(refusalOf(badSampling)).toBe('malformed');
  });

  it('refuses what phones and browsers do not show: lossless, arithmetic, hierarchical, 12-bit', () => {
    for (const frame of [0xc3, 0xc5, 0xc9, 0xca, 0xcb, 0xcd]) expect(refusalOf(jpegImage({ frame })), frame.toString(16)).toBe('unsupported');
    expect(refusalOf(jpegImage({ precision: 12 }))).toBe('unsupported');
    const image = jpegImage();
    const sof = segmentAt(image, 0xc0);
    expect(refusalOf(cat(image.subarray(0, sof), [0xff, 0xcc, 0x00, 0x04, 0x00, 0x10], image.subarray(sof)))).toBe('unsupported'); // DAC
    // DHT (C4), JPG (C8) and DAC (CC) are no frame.
    expect(refusalOf(cat(image.subarray(0, sof), [0xff, 0xc8, 0x00, 0x02], image.subarray(sof)))).toBe('malformed');
  });

  it('refuses a zero dimension (the DNL form)', () => {
    expect(refusalOf(jpegImage({ height: 0 }))).toBe('no-size');
    expect(refusalOf(jpegImage({ width: 0 }))).toBe('no-size');
  });
});

describe('a PNG header', () => {
  it('is IHDR (with its CRC) and the chunks up to the first IDAT', () => {
    expect(decodeImageHeader(pngImage({ width: 1080, height: 2340 }))).toEqual({ ok: true, header: { type: 'image/png', width: 1080, height: 2340 } });
    for (const [colour, depth] of [[0, 1], [0, 16], [2, 16], [3, 1], [3, 8], [4, 8], [6, 8], [6, 16]] as const) {
      expect(refusalOf(pngImage({ colour, depth })), `${colour}/${depth}`).toBe('ok');
    }
    const ancillary = [pngChunk('sRGB', [0]), pngChunk('pHYs', new Uint8Array(9)), pngChunk('tEXt', text('Software\0phone'))];
    expect(refusalOf(pngImage({ extra: ancillary }))).toBe('ok');
  });

  it('refuses a bad CRC, IHDR not first or malformed, an illegal bit depth, a palette image without PLTE', () => {
    const image = pngImage();
    const badCrc = image.slice();
    badCrc[29] = (badCrc[29] as number) ^ 0xff; // IHDR's CRC
    expect(refusalOf(badCrc)).toBe('malformed');
    const badData = image.slice();
    badData[17] = 0x02; // the width, the CRC left alone
    expect(refusalOf(badData)).toBe('malformed');
    expect(refusalOf(cat(PNG_SIGNATURE, pngChunk('tEXt', text('a\0b')), image.subarray(8)))).toBe('malformed');
    expect(refusalOf(cat(PNG_SIGNATURE, pngChunk('CgBI', [0x50, 0x00, 0x20, 0x06]), image.subarray(8)))).toBe('malformed'); // Apple's "fried" PNG
    expect(refusalOf(pngImage({ colour: 2, depth: 4 }))).toBe('malformed');
    expect(refusalOf(pngImage({ colour: 6, depth: 1 }))).toBe('malformed');
    const paletteless = pngImage({ colour: 3 });
    const plte = 33;
    expect(refusalOf(cat(paletteless.subarray(0, plte), paletteless.subarray(plte + 12 + 3)))).toBe('malformed');
    const badAncillary = pngImage({ extra: [pngChunk('tEXt', text('a\0b'))] });
    badAncillary[33 + 8] = 0x41; // its data, not its CRC
    expect(refusalOf(badAncillary)).toBe('malformed');
    expect(refusalOf(pngImage({ extra: [pngChunk('IEND', [])] }))).toBe('malformed');
  });

  it('refuses an unknown critical chunk, and the HTML after a PNG signature', () => {
    expect(refusalOf(pngImage({ extra: [pngChunk('ABCD', [1, 2, 3])] }))).toBe('unsupported');
    expect(refusalOf(cat(PNG_SIGNATURE, text('<html><script>alert(1)</script></html>')))).toBe('malformed');
  });

  it('refuses every truncation before the IDAT chunk, and an IDAT beyond the window', () => {
    const image = pngImage({ extra: [pngChunk('tEXt', text('Comment\0hello'))] });
    const idatAt = [...image.keys()].find((i) => image[i + 4] === 0x49 && image[i + 5] === 0x44 && image[i + 6] === 0x41 && image[i + 7] === 0x54) as number;
    for (let n = 0; n < idatAt + 8; n += 1) expect(refusalOf(image.subarray(0, n)), `${n} bytes`).not.toBe('ok');
    expect(refusalOf(image.subarray(0, idatAt + 8))).toBe('ok');
    const far = pngImage({ extra: [pngChunk('iTXt', new Uint8Array(PROOF_HEADER_BYTES).fill(0x61))] });
    expect(refusalOf(far.subarray(0, PROOF_HEADER_BYTES))).toBe('truncated');
  });

  it('refuses zero dimensions, and sizes beyond 2^31 − 1', () => {
    expect(refusalOf(pngImage({ width: 0 }))).toBe('no-size');
    expect(refusalOf(pngImage({ height: 0 }))).toBe('no-size');
    const huge = cat(PNG_SIGNATURE, pngChunk('IHDR', [0x80, 0, 0, 0, 0, 0, 0, 100, 8, 2, 0, 0, 0]), pngChunk('IDAT', []));
    expect(refusalOf(huge)).toBe('malformed');
  });
});

describe('dimensionsProblem', () => {
  it(`wants at least ${PROOF_MIN_SIDE} px a side, at most ${PROOF_MAX_SIDE} px a side and ${PROOF_MAX_PIXELS / 1e6} MP`, () => {
    expect(dimensionsProblem({ width: PROOF_MIN_SIDE, height: PROOF_MIN_SIDE })).toBeNull();
    expect(dimensionsProblem({ width: 4032, height: 3024 })).toBeNull(); // a phone photo
    expect(dimensionsProblem({ width: PROOF_MAX_SIDE, height: PROOF_MAX_PIXELS / PROOF_MAX_SIDE })).toBeNull();
    expect(dimensionsProblem({ width: PROOF_MIN_SIDE - 1, height: 1000 })).toBe('too-small');
    expect(dimensionsProblem({ width: 1000, height: 1 })).toBe('too-small');
    expect(dimensionsProblem({ width: PROOF_MAX_SIDE + 1, height: 100 })).toBe('too-big');
    expect(dimensionsProblem({ width: 100, height: 65_535 })).toBe('too-big');
    expect(dimensionsProblem({ width: 10_001, height: 10_000 })).toBe('too-big'); // just over 100 MP
    // Decoded from real headers: a 65535-wide JPEG and a 30000-wide PNG decode, then fail here.
    for (const bytes of [jpegImage({ width: 65_535, height: 100 }), pngImage({ width: 30_000, height: 100, colour: 0, depth: 1 })]) {
      const outcome = decodeImageHeader(bytes);
      expect(outcome.ok && dimensionsProblem(outcome.header)).toBe('too-big');
    }
  });
});
