import { describe, expect, it } from 'vitest';
import { isValidCardNumber } from '../../functions/membership/domain/card-number';
import { call, demoMember, loginAs, unique } from './client';
import { bindingOf } from '../support/binding';

describe('POST /api/auth/login', () => {
  it('signs in a development account and reports it unbound', async () => {
    const answer = await call('POST', '/api/auth/login', { json: { code: `dev:${unique('new')}` } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ bound: false, roles: [] });
    expect(answer.body.token.split('.')).toHaveLength(3);
    expect(new Date(answer.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(answer.text).not.toMatch(/session_key/i);
  });

  it('reports the roles of demo officials and clerks with their names', async () => {
    const official = await call('POST', '/api/auth/login', { json: { code: 'dev:haikou' } });
    expect(official.body.roles).toContainEqual({ type: 'official', orgId: 'org-haikou', orgName: '海口市总工会' });
    const clerk = await call('POST', '/api/auth/login', { json: { code: 'dev:clerk' } });
    expect(clerk.body.roles[0]).toMatchObject({ type: 'clerk', merchantId: 'mch-yefeng-cinema' });
  });

  it('refuses a code WeChat would not accept', async () => {
    const answer = await call('POST', '/api/auth/login', { json: { code: '0a1b2c3d4e' } });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('WECHAT_CODE_INVALID');
  });
});

describe('POST /api/me/binding and GET /api/me', () => {
  it('binds a demo member and shows the card with the ID masked', async () => {
    const m = demoMember(0);
    const token = await loginAs(unique('bind'));
    const before = await call('GET', '/api/me', { token });
    expect(before.body).toEqual({ roles: [], member: null });

    const bound = await call('POST', '/api/me/binding', { token, json: bindingOf(m) });
    expect(bound.status).toBe(200);
    expect(bound.body.member.id).toBe(m.id);
    expect(isValidCardNumber(bound.body.member.card.number)).toBe(true);
    expect(bound.body.member.unionPath[0]).toEqual({ id: 'org-hainan', name: '海南省总工会' });
    expect(bound.text).not.toContain(m.idNumber);
    expect(bound.body.member.idNumberMasked).toMatch(/^\d{2}\*{14}[\dX]{2}$/);

    const me = await call('GET', '/api/me', { token });
    expect(me.body.member.card.number).toBe(bound.body.member.card.number);
    expect(me.text).not.toContain(m.idNumber);
  });

  it('gives one identical answer to every identity mismatch, refuses a takeover, and then binds the real member', async () => {
    const m = demoMember(1);
    const other = demoMember(2);
    const probes = [
      bindingOf({ name: '张三', idNumber: '11010519491231002X', phone: '13800000000' }), // nobody's phone
      bindingOf(m, { name: '不是我' }), // the member's phone, a wrong name
      bindingOf(m, { idNumber: other.idNumber }), // the member's phone, a wrong ID number
      bindingOf(m, { phone: other.phone }), // right name and ID number, another member's phone
      bindingOf(m, { phone: '13800000001' }), // right name and ID number, the attacker's own phone
    ];
    const answers = new Set<string>();
    for (const json of probes) {
      const answer = await call('POST', '/api/me/binding', { token: await loginAs(unique('probe')), json });
      answers.add(`${answer.status} ${answer.text}`);
      expect(answer.text).not.toContain(m.idNumber);
    }
    expect([...answers]).toHaveLength(1);
    const [only] = [...answers];
    expect(only).toMatch(/^400 /);
    expect(JSON.parse((only as string).slice(4)).error.code).toBe('IDENTITY_NOT_MATCHED');
    expect(JSON.parse((only as string).slice(4)).error.message).toContain('联系所在基层工会');

    // The member, with their own verified phone, still binds: nothing was taken over.
    const owner = await loginAs(unique('owner'));
    const bound = await call('POST', '/api/me/binding', { token: owner, json: bindingOf(m) });
    expect([bound.status, bound.body.member?.id]).toEqual([200, m.id]);
    expect(bound.body.member.phoneMasked).toBe(`${m.phone.slice(0, 3)}****${m.phone.slice(-4)}`);
  });

  it('explains malformed requests in Chinese with a stable code', async () => {
    const m = demoMember(3);
    const token = await loginAs(unique('refuse'));
    const wrongCheck = m.idNumber.slice(0, 17) + (m.idNumber[17] === '0' ? '1' : '0');
    const { consent: _given, ...withoutConsent } = bindingOf(m);
    const cases: Array<[object, number, string]> = [
      [bindingOf(m, { idNumber: wrongCheck }), 400, 'INVALID_INPUT'],
      [{ ...bindingOf(m), phoneCode: 'not-a-wechat-code' }, 400, 'PHONE_CODE_INVALID'],
      [{ ...bindingOf(m), phone: m.phone }, 400, 'INVALID_INPUT'], // the old, unverified field
      // Without the member's consent to the 会员信息授权说明 nothing is looked up.
      [withoutConsent, 400, 'INVALID_INPUT'],
      [{ ...withoutConsent, consent: false }, 400, 'INVALID_INPUT'],
    ];
    for (const [json, status, code] of cases) {
      const answer = await call('POST', '/api/me/binding', { token, json });
      expect([answer.status, answer.body.error.code]).toEqual([status, code]);
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(answer.text).not.toContain(m.idNumber);
    }
    const me = await call('GET', '/api/me', { token });
    expect(me.body.member).toBeNull();
  });

  it('refuses the sixth attempt within an hour', async () => {
    const token = await loginAs(unique('limit'));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const answer = await call('POST', '/api/me/binding', {
        token,
        json: bindingOf({ name: '张三', idNumber: '11010519491231002X', phone: '13800000000' }),
      });
      statuses.push(answer.status);
      if (i === 5) expect(answer.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});
