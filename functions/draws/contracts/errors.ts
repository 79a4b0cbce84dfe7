import { defineErrors, errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/** The quiz's and the draws' own refusals (答题抽奖, 报名抽签). */
export const DRAWS_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    // Setting a draw on a benefit
    DRAW_EXISTS: { status: 409, message: '该权益已设置抽签，不能重复设置' },
    DRAW_BENEFIT_NOT_DRAFT: { status: 409, message: '只有草稿状态的权益可以设置答题抽签，请在发布前设置' },
    QUIZ_BANK_TOO_SMALL: { status: 409, message: '题库题目数量不足，请先补充题目' },
    // Members: the quiz and the entries
    DRAW_NOT_OPEN: { status: 409, message: '当前不在答题抽签时间内' },
    QUIZ_ATTEMPTS_USED_UP: { status: 409, message: '今天的答题次数已用完，请明天再来' },
    DRAW_DAILY_WINS_REACHED: { status: 409, message: '您今天的中签次数已达上限，请明天再来' },
    QUIZ_REQUIRED: { status: 409, message: '参加本次抽签需要先答题，请答题通过后自动报名' },
    DRAW_ALREADY_ENTERED: { status: 409, message: '您已报名本次抽签，请等待开奖' },
    // Officials: closing, the seed and its confirmation
    DRAW_STATUS_INVALID: { status: 409, message: '抽签当前状态不能进行此操作，请刷新后重试' },
    DRAW_ENTRIES_STILL_OPEN: { status: 409, message: '报名尚未截止，截止后才能封存名单' },
    DRAW_SEED_NOT_PROPOSED: { status: 409, message: '尚未录入开奖号码，请先由一位工作人员录入' },
    DRAW_SEED_MISMATCH: { status: 409, message: '两次录入的开奖号码不一致，请核对公告后重新录入' },
    DRAW_SAME_OFFICIAL: { status: 403, message: '开奖号码须由另一位工作人员确认，不能自己确认自己录入的号码' },
  }),
);

declare module '../../kernel/contracts/errors' {
  interface ErrorCatalogues {
    draws: typeof DRAWS_ERRORS;
  }
}

/** The refusals a draws endpoint may declare: the kernel's shared ones and the draws' own. */
export const drawsErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, DRAWS_ERRORS));
