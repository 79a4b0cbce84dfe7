import { describe, expect, it } from 'vitest';
import { BINDING_ATTEMPTS_PER_HOUR } from '../../functions/membership/services/binding';
import { bindingOf } from '../support/binding';
import { makeIdNumber, makePhone } from '../support/ids';
import { call, demoMember, loginAs, unique } from './client';

/**
 * Issue 13, item 10, over HTTP (serverless-offline + DynamoDB Local): every request of this suite
 * comes from one address (127.0.0.1), as a workplace's Wi-Fi, a carrier's NAT or a CDN would make
 * them. Before the fix, 100 failed bindings from that address locked out everyone behind it for an
 * hour. Now 150 failures — some with forged X-Forwarded-For and CloudFront-Viewer-Address headers,
 * which this stack (no CDN configured) ignores — lock no one else out, while each account still stops
 * at its own limit.
 */
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

describe('POST /api/me/binding from one address', () => {
  it('locks no other account out after 150 failures there; the per-account limit still holds', async () => {
    const accounts: string[] = [];
    for (let a = 0; a < 30; a += 1) accounts.push(await loginAs(unique(`nat${a}`)));
    let failures = 0;
    for (const [a, token] of accounts.entries()) {
      for (let i = 0; i < BINDING_ATTEMPTS_PER_HOUR; i += 1) {
        const guess = bindingOf({ name: '张三', idNumber: makeIdNumber(), phone: makePhone() });
        const headers = a % 2 === 0 ? { 'x-forwarded-for': `198.51.100.${i}`, 'cloudfront-viewer-address': `198.51.100.${i}:443` } : undefined;
        const answer = await call('POST', '/api/me/binding', { token, json: guess, headers });
        expect(refusal(answer), answer.text).toEqual([400, 'IDENTITY_NOT_MATCHED']);
        failures += 1;
      }
    }
    expect(failures).toBe(150);

    // Each of those accounts is at its own limit, even with a real member's details…
    const m = demoMember(90);
    const limited = await call('POST', '/api/me/binding', { token: accounts[0], json: bindingOf(m) });
    expect(refusal(limited)).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(limited.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    // …and a worker behind the same address binds.
    const worker = await loginAs(unique('nat-worker'));
    const bound = await call('POST', '/api/me/binding', { token: worker, json: bindingOf(m) });
    expect(bound.status, bound.text).toBe(200);
    expect(bound.body.member.id).toBe(m.id);
  }, 180_000);
});
