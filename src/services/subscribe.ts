import Taro from '@tarojs/taro';

/**
 * WeChat subscription messages (订阅消息): one message per consent, asked on a tap. The template ids
 * are build-time configuration (README › Notifications): TARO_APP_TEMPLATE_PROGRESS (办理进度, to
 * applicants), _TODO (待办, to officials), _OVERDUE (超期督办, to officials above), _CLAIM (开抢/待支付
 * 提醒, after a claim) — the same ids the back end sends with (WECHAT_TEMPLATE_*). An id left empty is
 * not asked for. H5 has no such API: nothing is asked there, and the 消息中心 carries every notice.
 */
export type SubscriptionMoment = 'filed' | 'claimed' | 'queue';

const TEMPLATES = {
  progress: process.env.TARO_APP_TEMPLATE_PROGRESS ?? '',
  todo: process.env.TARO_APP_TEMPLATE_TODO ?? '',
  overdue: process.env.TARO_APP_TEMPLATE_OVERDUE ?? '',
  claim: process.env.TARO_APP_TEMPLATE_CLAIM ?? '',
};

/** Which templates each moment asks for (WeChat shows at most 3 in one dialog). */
export function templatesFor(moment: SubscriptionMoment, templates: Record<keyof typeof TEMPLATES, string> = TEMPLATES): string[] {
  const ids = moment === 'filed' ? [templates.progress] : moment === 'claimed' ? [templates.claim, templates.progress] : [templates.todo, templates.overdue];
  return [...new Set(ids.filter((id) => id !== ''))].slice(0, 3);
}

/** Whether this build can ask for the moment's subscriptions (WeChat, with its templates configured). */
export const canSubscribe = (moment: SubscriptionMoment): boolean => process.env.TARO_ENV === 'weapp' && templatesFor(moment).length > 0;

/**
 * Asks for the moment's subscriptions; call it first thing in the tap handler (WeChat refuses a
 * request that no tap started). Never throws and never blocks the action: a refusal, a closed
 * dialog or a platform without the API all just resolve.
 */
export async function askSubscription(moment: SubscriptionMoment): Promise<void> {
  const tmplIds = templatesFor(moment);
  if (!canSubscribe(moment) || typeof Taro.requestSubscribeMessage !== 'function') return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as Parameters<typeof Taro.requestSubscribeMessage>[0]);
  } catch {
    // Refused or unavailable: the 消息中心 still carries every notice.
  }
}
