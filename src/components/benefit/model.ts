import type {
  AdminBenefit,
  BenefitAction,
  BenefitCategory,
  BenefitDetailResponse,
  BenefitStatus,
  ClaimRefusal,
  ClaimState,
  CouponStatus,
  MemberBenefit,
} from '../../../functions/benefits/contracts/benefits';
import { BENEFIT_CATEGORY_LABELS } from '../../../functions/benefits/contracts/benefits';
import { formatCountdown, formatShortDateTime } from './format';
import type { StatusTone } from '../status-tag';

export { BENEFIT_CATEGORY_LABELS };

/** The 普惠 tab's category tabs: 全部 first, then the contract's categories in its order. */
export const CATEGORY_TABS: ReadonlyArray<{ value: BenefitCategory | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  ...(Object.keys(BENEFIT_CATEGORY_LABELS) as BenefitCategory[]).map((value) => ({
    value,
    label: BENEFIT_CATEGORY_LABELS[value],
  })),
];

/** What a benefit card says about claiming, and the colour of its tag. */
export interface ClaimBadge {
  label: string;
  tone: 'hot' | 'soon' | 'muted' | 'done';
  /** A second line, e.g. when an upcoming benefit opens. */
  note?: string;
}

const STATE_BADGES: Record<ClaimState, ClaimBadge> = {
  open: { label: '抢领中', tone: 'hot' },
  upcoming: { label: '未开始', tone: 'soon' },
  paused: { label: '暂停领取', tone: 'muted' },
  sold_out: { label: '已抢光', tone: 'muted' },
  ended: { label: '已结束', tone: 'muted' },
};

/** The badge of a benefit for a member holding `held` of its coupons. */
export function claimBadge(
  benefit: Pick<MemberBenefit, 'claimState' | 'claimStartsAt'>,
  held: number,
  now: number = Date.now(),
): ClaimBadge {
  if (held > 0) return { label: '已领取', tone: 'done' };
  const badge = STATE_BADGES[benefit.claimState];
  if (benefit.claimState === 'upcoming') {
    return { ...badge, note: `${formatShortDateTime(benefit.claimStartsAt, now)} 开抢` };
  }
  return badge;
}

/**
 * Why the claim button is disabled, in a few words on the button itself. A refused claim shows the
 * API's own Chinese message instead; these are for `me.reason` of the detail, which carries a code.
 */
export function refusalLabel(reason: ClaimRefusal, perMemberLimit: number): string {
  switch (reason) {
    case 'NOT_BOUND':
      return '绑定会员身份后可领取';
    case 'NOT_ELIGIBLE':
      return '仅限发放工会的会员领取';
    case 'CLAIM_NOT_STARTED':
      return '未到领取时间';
    case 'CLAIM_ENDED':
      return '领取已结束';
    case 'BENEFIT_PAUSED':
      return '暂停领取';
    case 'SOLD_OUT':
      return '已抢光';
    case 'REGION_QUOTA_EXHAUSTED':
      return '本地区名额已领完';
    case 'CLAIM_LIMIT_REACHED':
      return perMemberLimit > 1 ? `已领取（每人限领${perMemberLimit}张）` : '已领取';
    case 'DRAW_ONLY':
      return '答题抽签发放';
    case 'BENEFIT_BANNED':
      return '暂停参加（券码逾期未使用）';
    case 'PAYMENT_LAPSED_TODAY':
      return '今日逾期未支付，请明天再来';
  }
}

/** What the detail page's claim button does and says. */
export type ClaimAction =
  | { kind: 'claim'; label: string }
  | { kind: 'countdown'; label: string; msLeft: number }
  | { kind: 'blocked'; label: string; reason: ClaimRefusal };

const STATE_REFUSALS: Partial<Record<ClaimState, ClaimRefusal>> = {
  upcoming: 'CLAIM_NOT_STARTED',
  paused: 'BENEFIT_PAUSED',
  sold_out: 'SOLD_OUT',
  ended: 'CLAIM_ENDED',
};

/**
 * The claim button for the detail as the API gave it: a countdown while the window has not opened
 * (for a member who may claim then), the reason when the member may not claim, otherwise 立即领取.
 */
export function claimAction(detail: BenefitDetailResponse, now: number = Date.now()): ClaimAction {
  const { benefit, me } = detail;
  const reason = me.reason ?? (me.eligible ? STATE_REFUSALS[benefit.claimState] : undefined) ?? null;
  if (reason === 'CLAIM_NOT_STARTED') {
    const msLeft = Date.parse(benefit.claimStartsAt) - now;
    return { kind: 'countdown', msLeft, label: msLeft > 0 ? `距开抢 ${formatCountdown(msLeft)}` : '即将开抢' };
  }
  if (reason) return { kind: 'blocked', reason, label: refusalLabel(reason, benefit.perMemberLimit) };
  return { kind: 'claim', label: me.held > 0 ? '再领一张' : '立即领取' };
}

export const COUPON_TABS: ReadonlyArray<{ value: CouponStatus; label: string }> = [
  { value: 'unused', label: '未使用' },
  { value: 'used', label: '已使用' },
  { value: 'expired', label: '已过期' },
];

export const BENEFIT_STATUS_LABELS: Record<BenefitStatus, string> = {
  draft: '草稿',
  published: '已发布',
  paused: '已暂停',
  ended: '已结束',
};

export const STATUS_TONES: Record<BenefitStatus, StatusTone> = {
  draft: 'info',
  published: 'brand',
  paused: 'progress',
  ended: 'neutral',
};

/** What an official may do with a benefit in each status (the API refuses anything else). */
export const ACTIONS_BY_STATUS: Record<BenefitStatus, readonly BenefitAction[]> = {
  draft: ['publish'],
  published: ['pause', 'end'],
  paused: ['resume', 'end'],
  ended: [],
};

export const ACTION_LABELS: Record<BenefitAction, { label: string; confirm: string }> = {
  publish: { label: '发布', confirm: '发布后会员即可在领取时间内领取，发布后不能再修改权益内容。确定发布？' },
  pause: { label: '暂停领取', confirm: '暂停后会员暂时不能领取，已领取的券不受影响。确定暂停？' },
  resume: { label: '恢复领取', confirm: '恢复后会员可以继续领取。确定恢复？' },
  end: { label: '结束', confirm: '结束后不能再领取，也不能恢复；已领取的券在使用期内仍可核销。确定结束？' },
};

/**
 * The 2-digit codes the membership card number carries for Hainan's cities and counties (01–19)
 * and the provincial industry unions (21–24).
 */
export const REGION_NAMES: Readonly<Record<string, string>> = {
  '01': '海口市',
  '02': '三亚市',
  '03': '三沙市',
  '04': '儋州市',
  '05': '五指山市',
  '06': '琼海市',
  '07': '文昌市',
  '08': '万宁市',
  '09': '东方市',
  '10': '定安县',
  '11': '屯昌县',
  '12': '澄迈县',
  '13': '临高县',
  '14': '白沙县',
  '15': '昌江县',
  '16': '乐东县',
  '17': '陵水县',
  '18': '保亭县',
  '19': '琼中县',
  '21': '教科文卫体工会',
  '22': '交通运输工会',
  '23': '农林水利工会',
  '24': '财贸轻纺烟草工会',
};

/** "01" → "海口市（01）"; an unknown code stays readable: "地区 31". */
export function regionLabel(code: string): string {
  const name = REGION_NAMES[code];
  return name ? `${name}（${code}）` : `地区 ${code}`;
}

/** Region codes of a benefit's figures, in code order. */
export function regionRows(benefit: Pick<AdminBenefit, 'figures'>): Array<{ code: string; quota: number; claimed: number }> {
  return Object.entries(benefit.figures.byRegion)
    .map(([code, figures]) => ({ code, ...figures }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * A claim's idempotency key (the contract asks for 8–64 of [A-Za-z0-9_-]): time in base 36 and 16
 * random characters. Made once per tap sequence: a retry after a network error or BUSY sends the
 * same key, so the API answers with the coupon of the first attempt instead of a second one.
 */
export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let tail = '';
  for (let i = 0; i < 16; i += 1) tail += alphabet[Math.floor(random() * alphabet.length) % alphabet.length];
  return `c${now.toString(36)}${tail}`;
}

/**
 * Whether a failed claim may be sent again with the same requestId: the answer never came (network),
 * the database was busy (BUSY), the API Gateway stage throttled the crowd (THROTTLED, 429) or the
 * server failed. A refusal (other 4xx) is final for that tap.
 */
export function isRetryable(error: { code: string; status: number }): boolean {
  return ['NETWORK_ERROR', 'BUSY', 'THROTTLED'].includes(error.code) || error.status === 0 || error.status >= 500;
}
