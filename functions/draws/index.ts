/**
 * The draws capability (答题抽奖, 报名抽签)'s public entry: the contracts (functions/draws/contracts/),
 * which the mini-program shares, and the waiting list, which the payments capability moves on when
 * a winner's place is released unpaid. Benefits carry their draw's reference.
 */
import { productionDeps } from './services/deps';
import { promoteNext } from './services/waitlist';

export const drawWaitlist = {
  /** Gives the place `releasedCouponId` held back to the next ticket waiting in its pool, if any. */
  promote: async (drawId: string, releasedCouponId: string) => promoteNext(await productionDeps(), drawId, releasedCouponId),
};
export type DrawWaitlist = typeof drawWaitlist;
