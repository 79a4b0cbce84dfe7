import {
  subsidyAmount,
  subsidyFormSchema,
  type MemberCampaignView,
  type SubsidyForm,
  type SubsidyRefusal,
  type SubsidyTier,
} from '../../../functions/applications/contracts/subsidy';
import { formatDateTime, formatFen, parseYuanToFen } from '../benefit/format';

/**
 * The 补贴申请 form as the member fills it, checked with the contract's subsidyFormSchema (the API
 * applies the same) and with the campaign's own rules the API applies on top of it (fare threshold,
 * travel window, not in the future); the amount is the contract's subsidyAmount(), the one the API
 * stores at filing.
 */

/** The form's fields: the payee's two (`payee.bankName`, `payee.accountNumber` in the request) side by side with the rest. */
export type SubsidyField = Exclude<keyof SubsidyForm, 'campaignId' | 'payee'> | 'bankName' | 'accountNumber';
export const SUBSIDY_FIELDS: readonly SubsidyField[] = ['travelDate', 'fromStation', 'toStation', 'fare', 'proofKeys', 'bankName', 'accountNumber'];

/** The form as typed: text as typed, the keys of the images uploaded so far. */
export interface SubsidyValues {
  travelDate: string;
  fromStation: string;
  toStation: string;
  /** Yuan, as typed (e.g. "268.5"). */
  fare: string;
  proofKeys: string[];
  /** 开户银行 and the card number as typed (spaces allowed: the contract drops them and checks the Luhn digit). */
  bankName: string;
  accountNumber: string;
}

export function emptySubsidyForm(): SubsidyValues {
  return { travelDate: '', fromStation: '', toStation: '', fare: '', proofKeys: [], bankName: '', accountNumber: '' };
}

type Campaign = Pick<MemberCampaignView, 'id' | 'travelFrom' | 'travelUntil' | 'fareThresholdFen' | 'tiers'>;
export type SubsidyChecked = { ok: true; request: SubsidyForm } | { ok: false; errors: Partial<Record<SubsidyField, string>> };

/** The date it is in China at `now`: "2026-01-20". */
export function chinaDate(now: number): string {
  return new Date(now + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The fare as typed → fen, or null while it is not an amount of yuan with at most two decimals. */
export function fareFenOf(fare: string): number | null {
  return parseYuanToFen(fare.replace(/[¥￥]/g, ''));
}

/**
 * The subsidy the fare as typed would get under the campaign's tiers (fen), or null while the fare
 * is not an amount yet. 0 below the threshold.
 */
export function amountFor(tiers: readonly SubsidyTier[], fare: string): number | null {
  const fen = fareFenOf(fare);
  return fen === null ? null : subsidyAmount(tiers, fen);
}

/**
 * The form → the request, or each field's first message: the contract's words for shape, then the
 * campaign's rules. `today` is the date in China.
 */
export function validateSubsidy(values: SubsidyValues, campaign: Campaign, today: string): SubsidyChecked {
  const fareText = values.fare.trim().replace(/[¥￥]/g, '');
  const fare = fareText === '' ? undefined : Number(fareText);
  const draft: Record<string, unknown> = {
    campaignId: campaign.id,
    travelDate: values.travelDate.trim(),
    fromStation: values.fromStation,
    toStation: values.toStation,
    proofKeys: values.proofKeys,
    payee: { bankName: values.bankName, accountNumber: values.accountNumber },
  };
  // Not a number at all: sent as absent, so that the contract names what to fill in.
  if (fare !== undefined && Number.isFinite(fare)) draft.fare = fare;
  const result = subsidyFormSchema.safeParse(draft);
  const errors: Partial<Record<SubsidyField, string>> = {};
  for (const issue of result.success ? [] : result.error.issues) {
    const field = issue.path[0] === 'payee' ? issue.path[1] : issue.path[0];
    if (typeof field === 'string' && (SUBSIDY_FIELDS as readonly string[]).includes(field)) errors[field as SubsidyField] ??= issue.message;
  }
  if (fare !== undefined && !Number.isFinite(fare)) errors.fare = '票价请填写数字，如 268.5';

  // The campaign's rules, once the field itself is well formed.
  if (!errors.travelDate) {
    const date = draft.travelDate as string;
    if (date < campaign.travelFrom || date > campaign.travelUntil) {
      errors.travelDate = `乘车日期应在 ${campaign.travelFrom} 至 ${campaign.travelUntil} 之间`;
    } else if (date > today) {
      errors.travelDate = '乘车日期不能晚于今天，请在出行后凭票申请';
    }
  }
  if (!errors.fare) {
    const fen = fareFenOf(fareText);
    if (fen !== null && fen < campaign.fareThresholdFen) errors.fare = `票价未达到补贴门槛 ${formatFen(campaign.fareThresholdFen)}，不能申请`;
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: result.data };
}

/** Why a member may not file, as they read it (`me.reason` carries the code a filing would get). */
export function eligibilityNote(reason: SubsidyRefusal): string {
  switch (reason) {
    case 'NOT_BOUND':
      return '请先完成会员实名绑定，再申请补贴';
    case 'NOT_ELIGIBLE':
      return '本活动面向主办工会所属基层工会的会员，您暂不在申请范围内';
    case 'SUBSIDY_NOT_STARTED':
      return '活动尚未开始受理申请，请在申请开始后再来';
    case 'SUBSIDY_ENDED':
      return '活动的申请时间已经截止';
    case 'SUBSIDY_QUOTA_EXHAUSTED':
      return '您所在市县的补贴名额已经用完';
    case 'APPLICATION_ALREADY_OPEN':
      return '您已有一件本活动的补贴申请正在办理';
    case 'SUBSIDY_ALREADY_PAID':
      return '您已享受过本活动的补贴，每人每个活动只能享受一次';
  }
}

/** The tiers as brackets: "¥50 – ¥99.99 → ¥50", the last one "¥300 以上 → ¥300". */
export function tierLines(tiers: readonly SubsidyTier[]): Array<{ key: string; fare: string; amount: string }> {
  const sorted = [...tiers].sort((a, b) => a.minFareFen - b.minFareFen);
  return sorted.map((tier, index) => {
    const next = sorted[index + 1];
    const fare = next ? `${formatFen(tier.minFareFen)} – ${formatFen(next.minFareFen - 1)}` : `${formatFen(tier.minFareFen)} 及以上`;
    return { key: String(tier.minFareFen), fare, amount: formatFen(tier.amountFen) };
  });
}

/** "2026-01-10 00:00 至 2026-02-28 24:00" style window of instants, in Beijing time. */
export function windowLabel(from: string, until: string): string {
  return `${formatDateTime(from)} 至 ${formatDateTime(until)}`;
}
