import type { BenefitAction, BenefitStatus, ClaimRefusal, ClaimState, CreateBenefitRequest } from '../contracts/benefits';
import { defaultShardCount } from './stock';
import { parseInstant } from './time';
import type { Benefit, ManagerRole } from './types';

/** draft → published → paused ⇄ published → ended; a paused benefit may be ended too. */
const TRANSITIONS: Record<BenefitAction, { from: readonly BenefitStatus[]; to: BenefitStatus }> = {
  publish: { from: ['draft'], to: 'published' },
  pause: { from: ['published'], to: 'paused' },
  resume: { from: ['paused'], to: 'published' },
  end: { from: ['published', 'paused'], to: 'ended' },
};

/** The status an action leads to from `status`, or null when the action is not allowed there. */
export function nextStatus(status: BenefitStatus, action: BenefitAction): BenefitStatus | null {
  const rule = TRANSITIONS[action];
  return rule.from.includes(status) ? rule.to : null;
}

/** The statuses from which `action` is allowed (the condition of the status write). */
export function statusesAllowing(action: BenefitAction): readonly BenefitStatus[] {
  return TRANSITIONS[action].from;
}

type Window = Pick<Benefit, 'status' | 'claimStartsAt' | 'claimEndsAt'>;

/** How the catalogue shows a benefit at `now`, given the units left. */
export function claimStateAt(benefit: Window, remaining: number, now: number): ClaimState {
  if (benefit.status === 'ended' || now >= benefit.claimEndsAt) return 'ended';
  if (benefit.status === 'paused') return 'paused';
  if (benefit.status === 'draft' || now < benefit.claimStartsAt) return 'upcoming';
  if (remaining <= 0) return 'sold_out';
  return 'open';
}

const STATE_ORDER: Record<ClaimState, number> = { open: 0, upcoming: 1, paused: 2, sold_out: 3, ended: 4 };

/**
 * Catalogue order: open first (closing soonest first), then upcoming (opening soonest first), then
 * paused, sold out and ended (most recent first).
 */
export function catalogueOrder<T extends { benefit: Benefit; state: ClaimState }>(a: T, b: T): number {
  const byState = STATE_ORDER[a.state] - STATE_ORDER[b.state];
  if (byState !== 0) return byState;
  let byTime: number;
  if (a.state === 'open') byTime = a.benefit.claimEndsAt - b.benefit.claimEndsAt;
  else if (a.state === 'upcoming') byTime = a.benefit.claimStartsAt - b.benefit.claimStartsAt;
  else byTime = b.benefit.claimEndsAt - a.benefit.claimEndsAt;
  return byTime !== 0 ? byTime : a.benefit.id.localeCompare(b.benefit.id);
}

/**
 * The pool of a benefit's region quotas a member of `regionCode` claims from: null when the benefit
 * has no quotas, the region code when it has one, 'other' for the unreserved rest (other regions
 * open), 'closed' when members of that region may not claim.
 */
export function regionPoolFor(benefit: Pick<Benefit, 'regionQuotas' | 'otherRegions'>, regionCode: string | null): string | null {
  if (Object.keys(benefit.regionQuotas).length === 0) return null;
  if (regionCode !== null && benefit.regionQuotas[regionCode] !== undefined) return regionCode;
  return benefit.otherRegions === 'open' ? OTHER_REGIONS : CLOSED;
}
export const OTHER_REGIONS = 'other';
export const CLOSED = 'closed';

/** The unreserved rest of a benefit with quotas and other regions open: stock − Σ quotas. */
export function otherRegionsQuota(benefit: Pick<Benefit, 'stock' | 'regionQuotas' | 'otherRegions'>): number | null {
  const codes = Object.values(benefit.regionQuotas);
  if (codes.length === 0 || benefit.otherRegions === 'closed') return null;
  return benefit.stock - codes.reduce((sum, n) => sum + n, 0);
}

export interface Claimant {
  /** null for an account not bound to a roster member. */
  memberId: string | null;
  /** Org ids from the root to the member's union. */
  unionPath: string[];
  regionCode: string | null;
  /** Coupons of this benefit the member holds. */
  held: number;
}

/** What is known of the benefit's live counts, when known (the detail page reads them). */
export interface LiveCounts {
  remaining: number;
  /** The member's region pool, when the benefit has quotas. */
  pool: { quota: number; claimed: number } | null;
}

/**
 * The code a claim would be refused with, or null. Checked in this order: binding, the owning org's
 * subtree, the region (when other regions are closed), status and claim window, the member's limit,
 * then (when counts are given) the stock and the region quota, and last whether only a draw gives it.
 */
export function claimRefusal(benefit: Benefit, claimant: Claimant, now: number, live?: LiveCounts): ClaimRefusal | null {
  if (claimant.memberId === null) return 'NOT_BOUND';
  if (!claimant.unionPath.includes(benefit.orgId)) return 'NOT_ELIGIBLE';
  if (regionPoolFor(benefit, claimant.regionCode) === CLOSED) return 'NOT_ELIGIBLE';
  if (benefit.status === 'ended' || now >= benefit.claimEndsAt) return 'CLAIM_ENDED';
  if (benefit.status === 'paused') return 'BENEFIT_PAUSED';
  if (benefit.status === 'draft' || now < benefit.claimStartsAt) return 'CLAIM_NOT_STARTED';
  if (claimant.held >= benefit.perMemberLimit) return 'CLAIM_LIMIT_REACHED';
  if (live) {
    if (live.remaining <= 0) return 'SOLD_OUT';
    if (live.pool && live.pool.claimed >= live.pool.quota) return 'REGION_QUOTA_EXHAUSTED';
  }
  // Given out by its draw only (functions/draws): everything above still tells the member where they stand.
  if (benefit.draw) return 'DRAW_ONLY';
  return null;
}

/** Officials and admins work at the benefit desk. */
export function isBenefitManager(roles: readonly ManagerRole[]): boolean {
  return roles.some((r) => r.type === 'admin' || r.type === 'official');
}

/** An admin manages every benefit; an official those owned by their org or an org below it. */
export function manages(roles: readonly ManagerRole[], orgPath: readonly string[]): boolean {
  return roles.some((r) => r.type === 'admin' || (r.type === 'official' && orgPath.includes(r.orgId)));
}

/** A new draft from the desk's fields (already checked against the contract and the org tree). */
export function draftBenefit(
  fields: CreateBenefitRequest,
  org: { id: string; path: string[] },
  meta: { id: string; createdBy: string; now: number },
): Benefit {
  return {
    id: meta.id,
    title: fields.title,
    description: fields.description,
    category: fields.category,
    merchantIds: [...new Set(fields.merchantIds)],
    faceValueFen: fields.faceValueFen,
    priceFen: fields.priceFen,
    ...(fields.priceFen > 0 ? { refundPolicy: fields.refundPolicy ?? 'none' } : {}),
    stock: fields.stock,
    perMemberLimit: fields.perMemberLimit,
    claimStartsAt: parseInstant(fields.claimStartsAt),
    claimEndsAt: parseInstant(fields.claimEndsAt),
    useEndsAt: parseInstant(fields.useEndsAt),
    orgId: org.id,
    orgPath: [...org.path],
    regionQuotas: { ...(fields.regionQuotas ?? {}) },
    otherRegions: fields.otherRegions ?? 'open',
    shards: fields.shards ?? defaultShardCount(fields.stock),
    status: 'draft',
    approval: null,
    createdBy: meta.createdBy,
    createdAt: meta.now,
    updatedAt: meta.now,
  };
}
