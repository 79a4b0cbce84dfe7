import type { MemberMessage } from '../../applications';
import type { Benefit, StoredCoupon } from '../../benefits';
import { log } from '../../kernel/logger';
import { toShanghaiIso } from '../domain/time';
import type { Deps } from './ports';

/**
 * What the members of a scheduled draw hear when a place moves down its waiting list: the member
 * promoted (您已递补获得名额, with the pay deadline) and the winner whose place was released unpaid —
 * each a message of their own in the applications' outbox (消息中心 and the progress subscription
 * message), opening 我的订单. Put once by the place's id, so a sweep run again tells nobody twice.
 * Best effort after the move itself: a message that cannot be put is logged, never undoes the move.
 */

export type NoticeDeps = Pick<Deps, 'places' | 'roster' | 'orgs' | 'tell' | 'now'>;

const ORDERS_PAGE = 'orders/list/index';

/** `12月7日 18:30` in China. */
function deadlineText(epochMs: number): string {
  const iso = toShanghaiIso(epochMs);
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
}

async function tell(deps: NoticeDeps, benefit: Benefit, place: StoredCoupon, words: { result: string; short: string; remark: string }): Promise<boolean> {
  const member = await deps.roster.get(place.memberId);
  if (!member?.openid) return false; // no account bound to hear it (the place shows in 我的订单 once one is)
  const owner = (await deps.orgs.getMany([benefit.orgId])).get(benefit.orgId);
  const now = deps.now().getTime();
  const message: MemberMessage = {
    template: 'progress',
    page: ORDERS_PAGE,
    remark: words.remark,
    data: { thing1: benefit.title, phrase2: words.result, thing3: owner?.name ?? '海南工会云', time4: toShanghaiIso(now).slice(0, 16).replace('T', ' '), thing5: words.short },
  };
  return deps.tell({ id: place.id, openid: member.openid, message, at: new Date(now).toISOString() });
}

/** The member a release promoted: their new place (awaiting payment) and its deadline. */
export async function tellPromoted(deps: NoticeDeps, benefit: Benefit, couponId: string): Promise<boolean> {
  try {
    const place = await deps.places.place(couponId);
    if (!place || place.state !== 'awaiting_payment' || !place.payBy) return false;
    const by = deadlineText(place.payBy);
    return await tell(deps, benefit, place, {
      result: '递补中签',
      short: `请于${by}前支付`,
      remark: `您已递补获得名额，请于${by}前在“我的订单”中完成支付，逾期名额将依次递补给下一位。`,
    });
  } catch (err) {
    log.error('waiting list notice not put', { coupon: couponId, error: err });
    return false;
  }
}

/** The winner whose place was released unpaid: gone to the waiting list, and no taking part again that day. */
export async function tellReleased(deps: NoticeDeps, benefit: Benefit, place: StoredCoupon): Promise<boolean> {
  try {
    const by = deadlineText(place.payBy ?? deps.now().getTime());
    return await tell(deps, benefit, place, {
      result: '名额已释放',
      short: '未在支付期限内支付',
      remark: `您未在${by}前支付，名额已释放给候补会员，当天不能再参加本活动。`,
    });
  } catch (err) {
    log.error('released place notice not put', { coupon: place.id, error: err });
    return false;
  }
}
