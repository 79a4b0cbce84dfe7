import { describe, expect, it } from 'vitest';
import { PROOF_MAX_BYTES, PROOF_MAX_COUNT } from '../../functions/applications/contracts/uploads';
import { contentTypeOfKey, createProofStore, keyListProblem } from '../../functions/applications/data/proof-store';
import { PROOF_HEADER_BYTES } from '../../functions/applications/domain/proof-image';
import { proofKeys } from '../../functions/applications/data/keys';
import type { ObjectStore } from '../../functions/kernel/data/objects';
import { refusalOf } from '../support/outcome';
import { jpegHtmlPolyglot, jpegImage, pngImage } from '../support/images';

/**
 * The proof-image rules without S3: the owner prefix (a hash, never the openid), the key shape,
 * the list rules, and the order in which verify() reads an object and what it makes of the bytes
 * (over a fake object store; the header decoder itself: proof-image.test.ts). tests/integration/applications/uploads.test.ts runs the same against s3rver.
 */
const ULID = '01JDZ8W5K3M4N5P6Q7R8S9T0VW';
const JPEG = jpegImage();
const PNG = pngImage();

describe('proof keys', () => {
  it('prefix each account with a hash of its openid', () => {
    const prefix = proofKeys.ownerPrefix('dev-member');
    expect(prefix).toMatch(/^proofs\/[0-9a-f]{32}\/$/);
    expect(prefix).not.toContain('member');
    expect(proofKeys.ownerPrefix('dev-member')).toBe(prefix);
    expect(proofKeys.ownerPrefix('dev-member2')).not.toBe(prefix);
    expect(proofKeys.proof('dev-member', ULID, 'png')).toBe(`${prefix}${ULID}.png`);
  });

  it('have one shape: prefix, hash, ULID, jpg or png', () => {
    const prefix = proofKeys.ownerPrefix('o');
    expect(contentTypeOfKey(`${prefix}${ULID}.jpg`)).toBe('image/jpeg');
    expect(contentTypeOfKey(`${prefix}${ULID}.png`)).toBe('image/png');
    for (const odd of [`${prefix}${ULID}.gif`, `${prefix}${ULID}.JPG`, `${prefix}${ULID.toLowerCase()}.jpg`, `${prefix}x/${ULID}.jpg`, `/${prefix}${ULID}.jpg`, `${prefix}${ULID}.jpg\n`, `${prefix}../${ULID}.jpg`]) {
      expect(contentTypeOfKey(odd), odd).toBeNull();
    }
  });

  it('are refused in a list: too many, malformed, foreign, repeated — the first problem with its index', () => {
    const mine = (n: number) => proofKeys.proof('me', `01JDZ8W5K3M4N5P6Q7R8S9T0V${n}`, 'jpg');
    expect(keyListProblem('me', [])).toBeNull();
    expect(keyListProblem('me', [mine(1), mine(2), mine(3)])).toBeNull();
    expect(keyListProblem('me', Array.from({ length: PROOF_MAX_COUNT + 1 }, (_, i) => mine(i)))).toEqual({ index: PROOF_MAX_COUNT, problem: 'too-many' });
    expect(keyListProblem('me', [mine(1), 'proofs/../../etc/passwd'])).toEqual({ index: 1, problem: 'malformed' });
    expect(keyListProblem('me', [proofKeys.proof('you', ULID, 'jpg')])).toEqual({ index: 0, problem: 'not-owner' });
    expect(keyListProblem('me', [mine(1), mine(2), mine(1)])).toEqual({ index: 2, problem: 'duplicate' });
  });
});

describe('ProofStore.verify over a fake bucket', () => {
  const objects = new Map<string, { size: number; contentType: string | null; start: Uint8Array }>();
  const reads: string[] = [];
  const ranges: number[] = [];
  const bucket: ObjectStore = {
    bucket: 'fake',
    presignPost: async ({ key, contentType }) => ({ url: 'https://fake/', fields: { key, 'Content-Type': contentType }, expiresAt: new Date(0) }),
    head: async (key) => {
      reads.push(`head ${key}`);
      const o = objects.get(key);
      return o ? { size: o.size, contentType: o.contentType } : null;
    },
    readStart: async (key, bytes) => {
      reads.push(`read ${key}`);
      ranges.push(bytes);
      return objects.get(key)?.start.subarray(0, bytes) ?? null;
    },
    presignGet: async (key) => `https://fake/${key}`,
  };
  const store = createProofStore({ objects: async () => bucket, newId: () => ULID });
  const key = (name: string, ext: 'jpg' | 'png' = 'jpg') => proofKeys.proof('me', `01JDZ8W5K3M4N5P6Q7R8S9T0${name}`, ext);
  const put = (k: string, o: { size?: number; contentType?: string | null; start?: Uint8Array }) =>
    objects.set(k, { size: o.size ?? 1000, contentType: o.contentType === undefined ? 'image/jpeg' : o.contentType, start: o.start ?? JPEG });
  const problemOf = async (keys: string[]) => (await refusalOf(store.verify('me', keys))).message;

  it('presigns a key of its own making under the account prefix', async () => {
    const ticket = await store.presign('me', 'image/png');
    expect(ticket).toEqual({ url: 'https://fake/', fields: { key: ticket.key, 'Content-Type': 'image/png' }, key: proofKeys.proof('me', ULID, 'png'), maxBytes: PROOF_MAX_BYTES, expiresAt: '1970-01-01T00:00:00.000Z' });
  });

  it('reads nothing when the list itself is wrong', async () => {
    reads.length = 0;
    expect(await problemOf([proofKeys.proof('you', ULID, 'jpg')])).toBe('第 1 张证明图片无效或已过期，请重新上传');
    expect(reads).toEqual([]);
  });

  it('checks presence, size, stored type (parameters ignored), then decodes the header', async () => {
    put(key('A1'), {});
    put(key('A2'), { contentType: 'image/jpeg; charset=binary' });
    put(key('A3', 'png'), { contentType: 'image/png', start: PNG });
    await expect(store.verify('me', [key('A1'), key('A2'), key('A3', 'png')])).resolves.toBeUndefined();

    expect(await problemOf([key('A1'), key('B1')])).toBe('第 2 张证明图片无效或已过期，请重新上传');
    put(key('B2'), { size: 0 });
    expect(await problemOf([key('B2')])).toBe('第 1 张证明图片无效或已过期，请重新上传');
    put(key('B3'), { size: PROOF_MAX_BYTES + 1 });
    expect(await problemOf([key('B3')])).toBe('第 1 张证明图片超过 5MB，请压缩或重新拍摄后重新上传');
    put(key('B4'), { contentType: null });
    put(key('B5'), { contentType: 'image/png' }); // a .jpg key stored as PNG
    put(key('B6'), { start: PNG }); // JPEG type, PNG bytes
    for (const k of [key('B4'), key('B5'), key('B6')]) expect(await problemOf([k]), k).toBe('第 1 张证明图片不是 JPG 或 PNG 格式的图片，请重新上传');

    reads.length = 0;
    await problemOf([key('B3')]);
    expect(reads).toEqual([`head ${key('B3')}`]); // an oversize object is never read
  });

  it('reads one ranged prefix and refuses what starts like the image but is not one, or is too small or too big', async () => {
    ranges.length = 0;
    put(key('C1'), { start: jpegHtmlPolyglot() });
    expect(await problemOf([key('C1')])).toBe('第 1 张证明图片无法识别，请重新拍照上传');
    expect(ranges).toEqual([PROOF_HEADER_BYTES]);
    put(key('C2'), { start: JPEG.subarray(0, 100) }); // a truncated upload
    put(key('C3', 'png'), { contentType: 'image/png', start: pngImage({ width: 0 }) });
    for (const k of [key('C2'), key('C3', 'png')]) expect(await problemOf([k]), k).toBe('第 1 张证明图片无法识别，请重新拍照上传');
    put(key('C4'), { start: jpegImage({ width: 99, height: 400 }) });
    expect(await problemOf([key('C4')])).toBe('第 1 张证明图片太小（不足 100×100 像素），看不清内容，请重新拍照上传');
    put(key('C5', 'png'), { contentType: 'image/png', start: pngImage({ width: 20_001, height: 100, colour: 0, depth: 1 }) });
    expect(await problemOf([key('C5', 'png')])).toBe('第 1 张证明图片的尺寸过大（单边超过 20000 像素或总计超过 1 亿像素），请裁剪或缩小后重新上传');
    // The first problem of the list, with its index.
    expect(await problemOf([key('A1'), key('C1')])).toBe('第 2 张证明图片无法识别，请重新拍照上传');
  });

  it('returns view URLs in the order asked', async () => {
    expect(await store.viewUrls([key('A2'), key('A1')])).toEqual([`https://fake/${key('A2')}`, `https://fake/${key('A1')}`]);
  });
});
