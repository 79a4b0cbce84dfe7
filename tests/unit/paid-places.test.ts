import { describe, expect, it } from 'vitest';
import { banEndWords, banMessage, banUntil, chinaDay, codeValidUntil, DEFAULT_PAID_RULES, paidRulesFrom } from '../../functions/benefits/domain/paid';
import { canPay, orderIdOf, orderStateOf, paymentMatches, refundRefusal, type Order } from '../../functions/payments/domain/order';

/** The rules of paid places and orders (一元观影: 3 hours to pay, codes valid 60 days, a 3-month ban). */

const at = (iso: string) => Date.parse(iso);

describe('paid places', () => {
  it('reads its rules from the environment, defaults otherwise, and refuses nonsense', () => {
    expect(paidRulesFrom({})).toEqual(DEFAULT_PAID_RULES);
    expect(DEFAULT_PAID_RULES).toEqual({ payWindowMs: 3 * 3_600_000, codeValidDays: 60, banMonths: 3 });
    expect(paidRulesFrom({ PAY_WINDOW_MINUTES: '30', PAID_CODE_VALID_DAYS: '7', NO_SHOW_BAN_MONTHS: '1' })).toEqual({ payWindowMs: 30 * 60_000, codeValidDays: 7, banMonths: 1 });
    expect(() => paidRulesFrom({ PAY_WINDOW_MINUTES: '0' })).toThrow(RangeError);
    expect(() => paidRulesFrom({ NO_SHOW_BAN_MONTHS: '1.5' })).toThrow(RangeError);
  });

  it('keeps a code 60 days from payment', () => {
    expect(codeValidUntil(at('2026-12-07T15:00:00+08:00'), DEFAULT_PAID_RULES)).toBe(at('2027-02-05T15:00:00+08:00'));
  });

  it('bans from 00:00 of the China day after the code expired, for 3 calendar months', () => {
    // Expired at 23:30 China time on 12-07 (15:30 UTC): the ban starts 12-08 and ends at 00:00 on 2027-03-08.
    expect(banUntil(at('2026-12-07T15:30:00Z'), DEFAULT_PAID_RULES)).toBe(at('2027-03-08T00:00:00+08:00'));
    // Expired at 00:30 China time on 12-08 (16:30 UTC on 12-07): the ban starts 12-09.
    expect(banUntil(at('2026-12-07T16:30:00Z'), DEFAULT_PAID_RULES)).toBe(at('2027-03-09T00:00:00+08:00'));
    // A day the end month lacks: from 11-30, three months end on 02-28.
    expect(banUntil(at('2026-11-29T12:00:00+08:00'), DEFAULT_PAID_RULES)).toBe(at('2027-02-28T00:00:00+08:00'));
    expect(banUntil(at('2026-12-07T12:00:00+08:00'), { banMonths: 1 })).toBe(at('2027-01-08T00:00:00+08:00'));
  });

  it('says the end date in Chinese', () => {
    expect(banEndWords(at('2027-03-08T00:00:00+08:00'))).toBe('2027年3月8日');
    expect(banMessage(at('2027-03-08T00:00:00+08:00'))).toBe('您有已支付的券码逾期未使用，2027年3月8日前不能参加该工会的普惠活动');
    expect(chinaDay(at('2026-12-07T16:00:00Z'))).toBe('2026-12-08');
  });
});

describe('orders', () => {
  const order: Order = {
    id: orderIdOf('cAbCdEfGhIjKlMnOpQrStUv'),
    couponId: 'cAbCdEfGhIjKlMnOpQrStUv',
    benefitId: 'b',
    benefitTitle: '一元观影',
    orgPath: ['p'],
    memberId: 'm',
    openid: 'o',
    amountFen: 100,
    payBy: at('2026-12-07T18:00:00+08:00'),
    refundPolicy: 'same_day_review',
    state: 'paid',
    prepayId: 'wx1',
    createdAt: at('2026-12-07T15:00:00+08:00'),
    paidAt: at('2026-12-07T15:10:00+08:00'),
    transactionId: '42',
    releasedAt: null,
    late: false,
    refund: null,
    version: 3,
  };

  it('numbers an order within WeChat Pay’s out_trade_no rule (6–32 of [0-9A-Za-z_-|*])', () => {
    expect(order.id).toMatch(/^[0-9A-Za-z_\-|*]{6,32}$/);
  });

  it('opens the 收银台 until a minute before the deadline', () => {
    expect(canPay(order.payBy, order.payBy - 61_000)).toBe(true);
    expect(canPay(order.payBy, order.payBy - 60_000)).toBe(false);
  });

  it('refunds by the stated policy: none never; same-day on the China day of payment, the code unused', () => {
    expect(refundRefusal({ ...order, refundPolicy: 'none' }, 'unused', order.paidAt!)).toBe('REFUND_NOT_ALLOWED');
    expect(refundRefusal(order, 'unused', at('2026-12-07T23:59:59+08:00'))).toBeNull();
    expect(refundRefusal(order, 'unused', at('2026-12-08T00:00:00+08:00'))).toBe('REFUND_WINDOW_PASSED');
    expect(refundRefusal(order, 'used', at('2026-12-07T20:00:00+08:00'))).toBe('REFUND_CODE_USED');
    expect(refundRefusal({ ...order, state: 'paying', paidAt: null }, null, order.createdAt)).toBe('REFUND_STATE_INVALID');
  });

  it('shows an abnormal refund as not final', () => {
    const refund = { no: 'R', reason: 'x', requestedAt: 0, requestedBy: null, reviewedBy: null, comment: null, status: 'abnormal' as const, refundId: null, settledAt: null };
    expect(orderStateOf({ state: 'refunding', refund })).toBe('refund_abnormal');
    expect(orderStateOf({ state: 'refunding', refund: { ...refund, status: 'processing' } })).toBe('refunding');
  });

  it('applies only a payment of this order’s amount, app and merchant', () => {
    const t = { out_trade_no: order.id, amount: { total: 100 }, appid: 'wxa', mchid: '19' };
    const merchant = { appId: 'wxa', mchid: '19' };
    expect(paymentMatches(order, t, merchant)).toBe(true);
    expect(paymentMatches(order, { ...t, amount: { total: 1 } }, merchant)).toBe(false);
    expect(paymentMatches(order, { ...t, appid: 'wxb' }, merchant)).toBe(false);
    expect(paymentMatches(order, { ...t, mchid: '20' }, merchant)).toBe(false);
    expect(paymentMatches(order, { ...t, out_trade_no: 'other' }, merchant)).toBe(false);
  });
});
