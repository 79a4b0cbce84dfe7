import { AppError } from '../../kernel/errors';
import {
  CAMPAIGN_OTHER_POOL,
  NATIONAL_MAX_PAYOUT_FEN,
  NATIONAL_TIER_AMOUNTS_FEN,
  subsidyAmount,
  yuanToFen,
  type CampaignApprovalStatus,
  type CampaignState,
  type SubsidyForm,
  type SubsidyRefusal,
  type SubsidyTier,
} from '../contracts/subsidy';
import type { PayoutFailure, PayoutStatus } from '../contracts/payouts';
import { invalid } from './kinds';
import type { ActorRole, OrgOnStep } from './types';
import { shanghaiDate } from './working-days';

/**
 * 补贴 campaigns as plain values, and the rules of a subsidy application (DOMAIN.md, the 2019
 * home-travel ticket subsidy): who may file (bound members whose union is under the campaign's
 * owner), when (the application window), for what (a journey in the travel window, not in the
 * future, fare ≥ threshold), how much (the tier of the fare), and which place it takes (the city's
 * quota, or the rest shared by cities without one).
 */

export interface Campaign {
  id: string;
  title: string;
  description: string;
  /** The federation that runs it, with its path (eligibility: unions below it). */
  owner: OrgOnStep;
  applyFrom: string;
  applyUntil: string;
  /** When the window was extended (once); null before. */
  extendedAt: string | null;
  /** Dates in China, inclusive. */
  travelFrom: string;
  travelUntil: string;
  fareThresholdFen: number;
  tiers: SubsidyTier[];
  places: number;
  /** Region code → reserved places. */
  regionQuotas: Record<string, number>;
  createdAt: string;
  createdBy: string;
  /**
   * The org through which the creator manages it (their nearest official role on the owner's path);
   * null when an admin created it. Who may approve it is counted from here (approverRefusal).
   */
  creatorOrgId: string | null;
  /** pending_approval until an official of the level above (never the creator) approves it. */
  approval: CampaignApprovalStatus;
  approvedBy: string | null;
  approvedAt: string | null;
  /** Written on every change of the configuration item: an approval is taken only at the version read. */
  version: number;
}

/**
 * The province's subsidy rules (one item, data/campaign-store.ts): each tier of a campaign pays one
 * of `tierAmountsFen`, and no payout more than `maxPayoutFen`. Until a province official or admin
 * sets them, the 2019 national tiers apply (DOMAIN.md: ¥50 / ¥100 / ¥200 / ¥300, at most ¥300).
 */
export interface SubsidyRules {
  tierAmountsFen: number[];
  maxPayoutFen: number;
  /** 0 for the national defaults; + 1 on every change. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const NATIONAL_SUBSIDY_RULES: SubsidyRules = {
  tierAmountsFen: [...NATIONAL_TIER_AMOUNTS_FEN],
  maxPayoutFen: NATIONAL_MAX_PAYOUT_FEN,
  version: 0,
  updatedAt: null,
  updatedBy: null,
};

const yuan = (fen: number) => `${fen / 100}元`;

/**
 * The tiers' amounts against the rules: each one of the allowed amounts and none above the most one
 * payout may be. SUBSIDY_TIER_NOT_ALLOWED naming the bound, else nothing.
 */
export function checkTiersAgainstRules(tiers: readonly SubsidyTier[], rules: SubsidyRules): void {
  const allowed = rules.tierAmountsFen.map(yuan).join('、');
  for (const [i, tier] of tiers.entries()) {
    if (tier.amountFen > rules.maxPayoutFen) {
      throw new AppError('SUBSIDY_TIER_NOT_ALLOWED', {
        message: `第${i + 1}档补贴${yuan(tier.amountFen)}超过省总工会规定的单笔上限${yuan(rules.maxPayoutFen)}；允许的档位金额为${allowed}`,
        fields: { tiers: `单笔补贴不能超过${yuan(rules.maxPayoutFen)}` },
      });
    }
    if (!rules.tierAmountsFen.includes(tier.amountFen)) {
      throw new AppError('SUBSIDY_TIER_NOT_ALLOWED', {
        message: `第${i + 1}档补贴${yuan(tier.amountFen)}不在省总工会规定的档位内；允许的档位金额为${allowed}`,
        fields: { tiers: `档位金额只能是${allowed}` },
      });
    }
  }
}

/** Province officials (of a root org) and admins set the rules. */
export function setsRules(roles: readonly ActorRole[], rootOrgIds: ReadonlySet<string>): boolean {
  return roles.some((r) => r.type === 'admin' || (r.type === 'official' && rootOrgIds.has(r.orgId)));
}

/**
 * The org through which an official manages an org of `ownerPath`: the nearest of their roles on
 * it; null for an admin (or anyone without such a role).
 */
export function managingOrgId(roles: readonly ActorRole[], ownerPath: readonly string[]): string | null {
  let best: { orgId: string; depth: number } | null = null;
  for (const r of roles) {
    if (r.type !== 'official') continue;
    const depth = ownerPath.indexOf(r.orgId);
    if (depth >= 0 && (best === null || depth > best.depth)) best = { orgId: r.orgId, depth };
  }
  return best?.orgId ?? null;
}

/**
 * Why this account may not approve the campaign (null: it may). Money needs two people: never the
 * creator; an admin may approve any other's; otherwise an official of an org strictly above the
 * creator's org on the owner's path. A campaign created at the root (the province) or by an admin
 * has no level above: a second official of the root approves it.
 */
export function approvalRefusal(campaign: Campaign, approver: { openid: string; roles: readonly ActorRole[] }): 'CAMPAIGN_NOT_PENDING' | 'CAMPAIGN_SELF_APPROVAL' | 'FORBIDDEN' | null {
  if (campaign.approval !== 'pending_approval') return 'CAMPAIGN_NOT_PENDING';
  if (campaign.createdBy === approver.openid) return 'CAMPAIGN_SELF_APPROVAL';
  if (approver.roles.some((r) => r.type === 'admin')) return null;
  const path = campaign.owner.path;
  const creatorDepth = campaign.creatorOrgId === null ? -1 : path.indexOf(campaign.creatorOrgId);
  const above = creatorDepth <= 0 ? path.slice(0, 1) : path.slice(0, creatorDepth);
  return approver.roles.some((r) => r.type === 'official' && above.includes(r.orgId)) ? null : 'FORBIDDEN';
}

/** The places of one pool (a region code or `other`). */
export interface PoolFigures {
  pool: string;
  total: number;
  left: number;
  used: number;
  amountFen: number;
}

/**
 * The account a payout goes to: the roster name of the applicant (the bank checks it against the
 * card), the bank, and the card number encrypted (IdCrypto, associated data `payeeCipherContext`
 * of the application) beside its mask. Only the bank file decrypts it.
 */
export interface Payee {
  name: string;
  bankName: string;
  accountMasked: string;
  accountCipher: string;
}

/** The AES-GCM associated data of an application's card number: a cipher copied elsewhere does not decrypt. */
export const payeeCipherContext = (applicationId: string) => `payee#${applicationId}`;

/** One person's payout of a campaign (the payouts table). */
export interface Payout {
  campaignId: string;
  memberId: string;
  applicationId: string;
  amountFen: number;
  /** The place's pool: the member's region code or `other`. */
  pool: string;
  regionCode: string;
  /** contracts/payouts.ts PAYOUT_STATUSES. */
  status: PayoutStatus;
  createdAt: string;
  /** null: filed before accounts were collected (the member gives one; no batch takes it until then). */
  payee: Payee | null;
  /** The batch it is in (batched), or was last in (paid, failed); null before any. */
  batchId: string | null;
  /** The China date the bank paid it, once a second person confirmed the batch. */
  paidOn: string | null;
  failure: { reason: PayoutFailure; note: string | null } | null;
}

export function campaignState(campaign: Pick<Campaign, 'applyFrom' | 'applyUntil' | 'approval'>, now: Date): CampaignState {
  if (campaign.approval !== 'approved') return 'pending_approval';
  const t = now.getTime();
  if (t < Date.parse(campaign.applyFrom)) return 'upcoming';
  return t < Date.parse(campaign.applyUntil) ? 'open' : 'ended';
}

/** Places not reserved for a city: what members of cities without a quota share. */
export function otherPlaces(campaign: Pick<Campaign, 'places' | 'regionQuotas'>): number {
  return campaign.places - Object.values(campaign.regionQuotas).reduce((s, n) => s + n, 0);
}

/** The pools a campaign's places are split into, with their sizes (`other` only when it has places). */
export function poolsOf(campaign: Pick<Campaign, 'places' | 'regionQuotas'>): Array<{ pool: string; total: number }> {
  const pools = Object.entries(campaign.regionQuotas).map(([pool, total]) => ({ pool, total }));
  const rest = otherPlaces(campaign);
  return rest > 0 ? [...pools, { pool: CAMPAIGN_OTHER_POOL, total: rest }] : pools;
}

/** The pool a member of `regionCode` takes a place from; null when the campaign has none for that city. */
export function poolFor(campaign: Pick<Campaign, 'places' | 'regionQuotas'>, regionCode: string | null): string | null {
  if (regionCode !== null && campaign.regionQuotas[regionCode] !== undefined) return regionCode;
  return otherPlaces(campaign) > 0 ? CAMPAIGN_OTHER_POOL : null;
}

/** Members whose union lies under the campaign's owner (the owner's own path included). */
export const coversUnion = (campaign: Pick<Campaign, 'owner'>, unionPath: readonly string[]) => unionPath.includes(campaign.owner.id);

/** Officials of the campaign's owner or an org above it, and admins, manage it. */
export function manages(roles: readonly ActorRole[], ownerPath: readonly string[]): boolean {
  return roles.some((r) => r.type === 'admin' || (r.type === 'official' && ownerPath.includes(r.orgId)));
}

/**
 * The two review steps of a member's subsidy: their grassroots union (单位工会初审), then the org
 * at depth 1 of its path — the city federation (or industry union) above it (市总工会复核). A union
 * directly under the root is reviewed by the root the second time.
 */
export function reviewOrgIds(unionPath: readonly string[]): [string, string] {
  const union = unionPath.at(-1) as string;
  const second = unionPath.length >= 3 ? (unionPath[1] as string) : (unionPath[0] as string);
  return [union, second];
}

/** Where a bound member stands before filing (what the campaign page shows), given what the store knows. */
export interface MemberStanding {
  /** null when the account is not bound. */
  unionPath: readonly string[] | null;
  regionCode: string | null;
  /** Places left in the member's pool (null when no pool). */
  poolLeft: number | null;
  /** The member holds an open application of this campaign. */
  openApplication: boolean;
  /** The member was paid by this campaign. */
  paid: boolean;
}

/** The code a submission would be refused with now, or null (the form's own checks aside). */
export function standingRefusal(campaign: Campaign, standing: MemberStanding, now: Date): SubsidyRefusal | null {
  if (standing.unionPath === null) return 'NOT_BOUND';
  if (!coversUnion(campaign, standing.unionPath) || poolFor(campaign, standing.regionCode) === null) return 'NOT_ELIGIBLE';
  if (standing.paid) return 'SUBSIDY_ALREADY_PAID';
  const state = campaignState(campaign, now);
  // A campaign waiting for the level above's approval accepts no application (not started yet).
  if (state === 'upcoming' || state === 'pending_approval') return 'SUBSIDY_NOT_STARTED';
  if (state === 'ended') return 'SUBSIDY_ENDED';
  if (standing.openApplication) return 'APPLICATION_ALREADY_OPEN';
  if (standing.poolLeft !== null && standing.poolLeft <= 0) return 'SUBSIDY_QUOTA_EXHAUSTED';
  return null;
}

/** The refusal of a standing code, worded for the member filing. */
export function refusalError(code: SubsidyRefusal): AppError {
  switch (code) {
    case 'NOT_BOUND':
      return new AppError('NOT_BOUND', { message: '请先完成会员实名绑定，再申请补贴' });
    case 'NOT_ELIGIBLE':
      return new AppError('NOT_ELIGIBLE', { message: '该补贴活动仅面向主办工会所属的会员，且您所在市县未分配名额，暂不能申请' });
    case 'SUBSIDY_QUOTA_EXHAUSTED':
      return new AppError('SUBSIDY_QUOTA_EXHAUSTED', { message: '您所在市县的补贴名额已经用完' });
    case 'APPLICATION_ALREADY_OPEN':
      return new AppError('APPLICATION_ALREADY_OPEN', { message: '您已有一件该活动的补贴申请正在办理，请等待办结或撤回后再提交' });
    default:
      return new AppError(code);
  }
}

/** What a checked form yields: the fare and the amount in fen. */
export interface CheckedFare {
  fareFen: number;
  amountFen: number;
}

/**
 * The form's own rules against the campaign: the fare reaches the threshold (amount from its tier),
 * the travel date lies in the travel window and is not in the future (China's date).
 */
export function checkSubsidyForm(campaign: Campaign, form: Pick<SubsidyForm, 'fare' | 'travelDate'>, now: Date): CheckedFare {
  const fareFen = yuanToFen(form.fare);
  if (fareFen === null) throw invalid('fare', '票价最多保留两位小数');
  if (fareFen < campaign.fareThresholdFen) {
    throw invalid('fare', `往返票价达到${campaign.fareThresholdFen / 100}元才能申请补贴`);
  }
  if (form.travelDate > shanghaiDate(now)) throw invalid('travelDate', '乘车（机）日期不能晚于今天，请在出行后再申请');
  if (form.travelDate < campaign.travelFrom || form.travelDate > campaign.travelUntil) {
    throw invalid('travelDate', `乘车（机）日期应在${campaign.travelFrom}至${campaign.travelUntil}之间`);
  }
  return { fareFen, amountFen: subsidyAmount(campaign.tiers, fareFen) };
}
