import { redemptionLogStore } from '../data/redemption-log-store';
import { productionDeps } from './deps';
import type { RedemptionLogDeps } from './redemption-log';

/** 今日核销's side effects: the benefits' (deps.ts) and the merchants' redemptions by time. */
export const redemptionLogDeps = (): Promise<RedemptionLogDeps & Awaited<ReturnType<typeof productionDeps>>> =>
  productionDeps().then((deps) => ({ ...deps, redemptionLog: redemptionLogStore }));
