import { describe, expect, it } from 'vitest';
import { benefitLimitsSchema } from '../../functions/benefits/contracts/benefits';
import {
  approvalCovers,
  DEFAULT_BENEFIT_LIMITS,
  figuresAbove,
  mayApprove,
  merchantsWithoutAgreement,
  needsApproval,
} from '../../functions/benefits/domain/limits';
import type { BenefitApproval } from '../../functions/benefits/domain/types';
import { benefitFixture } from '../support/benefits-fixtures';

/**
 * Issue 13, item 5 — "any official sells at any merchant": the rules. A benefit names only merchants
 * under agreement with its owning org or an org above it; its figures are bounded by its owner's
 * level, above which the level above (never the creator) approves it.
 */

// The review's attack: a grassroots union's ¥1,000,000 × 10,000,000-unit benefit at a 三亚 supermarket.
const attack = benefitFixture({
  orgId: 'bus',
  orgPath: ['province', 'haikou', 'bus'],
  faceValueFen: 100_000_000,
  stock: 10_000_000,
  merchantIds: ['sanya-market'],
  status: 'draft',
  createdBy: 'bus-official',
});
const grassroots = DEFAULT_BENEFIT_LIMITS.grassroots;
const approval = (over: Partial<BenefitApproval> = {}): BenefitApproval => ({
  by: 'haikou-official',
  byOrgId: 'haikou',
  at: 0,
  faceValueFen: attack.faceValueFen,
  priceFen: attack.priceFen,
  stock: attack.stock,
  ...over,
});

describe('the limits per level', () => {
  it('default to grassroots ≤ ¥200 / 1,000 units, city and industry ≤ ¥500 / 20,000, the province higher', () => {
    expect(DEFAULT_BENEFIT_LIMITS.grassroots).toEqual({ faceValueFen: 20_000, priceFen: 5_000, stock: 1_000 });
    expect(DEFAULT_BENEFIT_LIMITS.city).toEqual({ faceValueFen: 50_000, priceFen: 20_000, stock: 20_000 });
    expect(DEFAULT_BENEFIT_LIMITS.industry).toEqual(DEFAULT_BENEFIT_LIMITS.city);
    expect(DEFAULT_BENEFIT_LIMITS.province.faceValueFen).toBeGreaterThan(DEFAULT_BENEFIT_LIMITS.city.faceValueFen);
    expect(benefitLimitsSchema.safeParse(DEFAULT_BENEFIT_LIMITS).success).toBe(true);
  });

  it('are refused when a level would allow more than the level above it', () => {
    const inverted = { ...DEFAULT_BENEFIT_LIMITS, grassroots: { ...grassroots, stock: DEFAULT_BENEFIT_LIMITS.city.stock + 1 } };
    const parsed = benefitLimitsSchema.safeParse(inverted);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('下级工会的额度不能高于上级工会');
    expect(benefitLimitsSchema.safeParse({ ...DEFAULT_BENEFIT_LIMITS, extra: 1 }).success).toBe(false);
  });

  it('name the figures above them; a benefit within them needs no approval', () => {
    expect(figuresAbove(attack, grassroots)).toEqual(['faceValueFen', 'stock']);
    expect(needsApproval(attack, grassroots)).toBe(true);
    const modest = { ...attack, faceValueFen: 20_000, stock: 1_000 };
    expect(figuresAbove(modest, grassroots)).toEqual([]);
    expect(needsApproval(modest, grassroots)).toBe(false);
    expect(needsApproval(attack, DEFAULT_BENEFIT_LIMITS.province)).toBe(true); // ¥1,000,000 is above the province too
  });

  it('let an approval cover the figures it was given for, never higher ones', () => {
    expect(approvalCovers(null, attack)).toBe(false);
    expect(approvalCovers(approval(), attack)).toBe(true);
    expect(needsApproval({ ...attack, approval: approval() }, grassroots)).toBe(false);
    // Raised after the approval (an edit, or the stock): approval needed again.
    expect(needsApproval({ ...attack, approval: approval(), stock: attack.stock + 1 }, grassroots)).toBe(true);
    expect(needsApproval({ ...attack, approval: approval(), faceValueFen: attack.faceValueFen + 1 }, grassroots)).toBe(true);
    // Lowered after it: still covered.
    expect(needsApproval({ ...attack, approval: approval(), stock: 5 }, grassroots)).toBe(false);
  });
});

describe('who approves', () => {
  const official = (openid: string, orgId: string) => ({ openid, roles: [{ type: 'official' as const, orgId }] });

  it('is an official of an org above the owner or an admin, never the creator', () => {
    expect(mayApprove(official('haikou-official', 'haikou'), attack)).toBe(true);
    expect(mayApprove(official('province-official', 'province'), attack)).toBe(true);
    expect(mayApprove({ openid: 'admin', roles: [{ type: 'admin' }] }, attack)).toBe(true);
    // The creator, even holding a role above.
    expect(mayApprove({ openid: 'bus-official', roles: [{ type: 'official', orgId: 'haikou' }] }, attack)).toBe(false);
    expect(mayApprove({ openid: 'bus-official', roles: [{ type: 'admin' }] }, attack)).toBe(false);
    // A colleague of the same union, a sibling city, a clerk.
    expect(mayApprove(official('bus-colleague', 'bus'), attack)).toBe(false);
    expect(mayApprove(official('sanya-official', 'sanya'), attack)).toBe(false);
    expect(mayApprove({ openid: 'clerk', roles: [{ type: 'clerk', merchantId: 'sanya-market' }] }, attack)).toBe(false);
  });
});

describe('merchants under agreement', () => {
  const merchants = new Map([
    ['sanya-market', { agreements: [{ orgId: 'sanya' }] }],
    ['province-cinema', { agreements: [{ orgId: 'province' }] }],
    ['haikou-books', { agreements: [{ orgId: 'sanya' }, { orgId: 'haikou' }] }],
    ['unsigned', { agreements: [] }],
  ]);

  it('are those signed by the owning org or an org above it', () => {
    const path = ['province', 'haikou', 'bus'];
    expect(merchantsWithoutAgreement(['sanya-market'], merchants, path)).toEqual(['sanya-market']);
    expect(merchantsWithoutAgreement(['province-cinema', 'haikou-books'], merchants, path)).toEqual([]);
    expect(merchantsWithoutAgreement(['unsigned', 'nowhere'], merchants, path)).toEqual(['unsigned', 'nowhere']);
    // The city's agreement does not reach up: a province benefit may not name a merchant only 海口 signed.
    expect(merchantsWithoutAgreement(['haikou-books'], merchants, ['province'])).toEqual(['haikou-books']);
    expect(merchantsWithoutAgreement(['sanya-market'], merchants, ['province', 'sanya', 'sanya-union'])).toEqual([]);
  });
});
