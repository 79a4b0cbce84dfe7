import { REDEMPTION_LOG_LIMIT, type RedemptionLogQuery, type RedemptionLogResponse } from '../contracts/redemption-log';
import { maskName } from '../../kernel/masking';
import { toShanghaiIso } from '../domain/time';
import type { StoredCoupon } from '../domain/types';
import { requireClerkMerchants } from './people';
import type { Deps, RedemptionRecord } from './ports';
import { loadNames } from './views';

export interface RedemptionLogStore {
  /** A merchant's redemptions in [from, to) (epoch ms): how many, and the newest `limit`. */
  between(merchantId: string, from: number, to: number, limit: number): Promise<{ count: number; items: RedemptionRecord[] }>;
  coupons(ids: readonly string[]): Promise<Map<string, StoredCoupon>>;
}

export type RedemptionLogDeps = Pick<Deps, 'accounts' | 'roster' | 'merchants' | 'orgs' | 'now'> & { redemptionLog: RedemptionLogStore };

const DAY_MS = 24 * 60 * 60 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The day in China an instant falls on, and the instants a day in China begins and ends at. */
export const shanghaiDay = (epochMs: number): string => toShanghaiIso(epochMs).slice(0, 10);
export const dayBounds = (day: string): [number, number] => {
  const start = Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
  return [start, start + DAY_MS];
};

/** GET /api/redemptions: 今日核销 (or another day's) at the clerk's merchants, with who and what. */
export async function listRedemptions(deps: RedemptionLogDeps, openid: string, query: RedemptionLogQuery): Promise<RedemptionLogResponse> {
  const merchantIds = await requireClerkMerchants(deps, openid);
  const day = query.day ?? shanghaiDay(deps.now().getTime());
  const [from, to] = dayBounds(day);
  const perMerchant = await Promise.all(merchantIds.map((id) => deps.redemptionLog.between(id, from, to, REDEMPTION_LOG_LIMIT)));
  const records = perMerchant
    .flatMap((m) => m.items)
    .sort((a, b) => b.redeemedAt - a.redeemedAt)
    .slice(0, REDEMPTION_LOG_LIMIT);
  const coupons = await deps.redemptionLog.coupons(records.map((r) => r.couponId));
  const memberIds = [...new Set([...coupons.values()].map((c) => c.memberId))];
  const members = new Map(await Promise.all(memberIds.map(async (id) => [id, await deps.roster.get(id)] as const)));
  const names = await loadNames(deps, { merchantIds });
  return {
    day,
    count: perMerchant.reduce((sum, m) => sum + m.count, 0),
    items: records.map((r) => {
      const coupon = coupons.get(r.couponId);
      const member = coupon ? members.get(coupon.memberId) : null;
      return {
        couponId: r.couponId,
        benefitTitle: coupon?.benefitTitle ?? '',
        faceValueFen: coupon?.faceValueFen ?? 0,
        memberName: member ? maskName(member.name) : '',
        merchant: names.merchants([r.merchantId])[0] ?? { id: r.merchantId, name: '' },
        redeemedAt: toShanghaiIso(r.redeemedAt),
      };
    }),
  };
}
