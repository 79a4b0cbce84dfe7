import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BENEFIT_LIMITS } from '../../functions/benefits/domain/limits';
import { createRequestFixture } from '../support/benefits-fixtures';
import { call, loginAs, unique } from './client';

/**
 * Issue 13, item 5 over HTTP (serverless-offline + DynamoDB Local with the demo data): merchants by
 * agreement, the limits per level and the approval by the level above — the new endpoints and who
 * may call them, and the review's attack (the grassroots official `bus` selling ¥1,000,000 coupons
 * at the 三亚 supermarket) refused with its codes.
 *
 * Demo: 琼州惠民超市（三亚迎宾店）is signed by 三亚市总 only; 椰风影城 by the province.
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

beforeAll(async () => {
  for (const who of ['admin', 'province', 'haikou', 'sanya', 'bus', 'member']) tokens[who] = await loginAs(who);
}, 60_000);

const draft = (overrides: Record<string, unknown> = {}) => ({
  ...createRequestFixture({ orgId: 'org-g-hk-bus', merchantIds: ['mch-yefeng-cinema'] }, { title: unique('额度测试').slice(0, 40) }),
  ...overrides,
});

describe('the review attack: a grassroots ¥1,000,000 benefit at the 三亚 supermarket', () => {
  it('is refused at a merchant not under agreement, and held for approval by the level above otherwise', async () => {
    const market = await call('POST', '/api/admin/benefits', { token: as('bus'), json: draft({ merchantIds: ['mch-huimin-market'] }) });
    expect(refusal(market)).toEqual([403, 'MERCHANT_NOT_UNDER_AGREEMENT']);
    expect(market.body.error.message).toContain('琼州惠民超市');

    const huge = await call('POST', '/api/admin/benefits', { token: as('bus'), json: draft({ faceValueFen: 100_000_000, stock: 10_000_000, shards: 32 }) });
    expect(huge.status, huge.text).toBe(201);
    const id = huge.body.benefit.id as string;
    expect(huge.body.benefit.approval).toMatchObject({ status: 'pending_approval', above: ['faceValueFen', 'stock'], canApprove: false });

    const publish = () => call('POST', `/api/admin/benefits/${id}/status`, { token: as('bus'), json: { action: 'publish' } });
    expect(refusal(await publish())).toEqual([409, 'BENEFIT_APPROVAL_REQUIRED']);

    const approve = (who: string) => call('POST', `/api/admin/benefits/${id}/approval`, { token: who ? as(who) : undefined });
    expect(refusal(await approve('bus'))).toEqual([403, 'FORBIDDEN']); // its creator
    expect(refusal(await approve('sanya'))).toEqual([403, 'FORBIDDEN']); // not above it
    expect(refusal(await approve('member'))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await approve(''))).toEqual([401, 'UNAUTHENTICATED']);
    const approved = await approve('haikou');
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.benefit.approval).toMatchObject({ status: 'approved', approvedByOrg: { id: 'org-haikou' } });
    expect(refusal(await approve('province'))).toEqual([409, 'BENEFIT_STATUS_INVALID']); // approved already

    const published = await publish();
    expect(published.status, published.text).toBe(200);
    expect(published.body.benefit.status).toBe('published');
  });
});

describe('POST /api/admin/merchants and /api/admin/merchants/{id}/agreements', () => {
  it('let a city federation add and sign a merchant for itself; a grassroots official, another city or a member cannot', async () => {
    const created = await call('POST', '/api/admin/merchants', { token: as('sanya'), json: { name: unique('三亚测试商户').slice(0, 60), orgId: 'org-sanya' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.merchant.agreements).toEqual([{ org: { id: 'org-sanya', name: '三亚市总工会' }, since: expect.any(String) }]);
    const id = created.body.merchant.id as string;

    expect(refusal(await call('POST', '/api/admin/merchants', { token: as('bus'), json: { name: '基层商户', orgId: 'org-g-hk-bus' } }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', '/api/admin/merchants', { token: as('haikou'), json: { name: '代签商户', orgId: 'org-sanya' } }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', '/api/admin/merchants', { token: as('member'), json: { name: '会员商户', orgId: 'org-sanya' } }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', '/api/admin/merchants', { json: { name: '匿名商户' } }))).toEqual([401, 'UNAUTHENTICATED']);

    const sign = (who: string, orgId: string, merchant = id) => call('POST', `/api/admin/merchants/${merchant}/agreements`, { token: as(who), json: { orgId } });
    expect(refusal(await sign('bus', 'org-g-hk-bus'))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await sign('sanya', 'org-haikou'))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await sign('haikou', 'org-haikou', 'm-nobody'))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('POST', `/api/admin/merchants/${id}/agreements`, { token: as('haikou'), json: { orgId: 'org-haikou', extra: 1 } }))).toEqual([400, 'INVALID_INPUT']);
    const signed = await sign('haikou', 'org-haikou');
    expect(signed.status, signed.text).toBe(200);
    expect(signed.body).toMatchObject({ changed: true, merchant: { agreements: [{ org: { id: 'org-sanya' } }, { org: { id: 'org-haikou' } }] } });
    expect((await sign('admin', 'org-haikou')).body.changed).toBe(false);

    // Now 海口's grassroots official may name it.
    const ok = await call('POST', '/api/admin/benefits', { token: as('bus'), json: draft({ merchantIds: [id] }) });
    expect(ok.status, ok.text).toBe(201);
  });
});

describe('GET /api/admin/merchants?orgId=', () => {
  it('lists the active merchants a benefit of that org may name, for officials of its subtree', async () => {
    const ids = async (who: string, orgId: string) => {
      const answer = await call('GET', `/api/admin/merchants?orgId=${orgId}`, { token: as(who) });
      expect(answer.status, answer.text).toBe(200);
      return answer.body.items.map((m: { id: string }) => m.id) as string[];
    };
    const forBus = await ids('bus', 'org-g-hk-bus');
    expect(forBus).toEqual(expect.arrayContaining(['mch-yefeng-cinema', 'mch-yecheng-books']));
    expect(forBus).not.toContain('mch-huimin-market'); // 三亚 signed it, not 海口 nor the province
    expect(forBus).not.toContain('mch-closed-karaoke'); // suspended
    expect(await ids('sanya', 'org-sanya')).toEqual(expect.arrayContaining(['mch-yefeng-cinema', 'mch-huimin-market']));
    expect(await ids('province', 'org-hainan')).not.toContain('mch-huimin-market');

    expect(refusal(await call('GET', '/api/admin/merchants?orgId=org-sanya', { token: as('bus') }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('GET', '/api/admin/merchants?orgId=org-g-hk-bus', { token: as('member') }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('GET', '/api/admin/merchants?orgId=org-nowhere', { token: as('admin') }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('GET', '/api/admin/merchants', { token: as('admin') }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/admin/merchants?orgId=org-hainan', {}))).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('GET and POST /api/admin/benefit-limits', () => {
  it('show every official the limits, and let only the province and admins set them', async () => {
    const read = await call('GET', '/api/admin/benefit-limits', { token: as('bus') });
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({ canEdit: false });
    expect(read.body.limits.grassroots).toEqual(expect.objectContaining({ faceValueFen: expect.any(Number), stock: expect.any(Number) }));
    expect((await call('GET', '/api/admin/benefit-limits', { token: as('province') })).body.canEdit).toBe(true);
    expect(refusal(await call('GET', '/api/admin/benefit-limits', { token: as('member') }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('GET', '/api/admin/benefit-limits', {}))).toEqual([401, 'UNAUTHENTICATED']);

    // Other tests of this run rely on the defaults: the province sets them as they are.
    const set = (who: string, json: unknown) => call('POST', '/api/admin/benefit-limits', { token: as(who), json });
    expect(refusal(await set('haikou', DEFAULT_BENEFIT_LIMITS))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await set('bus', DEFAULT_BENEFIT_LIMITS))).toEqual([403, 'FORBIDDEN']);
    const inverted = { ...DEFAULT_BENEFIT_LIMITS, grassroots: { ...DEFAULT_BENEFIT_LIMITS.grassroots, stock: 5_000_000 } };
    expect(refusal(await set('province', inverted))).toEqual([400, 'INVALID_INPUT']);
    const done = await set('province', DEFAULT_BENEFIT_LIMITS);
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ limits: DEFAULT_BENEFIT_LIMITS, canEdit: true, updatedAt: expect.stringMatching(/\+08:00$/) });
    expect((await set('admin', DEFAULT_BENEFIT_LIMITS)).status).toBe(200);

    const trail = await call('GET', '/api/admin/audit?action=benefit.limits', { token: as('admin') });
    expect(trail.status, trail.text).toBe(200);
    expect(JSON.stringify(trail.body)).toContain('benefit.limits');
  });
});
