import { AppError } from '../../kernel/errors';
import { CAMPAIGN_OTHER_POOL, subsidyAmount, yuanToFen, type CampaignState, type SubsidyForm, type SubsidyRefusal, type SubsidyTier } from '../contracts/subsidy';
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
}

/** The places of one pool (a region code or `other`). */
export interface PoolFigures {
  pool: string;
  total: number;
  left: number;
  used: number;
  amountFen: number;
}

/** One person's payout of a campaign (the payouts table). */
export interface Payout {
  campaignId: string;
  memberId: string;
  applicationId: string;
  amountFen: number;
  /** The place's pool: the member's region code or `other`. */
  pool: string;
  regionCode: string;
  status: 'pending' | 'paid';
  createdAt: string;
}

export function campaignState(campaign: Pick<Campaign, 'applyFrom' | 'applyUntil'>, now: Date): CampaignState {
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
  if (state === 'upcoming') return 'SUBSIDY_NOT_STARTED';
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
