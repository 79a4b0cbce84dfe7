import { describe, expect, it } from 'vitest';
import { apiUrl, call, loginAs, unique } from './client';

describe('bad input never breaks anything', () => {
  it('answers malformed, oversize, mistyped and unknown-field bodies with a 4xx and a code', async () => {
    const token = await loginAs(unique('bad'));
    const cases: Array<[Parameters<typeof call>[2], number, string]> = [
      [{ raw: '{"code":' }, 400, 'INVALID_JSON'],
      [{ raw: '42' }, 400, 'INVALID_INPUT'],
      [{ json: { code: 42 } }, 400, 'INVALID_INPUT'],
      [{ json: { code: 'dev:x', admin: true } }, 400, 'INVALID_INPUT'],
      [{ json: { code: 'x'.repeat(20_000) } }, 413, 'PAYLOAD_TOO_LARGE'],
      [{ raw: 'code=dev:x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [options, status, code] of cases) {
      const answer = await call('POST', '/api/auth/login', options);
      expect([answer.status, answer.body?.error?.code], JSON.stringify(options).slice(0, 80)).toEqual([status, code]);
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const binding = await call('POST', '/api/me/binding', { token, json: { name: ['x'], idNumber: null, phoneCode: 1 } });
    expect(binding.status).toBe(400);
    expect(Object.keys(binding.body.error.fields).sort()).toEqual(['consent', 'idNumber', 'name', 'phoneCode']);
  });

  it('refuses missing, malformed, forged and foreign tokens with 401', async () => {
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZXYtYWRtaW4iLCJpc3MiOiJoYWluYW4tdW5pb24iLCJhdWQiOiJoYWluYW4tdW5pb24tbWluaXByb2dyYW0iLCJleHAiOjk5OTk5OTk5OTl9.' +
      'c2lnbmF0dXJlLW1hZGUtdXAtYnktYW4tYXR0YWNrZXI';
    for (const authorization of [undefined, 'Bearer', 'Bearer abc', `Bearer ${forged}`, 'Basic YWRtaW46YWRtaW4=']) {
      const answer = await call('GET', '/api/me', { headers: authorization ? { authorization } : {} });
      expect([answer.status, answer.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('never answers junk with a 5xx', async () => {
    const token = await loginAs(unique('junk'));
    const junk = ['', ' ', '{}', '[]', '"x"', '1e999', '{"name":{"$gt":""}}', '\u0000', '{"idNumber":"' + '9'.repeat(5000) + '"}'];
    for (let i = 0; i < 40; i += 1) junk.push(JSON.stringify({ name: String.fromCharCode(0x4e00 + i * 97), idNumber: `${i}`.repeat(i), phoneCode: i }));
    for (const path of ['/api/auth/login', '/api/me/binding', '/api/cards/verify']) {
      for (const raw of junk) {
        const answer = await call('POST', path, { raw, token });
        expect(answer.status, `${path} ${raw.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${path} ${raw.slice(0, 40)}`).toBeLessThan(500);
      }
    }
  });

  it('answers the H5 app across origins, preflight included', async () => {
    const preflight = await fetch(`${apiUrl()}/api/me/binding`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:10086',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBeTruthy();
    expect((preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('authorization');
    const get = await fetch(`${apiUrl()}/api/cards/jwks`, { headers: { origin: 'http://127.0.0.1:10086' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:10086');
  });

  it('does not let pages of other origins call the local API from a browser', async () => {
    const evil = 'http://evil.example';
    const preflight = await fetch(`${apiUrl()}/api/me/binding`, {
      method: 'OPTIONS',
      headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    // Every call that carries a session (Authorization header) or a JSON body needs this preflight;
    // without an allow-origin answer the browser never sends it. (serverless-offline still reflects
    // the origin on simple GETs, which need no session; API Gateway itself does not.)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const ours = await fetch(`${apiUrl()}/api/me/binding`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:10086', 'access-control-request-method': 'POST' },
    });
    expect(ours.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:10086');
  });
});
