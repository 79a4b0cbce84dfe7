/**
 * What a benefit promises about refunds, shown before payment — in a module of its own, so the
 * benefit desk's form and the officials' pages (other subpackages of the mini-program than 我的订单)
 * take these words without the payments' endpoint contracts.
 */
export type RefundPolicy = 'none' | 'same_day_review';
export const REFUND_POLICY_WORDS: Record<RefundPolicy, string> = {
  none: '本权益支付后不予退款',
  same_day_review: '支付当天24:00前可申请整单退款，经工作人员审核后原路退回',
};
