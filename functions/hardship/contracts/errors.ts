import { defineErrors, errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';
import { APPLICATIONS_ERRORS } from '../../applications/contracts/errors';

/** 困难帮扶's own refusals (functions/hardship). */
export const HARDSHIP_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    HARDSHIP_STANDARD_MISSING: { status: 404, message: '该市县本年度的低保标准尚未公布，请选择其他市县或联系所在工会' },
    HARDSHIP_ROLE_REQUIRED: { status: 403, message: '只有持有“帮扶”角色的工会工作人员可以办理，请联系上级工会授予帮扶角色' },
    HARDSHIP_CONSENT_REQUIRED: { status: 400, message: '请阅读并同意《家庭经济状况核对授权书》（当前版本）后再提交' },
    HARDSHIP_CASE_OPEN: { status: 409, message: '您的家庭已有一件困难帮扶申请正在办理，请在“我的帮扶”中查看进度' },
    HARDSHIP_CASE_NOT_FOUND: { status: 404, message: '该帮扶申请不存在' },
    HARDSHIP_CASE_NOT_PENDING: { status: 409, message: '该帮扶申请已办结，不能再操作' },
    HARDSHIP_CASE_STALE: { status: 409, message: '该申请刚被其他人处理，请刷新后重试' },
    HARDSHIP_STEP_NOT_OPEN: { status: 409, message: '该环节不是当前办理环节，请刷新后查看' },
    HARDSHIP_SAME_OFFICIAL_TWICE: { status: 403, message: '同一申请的两个环节不能由同一人办理，请由其他工作人员办理' },
    HARDSHIP_VISIT_REQUIRED: { status: 409, message: '请先录入入户核查记录（走访日期、见到的人、签字的申请书和授权书照片）' },
    HARDSHIP_PUBLICITY_RUNNING: { status: 409, message: '公示期尚未结束，请在公示期满后再审批' },
    HARDSHIP_OBJECTION_OPEN: { status: 409, message: '公示期间收到异议，请先处理异议再继续' },
    HARDSHIP_NOT_IN_PUBLICITY: { status: 409, message: '该申请不在公示期内，不能提出异议' },
    HARDSHIP_OBJECTION_NOT_FOUND: { status: 404, message: '该异议不存在' },
    HARDSHIP_OBJECTION_DONE: { status: 409, message: '该异议已处理' },
    HARDSHIP_FILE_NOT_FOUND: { status: 404, message: '该困难职工档案不存在' },
    HARDSHIP_FILE_CLOSED: { status: 409, message: '该档案已销档，不能再操作' },
    HARDSHIP_RECHECK_NOT_DUE: { status: 409, message: '该档案尚未到年度复核时间' },
    HARDSHIP_PAYMENT_NOT_FOUND: { status: 404, message: '该帮扶发放记录不存在' },
    HARDSHIP_PAYMENT_DONE: { status: 409, message: '该帮扶发放已确认，不能重复确认' },
    HARDSHIP_SAME_PERSON: { status: 403, message: '资金发放须由另一位工作人员确认，录入人不能确认本人录入的发放' },
    HARDSHIP_PROOF_MISSING: { status: 400, message: '请按致困原因上传所需证明材料' },
  }),
);

declare module '../../kernel/contracts/errors' {
  interface ErrorCatalogues {
    hardship: typeof HARDSHIP_ERRORS;
  }
}

/** The refusals a hardship endpoint may declare: the kernel's shared ones and hardship's own. */
export const hardshipErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, HARDSHIP_ERRORS));

/** The rating's refusals: the engine's own (ALREADY_RATED, NOT_RATABLE), as for every kind (好差评). */
export const hardshipRatingErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, HARDSHIP_ERRORS, APPLICATIONS_ERRORS));
