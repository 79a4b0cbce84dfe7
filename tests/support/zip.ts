import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Zip files built byte by byte for the XLSX guard's tests: honest entries, and zip bombs — deflate
 * data made of one highly compressible unit repeated (each piece flushed with Z_FULL_FLUSH, so the
 * pieces chain into one stream: 1 MiB of `<row/>` deflates to ≈ 1.5 KB), with the size the central
 * directory declares either true or a lie.
 */
export interface ZipPart {
  name: string;
  /** Deflated bytes (raw deflate). */
  deflated: Buffer;
  /** The uncompressed size written in the headers (the truth unless a test lies). */
  size: number;
  crc: number;
}

const FLUSH = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };

/** An honest deflated entry. */
export function entry(name: string, text: string | Buffer): ZipPart {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** `prefix`, then `unit` repeated until `times` MiB of it, then `suffix`: the true size in `size` (crc left 0). */
export function bomb(name: string, prefix: string, unit: string, mebibytes: number, suffix: string): ZipPart {
  const block = Buffer.from(unit.repeat(Math.floor((1024 * 1024) / unit.length)));
  const repeated = deflateRawSync(block, FLUSH);
  const parts = [deflateRawSync(Buffer.from(prefix), FLUSH)];
  for (let n = 0; n < mebibytes; n += 1) parts.push(repeated);
  parts.push(deflateRawSync(Buffer.from(suffix)));
  return { name, deflated: Buffer.concat(parts), size: prefix.length + block.length * mebibytes + suffix.length, crc: 0 };
}

/**
 * The zip: local headers and data back to back, then the central directory and its end record.
 * `unlisted` names entries left out of the directory (their local header and data stay);
 * `descriptors`: sizes and CRC after each entry's data (flag bit 3, as streaming writers do), not in
 * its local header.
 */
export function zipOf(parts: ZipPart[], unlisted: string[] = [], descriptors = false): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    const flags = descriptors ? 0x808 : 0x800; // UTF-8 names
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(8, 8);
    if (!descriptors) {
      header.writeUInt32LE(part.crc >>> 0, 14);
      header.writeUInt32LE(part.deflated.length, 18);
      header.writeUInt32LE(part.size >>> 0, 22);
    }
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, part.deflated);
    const descriptor = Buffer.alloc(descriptors ? 16 : 0);
    if (descriptors) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(part.crc >>> 0, 4);
      descriptor.writeUInt32LE(part.deflated.length, 8);
      descriptor.writeUInt32LE(part.size >>> 0, 12);
      local.push(descriptor);
    }
    const at = offset;
    offset += 30 + name.length + part.deflated.length + descriptor.length;
    if (unlisted.includes(part.name)) continue;
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(part.crc >>> 0, 16);
    dir.writeUInt32LE(part.deflated.length, 20);
    dir.writeUInt32LE(part.size >>> 0, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(at, 42);
    central.push(dir, name);
  }
  const listed = parts.length - unlisted.length;
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a minimal workbook around its first sheet (and shared strings, when given). */
export function workbookParts(sheet: ZipPart, sharedStrings?: ZipPart): ZipPart[] {
  const shared = sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '';
  return [
    entry(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    entry('_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    entry('xl/workbook.xml', `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    entry(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${shared}</Relationships>`,
    ),
    ...(sharedStrings ? [sharedStrings] : []),
    sheet,
  ];
}

/** A sheet's XML around its rows (`<row>` elements). */
export const sheetXml = (rows: string) => `${XML}<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

/** An inline-string cell. */
export const inlineCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A row of inline strings numbered `r`, its cells from column A, then `more` cells as they are. */
export const inlineRow = (r: number, cells: string[], more = '') => `<row r="${r}">${cells.map((text, i) => inlineCell(`${String.fromCharCode(65 + i)}${r}`, text)).join('')}${more}</row>`;
