import type { AdminBenefit, Coupon, CouponStatus, MemberBenefit, MerchantRef } from '../contracts/benefits';
import type { OrgRef } from '../../kernel/contracts/common';
import { claimStateAt } from '../domain/benefit';
import { toShanghaiIso } from '../domain/time';
import type { Benefit, BenefitCounts, StoredCoupon } from '../domain/types';
import type { Deps } from './ports';

/** Names of the merchants and orgs a set of benefits or coupons refers to (two batched reads). */
export interface Names {
  merchants(ids: readonly string[]): MerchantRef[];
  org(id: string): OrgRef;
}

export async function loadNames(
  deps: Pick<Deps, 'merchants' | 'orgs'>,
  refs: { merchantIds?: readonly string[]; orgIds?: readonly string[] },
): Promise<Names> {
  const [merchants, orgs] = await Promise.all([
    deps.merchants.getMany([...new Set(refs.merchantIds ?? [])]),
    deps.orgs.getMany([...new Set(refs.orgIds ?? [])]),
  ]);
  return {
    merchants: (ids) => ids.flatMap((id) => {
      const m = merchants.get(id);
      return m ? [{ id: m.id, name: m.name, ...(m.contact ? { contact: { ...m.contact } } : {}) }] : [];
    }),
    org: (id) => ({ id, name: orgs.get(id)?.name ?? '' }),
  };
}

/** The fields members and officials both see. */
function benefitView(b: Benefit, names: Names) {
  return {
    id: b.id,
    title: b.title,
    description: b.description,
    category: b.category,
    merchants: names.merchants(b.merchantIds),
    faceValueFen: b.faceValueFen,
    priceFen: b.priceFen,
    perMemberLimit: b.perMemberLimit,
    claimStartsAt: toShanghaiIso(b.claimStartsAt),
    claimEndsAt: toShanghaiIso(b.claimEndsAt),
    useEndsAt: toShanghaiIso(b.useEndsAt),
    org: names.org(b.orgId),
  };
}

export function memberBenefitView(b: Benefit, remaining: number, now: number, names: Names): MemberBenefit {
  return { ...benefitView(b, names), remaining, claimState: claimStateAt(b, remaining, now) };
}

export function couponView(c: StoredCoupon, status: CouponStatus, names: Names): Coupon {
  return {
    id: c.id,
    benefitId: c.benefitId,
    benefitTitle: c.benefitTitle,
    category: c.category,
    faceValueFen: c.faceValueFen,
    priceFen: c.priceFen,
    merchants: names.merchants(c.merchantIds),
    status,
    claimedAt: toShanghaiIso(c.claimedAt),
    useEndsAt: toShanghaiIso(c.useEndsAt),
    usedAt: c.usedAt === null ? null : toShanghaiIso(c.usedAt),
    ...(c.state === 'awaiting_payment' && c.payBy != null ? { payBy: toShanghaiIso(c.payBy) } : {}),
  };
}

export function adminBenefitView(b: Benefit, counts: BenefitCounts, names: Names, approval: AdminBenefit['approval']): AdminBenefit {
  return {
    ...benefitView(b, names),
    status: b.status,
    regionQuotas: { ...b.regionQuotas },
    otherRegions: b.otherRegions,
    ...(b.priceFen > 0 ? { refundPolicy: b.refundPolicy ?? 'none' } : {}),
    shards: b.shards,
    createdAt: toShanghaiIso(b.createdAt),
    updatedAt: toShanghaiIso(b.updatedAt),
    figures: {
      stock: counts.stock,
      claimed: counts.stock - counts.remaining,
      redeemed: counts.redeemed,
      remaining: counts.remaining,
      byRegion: counts.byRegion,
      otherRegions: counts.otherRegions,
    },
    approval,
  };
}
