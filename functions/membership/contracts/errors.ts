import { defineErrors, errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/** Membership's own refusals: binding a WeChat account to the roster, member care, orgs. */
export const MEMBERSHIP_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    ID_NUMBER_INVALID: { status: 400, message: '身份证号不正确，请核对后重新输入' },
    IDENTITY_NOT_MATCHED: {
      status: 400,
      message:
        '姓名、身份证号与微信验证的手机号不属于同一位会员。请核对姓名和身份证号；如果您更换过手机号，请联系所在基层工会更新会员名册中的手机号',
    },
    ACCOUNT_ALREADY_BOUND: { status: 409, message: '当前微信已绑定其他会员，不能重复绑定' },
    MEMBER_ALREADY_BOUND: { status: 409, message: '该会员已绑定其他微信账号，如需更换请联系所在工会' },
    MEMBER_SEARCH_TOO_BROAD: {
      status: 400,
      message: '管理范围内的基层工会太多，无法按姓名搜索；请先选择下级工会，或改用手机号、身份证号搜索',
    },
    ORG_NAME_TAKEN: { status: 409, message: '已有同名的工会，请换一个名称，或在工会列表中找到该工会' },
    CARD_CODE_NOT_FOUND: { status: 400, message: '数字码不正确或已过期，请核对后重新输入，或让会员刷新会员码' },
    ORG_PARENT_INVALID: { status: 400, message: '不能在所选工会下添加这一级工会，请重新选择上级工会' },
  }),
);

declare module '../../kernel/contracts/errors' {
  interface ErrorCatalogues {
    membership: typeof MEMBERSHIP_ERRORS;
  }
}

/** The refusals a membership endpoint may declare: the kernel's shared ones and membership's own. */
export const membershipErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, MEMBERSHIP_ERRORS));
