import { banActive, type BanRecord } from '../../benefits';
import { toShanghaiIso } from '../domain/time';
import type { AdminBanView } from '../contracts/admin';
import { REFUND_POLICY_WORDS, type BanView, type OrderView } from '../contracts/payments';
import { canPay, orderStateOf, refundRefusal, type Order } from '../domain/order';

/** An order as the member sees it; `codeState`: its place's coupon state now (for 申请退款). */
export function orderView(order: Order, codeState: string | null, now: number): OrderView {
  return {
    id: order.id,
    couponId: order.couponId,
    benefitId: order.benefitId,
    benefitTitle: order.benefitTitle,
    amountFen: order.amountFen,
    state: orderStateOf(order),
    payBy: toShanghaiIso(order.payBy),
    createdAt: toShanghaiIso(order.createdAt),
    paidAt: order.paidAt === null ? null : toShanghaiIso(order.paidAt),
    releasedAt: order.releasedAt === null ? null : toShanghaiIso(order.releasedAt),
    refundPolicy: order.refundPolicy,
    refundPolicyText: REFUND_POLICY_WORDS[order.refundPolicy],
    refund: order.refund
      ? { reason: order.refund.reason, requestedAt: toShanghaiIso(order.refund.requestedAt), settledAt: order.refund.settledAt === null ? null : toShanghaiIso(order.refund.settledAt), comment: order.refund.comment }
      : null,
    canPay: order.state === 'paying' && canPay(order.payBy, now),
    canRequestRefund: refundRefusal(order, codeState, now) === null,
  };
}

function banView(b: BanRecord, orgNames: ReadonlyMap<string, string>): BanView {
  const end = toShanghaiIso(b.until);
  const [y, m, d] = end.slice(0, 10).split('-').map(Number);
  return { orgId: b.orgId, orgName: orgNames.get(b.orgId) ?? '', until: end, untilText: `${y}年${m}月${d}日`, benefitTitle: b.benefitTitle };
}

/** The member's active bans, with their end in words. */
export function banViews(bans: readonly BanRecord[], orgNames: ReadonlyMap<string, string>, now: number): BanView[] {
  return bans.filter((b) => banActive(b, now)).map((b) => banView(b, orgNames));
}

/** A member's bans as an official sees them: standing ones first, then lifted or ended ones, newest first. */
export function adminBanViews(bans: readonly BanRecord[], orgNames: ReadonlyMap<string, string>, now: number): AdminBanView[] {
  return [...bans]
    .sort((a, b) => Number(banActive(b, now)) - Number(banActive(a, now)) || b.since - a.since)
    .map((b) => ({ ...banView(b, orgNames), since: toShanghaiIso(b.since), active: banActive(b, now), liftedAt: b.liftedAt === null ? null : toShanghaiIso(b.liftedAt) }));
}
