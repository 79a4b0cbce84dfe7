import { describe, expect, it } from 'vitest';
import { BINDING_CONSENT_VERSION } from '../../functions/membership/contracts/me';
import { bindingOf } from '../support/binding';
import { call, demoMember, loginAs, unique } from './client';

/** The privacy endpoints over HTTP (serverless-offline): the texts, the download, closing an account. */

describe('GET /api/privacy', () => {
  it('answers both texts without a log-in, the 会员信息授权说明 at the version binding records', async () => {
    const answer = await call('GET', '/api/privacy');
    expect(answer.status).toBe(200);
    const ids = answer.body.documents.map((d: { id: string }) => d.id);
    expect(ids.sort()).toEqual(['member-consent', 'privacy-policy']);
    const consent = answer.body.documents.find((d: { id: string }) => d.id === 'member-consent');
    expect(consent).toMatchObject({ title: '会员信息授权说明', version: BINDING_CONSENT_VERSION, updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    for (const doc of answer.body.documents) {
      expect(doc.sections.length).toBeGreaterThan(3);
      for (const s of doc.sections) expect(s.paragraphs.length).toBeGreaterThan(0);
    }
  });
});

describe('GET /api/me/data and POST /api/me/deletion', () => {
  it('refuse without a log-in (401)', async () => {
    expect((await call('GET', '/api/me/data')).status).toBe(401);
    const deletion = await call('POST', '/api/me/deletion', { json: { confirm: '注销' } });
    expect([deletion.status, deletion.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('downloads the member\'s data as a dated JSON file, without the full ID number', async () => {
    const m = demoMember(60);
    const token = await loginAs(unique('export'));
    expect((await call('POST', '/api/me/binding', { token, json: bindingOf(m) })).status).toBe(200);

    const answer = await call('GET', '/api/me/data', { token });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="hainan-union-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body.member).toMatchObject({ id: m.id, name: m.name, idNumberMasked: `${m.idNumber.slice(0, 2)}${'*'.repeat(14)}${m.idNumber.slice(-2)}` });
    expect(answer.body.member.binding.consentVersion).toBe(BINDING_CONSENT_VERSION);
    expect(answer.text).not.toContain(m.idNumber);
    expect(answer.text).not.toContain(m.phone);
  });

  it('closes the account only with the confirmation word, idempotently; a new log-in is a fresh account that can bind again', async () => {
    const m = demoMember(61);
    const name = unique('close');
    const token = await loginAs(name);
    expect((await call('POST', '/api/me/binding', { token, json: bindingOf(m) })).status).toBe(200);

    for (const json of [{}, { confirm: '删除' }, { confirm: ' 注销' }, { confirm: '注销', extra: 1 }]) {
      const refused = await call('POST', '/api/me/deletion', { token, json });
      expect([refused.status, refused.body.error.code], JSON.stringify(json)).toEqual([400, 'INVALID_INPUT']);
    }
    const missing = await call('POST', '/api/me/deletion', { token, json: {} });
    expect(missing.body.error.fields.confirm).toContain('注销');
    expect((await call('GET', '/api/me', { token })).status).toBe(200); // nothing happened

    const closed = await call('POST', '/api/me/deletion', { token, json: { confirm: '注销' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', voidedCoupons: 0, cancelledApplications: 0 });
    const again = await call('POST', '/api/me/deletion', { token, json: { confirm: '注销' } });
    expect([again.status, again.body.status]).toEqual([200, 'closed']);
    expect((await call('GET', '/api/me', { token })).status).toBe(401);

    const fresh = await call('POST', '/api/auth/login', { json: { code: `dev:${name}` } });
    expect([fresh.status, fresh.body.bound]).toEqual([200, false]);
    const rebound = await call('POST', '/api/me/binding', { token: fresh.body.token, json: bindingOf(m) });
    expect([rebound.status, rebound.body.member?.id]).toEqual([200, m.id]);
  });
});
