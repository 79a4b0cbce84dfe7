import type { ErrorCode } from './contracts/errors';

/**
 * The catalogue of refusals: HTTP status and the Chinese message a member can act on.
 * This is the only place where a code meets a status.
 */
export const ERROR_CATALOGUE: Record<ErrorCode, { status: number; message: string }> = {
  INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON，请刷新后重试' },
  INVALID_INPUT: { status: 400, message: '填写的信息有误，请检查后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求格式不受支持' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  WECHAT_CODE_INVALID: { status: 401, message: '微信登录凭证无效或已过期，请重新登录' },
  WECHAT_RATE_LIMITED: { status: 429, message: '登录过于频繁，请一分钟后再试' },
  WECHAT_USER_BLOCKED: { status: 403, message: '微信提示该账号存在风险，暂时无法登录' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  PHONE_CODE_INVALID: { status: 400, message: '手机号验证已过期，请重新点击“获取手机号”' },
  PHONE_VERIFY_RATE_LIMITED: { status: 429, message: '手机号验证过于频繁，请一分钟后再试' },
  PHONE_NOT_MAINLAND: { status: 400, message: '仅支持中国大陆手机号，请使用在工会登记的大陆手机号' },
  ID_NUMBER_INVALID: { status: 400, message: '身份证号不正确，请核对后重新输入' },
  IDENTITY_NOT_MATCHED: {
    status: 400,
    message:
      '姓名、身份证号与微信验证的手机号不属于同一位会员。请核对姓名和身份证号；如果您更换过手机号，请联系所在基层工会更新会员名册中的手机号',
  },
  ACCOUNT_ALREADY_BOUND: { status: 409, message: '当前微信已绑定其他会员，不能重复绑定' },
  MEMBER_ALREADY_BOUND: {
    status: 409,
    message: '该会员已绑定其他微信账号，如需更换请联系所在工会',
  },
  NOT_BOUND: { status: 403, message: '请先完成会员实名绑定' },
  TOO_MANY_ATTEMPTS: { status: 429, message: '尝试次数过多，请一小时后再试' },
  PROOF_INVALID: { status: 400, message: '证明图片无效或已过期，请重新上传后再提交' },
  CARD_TOKEN_INVALID: { status: 400, message: '会员码无效，请让会员刷新后重新出示' },
  CARD_TOKEN_EXPIRED: { status: 400, message: '会员码已过期，请让会员刷新后重新出示' },
  COUPON_TOKEN_INVALID: { status: 400, message: '券码无效，请让会员在“我的券”中刷新后重新出示' },
  COUPON_TOKEN_EXPIRED: { status: 400, message: '券码已过期，请让会员刷新后重新出示' },
  NOT_ELIGIBLE: { status: 403, message: '该权益仅面向指定工会的会员，您暂不在领取范围内' },
  CLAIM_NOT_STARTED: { status: 409, message: '领取尚未开始，请在开始时间后再来' },
  CLAIM_ENDED: { status: 409, message: '领取已结束' },
  BENEFIT_PAUSED: { status: 409, message: '该权益暂停发放，请稍后再来看看' },
  SOLD_OUT: { status: 409, message: '来晚了，已经领完了' },
  REGION_QUOTA_EXHAUSTED: { status: 409, message: '您所在市县的名额已经领完了' },
  CLAIM_LIMIT_REACHED: { status: 409, message: '您已领满该权益的每人限领数量' },
  BUSY: { status: 503, message: '领取的人太多了，请稍后再试' },
  COUPON_ALREADY_REDEEMED: { status: 409, message: '该券已核销，不能重复使用' },
  COUPON_WRONG_MERCHANT: { status: 403, message: '该券不能在本商户使用，请核对适用商户' },
  COUPON_EXPIRED: { status: 409, message: '该券已过使用期限' },
  BENEFIT_STATUS_INVALID: { status: 409, message: '该权益当前状态不能进行此操作，请刷新后重试' },
  BENEFIT_NOT_DRAFT: { status: 409, message: '只有草稿状态的权益可以修改' },
  STOCK_BELOW_CLAIMED: { status: 409, message: '库存不能低于已领取的数量' },
  ALREADY_DECIDED: { status: 409, message: '该审核环节已经处理过了，请刷新查看最新进度' },
  STEP_NOT_OPEN: { status: 409, message: '该审核环节尚未开始，请等待上一环节处理' },
  APPLICATION_NOT_PENDING: { status: 409, message: '该申请已经办结，不能再进行此操作' },
  APPLICATION_ALREADY_OPEN: { status: 409, message: '您已有一件同类申请正在办理，请等待办结或撤回后再提交' },
  ALREADY_MEMBER: { status: 409, message: '您已是工会会员，无需申请入会；请直接进行会员实名绑定' },
  APPLICANT_PHONE_IN_USE: {
    status: 409,
    message: '申请人填写的手机号已登记在其他会员名下，暂不能通过；请与申请人核实后驳回，或请该会员所在工会先更新手机号',
  },
  APPLICATION_STALE: { status: 409, message: '申请人的会员信息已发生变化，请刷新后重新审核' },
  ALREADY_RATED: { status: 409, message: '您已评价过该事项，每件事项只能评价一次' },
  NOT_RATABLE: { status: 409, message: '该申请尚未办结，办结（通过或未通过）后才能评价' },
  NO_FOLLOW_UP: { status: 409, message: '该申请没有需要回访的差评' },
  FOLLOW_UP_ALREADY_DONE: { status: 409, message: '该差评已登记回访，不能重复登记' },
  SUBSIDY_NOT_STARTED: { status: 409, message: '该补贴活动尚未开始受理申请，请在开始时间后再来' },
  SUBSIDY_ENDED: { status: 409, message: '该补贴活动的申请时间已经截止' },
  SUBSIDY_QUOTA_EXHAUSTED: {
    status: 409,
    message: '申请人所在市县的补贴名额已经用完，暂不能通过；请驳回并告知申请人，或请主办工会调整名额',
  },
  SUBSIDY_ALREADY_PAID: { status: 409, message: '您已领取过该活动的补贴，每人每个活动只能享受一次' },
  SUBSIDY_ALREADY_EXTENDED: { status: 409, message: '该补贴活动的申请时间已经延长过一次，不能再次延长' },
  IMPORT_FILE_MISSING: { status: 409, message: '还没有收到上传的名册文件，请先上传文件再开始导入' },
  IMPORT_FILE_TOO_LARGE: { status: 413, message: '名册文件超过 20MB，请拆分成几个文件分别导入' },
  IMPORT_NOT_FINISHED: { status: 409, message: '导入尚未完成，请等导入完成后再查看报告或确认变更' },
  MEMBERSHIP_ENDED: { status: 403, message: '该会员已办理退会，会员卡和会员权益已停用；如需重新入会，请联系所在工会' },
  MEMBER_SEARCH_TOO_BROAD: {
    status: 400,
    message: '管理范围内的基层工会太多，无法按姓名搜索；请先选择下级工会，或改用手机号、身份证号搜索',
  },
  ORG_NAME_TAKEN: { status: 409, message: '已有同名的工会，请换一个名称，或在工会列表中找到该工会' },
  ORG_PARENT_INVALID: { status: 400, message: '不能在所选工会下添加这一级工会，请重新选择上级工会' },
  INTERNAL: { status: 500, message: '服务暂时不可用，请稍后再试' },
};

/** A refusal the API explains to the member. Anything else that is thrown becomes a plain 500. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, options: { message?: string; fields?: Record<string, string>; cause?: unknown } = {}) {
    const entry = ERROR_CATALOGUE[code];
    super(options.message ?? entry.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    if (options.fields) this.fields = options.fields;
  }
}
