/**
 * The rules of paid places (一元观影 as 海南工会云 runs it; ../shared/DOMAIN.md › Paid benefits): a win
 * or a claim of a priced benefit reserves a place that must be paid within the window (3 hours by
 * default); a paid code is valid for 60 days from payment; a paid code left to expire unredeemed bars
 * its member from the benefits of the benefit's owning org (its subtree) for 3 months from the next
 * day; a place that lapsed unpaid bars its member from that benefit for the rest of that China day.
 */

export interface PaidRules {
  /** How long a member has to pay for a place (ms). */
  payWindowMs: number;
  /** How long a paid code stays valid (days from payment). */
  codeValidDays: number;
  /** How long a ban lasts (calendar months from the day after the code expired). */
  banMonths: number;
}

export const DEFAULT_PAID_RULES: PaidRules = { payWindowMs: 3 * 3_600_000, codeValidDays: 60, banMonths: 3 };

/** The rules from the environment (PAY_WINDOW_MINUTES, PAID_CODE_VALID_DAYS, NO_SHOW_BAN_MONTHS), defaults otherwise. */
export function paidRulesFrom(env: Record<string, string | undefined>): PaidRules {
  const positive = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, not ${raw}`);
    return n;
  };
  return {
    payWindowMs: positive('PAY_WINDOW_MINUTES', DEFAULT_PAID_RULES.payWindowMs / 60_000) * 60_000,
    codeValidDays: positive('PAID_CODE_VALID_DAYS', DEFAULT_PAID_RULES.codeValidDays),
    banMonths: positive('NO_SHOW_BAN_MONTHS', DEFAULT_PAID_RULES.banMonths),
  };
}

const CHINA_MS = 8 * 3_600_000;

/** The China (UTC+8) calendar day of an instant, YYYY-MM-DD. */
export function chinaDay(ms: number): string {
  return new Date(ms + CHINA_MS).toISOString().slice(0, 10);
}

/** 00:00 China time of a YYYY-MM-DD day, as epoch ms. */
export function chinaMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** When a code paid at `paidAt` stops being valid: `codeValidDays` later, to the millisecond. */
export function codeValidUntil(paidAt: number, rules: PaidRules): number {
  return paidAt + rules.codeValidDays * 86_400_000;
}

/**
 * The end (exclusive, epoch ms) of the ban a code expiring at `expiredAt` brings: from 00:00 of the
 * next China day for `banMonths` calendar months; a day the end month lacks becomes its last day
 * (a ban starting 2026-11-30 for 3 months ends at 00:00 on 2027-02-28).
 */
export function banUntil(expiredAt: number, rules: Pick<PaidRules, 'banMonths'>): number {
  const start = new Date(chinaMidnight(chinaDay(expiredAt)) + 86_400_000 + CHINA_MS); // the next day, as a China date
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth() + rules.banMonths;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(y, m, Math.min(start.getUTCDate(), lastDay)));
  return chinaMidnight(end.toISOString().slice(0, 10));
}

/** What a ban looks like to the rules: until when, unless lifted. */
export interface BanRecord {
  orgId: string;
  memberId: string;
  since: number;
  until: number;
  couponId: string;
  benefitTitle: string;
  liftedAt: number | null;
}

/** Whether `ban` bars its member at `now`. */
export const banActive = (ban: Pick<BanRecord, 'until' | 'liftedAt'>, now: number) => ban.liftedAt === null && now < ban.until;

/** The Chinese date a ban ends on, e.g. 2027年3月8日 (the first day the member may take part again). */
export function banEndWords(until: number): string {
  const [y, m, d] = chinaDay(until).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** BENEFIT_BANNED's message with the ban's end. */
export function banMessage(until: number): string {
  return `您有已支付的券码逾期未使用，${banEndWords(until)}前不能参加该工会的普惠活动`;
}
