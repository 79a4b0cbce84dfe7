import * as z from 'zod/mini';
import { orgRefSchema } from '../../kernel/contracts/common';
import { applicationKindSchema, FOLLOW_UP_WORKING_DAYS, RATING_LEVELS } from './applications';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { applicationsErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * GET /api/admin/satisfaction?month=YYYY-MM&kind= — the 好差评 figures of an official's subtree
 * (an admin: the whole platform) for one month, by kind of application. A rating counts in the month
 * it was given (Asia/Shanghai); its 回访 counts in that same month, whenever it is recorded.
 *
 * The formulas are stated here and in every answer, so that the page shows what it computes:
 */
export const SATISFACTION_FORMULAS = {
  /** 好评 (非常满意, 满意, 基本满意) over all ratings, the 政务服务"好差评" 满意率. */
  satisfactionRate: '满意率 = (非常满意 + 满意 + 基本满意) ÷ 全部评价',
  /** 差评 (不满意, 非常不满意) whose 回访 was recorded within the deadline, over all 差评. */
  followUpOnTimeRate: `按期回访率 = ${FOLLOW_UP_WORKING_DAYS}个工作日内完成回访的差评 ÷ 全部差评（不满意 + 非常不满意）`,
} as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const satisfactionQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    /** Defaults to the current month in China. */
    month: z.optional(z.string({ error: '月份格式应为 YYYY-MM' }).check(z.regex(MONTH, '月份格式应为 YYYY-MM，如 2026-11'))),
    kind: z.optional(applicationKindSchema),
  }),
);
export type SatisfactionQuery = z.infer<typeof satisfactionQuery>;

export const satisfactionFiguresSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    /** All ratings given. */
    rated: z.number(),
    /** Ratings per level, 5 (非常满意) down to 1 (非常不满意). */
    levels: z.array(z.strictObject({ level: z.literal(RATING_LEVELS), count: z.number() })),
    /** 非常满意 + 满意 + 基本满意. */
    good: z.number(),
    /** 差评: 不满意 + 非常不满意. */
    bad: z.number(),
    /** good ÷ rated as a fraction (0.9796 = 97.96 %), rounded to 4 places; null without ratings. */
    satisfactionRate: z.nullable(z.number()),
    /** 差评 whose 回访 is recorded (late ones included). */
    followedUp: z.number(),
    /** 差评 whose 回访 was recorded by its due date. */
    followedUpOnTime: z.number(),
    /** followedUpOnTime ÷ bad as a fraction, rounded to 4 places; null without 差评. */
    followUpOnTimeRate: z.nullable(z.number()),
  }),
);
export type SatisfactionFigures = z.infer<typeof satisfactionFiguresSchema>;

export const satisfactionResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    month: z.string(),
    /** The orgs whose subtrees are counted (an official's org(s); for an admin the province federations). */
    scope: z.array(orgRefSchema),
    formulas: z.strictObject({ satisfactionRate: z.string(), followUpOnTimeRate: z.string() }),
    /** All kinds asked for together. */
    total: satisfactionFiguresSchema,
    /** One entry per kind asked for (every kind when `kind` is not given). */
    byKind: z.array(z.extend(satisfactionFiguresSchema, { kind: applicationKindSchema })),
  }),
);
export type SatisfactionResponse = z.infer<typeof satisfactionResponse>;

/** A rate as the page shows it: 0.9796 → "97.96%", null → "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 10_000) / 100).toFixed(2)}%`;
}

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** 满意度: the subtree's 好差评 figures for a month, per kind and in total. */
export const adminSatisfaction = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminSatisfaction',
    method: 'GET',
    path: '/api/admin/satisfaction',
    auth: 'official',
    request: { query: satisfactionQuery },
    response: returns<SatisfactionResponse>(),
    errors: applicationsErrors('FORBIDDEN'),
  }),
);
