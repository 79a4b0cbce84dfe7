import { defineErrors, errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/** The 普惠 benefits' own refusals: claiming, redeeming, the benefit desk. */
export const BENEFITS_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    // Claims (also a benefit's `me.reason`, contracts/benefits.ts CLAIM_REFUSALS)
    CLAIM_NOT_STARTED: { status: 409, message: '领取尚未开始，请在开始时间后再来' },
    CLAIM_ENDED: { status: 409, message: '领取已结束' },
    BENEFIT_PAUSED: { status: 409, message: '该权益暂停发放，请稍后再来看看' },
    SOLD_OUT: { status: 409, message: '来晚了，已经领完了' },
    REGION_QUOTA_EXHAUSTED: { status: 409, message: '您所在市县的名额已经领完了' },
    CLAIM_LIMIT_REACHED: { status: 409, message: '您已领满该权益的每人限领数量' },
    DRAW_ONLY: { status: 409, message: '该权益通过答题抽签发放，请参加答题抽签' },
    // Coupons and their redemption
    COUPON_ALREADY_REDEEMED: { status: 409, message: '该券已核销，不能重复使用' },
    COUPON_WRONG_MERCHANT: { status: 403, message: '该券不能在本商户使用，请核对适用商户' },
    COUPON_EXPIRED: { status: 409, message: '该券已过使用期限' },
    COUPON_CODE_NOT_FOUND: { status: 400, message: '数字码不正确或已过期，请核对后重新输入，或让会员刷新券码' },
    // The benefit desk
    BENEFIT_STATUS_INVALID: { status: 409, message: '该权益当前状态不能进行此操作，请刷新后重试' },
    BENEFIT_NOT_DRAFT: { status: 409, message: '只有草稿状态的权益可以修改' },
    STOCK_BELOW_CLAIMED: { status: 409, message: '库存不能低于已领取的数量' },
    MERCHANT_NOT_UNDER_AGREEMENT: { status: 403, message: '该商户未与本级或上级工会签约，不能用于本权益' },
    BENEFIT_APPROVAL_REQUIRED: { status: 409, message: '该权益超出本级工会的发放额度，请联系上级工会审批后再发布' },
  }),
);

declare module '../../kernel/contracts/errors' {
  interface ErrorCatalogues {
    benefits: typeof BENEFITS_ERRORS;
  }
}

/** The refusals a benefits endpoint may declare: the kernel's shared ones and the benefits' own. */
export const benefitsErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, BENEFITS_ERRORS));
