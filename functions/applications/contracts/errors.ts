import { defineErrors, errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/** The applications' own refusals: filing, reviewing, 好差评 and 回访, 补贴 campaigns, proof images. */
export const APPLICATIONS_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    // Review
    ALREADY_DECIDED: { status: 409, message: '该审核环节已经处理过了，请刷新查看最新进度' },
    STEP_NOT_OPEN: { status: 409, message: '该审核环节尚未开始，请等待上一环节处理' },
    APPLICATION_NOT_PENDING: { status: 409, message: '该申请已经办结，不能再进行此操作' },
    SAME_OFFICIAL_TWICE: { status: 403, message: '不能由同一人审核同一申请的两个环节，请由其他工作人员或上级工会审核' },
    CONFLICT_OF_INTEREST: {
      status: 403,
      message: '申请人是本人、本工会干部或由您授予过角色的人员，需回避；请由上级工会的工作人员审核',
    },
    APPLICATION_STALE: { status: 409, message: '申请人的会员信息已发生变化，请刷新后重新审核' },
    APPLICANT_PHONE_IN_USE: {
      status: 409,
      message: '申请人填写的手机号已登记在其他会员名下，暂不能通过；请与申请人核实后驳回，或请该会员所在工会先更新手机号',
    },
    // Filing
    APPLICATION_ALREADY_OPEN: { status: 409, message: '您已有一件同类申请正在办理，请等待办结或撤回后再提交' },
    ALREADY_MEMBER: { status: 409, message: '您已是工会会员，无需申请入会；请直接进行会员实名绑定' },
    PROOF_INVALID: { status: 400, message: '证明图片无效或已过期，请重新上传后再提交' },
    FILING_LIMIT_REACHED: { status: 429, message: '今天提交申请的次数已达上限，请明天再试' },
    JOIN_NOT_ACCEPTED: {
      status: 409,
      message: '无法用本微信账号为该身份证号申请入会：一个微信账号只能为本人申请入会，请核对身份证号；如有疑问，请联系要加入的工会',
    },
    PROOF_ALREADY_USED: { status: 409, message: '证明图片已用于另一件申请，每张图片只能用于一件申请；请重新拍照上传后再提交' },
    // 好差评 and 回访
    ALREADY_RATED: { status: 409, message: '您已评价过该事项，每件事项只能评价一次' },
    NOT_RATABLE: { status: 409, message: '该申请尚未办结，办结（通过或未通过）后才能评价' },
    NO_FOLLOW_UP: { status: 409, message: '该申请没有需要回访的差评' },
    FOLLOW_UP_ALREADY_DONE: { status: 409, message: '该差评已登记回访，不能重复登记' },
    // 补贴 campaigns (also a campaign's `me.reason`, contracts/subsidy.ts SUBSIDY_REFUSALS)
    SUBSIDY_NOT_STARTED: { status: 409, message: '该补贴活动尚未开始受理申请，请在开始时间后再来' },
    SUBSIDY_ENDED: { status: 409, message: '该补贴活动的申请时间已经截止' },
    SUBSIDY_QUOTA_EXHAUSTED: {
      status: 409,
      message: '申请人所在市县的补贴名额已经用完，暂不能通过；请驳回并告知申请人，或请主办工会调整名额',
    },
    SUBSIDY_ALREADY_PAID: { status: 409, message: '您已领取过该活动的补贴，每人每个活动只能享受一次' },
    SUBSIDY_ALREADY_EXTENDED: { status: 409, message: '该补贴活动的申请时间已经延长过一次，不能再次延长' },
    SUBSIDY_TIER_NOT_ALLOWED: { status: 400, message: '补贴金额超出省总工会规定的标准，请按规定的档位金额设置' },
    CAMPAIGN_NOT_PENDING: { status: 409, message: '该补贴活动已经审批生效，无需再次审批' },
    CAMPAIGN_SELF_APPROVAL: { status: 403, message: '补贴活动须由创建人以外的上级工会工作人员审批，不能审批自己创建的活动' },
    SUBSIDY_RULES_CHANGED: { status: 409, message: '补贴标准刚被其他人修改过，请刷新后重新设置' },
    // 补贴发放: payout batches for the bank (contracts/payouts.ts)
    NO_PENDING_PAYOUTS: { status: 409, message: '该活动没有可以发放的补贴（待发放且已填写收款银行卡的）' },
    BATCH_NOT_READY: { status: 409, message: '该批次还在生成中，请稍后刷新再试' },
    BATCH_NOT_MARKED: { status: 409, message: '该批次还没有回填银行的发放结果，请先回填再复核' },
    BATCH_ALREADY_CONFIRMED: { status: 409, message: '该批次的发放结果已经复核确认，不能再修改' },
    BATCH_SAME_PERSON: { status: 403, message: '发放结果须由回填人以外的另一位财务人员复核确认' },
    BATCH_CHANGED: { status: 409, message: '该批次刚被其他人修改过，请刷新后核对再提交' },
    PAYEE_NOT_CHANGEABLE: { status: 409, message: '该补贴正在发放或已经发放，现在不能更改收款银行卡' },
  }),
);

declare module '../../kernel/contracts/errors' {
  interface ErrorCatalogues {
    applications: typeof APPLICATIONS_ERRORS;
  }
}

/** The refusals an applications endpoint may declare: the kernel's shared ones and the applications' own. */
export const applicationsErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, APPLICATIONS_ERRORS));
