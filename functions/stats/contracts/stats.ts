import * as z from 'zod/mini';
import { orgRefSchema } from '../../kernel/contracts/common';
import { satisfactionFiguresSchema } from '../../applications/contracts/satisfaction';
import { applicationKindSchema } from '../../applications/contracts/applications';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * GET /api/admin/stats?month=YYYY-MM — the dashboard (统计) of an official's subtree (an admin: the
 * whole platform): members, benefits, applications and 好差评 figures, with 12-month series ending
 * at `month` for the charts. Figures come from counters kept as the data changes (DynamoDB Streams)
 * or from the benefits' own counters, never from reading the members or applications: the answer
 * costs the same reads for 300 members as for 1.2 million.
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const statsQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    /** The last month of the series (default: this month in China). */
    month: z.optional(z.string({ error: '月份格式应为 YYYY-MM' }).check(z.regex(MONTH, '月份格式应为 YYYY-MM，如 2026-11'))),
  }),
);
export type StatsQuery = z.infer<typeof statsQuery>;

/** Months a series covers, the asked one last. */
export const SERIES_MONTHS = 12;

export const STATS_FORMULAS = {
  bindingRate: '绑定率 = 已绑定微信的会员 ÷ 会员总数（不含已退会）',
  meanDaysToDecide: '平均办结天数 = Σ（办结时间 − 提交时间）÷ 办结件数（通过或驳回；撤回的不计）',
  overdue: '超期 = 待办且当前环节已过办理期限（工作日）的申请',
  claimed: '已领取 = 各权益发放总量 − 剩余库存；核销率 = 已核销 ÷ 已领取',
} as const;

const kindCountsSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    kind: applicationKindSchema,
    pending: z.number(),
    approved: z.number(),
    rejected: z.number(),
    cancelled: z.number(),
    total: z.number(),
  }),
);

export const statsResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    month: z.string(),
    /** The months of every series, oldest first, `month` last. */
    months: z.array(z.string()),
    /** The orgs whose subtrees are counted (an official's org(s); for an admin the province federations). */
    scope: z.array(orgRefSchema),
    formulas: z.strictObject({ bindingRate: z.string(), meanDaysToDecide: z.string(), overdue: z.string(), claimed: z.string() }),
    members: z.strictObject({
      /** Members now (退会 not counted). */
      total: z.number(),
      /** Of those, bound to a WeChat account. */
      bound: z.number(),
      /** bound ÷ total, 4 places; null without members. */
      bindingRate: z.nullable(z.number()),
      /** Per month of `months`: members (not left) whose roster entry dates from it; members who left in it. */
      byMonth: z.array(z.strictObject({ month: z.string(), joined: z.number(), left: z.number() })),
    }),
    applications: z.strictObject({
      byKind: z.array(kindCountsSchema),
      pending: z.number(),
      /** Pending, their open step past its deadline. */
      overdue: z.number(),
      /** Approved or rejected, all time. */
      decided: z.number(),
      /** Mean days from filing to decision (1 decimal place); null when none was decided. */
      meanDaysToDecide: z.nullable(z.number()),
      /** Per month of `months`: filed per kind; decided and their mean days. */
      byMonth: z.array(
        z.strictObject({
          month: z.string(),
          filed: z.strictObject({ join: z.number(), transfer: z.number(), subsidy: z.number(), total: z.number() }),
          decided: z.number(),
          meanDaysToDecide: z.nullable(z.number()),
        }),
      ),
    }),
    benefits: z.strictObject({
      /** Benefits owned by an org of the subtree: every published or paused one, ended ones created within the series. */
      count: z.number(),
      stock: z.number(),
      claimed: z.number(),
      redeemed: z.number(),
      /** redeemed ÷ claimed, 4 places; null when nothing was claimed. */
      redemptionRate: z.nullable(z.number()),
      /** Claimed per city quota (card region code), largest first. */
      byRegion: z.array(z.strictObject({ regionCode: z.string(), quota: z.number(), claimed: z.number() })),
      /** Claimed outside any city quota (the unreserved rest, benefits without quotas). */
      unreserved: z.number(),
    }),
    /** 好差评 of `month` (the same counters as GET /api/admin/satisfaction). */
    satisfaction: satisfactionFiguresSchema,
  }),
);
export type StatsResponse = z.infer<typeof statsResponse>;

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** The dashboard of the caller's subtree: counters, never a scan. */
export const adminStats = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminStats',
    method: 'GET',
    path: '/api/admin/stats',
    auth: 'official',
    request: { query: statsQuery },
    response: returns<StatsResponse>(),
    errors: errorsFrom(KERNEL_ERRORS)('FORBIDDEN'),
  }),
);
