import { describe, expect, it } from 'vitest';
import { PROOF_MAX_BYTES, PROOF_MAX_COUNT } from '../../functions/applications/contracts/uploads';
import { contentTypeOfKey, createProofStore, keyListProblem, sniffImage } from '../../functions/applications/data/proof-store';
import { proofKeys } from '../../functions/applications/data/keys';
import type { ObjectStore } from '../../functions/kernel/data/objects';
import { refusalOf } from '../support/outcome';

/**
 * The proof-image rules without S3: the owner prefix (a hash, never the openid), the key shape,
 * the list rules, the magic bytes, and the order in which verify() reads an object (over a fake
 * object store). tests/integration/applications/uploads.test.ts runs the same against s3rver.
 */
const ULID = '01JDZ8W5K3M4N5P6Q7R8S9T0VW';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 0, 0, 0]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

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

describe('sniffImage', () => {
  it('knows JPEG and PNG by their first bytes and nothing else', () => {
    expect(sniffImage(JPEG)).toBe('image/jpeg');
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(new TextEncoder().encode('GIF89a..'))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('<html>  '))).toBeNull();
    expect(sniffImage(JPEG.subarray(0, 2))).toBeNull();
    expect(sniffImage(PNG.subarray(0, 7))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });
});

describe('ProofStore.verify over a fake bucket', () => {
  const objects = new Map<string, { size: number; contentType: string | null; start: Uint8Array }>();
  const reads: string[] = [];
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

  it('checks presence, size, stored type (parameters ignored), then the first bytes', async () => {
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

  it('returns view URLs in the order asked', async () => {
    expect(await store.viewUrls([key('A2'), key('A1')])).toEqual([`https://fake/${key('A2')}`, `https://fake/${key('A1')}`]);
  });
});
