import { defineErrors, errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/** The payments' own refusals (收银台, 我的订单, WeChat Pay's notifications, refunds, bans). */
export const PAYMENTS_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    // Members: paying for a place
    PLACE_NOT_FOUND: { status: 404, message: '没有找到待支付的名额，请刷新后重试' },
    PAY_DEADLINE_PASSED: { status: 409, message: '已超过支付期限，名额已释放' },
    ORDER_ALREADY_PAID: { status: 409, message: '该订单已支付，券码已发放到“我的券”' },
    PAYMENT_UNAVAILABLE: { status: 503, message: '微信支付暂时无法下单，请稍后再试' },
    // Refunds
    REFUND_NOT_ALLOWED: { status: 409, message: '该权益不支持退款' },
    REFUND_WINDOW_PASSED: { status: 409, message: '只能在支付当天申请退款，已超过申请期限' },
    REFUND_CODE_USED: { status: 409, message: '券码已核销，不能退款' },
    REFUND_STATE_INVALID: { status: 409, message: '订单当前状态不能进行此操作，请刷新后重试' },
    REFUND_SAME_PERSON: { status: 403, message: '退款须由会员本人申请、工作人员审核，不能审核本人的申请' },
    // Bans
    BAN_NOT_FOUND: { status: 404, message: '该会员没有生效中的限制' },
    // WeChat Pay's notifications: anything not signed by WeChat Pay is refused before it is read.
    NOTIFY_SIGNATURE_INVALID: { status: 401, message: '签名验证失败' },
    NOTIFY_INVALID: { status: 400, message: '通知内容无法处理' },
  }),
);

declare module '../../kernel/contracts/errors' {
  interface ErrorCatalogues {
    payments: typeof PAYMENTS_ERRORS;
  }
}

/** The refusals a payments endpoint may declare: the kernel's shared ones and the payments' own. */
export const paymentsErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, PAYMENTS_ERRORS));
