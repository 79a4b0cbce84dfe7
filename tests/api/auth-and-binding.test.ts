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
    expect(bound.body.member.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);

    const me = await call('GET', '/api/me', { token });
    expect(me.body.member.card.number).toBe(bound.body.member.card.number);
    expect(me.text).not.toContain(m.idNumber);
  });

  it('explains each refusal in Chinese with a stable code', async () => {
    const m = demoMember(1);
    const other = demoMember(2);
    const token = await loginAs(unique('refuse'));
    const wrongCheck = m.idNumber.slice(0, 17) + (m.idNumber[17] === '0' ? '1' : '0');
    const { consent: _given, ...withoutConsent } = bindingOf(m);
    const cases: Array<[object, number, string]> = [
      [bindingOf(m, { idNumber: '11010519491231002X' }), 404, 'NOT_IN_ROSTER'],
      [bindingOf(m, { name: '不是我' }), 400, 'NAME_MISMATCH'],
      [bindingOf(m, { phone: other.phone }), 409, 'PHONE_IN_USE'],
      [bindingOf(m, { idNumber: wrongCheck }), 400, 'INVALID_INPUT'],
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
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });
});
