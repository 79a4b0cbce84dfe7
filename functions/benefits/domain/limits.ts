import type { BenefitLimits, LevelLimits } from '../contracts/benefits';
import type { Benefit, BenefitApproval, ManagerRole } from './types';

/**
 * What an org of each level may hand out on its own (普惠 limits), set by the province: a benefit
 * whose face value, price or stock is above its owning org's level needs an official of an org
 * above it (not its creator) to approve it before it publishes; a stock raised above it later, the
 * same. The defaults hold until the province sets its own (README › Benefits).
 */
export const DEFAULT_BENEFIT_LIMITS: BenefitLimits = {
  grassroots: { faceValueFen: 20_000, priceFen: 5_000, stock: 1_000 },
  industry: { faceValueFen: 50_000, priceFen: 20_000, stock: 20_000 },
  city: { faceValueFen: 50_000, priceFen: 20_000, stock: 20_000 },
  province: { faceValueFen: 200_000, priceFen: 100_000, stock: 1_000_000 },
};

/** The org levels a benefit may be owned at (the orgs table's kinds). */
export type OwnerLevel = keyof BenefitLimits;

type Figures = Pick<Benefit, 'faceValueFen' | 'priceFen' | 'stock'>;

/** The figures of `benefit` above `limits` (empty: within them). */
export function figuresAbove(benefit: Figures, limits: LevelLimits): Array<keyof LevelLimits> {
  return (['faceValueFen', 'priceFen', 'stock'] as const).filter((k) => benefit[k] > limits[k]);
}

/** Whether an approval given for `approved` figures covers `benefit`'s (none of them higher). */
export function approvalCovers(approval: BenefitApproval | null, benefit: Figures): boolean {
  return approval !== null && benefit.faceValueFen <= approval.faceValueFen && benefit.priceFen <= approval.priceFen && benefit.stock <= approval.stock;
}

/** Whether the benefit may publish (or keep its stock) as it stands: within its level's limits, or approved as high. */
export function needsApproval(benefit: Figures & Pick<Benefit, 'approval'>, limits: LevelLimits): boolean {
  return figuresAbove(benefit, limits).length > 0 && !approvalCovers(benefit.approval, benefit);
}

/**
 * Who may approve a benefit above its owner's limits: an admin, or an official of an org strictly
 * above the owning org — and never the benefit's creator (nobody approves their own figures).
 */
export function mayApprove(account: { openid: string; roles: readonly ManagerRole[] }, benefit: Pick<Benefit, 'orgPath' | 'orgId' | 'createdBy'>): boolean {
  if (account.openid === benefit.createdBy) return false;
  return account.roles.some((r) => r.type === 'admin' || (r.type === 'official' && r.orgId !== benefit.orgId && benefit.orgPath.includes(r.orgId)));
}

/**
 * The merchants (of `merchantIds`) that have no agreement with the owning org or an org above it
 * (`orgPath`, root first, the owner included): a benefit may not name them.
 */
export function merchantsWithoutAgreement(
  merchantIds: readonly string[],
  merchants: ReadonlyMap<string, { agreements: ReadonlyArray<{ orgId: string }> }>,
  orgPath: readonly string[],
): string[] {
  return merchantIds.filter((id) => !(merchants.get(id)?.agreements ?? []).some((a) => orgPath.includes(a.orgId)));
}
