import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminDeps } from '../../../functions/membership/services/admin-ports';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { benefitRequest, benefitWorld, boundMember, official, requestId, type BenefitWorld } from '../../support/benefits';

/**
 * Issue 13, item 5 — "any official sells at any merchant", replayed on DynamoDB Local: a grassroots
 * official published a ¥1,000,000 × 10,000,000-unit benefit at a 三亚 supermarket. Now the merchant
 * must be under agreement with the owning org or an org above it, and figures above the owner's
 * level need an official of a level above (not the creator) to approve them before publishing.
 */

let world: BenefitWorld;
let admin: AdminDeps;
let merchants: typeof import('../../../functions/membership/services/merchant-admin');
let audit: typeof import('../../../functions/audit/data/audit-store');
let haikou: string;
let sanya: string;
let bus: string;
let busColleague: string;
let province: string;
let sanyaMarket: string;

beforeAll(async () => {
  world = await benefitWorld('limits');
  admin = await (await import('../../../functions/membership/services/admin-deps')).adminDeps();
  merchants = await import('../../../functions/membership/services/merchant-admin');
  audit = await import('../../../functions/audit/data/audit-store');
  [haikou, sanya, bus, busColleague, province] = await Promise.all([
    official(world, world.cities.haikou.id),
    official(world, world.cities.sanya.id),
    official(world, world.unions.haikou.id),
    official(world, world.unions.haikou.id),
    official(world, world.province.id),
  ]);
  // 三亚's supermarket, signed by the 三亚 federation only (through the endpoint's use case).
  sanyaMarket = (await merchants.createMerchant(admin, sanya, { name: `琼州惠民超市${world.tag}`, orgId: world.cities.sanya.id })).merchant.id;
}, 60_000);

const ATTACK = { faceValueFen: 100_000_000, stock: 10_000_000, shards: 32 };
/** The audit entries about `id` in the test province's subtree (its trail). */
async function entriesFor(id: string) {
  const page = await audit.auditStore.list({ scope: { kind: 'subtree', orgPath: [world.province.id] }, limit: 500 });
  return page.entries.filter((e) => e.target.id === id);
}

describe('merchants under agreement', () => {
  it('refuse a benefit at a merchant no federation above its owner signed (the 三亚 supermarket)', async () => {
    const refused = await refusalOf(
      world.uc.createBenefit(world.deps, bus, benefitRequest(world, { orgId: world.unions.haikou.id, merchantIds: [sanyaMarket] })),
    );
    expect(refused.code).toBe('MERCHANT_NOT_UNDER_AGREEMENT');
    expect(refused.message).toContain('未与本级或上级工会签约');
    // The 三亚 federation's own benefits (and those below it) may name it.
    const ok = await world.uc.createBenefit(world.deps, sanya, benefitRequest(world, { orgId: world.unions.sanya.id, merchantIds: [sanyaMarket] }));
    expect(ok.benefit.merchants.map((m) => m.id)).toEqual([sanyaMarket]);
    // A draft saved before an edit to another merchant is refused the same way.
    const draft = await world.uc.createBenefit(world.deps, bus, benefitRequest(world, { orgId: world.unions.haikou.id }));
    expect(
      await outcomeOf(world.uc.updateBenefit(world.deps, bus, draft.benefit.id, benefitRequest(world, { orgId: world.unions.haikou.id, merchantIds: [sanyaMarket] }))),
    ).toBe('MERCHANT_NOT_UNDER_AGREEMENT');
  });

  it('are signed by the province or a city federation only, each for itself, and audited', async () => {
    // A grassroots official signs nothing; a province official does not sign for a city.
    expect(await outcomeOf(merchants.createMerchant(admin, bus, { name: '基层商户', orgId: world.unions.haikou.id }))).toBe('FORBIDDEN');
    expect(await outcomeOf(merchants.createMerchant(admin, province, { name: '代签商户', orgId: world.cities.haikou.id }))).toBe('FORBIDDEN');
    expect(await outcomeOf(merchants.addMerchantAgreement(admin, bus, sanyaMarket, { orgId: world.unions.haikou.id }))).toBe('FORBIDDEN');
    expect(await outcomeOf(merchants.addMerchantAgreement(admin, sanya, sanyaMarket, { orgId: world.cities.haikou.id }))).toBe('FORBIDDEN');
    expect(await outcomeOf(merchants.addMerchantAgreement(admin, haikou, 'm-nobody', { orgId: world.cities.haikou.id }))).toBe('NOT_FOUND');

    // 海口 signs the supermarket: 海口's unions may now use it; signing again changes nothing.
    const signed = await merchants.addMerchantAgreement(admin, haikou, sanyaMarket, { orgId: world.cities.haikou.id });
    expect(signed.changed).toBe(true);
    expect(signed.merchant.agreements.map((a) => a.org.id)).toEqual([world.cities.sanya.id, world.cities.haikou.id]);
    expect((await merchants.addMerchantAgreement(admin, haikou, sanyaMarket, { orgId: world.cities.haikou.id })).changed).toBe(false);
    expect((await entriesFor(sanyaMarket)).map((e) => e.action).sort()).toEqual(['merchant.agreement', 'merchant.create']);
    const created = await world.uc.createBenefit(world.deps, bus, benefitRequest(world, { orgId: world.unions.haikou.id, merchantIds: [sanyaMarket] }));
    expect(created.benefit.status).toBe('draft');
  });

  it('are what the merchant picker offers an org: signed by it or above it, active', async () => {
    const offered = async (who: string, orgId: string) => (await merchants.listSignedMerchants(admin, who, { orgId })).items.map((m) => m.id);
    expect(await offered(sanya, world.unions.sanya.id)).toEqual(expect.arrayContaining([sanyaMarket, world.merchants.cinema]));
    expect(await offered(province, world.province.id)).not.toContain(sanyaMarket);
    expect(await outcomeOf(merchants.listSignedMerchants(admin, bus, { orgId: world.cities.sanya.id }))).toBe('FORBIDDEN');
  });

  it('keep both of two agreements signed at the same moment (the version condition)', async () => {
    const { merchant } = await merchants.createMerchant(admin, world.admin, { name: `并发签约${world.tag}` });
    expect(merchant.agreements).toEqual([]);
    await Promise.all([
      merchants.addMerchantAgreement(admin, haikou, merchant.id, { orgId: world.cities.haikou.id }),
      merchants.addMerchantAgreement(admin, sanya, merchant.id, { orgId: world.cities.sanya.id }),
    ]);
    const stored = (await world.membership.merchants.getMany([merchant.id])).get(merchant.id);
    expect(stored?.agreements.map((a) => a.orgId).sort()).toEqual([world.cities.haikou.id, world.cities.sanya.id].sort());
  });
});

describe('limits per level', () => {
  it('hold a grassroots ¥1,000,000 benefit until the city approves it; its creator cannot', async () => {
    const { benefit: draft } = await world.uc.createBenefit(world.deps, bus, benefitRequest(world, { orgId: world.unions.haikou.id, ...ATTACK }));
    expect(draft.approval).toMatchObject({ status: 'pending_approval', above: ['faceValueFen', 'stock'], canApprove: false });

    const publish = await refusalOf(world.uc.changeStatus(world.deps, bus, draft.id, 'publish'));
    expect(publish.code).toBe('BENEFIT_APPROVAL_REQUIRED');
    expect(publish.message).toContain('请联系上级工会审批');

    // Neither the creator nor a colleague of the same union approves; nor 三亚.
    expect(await outcomeOf(world.uc.approveBenefit(world.deps, bus, draft.id))).toBe('FORBIDDEN');
    expect(await outcomeOf(world.uc.approveBenefit(world.deps, busColleague, draft.id))).toBe('FORBIDDEN');
    expect(await outcomeOf(world.uc.approveBenefit(world.deps, sanya, draft.id))).toBe('FORBIDDEN');
    expect((await world.uc.getManagedBenefit(world.deps, bus, draft.id)).benefit.status).toBe('draft');

    // 海口 approves (it sees that it may), then the creator publishes.
    expect((await world.uc.getManagedBenefit(world.deps, haikou, draft.id)).benefit.approval.canApprove).toBe(true);
    const approved = await world.uc.approveBenefit(world.deps, haikou, draft.id);
    expect(approved.benefit.approval).toMatchObject({ status: 'approved', approvedByOrg: { id: world.cities.haikou.id } });
    const published = await world.uc.changeStatus(world.deps, bus, draft.id, 'publish');
    expect(published.benefit.status).toBe('published');
    const actions = (await entriesFor(draft.id)).map((e) => e.action).sort();
    expect(actions).toEqual(['benefit.approve', 'benefit.create', 'benefit.status']);
  });

  it('ask for a new approval when a draft is raised after it, and refuse an approval of a draft edited meanwhile', async () => {
    const request = benefitRequest(world, { orgId: world.unions.haikou.id, faceValueFen: 30_000 });
    const { benefit: draft } = await world.uc.createBenefit(world.deps, bus, request);
    await world.uc.approveBenefit(world.deps, haikou, draft.id);
    await world.uc.updateBenefit(world.deps, bus, draft.id, { ...request, faceValueFen: 90_000 });
    expect((await world.uc.getManagedBenefit(world.deps, bus, draft.id)).benefit.approval.status).toBe('pending_approval');
    expect(await outcomeOf(world.uc.changeStatus(world.deps, bus, draft.id, 'publish'))).toBe('BENEFIT_APPROVAL_REQUIRED');

    // The approver read the draft, the creator raised it, then the approval lands: refused, not approved unseen.
    const seen = await world.deps.benefits.get(draft.id);
    if (!seen) throw new Error('draft vanished');
    await world.uc.updateBenefit(world.deps, bus, draft.id, { ...request, faceValueFen: 150_000 });
    const stale = { by: haikou, byOrgId: world.cities.haikou.id, at: Date.now(), faceValueFen: seen.faceValueFen, priceFen: 0, stock: seen.stock };
    expect(await outcomeOf(world.deps.benefits.approve(seen, { ...stale, faceValueFen: 150_000 }, Date.now(), await auditEntryFor(draft.id)))).toBe('BENEFIT_STATUS_INVALID');
    expect((await world.deps.benefits.get(draft.id))?.approval?.faceValueFen).toBe(30_000);

    // Two approvals at once: one wins, the other is told to refresh.
    const outcomes = await Promise.all([haikou, province].map((who) => outcomeOf(world.uc.approveBenefit(world.deps, who, draft.id))));
    expect(outcomes.sort()).toEqual(['BENEFIT_STATUS_INVALID', 'accepted']);
    expect((await world.uc.changeStatus(world.deps, bus, draft.id, 'publish')).benefit.status).toBe('published');
  });

  it('let the creator raise a published stock within the limits only; the level above raises it further', async () => {
    const { benefit } = await world.uc.createBenefit(world.deps, bus, benefitRequest(world, { orgId: world.unions.haikou.id, stock: 900 }));
    await world.uc.changeStatus(world.deps, bus, benefit.id, 'publish');
    const member = await boundMember(world, world.unions.haikou.id);
    await world.uc.claimBenefit(world.deps, member.openid, benefit.id, requestId());

    expect((await world.uc.changeStock(world.deps, bus, benefit.id, { add: 100 })).benefit.figures.stock).toBe(1_000);
    const refused = await refusalOf(world.uc.changeStock(world.deps, bus, benefit.id, { add: 1 }));
    expect(refused.code).toBe('BENEFIT_APPROVAL_REQUIRED');
    expect(refused.message).toContain('请联系上级工会调整库存');

    // 海口 (the level above) raises it: the raise records 海口's approval of the new stock.
    const raised = await world.uc.changeStock(world.deps, haikou, benefit.id, { add: 5_000 });
    expect(raised.benefit.figures.stock).toBe(6_000);
    expect(raised.benefit.approval).toMatchObject({ status: 'approved', approvedByOrg: { id: world.cities.haikou.id } });
    // Within what 海口 approved the creator may move it again; not above.
    expect((await world.uc.changeStock(world.deps, bus, benefit.id, { add: -500 })).benefit.figures.stock).toBe(5_500);
    expect((await world.uc.changeStock(world.deps, bus, benefit.id, { add: 500 })).benefit.figures.stock).toBe(6_000);
    expect(await outcomeOf(world.uc.changeStock(world.deps, bus, benefit.id, { add: 1 }))).toBe('BENEFIT_APPROVAL_REQUIRED');
    expect((await world.uc.getManagedBenefit(world.deps, bus, benefit.id)).benefit.figures).toMatchObject({ stock: 6_000, claimed: 1 });
  });

  it('never let concurrent raises by the creator pass the limit together', async () => {
    const { benefit } = await world.uc.createBenefit(world.deps, bus, benefitRequest(world, { orgId: world.unions.haikou.id, stock: 900, shards: 4 }));
    await world.uc.changeStatus(world.deps, bus, benefit.id, 'publish');
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => outcomeOf(world.uc.changeStock(world.deps, bus, benefit.id, { add: 50 }))));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'BENEFIT_APPROVAL_REQUIRED')).toHaveLength(2);
    expect((await world.uc.getManagedBenefit(world.deps, bus, benefit.id)).benefit.figures.stock).toBe(1_000);
  });
});

/** An audit entry of an approval by 海口 (what the desk would write with it). */
async function auditEntryFor(id: string) {
  const { auditActor, auditEntry } = await import('../../../functions/audit');
  return auditEntry({
    actor: auditActor(haikou, [{ type: 'official', orgId: world.cities.haikou.id }], [world.province.id, world.cities.haikou.id]),
    action: 'benefit.approve',
    target: { type: 'benefit', id },
    orgPath: [world.province.id, world.cities.haikou.id, world.unions.haikou.id],
    before: null,
    after: null,
  });
}
