import { beforeAll, describe, expect, it } from 'vitest';
import { joinForm } from '../support/join-form';
import { call, loginAs, unique } from './client';

/**
 * 消息中心 over HTTP (GET /api/me/messages, POST /api/me/messages/{id}/read): a newcomer files a
 * join, 海口 forwards it and 公交 rejects it; the newcomer reads both decisions in their messages,
 * marks one read, and nobody else can read or mark them. Demo accounts: haikou, bus, member, guest.
 */
const tokens: Record<string, string> = {};
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

beforeAll(async () => {
  for (const who of ['haikou', 'bus', 'member', 'guest']) tokens[who] = await loginAs(who);
}, 60_000);

describe('消息中心 over HTTP', () => {
  it("lists the applicant's decisions unread first, marks one read, and refuses everybody else", async () => {
    const token = await loginAs(unique('msg'));
    expect((await call('GET', '/api/me/messages', { token })).body).toEqual({ items: [], unread: 0 });

    const filed = await call('POST', '/api/applications', { token, json: { kind: 'join', form: joinForm('org-g-hk-food') } });
    expect(filed.status, filed.text).toBe(201);
    const id = filed.body.application.id as string;
    const decide = (who: string, json: Record<string, unknown>) => call('POST', `/api/applications/${id}/decisions`, { token: tokens[who], json });
    expect((await decide('haikou', { step: 's1', decision: 'forward', comment: '申请人在公交公司工作', toOrgId: 'org-g-hk-bus' })).status).toBe(200);
    expect((await decide('bus', { step: 's2', decision: 'reject', comment: '请补充劳动合同' })).status).toBe(200);

    const list = await call('GET', '/api/me/messages', { token });
    expect(list.status, list.text).toBe(200);
    expect(list.body.unread).toBe(2);
    expect(list.body.items.map((m: any) => [m.result, m.remark, m.read])).toEqual([
      ['未通过', '请补充劳动合同', false],
      ['已转交', '申请人在公交公司工作', false],
    ]);
    expect(list.body.items[0]).toMatchObject({ applicationId: id, kind: 'join', title: '入会申请', by: '海口椰城公共交通有限公司工会' });
    expect(JSON.stringify(list.body)).not.toMatch(/dev-|openid|idNumber/);
    const rejected = list.body.items[0].id as string;

    // Nobody else reads or marks it: another member, an unbound account, the official who decided it.
    for (const who of ['member', 'guest', 'bus']) {
      expect((await call('GET', '/api/me/messages', { token: tokens[who] })).body.items.some((m: any) => m.applicationId === id)).toBe(false);
      expect(refusal(await call('POST', `/api/me/messages/${rejected}/read`, { token: tokens[who] }))).toEqual([404, 'NOT_FOUND']);
    }
    expect(refusal(await call('POST', `/api/me/messages/${rejected}/read`, {}))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await call('GET', '/api/me/messages', {}))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await call('POST', '/api/me/messages/not-a-message/read', { token }))).toEqual([404, 'NOT_FOUND']);
    expect((await call('GET', '/api/me/messages', { token })).body.unread).toBe(2);

    const read = await call('POST', `/api/me/messages/${rejected}/read`, { token });
    expect(read.status, read.text).toBe(200);
    expect(read.body.message).toMatchObject({ id: rejected, read: true });
    const after = await call('GET', '/api/me/messages', { token });
    expect(after.body.unread).toBe(1);
    expect(after.body.items.map((m: any) => [m.id === rejected, m.read])).toEqual([
      [false, false],
      [true, true],
    ]);
  });
});
