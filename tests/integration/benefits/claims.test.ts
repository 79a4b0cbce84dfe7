import { beforeAll, describe, expect, it } from 'vitest';
import { refusalOf } from '../../support/outcome';
import {
  account,
  benefitWorld,
  boundMember,
  boundMembers,
  claimAsTheAppDoes,
  publishedBenefit,
  requestId,
  tally,
  type BenefitWorld,
} from '../../support/benefits';

const HOUR = 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
let world: BenefitWorld;

beforeAll(async () => {
  world = await benefitWorld('claims');
}, 60_000);

const claimBenefit: BenefitWorld['uc']['claimBenefit'] = (...args) => world.uc.claimBenefit(...args);
const changeStatus: BenefitWorld['uc']['changeStatus'] = (...args) => world.uc.changeStatus(...args);
const getBenefit: BenefitWorld['uc']['getBenefit'] = (...args) => world.uc.getBenefit(...args);

describe('a claim', () => {
  it('gives a coupon (201) and the same coupon again for the same requestId (200), never a second one', async () => {
    const benefitId = await publishedBenefit(world, { stock: 5, perMemberLimit: 2 });
    const member = await boundMember(world, world.unions.haikou.id);
    const rid = requestId();
    const first = await claimBenefit(world.deps, member.openid, benefitId, rid);
    const again = await claimBenefit(world.deps, member.openid, benefitId, rid);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.response.coupon).toEqual(first.response.coupon);
    expect(first.response.coupon).toMatchObject({ benefitId, status: 'unused', usedAt: null, faceValueFen: 4000 });
    expect(first.response.coupon.merchants).toEqual([{ id: world.merchants.cinema, name: '测试影城' }]);
    // Concurrent retries of one request: still one coupon.
    const retries = await Promise.all(Array.from({ length: 8 }, () => claimAsTheAppDoes(world.deps, member.openid, benefitId, rid)));
    expect(tally(retries)).toEqual({ replayed: 8 });
    expect(await world.deps.benefits.held(benefitId, member.memberId)).toBe(1);
    const detail = await getBenefit(world.deps, member.openid, benefitId);
    expect(detail.me).toEqual({ eligible: true, reason: null, held: 1 });
    expect(detail.benefit.remaining).toBe(4);
  });

  it('finds its coupon when retried after an ambiguous failure (written, but the answer was lost)', async () => {
    const benefitId = await publishedBenefit(world, { stock: 5, perMemberLimit: 1 });
    const member = await boundMember(world, world.unions.haikou.id);
    const { createClaimStore } = await import('../../../functions/benefits/data/claim-store');
    const { sendTransaction } = await import('../../../functions/kernel/data/transactions');
    let lost = 0;
    const losing = createClaimStore(async (items) => {
      await sendTransaction(items);
      if (lost++ === 0) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    });
    const rid = requestId();
    const result = await claimBenefit({ ...world.deps, claims: losing }, member.openid, benefitId, rid);
    expect(result.created).toBe(false); // found on the retry: the same coupon, answered 200
    const later = await claimBenefit(world.deps, member.openid, benefitId, rid);
    expect(later.response.coupon.id).toBe(result.response.coupon.id);
    expect(await world.deps.benefits.held(benefitId, member.memberId)).toBe(1);
    expect((await world.deps.claims.shardLevels(benefitId, 1))[0]?.left).toBe(4);
  });

  it('is refused with each of its codes', async () => {
    const haikou = await boundMember(world, world.unions.haikou.id);
    const sanya = await boundMember(world, world.unions.sanya.id);
    const danzhou = await boundMember(world, world.unions.danzhou.id);
    const unbound = await account(world.membership, `unbound-${world.tag}`);
    const code = async (openid: string, benefitId: string, deps = world.deps) =>
      (await refusalOf(claimBenefit(deps, openid, benefitId, requestId()))).code;

    const open = await publishedBenefit(world, { stock: 1 });
    expect(await code(unbound, open)).toBe('NOT_BOUND');

    const haikouOnly = await publishedBenefit(world, { orgId: world.cities.haikou.id });
    expect(await code(sanya.openid, haikouOnly)).toBe('NOT_ELIGIBLE');

    const closed = await publishedBenefit(world, { stock: 4, regionQuotas: { '01': 2, '02': 2 }, otherRegions: 'closed' });
    const closedRefusal = await refusalOf(claimBenefit(world.deps, danzhou.openid, closed, requestId()));
    expect(closedRefusal.code).toBe('NOT_ELIGIBLE');
    expect(closedRefusal.message).toContain('指定市县');

    const upcoming = await publishedBenefit(world, { claimStartsAt: iso(Date.now() + HOUR), claimEndsAt: iso(Date.now() + 2 * HOUR) });
    expect(await code(haikou.openid, upcoming)).toBe('CLAIM_NOT_STARTED');

    const closing = await publishedBenefit(world, { claimEndsAt: iso(Date.now() + HOUR), useEndsAt: iso(Date.now() + 3 * HOUR) });
    expect(await code(haikou.openid, closing, { ...world.deps, now: () => new Date(Date.now() + 2 * HOUR) })).toBe('CLAIM_ENDED');
    const ended = await publishedBenefit(world);
    await changeStatus(world.deps, world.admin, ended, 'end');
    expect(await code(haikou.openid, ended)).toBe('CLAIM_ENDED');

    const paused = await publishedBenefit(world);
    await changeStatus(world.deps, world.admin, paused, 'pause');
    expect(await code(haikou.openid, paused)).toBe('BENEFIT_PAUSED');
    await changeStatus(world.deps, world.admin, paused, 'resume');
    expect((await claimBenefit(world.deps, haikou.openid, paused, requestId())).created).toBe(true);

    expect((await claimBenefit(world.deps, sanya.openid, open, requestId())).created).toBe(true);
    expect(await code(haikou.openid, open)).toBe('SOLD_OUT');

    const twice = await publishedBenefit(world, { perMemberLimit: 2 });
    await claimBenefit(world.deps, haikou.openid, twice, requestId());
    await claimBenefit(world.deps, haikou.openid, twice, requestId());
    expect(await code(haikou.openid, twice)).toBe('CLAIM_LIMIT_REACHED');

    const quota = await publishedBenefit(world, { stock: 10, regionQuotas: { '02': 1 } });
    await claimBenefit(world.deps, sanya.openid, quota, requestId());
    expect(await code((await boundMember(world, world.unions.sanya.id)).openid, quota)).toBe('REGION_QUOTA_EXHAUSTED');

    // A draft is not there for members.
    const { benefitRequest } = await import('../../support/benefits');
    const draft = await world.uc.createBenefit(world.deps, world.admin, benefitRequest(world));
    expect(await code(haikou.openid, draft.benefit.id)).toBe('NOT_FOUND');
  }, 60_000);
});

describe('city quotas', () => {
  it('run out for one city while stock remains for the others', async () => {
    const benefitId = await publishedBenefit(world, { stock: 12, shards: 3, regionQuotas: { '01': 3, '02': 2 }, otherRegions: 'open' });
    const [haikou, sanya, danzhou] = await Promise.all([
      boundMembers(world, world.unions.haikou.id, 6),
      boundMembers(world, world.unions.sanya.id, 4),
      boundMembers(world, world.unions.danzhou.id, 3),
    ]);
    const claim = (members: typeof haikou) => Promise.all(members.map((m) => claimAsTheAppDoes(world.deps, m.openid, benefitId)));
    const [h, s, d] = await Promise.all([claim(haikou), claim(sanya), claim(danzhou)]);
    expect(tally(h)).toEqual({ created: 3, REGION_QUOTA_EXHAUSTED: 3 });
    expect(tally(s)).toEqual({ created: 2, REGION_QUOTA_EXHAUSTED: 2 });
    expect(tally(d)).toEqual({ created: 3 }); // from the unreserved rest: 12 − 3 − 2 = 7

    const benefit = await world.deps.benefits.get(benefitId);
    const counts = (await world.deps.benefits.counts([benefit!])).get(benefitId);
    expect(counts).toMatchObject({
      stock: 12,
      remaining: 4,
      byRegion: { '01': { quota: 3, claimed: 3 }, '02': { quota: 2, claimed: 2 } },
      otherRegions: { quota: 7, claimed: 3 },
    });
    // One of the Haikou members who came too late (which ones did is up to the race).
    const late = haikou[h.findIndex((r) => r.outcome === 'REGION_QUOTA_EXHAUSTED')]!;
    const detail = await getBenefit(world.deps, late.openid, benefitId);
    expect(detail.me).toEqual({ eligible: false, reason: 'REGION_QUOTA_EXHAUSTED', held: 0 });
  }, 60_000);
});
