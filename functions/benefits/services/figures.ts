import type { Benefit, BenefitCounts } from '../domain/types';

/**
 * Claimed and redeemed figures of a subtree's benefits, from the benefits' own counters (stock
 * shards, city quota pools, the redeemed count): no write of its own, and reads that grow with the
 * number of benefits (one index read, one batch read of their counters), not with members.
 */
export interface BenefitFigures {
  count: number;
  stock: number;
  claimed: number;
  redeemed: number;
  redemptionRate: number | null;
  /** Claimed per city quota (card region code), largest first. */
  byRegion: Array<{ regionCode: string; quota: number; claimed: number }>;
  /** Claimed outside any city quota. */
  unreserved: number;
}

export interface FigureDeps {
  list(createdSince: number): Promise<Benefit[]>;
  counts(benefits: Benefit[]): Promise<Map<string, BenefitCounts>>;
}

/** Owned by one of `rootOrgIds` or an org below it; `all` for the whole platform. */
const ownedBy = (rootOrgIds: readonly string[] | 'all') => (b: Benefit) => rootOrgIds === 'all' || b.orgPath.some((id) => rootOrgIds.includes(id));

export function sumFigures(benefits: readonly Benefit[], counts: ReadonlyMap<string, BenefitCounts>): BenefitFigures {
  let stock = 0;
  let claimed = 0;
  let redeemed = 0;
  let inQuotas = 0;
  const regions = new Map<string, { quota: number; claimed: number }>();
  for (const b of benefits) {
    const c = counts.get(b.id);
    if (!c) continue;
    stock += c.stock;
    claimed += c.stock - c.remaining;
    redeemed += c.redeemed;
    for (const [code, pool] of Object.entries(c.byRegion)) {
      const r = regions.get(code) ?? { quota: 0, claimed: 0 };
      r.quota += pool.quota;
      r.claimed += pool.claimed;
      regions.set(code, r);
      inQuotas += pool.claimed;
    }
  }
  return {
    count: benefits.length,
    stock,
    claimed,
    redeemed,
    redemptionRate: claimed === 0 ? null : Math.round((redeemed / claimed) * 10_000) / 10_000,
    byRegion: [...regions]
      .map(([regionCode, r]) => ({ regionCode, ...r }))
      .sort((a, b) => b.claimed - a.claimed || a.regionCode.localeCompare(b.regionCode)),
    unreserved: claimed - inQuotas,
  };
}

export async function subtreeBenefitFigures(deps: FigureDeps, rootOrgIds: readonly string[] | 'all', createdSince: number): Promise<BenefitFigures> {
  const benefits = (await deps.list(createdSince)).filter(ownedBy(rootOrgIds));
  return sumFigures(benefits, benefits.length === 0 ? new Map() : await deps.counts(benefits));
}
