import type { BanRecord } from '../../benefits';
import { REFUND_POLICY_WORDS, type OrderState } from '../contracts/payments';
import { orderStateOf, type Order } from '../domain/order';
import { toShanghaiIso } from '../domain/time';

/**
 * Payments' part of a data subject's rights (PIPL art. 45; functions/privacy composes the parts): the
 * member's orders — amount, deadline, payment, release, refund — and the bans of the orgs above their
 * union, lifted ones included. The WeChat Pay transaction number is theirs too (it is on their bill).
 */
export interface PaymentsExport {
  orders: Array<{
    id: string;
    benefitTitle: string;
    amountFen: number;
    state: OrderState;
    payBy: string;
    createdAt: string;
    paidAt: string | null;
    transactionId: string | null;
    releasedAt: string | null;
    refundPolicy: string;
    refund: { reason: string; requestedAt: string; status: string; settledAt: string | null } | null;
  }>;
  bans: Array<{ orgId: string; since: string; until: string; benefitTitle: string; liftedAt: string | null }>;
}

export interface PaymentsSubjectDeps {
  orders(memberId: string): Promise<Order[]>;
  bans(memberId: string): Promise<BanRecord[]>;
}

export async function exportPaymentsData(deps: PaymentsSubjectDeps, memberId: string): Promise<PaymentsExport> {
  const [orders, bans] = await Promise.all([deps.orders(memberId), deps.bans(memberId)]);
  const iso = (ms: number | null) => (ms === null ? null : toShanghaiIso(ms));
  return {
    orders: orders.map((o) => ({
      id: o.id,
      benefitTitle: o.benefitTitle,
      amountFen: o.amountFen,
      state: orderStateOf(o),
      payBy: toShanghaiIso(o.payBy),
      createdAt: toShanghaiIso(o.createdAt),
      paidAt: iso(o.paidAt),
      transactionId: o.transactionId,
      releasedAt: iso(o.releasedAt),
      refundPolicy: REFUND_POLICY_WORDS[o.refundPolicy],
      refund: o.refund ? { reason: o.refund.reason, requestedAt: toShanghaiIso(o.refund.requestedAt), status: o.refund.status, settledAt: iso(o.refund.settledAt) } : null,
    })),
    bans: bans.map((b) => ({ orgId: b.orgId, since: toShanghaiIso(b.since), until: toShanghaiIso(b.until), benefitTitle: b.benefitTitle, liftedAt: iso(b.liftedAt) })),
  };
}
