import { memberLeaveRequest, memberSearchQuery, type MemberLeaveRequest } from '../../../functions/membership/contracts/admin';

/**
 * 会员服务 as the official types it: what a search looks for, the 退会 form's checks (the contract's
 * messages, plus "not in the future"), and the labels of a member's state.
 */

/** 11 digits: a mobile number; 18 characters ending in a digit or X: an ID number; else a name prefix. */
export function searchKind(q: string): 'phone' | 'idNumber' | 'name' {
  const text = q.trim();
  if (/^1\d{10}$/.test(text)) return 'phone';
  if (/^\d{17}[\dXx]$/.test(text)) return 'idNumber';
  return 'name';
}

export const SEARCH_KIND_HINTS = { phone: '按手机号查找', idNumber: '按身份证号查找', name: '按姓名开头查找' } as const;

/** What the search field is refused for, or null when it may go. */
export function searchError(q: string): string | null {
  const parsed = memberSearchQuery.safeParse({ q });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? '请填写姓名、手机号或身份证号');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in China (UTC+8), YYYY-MM-DD. */
export function todayInChina(now: number = Date.now()): string {
  const d = new Date(now + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export interface LeaveDraft {
  reason: string;
  date: string;
}

/** The 退会 form: the request, or a message per field. */
export function validateLeave(
  draft: LeaveDraft,
  now: number = Date.now(),
): { ok: true; request: MemberLeaveRequest } | { ok: false; errors: Partial<Record<keyof LeaveDraft, string>> } {
  const errors: Partial<Record<keyof LeaveDraft, string>> = {};
  const parsed = memberLeaveRequest.safeParse({ reason: draft.reason, date: draft.date.trim() });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof LeaveDraft;
      errors[field] ??= issue.message;
    }
  } else if (parsed.data.date > todayInChina(now)) {
    errors.date = '退会日期不能晚于今天';
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, request: parsed.data };
}

export const SEX_LABELS = { male: '男', female: '女' } as const;

export const COUPON_STATUS_LABELS: Readonly<Record<string, string>> = { unused: '未使用', used: '已使用', expired: '已过期', voided: '已作废' };

/** What each care action does, for its confirmation. */
export const CARE_ACTIONS = {
  release: {
    label: '释放手机号',
    confirm: '释放后名册中不再登记该手机号，持有该号码的其他人可以用它入会或绑定。会员本人需由工会重新登记手机号。确定释放吗？',
    done: '手机号已释放',
    same: '该会员的手机号已经释放过了',
  },
  unbind: {
    label: '解除微信绑定',
    confirm: '解除后该微信账号不再是此会员，会员可用新的微信账号重新绑定，会员卡号不变。确定解除吗？',
    done: '已解除微信绑定',
    same: '该会员没有绑定微信，无需解除',
  },
  leave: {
    label: '办理退会',
    confirm: '退会后会员卡失效，不能再领取普惠权益和申请补贴；名册保留历史记录。确定办理退会吗？',
    done: '已办理退会',
    same: '该会员已经办理过退会',
  },
} as const;
export type CareAction = keyof typeof CARE_ACTIONS;
