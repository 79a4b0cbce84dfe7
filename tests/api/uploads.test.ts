import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PROOF_MAX_BYTES } from '../../functions/applications/contracts/uploads';
import { UPLOADS_PER_HOUR } from '../../functions/applications/services/uploads';
import { proofKeys } from '../../functions/applications/data/keys';
import { call, loginAs, unique } from './client';

/**
 * POST /api/uploads over HTTP (serverless-offline with s3rver): who may call it, its contract, the
 * ticket, a real upload with it, and the hourly limit per account.
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
