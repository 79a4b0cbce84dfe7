import * as z from 'zod/mini';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { contract } from '../../kernel/contracts/contract';
import type { Redemption } from './benefits';
import { benefitsErrors } from './errors';

/** 今日核销: a clerk's merchants' redemptions of one day in China, the newest first. */

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const redemptionLogQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    /** `YYYY-MM-DD` in China; today by default. */
    day: z.optional(z.string({ error: '日期格式应为 YYYY-MM-DD' }).check(z.regex(DAY, '日期格式应为 YYYY-MM-DD，如 2026-05-01'))),
  }),
);
export type RedemptionLogQuery = z.infer<typeof redemptionLogQuery>;

export interface RedemptionLogResponse {
  day: string;
  /** All of that day's redemptions at the clerk's merchants. */
  count: number;
  /** The newest REDEMPTION_LOG_LIMIT of them. */
  items: Redemption[];
}

export const REDEMPTION_LOG_LIMIT = 100;

export const redemptionsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'redemptionsList',
    method: 'GET',
    path: '/api/redemptions',
    auth: 'clerk',
    request: { query: redemptionLogQuery },
    response: returns<RedemptionLogResponse>(),
    errors: benefitsErrors('FORBIDDEN'),
  }),
);
