import { beforeAll, describe, expect, it } from 'vitest';
import { createRequestFixture, HOUR, shanghai } from '../support/benefits-fixtures';
import { call, loginAs, unique } from './client';

/**
 * The benefits API over HTTP (serverless-offline + DynamoDB Local with the demo data): every new
 * endpoint, who may call it (member, other member, official inside and outside the subtree, clerk
 * of another merchant, admin, anonymous), bad input, and never a 5xx.
 *
 * Demo accounts used: admin; officials haikou (海口市总) and sanya (三亚市总); members member (儋州),
 * bus (海口) and hotel (三亚), all bound; guest (not bound); clerk (椰风影城), clerk-books (椰城书店).
 */
const at = shanghai;
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;

beforeAll(async () => {
  for (const who of ['admin', 'haikou', 'sanya', 'member', 'bus', 'hotel', 'guest', 'clerk', 'clerk-books', 'clerk-closed']) {
    tokens[who] = await loginAs(who);
  }
}, 60_000);

/** A create request of the demo province with the demo cinema (loosely typed: tests send bad ones too). */
const draft = (overrides: Record<string, unknown> = {}) => ({
  ...createRequestFixture({ orgId: 'org-hainan', merchantIds: ['mch-yefeng-cinema'] }, { title: unique('测试权益').slice(0, 40), stock: 20 }),
  ...overrides,
});

async function published(overrides: Record<string, unknown> = {}, by = 'admin'): Promise<string> {
  const created = await call('POST', '/api/admin/benefits', { token: as(by), json: draft(overrides) });
  expect(created.status, created.text).toBe(201);
  const publish = await call('POST', `/api/admin/benefits/${created.body.benefit.id}/status`, { token: as(by), json: { action: 'publish' } });
  expect(publish.status, publish.text).toBe(200);
  return created.body.benefit.id as string;
}

const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const requestId = () => unique('req').replace(/[^A-Za-z0-9_-]/g, '');

describe('GET /api/benefits', () => {
  it('lists what the member may claim, open first, with the remaining stock; filters by category', async () => {
    const goods = await published({ category: 'goods', title: unique('物资') });
    const haikouOnly = await published({ category: 'goods', orgId: 'org-haikou', title: unique('海口物资') });
    const list = await call('GET', '/api/benefits?category=goods', { token: as('member') });
    expect(list.status).toBe(200);
    const ids = list.body.items.map((b: { id: string }) => b.id);
    expect(ids).toContain(goods);
    expect(ids).not.toContain(haikouOnly); // the 儋州 member is not in 海口's subtree
    expect(list.body.items.every((b: { category: string }) => b.category === 'goods')).toBe(true);
    const mine = list.body.items.find((b: { id: string }) => b.id === goods);
    expect(mine).toMatchObject({ remaining: 20, claimState: 'open', merchants: [{ id: 'mch-yefeng-cinema', name: '椰风影城（海口国贸店）' }] });
    expect(mine.claimStartsAt).toMatch(/\+08:00$/);
    const states = list.body.items.map((b: { claimState: string }) => b.claimState);
    expect(states.indexOf('open')).toBeLessThanOrEqual(Math.max(0, states.indexOf('upcoming')));
    expect((await call('GET', '/api/benefits?category=goods', { token: as('bus') })).body.items.map((b: { id: string }) => b.id)).toContain(haikouOnly);
    expect((await call('GET', '/api/benefits', { token: as('guest') })).status).toBe(200);
  });

  it('shows the demo catalogue: the hot cinema benefit open with its stock, the upcoming one, not the draft', async () => {
    const list = await call('GET', '/api/benefits', { token: as('hotel') });
    const byId = new Map(list.body.items.map((b: { id: string }) => [b.id, b]));
    expect(byId.get('bnf-demo-cinema')).toMatchObject({ claimState: 'open', category: 'cinema' });
    expect(byId.get('bnf-demo-market')).toMatchObject({ claimState: 'upcoming' });
    expect(byId.has('bnf-demo-holiday')).toBe(false);
  });

  it('answers a visitor as an unbound account (普惠 before log-in), and refuses bad queries', async () => {
    const visitor = await call('GET', '/api/benefits');
    expect(visitor.status).toBe(200);
    expect(visitor.body.items.map((b: { id: string }) => b.id)).toEqual((await call('GET', '/api/benefits', { token: as('guest') })).body.items.map((b: { id: string }) => b.id));
    expect(refusal(await call('GET', '/api/benefits?category=lottery'))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/benefits?category=lottery', { token: as('member') }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/benefits?admin=1', { token: as('member') }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/benefits?cursor=bm9wZQ', { token: as('member') }))).toEqual([400, 'INVALID_INPUT']);
  });
});

describe('GET /api/benefits/{id}', () => {
  it('says whether the member may claim, and the code a claim would get', async () => {
    const id = await published({ orgId: 'org-haikou' });
    const bus = await call('GET', `/api/benefits/${id}`, { token: as('bus') });
    expect(bus.status).toBe(200);
    expect(bus.body.me).toEqual({ eligible: true, reason: null, held: 0 });
    expect(bus.body.benefit).toMatchObject({ id, remaining: 20, org: { id: 'org-haikou', name: '海口市总工会' } });
    expect((await call('GET', `/api/benefits/${id}`, { token: as('member') })).body.me).toEqual({ eligible: false, reason: 'NOT_ELIGIBLE', held: 0 });
    expect((await call('GET', `/api/benefits/${id}`, { token: as('guest') })).body.me.reason).toBe('NOT_BOUND');
    expect((await call('GET', `/api/benefits/${id}`)).body.me).toEqual({ eligible: false, reason: 'NOT_BOUND', held: 0 });
    expect(refusal(await call('GET', '/api/benefits/no-such-benefit', { token: as('bus') }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('GET', '/api/benefits/bnf-demo-holiday', { token: as('hotel') }))).toEqual([404, 'NOT_FOUND']); // a draft
  });
});

describe('POST /api/benefits/{id}/claims', () => {
  it('gives a coupon (201), the same coupon for the same requestId (200), and refuses a second one', async () => {
    const id = await published();
    const rid = requestId();
    const first = await call('POST', `/api/benefits/${id}/claims`, { token: as('member'), json: { requestId: rid } });
    expect(first.status, first.text).toBe(201);
    expect(first.body.coupon).toMatchObject({ benefitId: id, status: 'unused', usedAt: null });
    const again = await call('POST', `/api/benefits/${id}/claims`, { token: as('member'), json: { requestId: rid } });
    expect(again.status).toBe(200);
    expect(again.body.coupon.id).toBe(first.body.coupon.id);
    const second = await call('POST', `/api/benefits/${id}/claims`, { token: as('member'), json: { requestId: requestId() } });
    expect(refusal(second)).toEqual([409, 'CLAIM_LIMIT_REACHED']);
    expect(second.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await call('GET', `/api/benefits/${id}`, { token: as('member') })).body.me).toEqual({
      eligible: false,
      reason: 'CLAIM_LIMIT_REACHED',
      held: 1,
    });
  });

  it('refuses with its codes, each a 4xx with a Chinese message', async () => {
    const claim = (id: string, who: string) => call('POST', `/api/benefits/${id}/claims`, { token: as(who), json: { requestId: requestId() } });
    const open = await published({ stock: 1 });
    expect(refusal(await claim(open, 'guest'))).toEqual([403, 'NOT_BOUND']);
    expect(refusal(await call('POST', `/api/benefits/${open}/claims`, { json: { requestId: requestId() } }))).toEqual([401, 'UNAUTHENTICATED']);
    expect((await claim(open, 'bus')).status).toBe(201);
    expect(refusal(await claim(open, 'hotel'))).toEqual([409, 'SOLD_OUT']);
    expect(refusal(await claim(await published({ orgId: 'org-haikou' }), 'hotel'))).toEqual([403, 'NOT_ELIGIBLE']);
    const later = await published({ claimStartsAt: at(Date.now() + HOUR), claimEndsAt: at(Date.now() + 2 * HOUR) });
    expect(refusal(await claim(later, 'hotel'))).toEqual([409, 'CLAIM_NOT_STARTED']);
    const quota = await published({ stock: 10, regionQuotas: { '02': 1 } });
    expect((await claim(quota, 'hotel')).status).toBe(201);
    const paused = await published();
    await call('POST', `/api/admin/benefits/${paused}/status`, { token: as('admin'), json: { action: 'pause' } });
    const ended = await published();
    await call('POST', `/api/admin/benefits/${ended}/status`, { token: as('admin'), json: { action: 'end' } });
    // The claim path reads a benefit at most once a second: a pause reaches it within that time.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(refusal(await claim(paused, 'hotel'))).toEqual([409, 'BENEFIT_PAUSED']);
    expect(refusal(await claim(ended, 'hotel'))).toEqual([409, 'CLAIM_ENDED']);
    expect(refusal(await claim('no-such-benefit', 'hotel'))).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses bad bodies', async () => {
    const id = await published();
    for (const json of [{}, { requestId: 'short' }, { requestId: 'x'.repeat(65) }, { requestId: 'has space in it' }, { requestId: requestId(), extra: 1 }]) {
      const answer = await call('POST', `/api/benefits/${id}/claims`, { token: as('member'), json });
      expect(refusal(answer), JSON.stringify(json)).toEqual([400, 'INVALID_INPUT']);
    }
  });
});

describe('my coupons, the coupon QR and redemption', () => {
  it('walk a coupon from claimed to used, each step only for those allowed', async () => {
    const id = await published({ merchantIds: ['mch-yefeng-cinema'] });
    const claimed = await call('POST', `/api/benefits/${id}/claims`, { token: as('bus'), json: { requestId: requestId() } });
    const couponId = claimed.body.coupon.id as string;

    const unused = await call('GET', '/api/me/coupons?status=unused', { token: as('bus') });
    expect(unused.status).toBe(200);
    expect(unused.body.items.map((c: { id: string }) => c.id)).toContain(couponId);
    expect((await call('GET', '/api/me/coupons', { token: as('hotel') })).body.items.map((c: { id: string }) => c.id)).not.toContain(couponId);
    expect(refusal(await call('GET', '/api/me/coupons', { token: as('guest') }))).toEqual([403, 'NOT_BOUND']);
    expect(refusal(await call('GET', '/api/me/coupons'))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await call('GET', '/api/me/coupons?status=lost', { token: as('bus') }))).toEqual([400, 'INVALID_INPUT']);

    const qr = await call('GET', `/api/me/coupons/${couponId}/qr`, { token: as('bus') });
    expect(qr.status).toBe(200);
    const ttl = Date.parse(qr.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(refusal(await call('GET', `/api/me/coupons/${couponId}/qr`, { token: as('hotel') }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('GET', `/api/me/coupons/${couponId}/qr`))).toEqual([401, 'UNAUTHENTICATED']);

    const redeem = (who: string | null, token = qr.body.payload) =>
      call('POST', '/api/redemptions', { ...(who ? { token: as(who) } : {}), json: { token } });
    expect(refusal(await redeem(null))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await redeem('bus'))).toEqual([403, 'FORBIDDEN']); // the member themself
    expect(refusal(await redeem('haikou'))).toEqual([403, 'FORBIDDEN']); // an official
    expect(refusal(await redeem('admin'))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await redeem('clerk-closed'))).toEqual([403, 'FORBIDDEN']); // suspended merchant
    expect(refusal(await redeem('clerk-books'))).toEqual([403, 'COUPON_WRONG_MERCHANT']);
    expect(refusal(await redeem('clerk', 'not-a-token'))).toEqual([400, 'COUPON_TOKEN_INVALID']);
    expect(refusal(await call('POST', '/api/redemptions', { token: as('clerk'), json: {} }))).toEqual([400, 'INVALID_INPUT']);

    const done = await redeem('clerk');
    expect(done.status, done.text).toBe(201);
    expect(done.body.redemption).toMatchObject({ couponId, merchant: { id: 'mch-yefeng-cinema' }, memberName: '林*燕' });
    expect(done.body.redemption.redeemedAt).toMatch(/\+08:00$/);
    expect(refusal(await redeem('clerk'))).toEqual([409, 'COUPON_ALREADY_REDEEMED']);

    const used = await call('GET', '/api/me/coupons?status=used', { token: as('bus') });
    expect(used.body.items.find((c: { id: string }) => c.id === couponId)).toMatchObject({ status: 'used' });
    expect(refusal(await call('GET', `/api/me/coupons/${couponId}/qr`, { token: as('bus') }))).toEqual([409, 'COUPON_ALREADY_REDEEMED']);
    const figures = await call('GET', `/api/admin/benefits/${id}`, { token: as('admin') });
    expect(figures.body.benefit.figures).toMatchObject({ stock: 20, claimed: 1, redeemed: 1, remaining: 19 });
  });

  it('redeem by the short numeric code the QR carries (typed with spaces), once, at the coupon’s merchant only; coupons name the merchant’s address and map place', async () => {
    const id = await published({ merchantIds: ['mch-yefeng-cinema'] });
    const claimed = await call('POST', `/api/benefits/${id}/claims`, { token: as('bus'), json: { requestId: requestId() } });
    const couponId = claimed.body.coupon.id as string;
    expect(claimed.body.coupon.merchants[0]).toMatchObject({
      id: 'mch-yefeng-cinema',
      contact: { address: expect.stringContaining('海口'), phone: expect.stringMatching(/^0898-/), latitude: expect.any(Number), longitude: expect.any(Number) },
    });
    const qr = await call('GET', `/api/me/coupons/${couponId}/qr`, { token: as('bus') });
    expect(qr.body.code).toMatch(/^6\d{9}$/);
    const codeTtl = Date.parse(qr.body.codeExpiresAt) - Date.now();
    expect(codeTtl).toBeGreaterThan(60_000);
    expect(codeTtl).toBeLessThanOrEqual(120_000);
    const typed = `${qr.body.code.slice(0, 3)} ${qr.body.code.slice(3, 6)} ${qr.body.code.slice(6)}`;
    const redeem = (who: string, token: string) => call('POST', '/api/redemptions', { token: as(who), json: { token } });
    expect(refusal(await redeem('bus', typed))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await redeem('clerk-books', typed))).toEqual([403, 'COUPON_WRONG_MERCHANT']);
    const wrong = `6${String((Number(qr.body.code.slice(1)) + 7) % 1e9).padStart(9, '0')}`;
    const missed = await redeem('clerk', wrong);
    expect(refusal(missed)).toEqual([400, 'COUPON_CODE_NOT_FOUND']);
    expect(missed.body.error.message).toMatch(/数字码/);
    const done = await redeem('clerk', typed);
    expect(done.status, done.text).toBe(201);
    expect(done.body.redemption).toMatchObject({ couponId, merchant: { id: 'mch-yefeng-cinema' } });
    expect(refusal(await redeem('clerk', qr.body.code))).toEqual([409, 'COUPON_ALREADY_REDEEMED']);
  });
});

describe('the benefit desk (/api/admin/benefits)', () => {
  it('lets officials work in their subtree, admins everywhere, and nobody else', async () => {
    const created = await call('POST', '/api/admin/benefits', { token: as('haikou'), json: draft({ orgId: 'org-haikou' }) });
    expect(created.status, created.text).toBe(201);
    const id = created.body.benefit.id as string;
    expect(created.body.benefit).toMatchObject({ status: 'draft', org: { id: 'org-haikou' }, figures: { stock: 20, claimed: 0 } });

    for (const who of ['member', 'clerk', 'guest']) {
      expect(refusal(await call('POST', '/api/admin/benefits', { token: as(who), json: draft() })), who).toEqual([403, 'FORBIDDEN']);
      expect(refusal(await call('GET', '/api/admin/benefits', { token: as(who) })), who).toEqual([403, 'FORBIDDEN']);
      expect(refusal(await call('GET', `/api/admin/benefits/${id}`, { token: as(who) })), who).toEqual([403, 'FORBIDDEN']);
    }
    expect(refusal(await call('POST', '/api/admin/benefits', { json: draft() }))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await call('POST', '/api/admin/benefits', { token: as('haikou'), json: draft({ orgId: 'org-sanya' }) }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', '/api/admin/benefits', { token: as('haikou'), json: draft() }))).toEqual([403, 'FORBIDDEN']); // the province
    // The official of another city sees nothing of it and may touch nothing.
    expect(refusal(await call('GET', `/api/admin/benefits/${id}`, { token: as('sanya') }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', `/api/admin/benefits/${id}/status`, { token: as('sanya'), json: { action: 'publish' } }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', `/api/admin/benefits/${id}/stock`, { token: as('sanya'), json: { add: 5 } }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', `/api/admin/benefits/${id}`, { token: as('sanya'), json: draft({ orgId: 'org-haikou' }) }))).toEqual([403, 'FORBIDDEN']);
    expect((await call('GET', '/api/admin/benefits', { token: as('sanya') })).body.items.map((b: { id: string }) => b.id)).not.toContain(id);
    const haikouList = await call('GET', '/api/admin/benefits?status=draft', { token: as('haikou') });
    expect(haikouList.body.items.map((b: { id: string }) => b.id)).toContain(id);
    expect((await call('GET', `/api/admin/benefits/${id}`, { token: as('admin') })).status).toBe(200);

    const edited = await call('POST', `/api/admin/benefits/${id}`, { token: as('haikou'), json: draft({ orgId: 'org-haikou', stock: 30, title: '改过的权益' }) });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.benefit).toMatchObject({ title: '改过的权益', figures: { stock: 30 } });
    const publish = await call('POST', `/api/admin/benefits/${id}/status`, { token: as('haikou'), json: { action: 'publish' } });
    expect(publish.body.benefit.status).toBe('published');
    expect(refusal(await call('POST', `/api/admin/benefits/${id}`, { token: as('haikou'), json: draft({ orgId: 'org-haikou' }) }))).toEqual([409, 'BENEFIT_NOT_DRAFT']);
    expect(refusal(await call('POST', `/api/admin/benefits/${id}/status`, { token: as('haikou'), json: { action: 'resume' } }))).toEqual([409, 'BENEFIT_STATUS_INVALID']);
    expect(refusal(await call('POST', `/api/admin/benefits/${id}/status`, { token: as('haikou'), json: { action: 'delete' } }))).toEqual([400, 'INVALID_INPUT']);
  });

  it('raises stock, refuses lowering it below what is claimed, and shows figures per region', async () => {
    const id = await published({ stock: 10, shards: 2, regionQuotas: { '01': 4, '02': 3 } });
    expect((await call('POST', `/api/benefits/${id}/claims`, { token: as('bus'), json: { requestId: requestId() } })).status).toBe(201);
    expect((await call('POST', `/api/benefits/${id}/claims`, { token: as('member'), json: { requestId: requestId() } })).status).toBe(201);
    const stock = (json: unknown) => call('POST', `/api/admin/benefits/${id}/stock`, { token: as('admin'), json });

    const raised = await stock({ add: 5, regionCode: '01' });
    expect(raised.status, raised.text).toBe(200);
    expect(raised.body.benefit.figures).toEqual({
      stock: 15,
      claimed: 2,
      redeemed: 0,
      remaining: 13,
      byRegion: { '01': { quota: 9, claimed: 1 }, '02': { quota: 3, claimed: 0 } },
      otherRegions: { quota: 3, claimed: 1 },
    });
    expect(refusal(await stock({ add: -14 }))).toEqual([409, 'STOCK_BELOW_CLAIMED']);
    expect(refusal(await stock({ add: -9, regionCode: '01' }))).toEqual([409, 'STOCK_BELOW_CLAIMED']);
    expect((await stock({ add: -2 })).body.benefit.figures).toMatchObject({ stock: 13, remaining: 11, otherRegions: { quota: 1, claimed: 1 } });
    expect(refusal(await stock({ add: 0 }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await stock({ add: 1, regionCode: '33' }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('POST', '/api/admin/benefits/no-such-benefit/stock', { token: as('admin'), json: { add: 1 } }))).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses bad benefit input with a message per field', async () => {
    const bad = await call('POST', '/api/admin/benefits', {
      token: as('admin'),
      json: draft({ title: '', stock: -1, category: 'lottery', claimStartsAt: '明天', priceFen: 100, admin: true }),
    });
    expect(refusal(bad)).toEqual([400, 'INVALID_INPUT']);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['admin', 'category', 'claimStartsAt', 'stock', 'title']);
    const windows = await call('POST', '/api/admin/benefits', {
      token: as('admin'),
      json: draft({ claimEndsAt: at(Date.now() - 2 * HOUR), priceFen: 100 }),
    });
    // A priced benefit is allowed (一元观影) but must state its refund rule before a member can pay.
    expect(windows.body.error.fields).toMatchObject({ claimEndsAt: '领取结束时间应晚于开始时间', refundPolicy: '收费权益请选择退款规则' });
    const unknown = await call('POST', '/api/admin/benefits', { token: as('admin'), json: draft({ merchantIds: ['mch-nope'] }) });
    expect(refusal(unknown)).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await call('GET', '/api/admin/benefits?status=gone', { token: as('admin') }))).toEqual([400, 'INVALID_INPUT']);
  });
});

describe('junk', () => {
  it('never gets a 5xx from a benefits endpoint', async () => {
    const id = await published();
    const junk = ['', ' ', '{}', '[]', '"x"', '1e999', 'null', '{"requestId":{"$gt":""}}', '{"add":1e308}', '{"token":"' + 'a.'.repeat(900) + '"}'];
    for (let i = 0; i < 10; i += 1) junk.push(JSON.stringify({ action: String.fromCharCode(0x4e00 + i), add: `${i}`, requestId: 'r'.repeat(i * 9), token: i }));
    const posts = ['/api/admin/benefits', `/api/admin/benefits/${id}`, `/api/admin/benefits/${id}/status`, `/api/admin/benefits/${id}/stock`, `/api/benefits/${id}/claims`, '/api/redemptions'];
    for (const path of posts) {
      for (const raw of junk) {
        for (const who of ['admin', 'clerk', 'member']) {
          const answer = await call('POST', path, { raw, token: as(who) });
          expect(answer.status, `${who} ${path} ${raw.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
          expect(answer.status, `${who} ${path} ${raw.slice(0, 40)}`).toBeLessThan(500);
        }
      }
    }
    const gets = [`/api/benefits/${'%00'.repeat(3)}`, '/api/benefits/..%2F..', `/api/me/coupons/${'x'.repeat(300)}/qr`, '/api/admin/benefits/%E4%B8%AD', '/api/benefits?cursor=' + 'A'.repeat(600)];
    for (const path of gets) {
      const answer = await call('GET', path, { token: as('admin') });
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
    }
  });
});
