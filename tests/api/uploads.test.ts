import { TEST_PAYEE } from '../support/payee';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PROOF_MAX_BYTES } from '../../functions/applications/contracts/uploads';
import { UPLOADS_PER_HOUR } from '../../functions/applications/services/uploads';
import { proofKeys } from '../../functions/applications/data/keys';
import { loadDemoData } from '../../scripts/lib/demo-data';
import { bindingOf } from '../support/binding';
import { jpegHtmlPolyglot, jpegImage } from '../support/images';
import { call, demoMember, loginAs, unique } from './client';

/**
 * POST /api/uploads over HTTP (serverless-offline with s3rver): who may call it, its contract, the
 * ticket, a real upload with it, and the hourly limit per account; then the security review's
 * attack on proof images replayed (item 9): a JPEG/HTML polyglot named in a 补贴 filing, and one
 * uploaded key naming a second application.
 *
 * Roster members bound here: demo members 190–191 (reserved for this file), each to a new log-in.
 */
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

describe('POST /api/uploads', () => {
  it('needs a log-in', async () => {
    expect(refusal(await call('POST', '/api/uploads', { json: { contentType: 'image/jpeg' } }))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await call('POST', '/api/uploads', { token: 'not-a-token', json: { contentType: 'image/jpeg' } }))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('takes JPEG and PNG only, and nothing but contentType', async () => {
    const token = await loginAs(unique('upl'));
    for (const json of [{ contentType: 'image/gif' }, { contentType: 'text/html' }, {}, { contentType: 'image/jpeg', key: 'proofs/x/y.jpg' }]) {
      const answer = await call('POST', '/api/uploads', { token, json });
      expect(refusal(answer), JSON.stringify(json)).toEqual([400, 'INVALID_INPUT']);
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await call('POST', '/api/uploads', { token, json: { contentType: 'image/gif' } })).body.error.fields).toEqual({ contentType: '只能上传 JPG 或 PNG 格式的图片' });
  });

  it('answers a ticket the phone can upload with', async () => {
    const name = unique('upl');
    const token = await loginAs(name);
    const answer = await call('POST', '/api/uploads', { token, json: { contentType: 'image/png' } });
    expect(answer.status, answer.text).toBe(200);
    const ticket = answer.body;
    expect(Object.keys(ticket).sort()).toEqual(['expiresAt', 'fields', 'key', 'maxBytes', 'url']);
    expect(ticket.url).toBe(`${inject('s3Endpoint')}/${inject('proofsBucket')}`);
    expect(ticket.key).toMatch(proofKeys.pattern);
    expect(ticket.key.startsWith(proofKeys.ownerPrefix(`dev-${name}`))).toBe(true);
    expect(ticket.key.endsWith('.png')).toBe(true);
    expect(ticket.maxBytes).toBe(PROOF_MAX_BYTES);
    expect(Date.parse(ticket.expiresAt)).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect(ticket.fields).toMatchObject({ key: ticket.key, 'Content-Type': 'image/png' });

    const form = new FormData();
    for (const [field, value] of Object.entries(ticket.fields as Record<string, string>)) form.append(field, value);
    const bytes = new Uint8Array(100).fill(7);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    form.append('file', new Blob([bytes]), 'proof.png');
    const uploaded = await fetch(ticket.url, { method: 'POST', body: form });
    expect(uploaded.status).toBe(204);
    const stored = await fetch(`${ticket.url}/${ticket.key}`, { method: 'HEAD' });
    expect(stored.headers.get('content-type')).toBe('image/png');
    expect(stored.headers.get('content-length')).toBe('100');
  });

  it(`limits an account to ${UPLOADS_PER_HOUR} tickets an hour`, async () => {
    const token = await loginAs(unique('upl'));
    const other = await loginAs(unique('upl'));
    const answers = await Promise.all(
      Array.from({ length: UPLOADS_PER_HOUR + 3 }, () => call('POST', '/api/uploads', { token, json: { contentType: 'image/jpeg' } })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(UPLOADS_PER_HOUR);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(refusal(r)).toEqual([429, 'TOO_MANY_ATTEMPTS']);
      expect(r.body.error.message).toBe('上传图片过于频繁，请一小时后再试');
    }
    // Another account is not affected.
    expect((await call('POST', '/api/uploads', { token: other, json: { contentType: 'image/jpeg' } })).status).toBe(200);
  });
});

describe('proof images in a filing (security review, item 9)', () => {
  const DAY_MS = 86_400_000;
  const campaignId = (loadDemoData().campaigns ?? [])[0]?.id as string;

  async function boundMember(index: number): Promise<string> {
    const token = await loginAs(unique('upl'));
    const bound = await call('POST', '/api/me/binding', { token, json: bindingOf(demoMember(190 + index)) });
    expect(bound.status, bound.text).toBe(200);
    return token;
  }

  /** A ticket from POST /api/uploads, then `bytes` POSTed with it as Taro.uploadFile does. */
  async function uploaded(token: string, bytes: Uint8Array): Promise<string> {
    const ticket = await call('POST', '/api/uploads', { token, json: { contentType: 'image/jpeg' } });
    expect(ticket.status, ticket.text).toBe(200);
    const form = new FormData();
    for (const [field, value] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(field, value);
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), 'ticket.jpg');
    expect((await fetch(ticket.body.url, { method: 'POST', body: form })).status).toBe(204);
    return ticket.body.key as string;
  }

  const fileSubsidy = (token: string, proofKeys: string[]) =>
    call('POST', '/api/applications', {
      token,
      json: {
        kind: 'subsidy',
        form: { campaignId, travelDate: new Date(Date.now() + 8 * 3_600_000 - 3 * DAY_MS).toISOString().slice(0, 10), fromStation: '屯昌汽车站', toStation: '南宁东站', fare: 180, proofKeys, payee: TEST_PAYEE },
      },
    });

  it('refuses a JPEG/HTML polyglot uploaded through the presigned POST', async () => {
    const token = await boundMember(0);
    const key = await uploaded(token, jpegHtmlPolyglot());
    const answer = await fileSubsidy(token, [key]);
    expect(refusal(answer), answer.text).toEqual([400, 'PROOF_INVALID']);
    expect(answer.body.error.message).toBe('第 1 张证明图片无法识别，请重新拍照上传');
    expect(answer.body.error.fields).toEqual({ proofKeys: '第 1 张证明图片无法识别，请重新拍照上传' });
    expect((await call('GET', '/api/me/applications', { token })).body.items).toEqual([]);
  });

  it('lets one uploaded key back one application: refiling it after a withdrawal is refused', async () => {
    const token = await boundMember(1);
    const key = await uploaded(token, jpegImage());
    const filed = await fileSubsidy(token, [key]);
    expect(filed.status, filed.text).toBe(201);
    const cancelled = await call('POST', `/api/applications/${filed.body.application.id}/cancel`, { token });
    expect(cancelled.status, cancelled.text).toBe(200);

    const again = await fileSubsidy(token, [key]);
    expect(refusal(again), again.text).toEqual([409, 'PROOF_ALREADY_USED']);
    expect(again.body.error.message).toBe('第 1 张证明图片已用于另一件申请，每张图片只能用于一件申请；请重新拍照上传后再提交');
    expect(again.body.error.fields).toEqual({ proofKeys: again.body.error.message });
    // The same photo uploaded again is a new key: filed.
    const fresh = await fileSubsidy(token, [await uploaded(token, jpegImage())]);
    expect(fresh.status, fresh.text).toBe(201);
  });
});
