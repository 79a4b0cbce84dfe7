import { beforeAll, describe, expect, it } from 'vitest';
import { refusalOf } from '../../support/outcome';
import {
  benefitRequest,
  benefitWorld,
  boundMember,
  boundMembers,
  claimAsTheAppDoes,
  clerk,
  official,
  publishedBenefit,
  requestId,
  tally,
  type BenefitWorld,
} from '../../support/benefits';

let world: BenefitWorld;

beforeAll(async () => {
  world = await benefitWorld('desk');
}, 60_000);

const figures = async (id: string) => (await world.uc.getManagedBenefit(world.deps, world.admin, id)).benefit.figures;

describe('the benefit desk', () => {
  it('lets officials create and manage benefits in their subtree only, admins everywhere, nobody else', async () => {
    const haikouOfficial = await official(world, world.cities.haikou.id);
    const unionOfficial = await official(world, world.unions.haikou.id);
    const member = await boundMember(world, world.unions.haikou.id);
    const cinemaClerk = await clerk(world, world.merchants.cinema);

    const own = await world.uc.createBenefit(world.deps, haikouOfficial, benefitRequest(world, { orgId: world.unions.haikou.id }));
    expect(own.benefit).toMatchObject({ status: 'draft', org: { id: world.unions.haikou.id }, shards: 1 });
    expect(own.benefit.figures).toEqual({ stock: 100, claimed: 0, redeemed: 0, remaining: 100, byRegion: {}, otherRegions: null });
    for (const who of [member.openid, cinemaClerk]) {
      expect((await refusalOf(world.uc.createBenefit(world.deps, who, benefitRequest(world)))).code).toBe('FORBIDDEN');
      expect((await refusalOf(world.uc.getManagedBenefit(world.deps, who, own.benefit.id))).code).toBe('FORBIDDEN');
      expect((await refusalOf(world.uc.listManagedBenefits(world.deps, who, {}))).code).toBe('FORBIDDEN');
    }
    // Above or beside their org: refused.
    expect((await refusalOf(world.uc.createBenefit(world.deps, haikouOfficial, benefitRequest(world)))).code).toBe('FORBIDDEN');
    expect(
      (await refusalOf(world.uc.createBenefit(world.deps, haikouOfficial, benefitRequest(world, { orgId: world.cities.sanya.id })))).code,
    ).toBe('FORBIDDEN');
    const provinceWide = await world.uc.createBenefit(world.deps, world.admin, benefitRequest(world));
    expect((await refusalOf(world.uc.changeStatus(world.deps, haikouOfficial, provinceWide.benefit.id, 'publish'))).code).toBe('FORBIDDEN');
    expect((await refusalOf(world.uc.changeStatus(world.deps, unionOfficial, provinceWide.benefit.id, 'publish'))).code).toBe('FORBIDDEN');
    // Within: fine, for the city's official and the union's.
    expect((await world.uc.changeStatus(world.deps, unionOfficial, own.benefit.id, 'publish')).benefit.status).toBe('published');
    const listed = await world.uc.listManagedBenefits(world.deps, haikouOfficial, {});
    expect(listed.items.map((b) => b.id)).toContain(own.benefit.id);
    expect(listed.items.map((b) => b.id)).not.toContain(provinceWide.benefit.id);
    const drafts = await world.uc.listManagedBenefits(world.deps, world.admin, { status: 'draft' });
    expect(drafts.items.map((b) => b.id)).toContain(provinceWide.benefit.id);
    expect(drafts.items.every((b) => b.status === 'draft')).toBe(true);
  });

  it('creates a priced benefit with its refund rule (the contract refuses one without: tests/unit/benefits-domain), kept through an edit', async () => {
    const { benefit } = await world.uc.createBenefit(world.deps, world.admin, benefitRequest(world, { priceFen: 100, refundPolicy: 'none' }));
    expect(benefit).toMatchObject({ priceFen: 100, refundPolicy: 'none' });
    const edited = await world.uc.updateBenefit(world.deps, world.admin, benefit.id, benefitRequest(world, { priceFen: 19_900, refundPolicy: 'same_day_review' }));
    expect(edited.benefit).toMatchObject({ priceFen: 19_900, refundPolicy: 'same_day_review' });
    expect((await world.deps.benefits.get(benefit.id))?.refundPolicy).toBe('same_day_review');
    const free = await world.uc.updateBenefit(world.deps, world.admin, benefit.id, benefitRequest(world, { priceFen: 0, refundPolicy: 'none' }));
    expect(free.benefit.refundPolicy).toBeUndefined();
  });

  it('refuses unknown orgs and merchants', async () => {
    const unknownOrg = await refusalOf(world.uc.createBenefit(world.deps, world.admin, benefitRequest(world, { orgId: 'no-such-org' })));
    expect(unknownOrg).toMatchObject({ code: 'INVALID_INPUT', fields: { orgId: '所属工会不存在' } });
    const unknownMerchant = await refusalOf(world.uc.createBenefit(world.deps, world.admin, benefitRequest(world, { merchantIds: ['nope'] })));
    expect(unknownMerchant.code).toBe('INVALID_INPUT');
    expect(unknownMerchant.fields?.merchantIds).toContain('nope');
  });

  it('follows draft → published → paused ⇄ published → ended, and edits drafts only', async () => {
    const { benefit } = await world.uc.createBenefit(world.deps, world.admin, benefitRequest(world, { stock: 10, shards: 3 }));
    const edited = await world.uc.updateBenefit(world.deps, world.admin, benefit.id, benefitRequest(world, { title: '改过的名称', stock: 12, shards: 3 }));
    expect(edited.benefit).toMatchObject({ title: '改过的名称', figures: { stock: 12 } });
    for (const action of ['pause', 'resume', 'end'] as const) {
      expect((await refusalOf(world.uc.changeStatus(world.deps, world.admin, benefit.id, action))).code).toBe('BENEFIT_STATUS_INVALID');
    }
    // Two officials publish at once: one transaction creates the shards, the other is refused.
    const outcomes = await Promise.all(
      [1, 2].map(() => world.uc.changeStatus(world.deps, world.admin, benefit.id, 'publish').then(() => 'ok', (e) => e.code)),
    );
    expect(outcomes.sort()).toEqual(['BENEFIT_STATUS_INVALID', 'ok']);
    const levels = await world.deps.claims.shardLevels(benefit.id, 3);
    expect(levels.map((l) => l.total)).toEqual([4, 4, 4]);
    expect((await refusalOf(world.uc.updateBenefit(world.deps, world.admin, benefit.id, benefitRequest(world)))).code).toBe('BENEFIT_NOT_DRAFT');
    expect((await world.uc.changeStatus(world.deps, world.admin, benefit.id, 'pause')).benefit.status).toBe('paused');
    expect((await world.uc.changeStatus(world.deps, world.admin, benefit.id, 'resume')).benefit.status).toBe('published');
    expect((await world.uc.changeStatus(world.deps, world.admin, benefit.id, 'end')).benefit.status).toBe('ended');
    expect((await refusalOf(world.uc.changeStatus(world.deps, world.admin, benefit.id, 'resume'))).code).toBe('BENEFIT_STATUS_INVALID');
  });
});

describe('stock', () => {
  it('is raised over the shards and lowered only down to what is claimed', async () => {
    const benefitId = await publishedBenefit(world, { stock: 10, shards: 3, perMemberLimit: 1 });
    const members = await boundMembers(world, world.unions.haikou.id, 4);
    await Promise.all(members.map((m) => world.uc.claimBenefit(world.deps, m.openid, benefitId, requestId())));
    expect(await figures(benefitId)).toMatchObject({ stock: 10, claimed: 4, remaining: 6 });

    const raised = await world.uc.changeStock(world.deps, world.admin, benefitId, { add: 5 });
    expect(raised.benefit.figures).toMatchObject({ stock: 15, claimed: 4, remaining: 11 });
    const levels = await world.deps.claims.shardLevels(benefitId, 3);
    expect(levels.reduce((s, l) => s + l.total, 0)).toBe(15);

    const below = await refusalOf(world.uc.changeStock(world.deps, world.admin, benefitId, { add: -12 }));
    expect(below.code).toBe('STOCK_BELOW_CLAIMED');
    expect(await figures(benefitId)).toMatchObject({ stock: 15, claimed: 4, remaining: 11 });

    const lowered = await world.uc.changeStock(world.deps, world.admin, benefitId, { add: -11 });
    expect(lowered.benefit.figures).toMatchObject({ stock: 4, claimed: 4, remaining: 0 });
    expect((await world.deps.claims.shardLevels(benefitId, 3)).every((l) => l.left === 0 && l.total >= 0)).toBe(true);
    const late = await boundMember(world, world.unions.haikou.id);
    expect((await refusalOf(world.uc.claimBenefit(world.deps, late.openid, benefitId, requestId()))).code).toBe('SOLD_OUT');
    await world.uc.changeStock(world.deps, world.admin, benefitId, { add: 1 });
    expect((await world.uc.claimBenefit(world.deps, late.openid, benefitId, requestId())).created).toBe(true);
  });

  it('moves a region quota with the stock, never below what the region claimed', async () => {
    const benefitId = await publishedBenefit(world, { stock: 6, shards: 2, regionQuotas: { '01': 2, '02': 2 }, otherRegions: 'open' });
    const [a, b] = await boundMembers(world, world.unions.haikou.id, 2);
    await world.uc.claimBenefit(world.deps, a!.openid, benefitId, requestId());
    await world.uc.claimBenefit(world.deps, b!.openid, benefitId, requestId());
    const third = await boundMember(world, world.unions.haikou.id);
    expect((await refusalOf(world.uc.claimBenefit(world.deps, third.openid, benefitId, requestId()))).code).toBe('REGION_QUOTA_EXHAUSTED');

    expect((await refusalOf(world.uc.changeStock(world.deps, world.admin, benefitId, { add: -1, regionCode: '01' }))).code).toBe(
      'STOCK_BELOW_CLAIMED',
    );
    const raised = await world.uc.changeStock(world.deps, world.admin, benefitId, { add: 3, regionCode: '01' });
    expect(raised.benefit.regionQuotas).toEqual({ '01': 5, '02': 2 });
    expect(raised.benefit.figures).toMatchObject({ stock: 9, claimed: 2, byRegion: { '01': { quota: 5, claimed: 2 } }, otherRegions: { quota: 2, claimed: 0 } });
    expect((await world.uc.claimBenefit(world.deps, third.openid, benefitId, requestId())).created).toBe(true);
    const rest = await world.uc.changeStock(world.deps, world.admin, benefitId, { add: -2 });
    expect(rest.benefit.figures).toMatchObject({ stock: 7, otherRegions: { quota: 0, claimed: 0 } });
    expect((await refusalOf(world.uc.changeStock(world.deps, world.admin, benefitId, { add: 1, regionCode: '09' }))).code).toBe('INVALID_INPUT');
  });

  it('stays exact when raised while a crowd claims', async () => {
    const benefitId = await publishedBenefit(world, { stock: 10, shards: 2 });
    const members = await boundMembers(world, world.unions.haikou.id, 30);
    const [claims] = await Promise.all([
      Promise.all(members.map((m) => claimAsTheAppDoes(world.deps, m.openid, benefitId))),
      world.uc.changeStock(world.deps, world.admin, benefitId, { add: 5 }),
      world.uc.changeStock(world.deps, world.admin, benefitId, { add: 5 }),
    ]);
    const created = tally(claims).created ?? 0;
    const after = await figures(benefitId);
    expect(after.stock).toBe(20);
    expect(after.claimed).toBe(created);
    expect(after.remaining).toBe(20 - created);
    expect(created).toBeGreaterThanOrEqual(10);
  }, 60_000);
});

describe('the redemption transaction itself', () => {
  it('refuses a merchant the coupon is not for, even when asked directly', async () => {
    const benefitId = await publishedBenefit(world);
    const member = await boundMember(world, world.unions.haikou.id);
    const { response } = await world.uc.claimBenefit(world.deps, member.openid, benefitId, requestId());
    const coupon = (await world.deps.coupons.get(response.coupon.id))!;
    const record = { couponId: coupon.id, merchantId: world.merchants.market, clerk: 'x', nonce: 'n1', redeemedAt: Date.now() };
    expect(await world.deps.coupons.redeem(coupon, record)).toEqual({ kind: 'refused', parts: ['coupon'] });
    expect(await world.deps.coupons.redeem(coupon, { ...record, merchantId: world.merchants.cinema, redeemedAt: coupon.useEndsAt })).toEqual({
      kind: 'refused',
      parts: ['coupon'],
    });
    expect(await world.deps.coupons.redeem(coupon, { ...record, merchantId: world.merchants.cinema })).toEqual({ kind: 'done' });
  });
});
