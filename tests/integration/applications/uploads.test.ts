import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PROOF_MAX_BYTES, PROOF_MAX_COUNT, type UploadTicket } from '../../../functions/applications/contracts/uploads';
import type { ProofStore } from '../../../functions/applications/services/ports';
import { proofKeys } from '../../../functions/applications/data/keys';
import { integrationDeps, loggedIn } from '../context';
import { refusalOf } from '../../support/outcome';
import { jpegHtmlPolyglot, jpegImage, pngImage } from '../../support/images';

/**
 * Proof images against s3rver (started by the integration setup): the production ProofStore presigns
 * a POST, the test uploads exactly as Taro.uploadFile does (multipart: the ticket's fields as form
 * fields, then the file as `file`), verify() accepts it and its view URL serves the bytes. s3rver
 * enforces no POST policy, so the uploads that break the policy reach the bucket here, and verify()
 * is what refuses them: another account's key, a key never uploaded, an oversize object, a wrong
 * type or bytes that are not the image they claim (the review's JPEG/HTML polyglot included), too
 * many or repeated keys. That a key backs one application: proofs.test.ts.
 */
let proofs: ProofStore;
let member: string;

/** A small real JPEG / PNG (tests/support/images.ts), padded after its end to `size` bytes. */
const padded = (image: Uint8Array, size: number, fill: number) => {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(image);
  return bytes;
};
const jpeg = (size = 2048) => padded(jpegImage(), size, 0x42);
const png = (size = 2048) => padded(pngImage(), size, 0x17);

/** What Taro.uploadFile sends: multipart/form-data, `formData` fields first, the file last as `file`. */
async function upload(ticket: UploadTicket, bytes: Uint8Array, overrides: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...ticket.fields, ...overrides })) form.append(name, value);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'wx-tmp.jpg');
  return fetch(ticket.url, { method: 'POST', body: form });
}

async function uploaded(openid: string, bytes: Uint8Array, contentType: 'image/jpeg' | 'image/png' = 'image/jpeg', overrides: Record<string, string> = {}) {
  const ticket = await proofs.presign(openid, contentType);
  const res = await upload(ticket, bytes, overrides);
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return ticket.key;
}

beforeAll(async () => {
  const membership = await integrationDeps();
  const { productionDeps } = await import('../../../functions/applications/services/deps');
  proofs = (await productionDeps()).proofs;
  member = await loggedIn(membership, 'proof');
}, 60_000);

describe('presigned POST → upload → verify → view', () => {
  it('hands out a ticket for one key under the account prefix, with the policy fields', async () => {
    const before = Date.now();
    const ticket = await proofs.presign(member, 'image/jpeg');
    expect(ticket.key).toMatch(proofKeys.pattern);
    expect(ticket.key.startsWith(proofKeys.ownerPrefix(member))).toBe(true);
    expect(ticket.key.endsWith('.jpg')).toBe(true);
    expect(ticket.key).not.toContain(member); // the prefix is a hash, never the openid
    expect(ticket.url).toBe(`${inject('s3Endpoint')}/${inject('proofsBucket')}`);
    expect(ticket.fields).toMatchObject({ key: ticket.key, 'Content-Type': 'image/jpeg', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' });
    expect(Object.keys(ticket.fields)).toEqual(expect.arrayContaining(['Policy', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Date']));
    expect(ticket.maxBytes).toBe(PROOF_MAX_BYTES);
    const expiresIn = Date.parse(ticket.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000 + 5_000);

    const policy = JSON.parse(Buffer.from(ticket.fields.Policy as string, 'base64').toString('utf8')) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([{ key: ticket.key }, { bucket: inject('proofsBucket') }, ['eq', '$Content-Type', 'image/jpeg'], ['content-length-range', 1, PROOF_MAX_BYTES]]),
    );
  });

  it('accepts a JPEG and a PNG uploaded as the mini-program does, and serves their bytes', async () => {
    const photo = jpeg(4096);
    const screenshot = png(3000);
    const keys = [await uploaded(member, photo), await uploaded(member, screenshot, 'image/png')];
    expect(keys[1]?.endsWith('.png')).toBe(true);
    await expect(proofs.verify(member, keys)).resolves.toBeUndefined();

    const urls = await proofs.viewUrls(keys);
    expect(urls).toHaveLength(2);
    for (const [i, expected] of [photo, screenshot].entries()) {
      const url = urls[i] as string;
      expect(url).toContain('X-Amz-Signature=');
      expect(url).toContain('X-Amz-Expires=900');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(expected);
    }
  });

  it('accepts an empty list (whether proofs are required is the kind’s rule)', async () => {
    await expect(proofs.verify(member, [])).resolves.toBeUndefined();
  });
});

describe('verify refuses', () => {
  const refusal = async (openid: string, keys: string[]) => {
    const err = await refusalOf(proofs.verify(openid, keys));
    expect(err.code).toBe('PROOF_INVALID');
    expect(err.status).toBe(400);
    expect(err.fields?.proofKeys).toBe(err.message);
    return err.message;
  };

  it("another account's image, even one that exists", async () => {
    const other = await loggedIn(await integrationDeps(), 'proof-other');
    const theirs = await uploaded(other, jpeg());
    await expect(proofs.verify(other, [theirs])).resolves.toBeUndefined();
    expect(await refusal(member, [theirs])).toBe('第 1 张证明图片无效或已过期，请重新上传');
    // Rewriting the prefix to one's own names an object that does not exist.
    const mine = theirs.replace(proofKeys.ownerPrefix(other), proofKeys.ownerPrefix(member));
    expect(await refusal(member, [mine])).toBe('第 1 张证明图片无效或已过期，请重新上传');
  });

  it('a key presigned but never uploaded (and says which one)', async () => {
    const good = await uploaded(member, jpeg());
    const never = (await proofs.presign(member, 'image/jpeg')).key;
    expect(await refusal(member, [good, never])).toBe('第 2 张证明图片无效或已过期，请重新上传');
  });

  it('an object over the size limit (s3rver ignores content-length-range)', async () => {
    const big = await uploaded(member, jpeg(PROOF_MAX_BYTES + 1));
    expect(await refusal(member, [big])).toBe('第 1 张证明图片超过 5MB，请压缩或重新拍摄后重新上传');
    const justRight = await uploaded(member, jpeg(PROOF_MAX_BYTES));
    await expect(proofs.verify(member, [justRight])).resolves.toBeUndefined();
  });

  it('a stored type other than the one presigned (s3rver ignores the Content-Type condition)', async () => {
    const html = await uploaded(member, jpeg(), 'image/jpeg', { 'Content-Type': 'text/html' });
    expect(await refusal(member, [html])).toBe('第 1 张证明图片不是 JPG 或 PNG 格式的图片，请重新上传');
  });

  it('bytes that are not the image the type claims (magic bytes)', async () => {
    const script = new TextEncoder().encode('<script>alert(1)</script>'.padEnd(600, ' '));
    const disguised = await uploaded(member, script);
    expect(await refusal(member, [disguised])).toBe('第 1 张证明图片不是 JPG 或 PNG 格式的图片，请重新上传');
    const pngAsJpeg = await uploaded(member, png());
    expect(await refusal(member, [pngAsJpeg])).toBe('第 1 张证明图片不是 JPG 或 PNG 格式的图片，请重新上传');
    const tiny = await uploaded(member, new Uint8Array([0xff, 0xd8]));
    expect(await refusal(member, [tiny])).toBe('第 1 张证明图片不是 JPG 或 PNG 格式的图片，请重新上传');
  });

  it('bytes that start like the image but are none: the review’s JPEG/HTML polyglot, a truncated upload', async () => {
    const polyglot = await uploaded(member, jpegHtmlPolyglot());
    expect(await refusal(member, [polyglot])).toBe('第 1 张证明图片无法识别，请重新拍照上传');
    // s3rver serves it back as the type presigned; it is never accepted into a form.
    expect((await fetch(`${inject('s3Endpoint')}/${inject('proofsBucket')}/${polyglot}`, { method: 'HEAD' })).headers.get('content-type')).toBe('image/jpeg');
    const good = await uploaded(member, jpeg());
    const cut = await uploaded(member, jpegImage().subarray(0, 150));
    expect(await refusal(member, [good, cut])).toBe('第 2 张证明图片无法识别，请重新拍照上传');
  });

  it('an image whose header lies past the ranged read, and implausible dimensions', async () => {
    const far = await uploaded(member, jpegImage({ appBytes: 200_000 }));
    expect(await refusal(member, [far])).toBe('第 1 张证明图片无法识别，请重新拍照上传');
    const near = await uploaded(member, jpegImage({ appBytes: 100_000 }));
    await expect(proofs.verify(member, [near])).resolves.toBeUndefined();
    const thumb = await uploaded(member, pngImage({ width: 64, height: 64 }), 'image/png');
    expect(await refusal(member, [thumb])).toBe('第 1 张证明图片太小（不足 100×100 像素），看不清内容，请重新拍照上传');
    const strip = await uploaded(member, jpegImage({ width: 30_000, height: 100 }));
    expect(await refusal(member, [strip])).toBe('第 1 张证明图片的尺寸过大（单边超过 20000 像素或总计超过 1 亿像素），请裁剪或缩小后重新上传');
  });

  it(`more than ${PROOF_MAX_COUNT} keys, a key twice, or a key of another shape`, async () => {
    const keys = [await uploaded(member, jpeg()), await uploaded(member, jpeg()), await uploaded(member, jpeg()), await uploaded(member, jpeg())];
    await expect(proofs.verify(member, keys.slice(0, PROOF_MAX_COUNT))).resolves.toBeUndefined();
    expect(await refusal(member, keys)).toBe(`证明图片最多 ${PROOF_MAX_COUNT} 张，请删除多余的图片后再提交`);
    expect(await refusal(member, [keys[0] as string, keys[0] as string])).toBe('第 2 张证明图片与前面的图片重复，请删除后再提交');
    const prefix = proofKeys.ownerPrefix(member);
    for (const odd of [`${prefix}../x.jpg`, `${prefix}${'0'.repeat(26)}.gif`, `${prefix}sub/${'0'.repeat(26)}.jpg`, (keys[0] as string).replace('.jpg', '.png')]) {
      expect(await refusal(member, [odd]), odd).toBe('第 1 张证明图片无效或已过期，请重新上传');
    }
  });
});
