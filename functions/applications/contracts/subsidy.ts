import * as z from 'zod/mini';
import { orgRefSchema } from '../../kernel/contracts/common';
import { PROOF_MAX_COUNT } from './uploads';
import type { ErrorCode } from '../../kernel/contracts/errors';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { applicationsErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';
import { payeeInputSchema, payoutViewSchema } from './payouts';

/**
 * 补贴 (subsidy) campaigns and the subsidy kind of application: one contract per endpoint, shared
 * by the functions (validation) and the mini-program (types, inline form checks, the amount shown
 * before filing). Amounts are integer fen everywhere except the fare a member types (yuan, at most
 * two decimals, converted with yuanToFen); application windows are ISO-8601 instants (answers in
 * `+08:00`); travel windows and travel dates are dates in China (`YYYY-MM-DD`).
 *
 * The model is DOMAIN.md's 2019 home-travel ticket subsidy: places split by city (the 2-digit region
 * code of the membership card: 海口 01, 三亚 02 …), once per person per campaign, a fare threshold
 * and tiers ¥50 / ¥100 / ¥200 / ¥300 by fare bracket, an application window extended once.
 */

/** Campaign ids are ULIDs: a path `{id}` of any other shape is simply not found. */
export const CAMPAIGN_ID = { pattern: /^[0-9A-HJKMNP-TV-Z]{26}$/, notFound: '该补贴活动不存在' };

/** The smallest fare threshold a campaign may set (DOMAIN.md: round-trip fare ≥ ¥50). */
export const MIN_FARE_THRESHOLD_FEN = 5_000;
/** A fare above this (¥100,000) is a typing mistake. */
export const MAX_FARE_FEN = 10_000_000;
export const MAX_TIERS = 8;
export const MAX_PLACES = 1_000_000;
export const MAX_CAMPAIGN_REGION_QUOTAS = 30;
/** The pool of places shared by the cities without a quota of their own (figures, payouts). */
export const CAMPAIGN_OTHER_POOL = 'other';

// ---------------------------------------------------------------------------------------------
// Amounts

/** One fare bracket: a fare of at least `minFareFen` (up to the next bracket) gets `amountFen`. */
export const tierSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    minFareFen: z.int({ error: '票价档位应为整数（单位：分）' }).check(z.gte(1, '票价档位应大于0'), z.lte(MAX_FARE_FEN, '票价档位过大')),
    amountFen: z.int({ error: '补贴金额应为整数（单位：分）' }).check(z.gte(1, '补贴金额应大于0'), z.lte(10_000_000, '补贴金额过大')),
  }),
);
export type SubsidyTier = z.infer<typeof tierSchema>;

/**
 * The subsidy for a fare (both in fen): the amount of the highest bracket the fare reaches, 0 below
 * the first one. The page shows it while the member types; the server stores what it computes at
 * submission. `tiers` in any order.
 */
export function subsidyAmount(tiers: readonly SubsidyTier[], fareFen: number): number {
  let best: SubsidyTier | null = null;
  for (const tier of tiers) if (fareFen >= tier.minFareFen && (best === null || tier.minFareFen > best.minFareFen)) best = tier;
  return best?.amountFen ?? 0;
}

/** Yuan as typed (at most two decimals) → integer fen; null when it has more decimals or is not finite. */
export function yuanToFen(yuan: number): number | null {
  if (!Number.isFinite(yuan)) return null;
  const fen = Math.round(yuan * 100);
  return Math.abs(fen - yuan * 100) < 1e-6 ? fen : null;
}

// ---------------------------------------------------------------------------------------------
// Where a member stands with a campaign

/** The codes a subsidy application can be refused with before review (also `me.reason`). */
export const SUBSIDY_REFUSALS = [
  'NOT_BOUND',
  'NOT_ELIGIBLE',
  'SUBSIDY_NOT_STARTED',
  'SUBSIDY_ENDED',
  'SUBSIDY_QUOTA_EXHAUSTED',
  'APPLICATION_ALREADY_OPEN',
  'SUBSIDY_ALREADY_PAID',
] as const satisfies readonly ErrorCode[];
export const subsidyRefusalSchema = /* @__PURE__ */ contract(() => z.enum(SUBSIDY_REFUSALS));
export type SubsidyRefusal = z.infer<typeof subsidyRefusalSchema>;

/**
 * pending_approval (created, waiting for an official of the level above: accepts no application),
 * upcoming (approved, window not open yet), open, ended (window closed).
 */
export const CAMPAIGN_STATES = ['pending_approval', 'upcoming', 'open', 'ended'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export const CAMPAIGN_STATE_LABELS: Record<CampaignState, string> = {
  pending_approval: '待上级审批',
  upcoming: '未开始',
  open: '申请中',
  ended: '已结束',
};

/** A payout's states and their labels (contracts/payouts.ts: pending, batched, paid, failed). */
export { PAYOUT_STATUSES, PAYOUT_STATUS_LABELS, type PayoutStatus } from './payouts';

export const CAMPAIGN_APPROVAL_STATUSES = ['pending_approval', 'approved'] as const;
export type CampaignApprovalStatus = (typeof CAMPAIGN_APPROVAL_STATUSES)[number];

const campaignFields = /* @__PURE__ */ contract(() =>
  ({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    /** The federation that runs it: members of unions below it are eligible. */
    owner: orgRefSchema,
    /** The application window (instants, +08:00). */
    applyFrom: z.string(),
    applyUntil: z.string(),
    /** The window was extended (it may be extended once). */
    extended: z.boolean(),
    /** Travel dates that count (dates in China, inclusive). */
    travelFrom: z.string(),
    travelUntil: z.string(),
    /** The smallest fare that gets a subsidy (fen). */
    fareThresholdFen: z.number(),
    /** Fare brackets, lowest first. */
    tiers: z.array(tierSchema),
    state: z.enum(CAMPAIGN_STATES),
    createdAt: z.string(),
  }),
);

/**
 * GET /api/subsidy-campaigns(/{id}): the campaign as a member sees it, with `me`: whether the
 * caller may file now and, if not, the code a submission would be refused with; the places left in
 * the caller's city (null when the caller has no region: not bound, or not eligible).
 */
export const memberCampaignSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    ...campaignFields,
    me: z.strictObject({
      eligible: z.boolean(),
      reason: z.nullable(subsidyRefusalSchema),
      /** The caller's card region (海口 01 …); null when not bound. */
      regionCode: z.nullable(z.string()),
      /** Places left for the caller's city (its quota, or the shared rest); null when not bound or not eligible. */
      quotaLeft: z.nullable(z.number()),
      /** The caller's open or approved application of this campaign, if any. */
      applicationId: z.nullable(z.string()),
    }),
  }),
);
export type MemberCampaignView = z.infer<typeof memberCampaignSchema>;

export const memberCampaignListResponse = /* @__PURE__ */ contract(() => z.strictObject({ items: z.array(memberCampaignSchema) }));
export type MemberCampaignListResponse = z.infer<typeof memberCampaignListResponse>;
export const memberCampaignResponse = /* @__PURE__ */ contract(() => z.strictObject({ campaign: memberCampaignSchema }));
export type MemberCampaignResponse = z.infer<typeof memberCampaignResponse>;

// ---------------------------------------------------------------------------------------------
// The subsidy form (POST /api/applications {kind: 'subsidy', form})

const station = (label: string) =>
  z.string({ error: `请填写${label}` }).check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(30, `${label}不能超过30个字`));

/**
 * A subsidy application: the campaign, the journey (date, from, to), the fare paid in yuan (round
 * trip, at most two decimals) and the ticket images (keys from POST /api/uploads, 1..PROOF_MAX_COUNT).
 * The server checks the campaign's window, eligibility, threshold and travel window, verifies the
 * images and stores the amount (fen) computed at submission.
 */
export const subsidyFormSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    campaignId: z.string({ error: '请选择补贴活动' }).check(z.minLength(1, '请选择补贴活动'), z.maxLength(64, '补贴活动编号不正确')),
    travelDate: z.iso.date({ error: '请填写乘车（机）日期（如 2026-01-20）' }),
    fromStation: station('出发站（机场）'),
    toStation: station('到达站（机场）'),
    fare: z.number({ error: '请填写票价（元）' }).check(
      z.positive('票价应大于0'),
      z.lte(MAX_FARE_FEN / 100, '票价过大，请核对'),
      z.refine((n) => yuanToFen(n) !== null, '票价最多保留两位小数'),
    ),
    proofKeys: z
      .array(z.string({ error: '图片编号不正确' }).check(z.minLength(1, '图片编号不正确'), z.maxLength(200, '图片编号不正确')), {
        error: '请上传车票（机票）图片',
      })
      .check(z.minLength(1, '请上传车票（机票）图片'), z.maxLength(PROOF_MAX_COUNT, `最多上传${PROOF_MAX_COUNT}张图片`)),
    /** The member's own bank card the subsidy is paid to (contracts/payouts.ts: Luhn-checked, stored encrypted). */
    payee: payeeInputSchema,
  }),
);
export type SubsidyForm = z.infer<typeof subsidyFormSchema>;

/** The subsidy form in an application's view. `proofUrls` are short-lived image URLs (readers only). */
export const subsidyFormViewSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    kind: z.literal('subsidy'),
    campaign: z.strictObject({ id: z.string(), title: z.string() }),
    travelDate: z.string(),
    fromStation: z.string(),
    toStation: z.string(),
    fareFen: z.number(),
    /** The subsidy computed at submission from the campaign's tiers. */
    amountFen: z.number(),
    proofUrls: z.array(z.string()),
    /** The account given at filing, masked (null: filed before accounts were collected). */
    payee: z.nullable(z.strictObject({ bankName: z.string(), accountMasked: z.string() })),
    /** Recorded by the final approval; null before. Read from the payout itself: paid, failed and why. */
    payout: z.nullable(payoutViewSchema),
  }),
);
export type SubsidyFormView = z.infer<typeof subsidyFormViewSchema>;

// ---------------------------------------------------------------------------------------------
// Officials and admins: 补贴活动管理

const regionCodeSchema = /* @__PURE__ */ contract(() => z.string({ error: '地区代码应为2位数字' }).check(z.regex(/^\d{2}$/, '地区代码应为2位数字')));
const instantSchema = (required: string) =>
  z.iso.datetime({ offset: true, error: `${required}（ISO-8601 时间，含时区，如 2026-01-10T00:00:00+08:00）` });
const trimmed = (required: string, max: number, tooLong: string) =>
  z.string({ error: required }).check(z.trim(), z.minLength(1, required), z.maxLength(max, tooLong));

type CampaignFields = {
  applyFrom: string;
  applyUntil: string;
  travelFrom: string;
  travelUntil: string;
  fareThresholdFen: number;
  tiers: SubsidyTier[];
  places: number;
  regionQuotas?: Record<string, number> | undefined;
};

/**
 * POST /api/admin/subsidy-campaigns → 201 {campaign}: officials for their own org or one below it,
 * admins for any. Eligible are bound members whose union is under `orgId`. Tiers lowest first, the
 * first starting at the threshold; region quotas (Σ ≤ places) reserve places per city, members of
 * cities without a quota share the rest (none when Σ = places: they are not eligible).
 */
export const createCampaignRequest = /* @__PURE__ */ contract(() =>
  z
    .strictObject({
      title: trimmed('请填写活动名称', 40, '活动名称不能超过40个字'),
      description: trimmed('请填写活动说明', 2000, '活动说明不能超过2000个字'),
      orgId: z.string({ error: '请选择主办工会' }).check(z.minLength(1, '请选择主办工会'), z.maxLength(64, '主办工会不正确')),
      applyFrom: instantSchema('请填写申请开始时间'),
      applyUntil: instantSchema('请填写申请截止时间'),
      travelFrom: z.iso.date({ error: '请填写乘车开始日期（如 2026-01-10）' }),
      travelUntil: z.iso.date({ error: '请填写乘车截止日期（如 2026-02-28）' }),
      fareThresholdFen: z
        .int({ error: '票价门槛应为整数（单位：分）' })
        .check(z.gte(MIN_FARE_THRESHOLD_FEN, '票价门槛不能低于50元'), z.lte(MAX_FARE_FEN, '票价门槛过大')),
      tiers: z.array(tierSchema, { error: '请设置补贴档位' }).check(z.minLength(1, '请设置补贴档位'), z.maxLength(MAX_TIERS, `最多设置${MAX_TIERS}个档位`)),
      places: z.int({ error: '名额应为整数' }).check(z.gte(1, '名额至少为1'), z.lte(MAX_PLACES, '名额过大')),
      /** Region code → reserved places, e.g. {"01": 3700, "02": 1500}. */
      regionQuotas: z.optional(
        z.record(regionCodeSchema, z.int({ error: '名额应为整数' }).check(z.gte(1, '名额至少为1'), z.lte(MAX_PLACES, '名额过大')), {
          error: '地区名额应为 {"地区代码": 名额}，地区代码为2位数字',
        }),
      ),
    })
    .check(
      z.refine<CampaignFields>((c) => Date.parse(c.applyUntil) > Date.parse(c.applyFrom), { error: '申请截止时间应晚于开始时间', path: ['applyUntil'] }),
      z.refine<CampaignFields>((c) => c.travelUntil >= c.travelFrom, { error: '乘车截止日期不能早于开始日期', path: ['travelUntil'] }),
      z.refine<CampaignFields>((c) => c.tiers.every((t, i) => i === 0 || t.minFareFen > (c.tiers[i - 1] as SubsidyTier).minFareFen), {
        error: '补贴档位应按票价从低到高排列，且票价各不相同',
        path: ['tiers'],
      }),
      z.refine<CampaignFields>((c) => c.tiers[0]?.minFareFen === c.fareThresholdFen, { error: '第一个档位的票价应等于票价门槛', path: ['tiers'] }),
      z.refine<CampaignFields>((c) => Object.keys(c.regionQuotas ?? {}).length <= MAX_CAMPAIGN_REGION_QUOTAS, {
        error: `最多设置${MAX_CAMPAIGN_REGION_QUOTAS}个地区名额`,
        path: ['regionQuotas'],
      }),
      z.refine<CampaignFields>((c) => Object.values(c.regionQuotas ?? {}).reduce((s, n) => s + n, 0) <= c.places, {
        error: '各地区名额之和不能超过总名额',
        path: ['regionQuotas'],
      }),
    ),
);
export type CreateCampaignRequest = z.infer<typeof createCampaignRequest>;

/** POST /api/admin/subsidy-campaigns/{id}/extension {applyUntil}: later than the current end; once (SUBSIDY_ALREADY_EXTENDED). */
export const extendCampaignRequest = /* @__PURE__ */ contract(() => z.strictObject({ applyUntil: instantSchema('请填写新的申请截止时间') }));
export type ExtendCampaignRequest = z.infer<typeof extendCampaignRequest>;

/** Places of one pool: reserved for a city, or the shared rest. */
export const quotaFiguresSchema = /* @__PURE__ */ contract(() => z.strictObject({ quota: z.number(), used: z.number(), left: z.number() }));
export type QuotaFigures = z.infer<typeof quotaFiguresSchema>;

/** A campaign on the officials' desk, with its figures (each payout takes one place). */
export const adminCampaignSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    ...campaignFields,
    places: z.number(),
    /**
     * Money needs two people: a campaign takes effect once an official of the level above its
     * creator (or an admin; for a province's own, a second province official or an admin) approves
     * it. `canApprove`: the caller may approve it now.
     */
    approval: z.strictObject({
      status: z.enum(CAMPAIGN_APPROVAL_STATUSES),
      approvedAt: z.nullable(z.string()),
      canApprove: z.boolean(),
    }),
    figures: z.strictObject({
      used: z.number(),
      left: z.number(),
      /** Per region with a quota. */
      byRegion: z.record(z.string(), quotaFiguresSchema),
      /** The rest shared by regions without a quota; null when the quotas take every place. */
      otherRegions: z.nullable(quotaFiguresSchema),
      /** Payouts recorded (= places used). */
      payouts: z.number(),
      /** Of those, the sum of amounts (fen). */
      payoutAmountFen: z.number(),
    }),
  }),
);
export type AdminCampaignView = z.infer<typeof adminCampaignSchema>;

export const adminCampaignResponse = /* @__PURE__ */ contract(() => z.strictObject({ campaign: adminCampaignSchema }));
export type AdminCampaignResponse = z.infer<typeof adminCampaignResponse>;
/** GET /api/admin/subsidy-campaigns: the campaigns of the caller's subtree (all for admins), newest first. */
export const adminCampaignListResponse = /* @__PURE__ */ contract(() => z.strictObject({ items: z.array(adminCampaignSchema) }));
export type AdminCampaignListResponse = z.infer<typeof adminCampaignListResponse>;

// ---------------------------------------------------------------------------------------------
// The province's subsidy rules (补贴标准): the amounts a campaign's tiers may pay

/** The 2019 national home-travel subsidy tiers (DOMAIN.md): ¥50 / ¥100 / ¥200 / ¥300. */
export const NATIONAL_TIER_AMOUNTS_FEN = [5_000, 10_000, 20_000, 30_000] as const;
/** The most one payout may be under the national tiers (¥300). */
export const NATIONAL_MAX_PAYOUT_FEN = 30_000;
/** No rules may allow more than this per payout (¥10,000): a typing mistake otherwise. */
export const RULES_MAX_PAYOUT_CEILING_FEN = 1_000_000;

const amountFen = (label: string) =>
  z.int({ error: `${label}应为整数（单位：分）` }).check(z.gte(1, `${label}应大于0`), z.lte(RULES_MAX_PAYOUT_CEILING_FEN, `${label}不能超过10000元`));

/**
 * POST /api/admin/subsidy-rules: the amounts a tier may pay (each tier's amount one of them) and the
 * most one payout may be; province officials and admins only. `version`: the rules' version read (0
 * while the national defaults apply), so two officials editing at once cannot silently overwrite.
 */
export const updateSubsidyRulesRequest = /* @__PURE__ */ contract(() =>
  z
    .strictObject({
      tierAmountsFen: z
        .array(amountFen('档位金额'), { error: '请设置允许的档位金额' })
        .check(z.minLength(1, '请至少设置一个档位金额'), z.maxLength(MAX_TIERS, `最多设置${MAX_TIERS}个档位金额`)),
      maxPayoutFen: amountFen('单笔补贴上限'),
      version: z.int({ error: '版本号不正确' }).check(z.gte(0, '版本号不正确')),
    })
    .check(
      z.refine<{ tierAmountsFen: number[]; maxPayoutFen: number }>((r) => r.tierAmountsFen.every((a) => a <= r.maxPayoutFen), {
        error: '档位金额不能超过单笔补贴上限',
        path: ['tierAmountsFen'],
      }),
      z.refine<{ tierAmountsFen: number[] }>((r) => new Set(r.tierAmountsFen).size === r.tierAmountsFen.length, {
        error: '档位金额不能重复',
        path: ['tierAmountsFen'],
      }),
    ),
);
export type UpdateSubsidyRulesRequest = z.infer<typeof updateSubsidyRulesRequest>;

export const subsidyRulesSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    tierAmountsFen: z.array(z.number()),
    maxPayoutFen: z.number(),
    /** 0: the national defaults, never changed. */
    version: z.number(),
    updatedAt: z.nullable(z.string()),
    /** The caller may change them (province officials and admins). */
    canUpdate: z.boolean(),
  }),
);
export type SubsidyRulesView = z.infer<typeof subsidyRulesSchema>;
export const subsidyRulesResponse = /* @__PURE__ */ contract(() => z.strictObject({ rules: subsidyRulesSchema }));
export type SubsidyRulesResponse = z.infer<typeof subsidyRulesResponse>;

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

// Members: the open campaigns, each with where the caller stands (`me`); applying is POST /api/applications

export const subsidyCampaignsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'subsidyCampaignsList',
    method: 'GET',
    path: '/api/subsidy-campaigns',
    auth: 'session',
    response: returns<MemberCampaignListResponse>(),
    errors: [],
  }),
);

export const subsidyCampaignsGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'subsidyCampaignsGet',
    method: 'GET',
    path: '/api/subsidy-campaigns/{id}',
    auth: 'session',
    response: returns<MemberCampaignResponse>(),
    errors: [],
  }),
);

// Officials of a federation (or above) and admins

/** 201 with the new campaign and its (empty) figures. */
export const adminSubsidyCampaignsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminSubsidyCampaignsCreate',
    method: 'POST',
    path: '/api/admin/subsidy-campaigns',
    auth: 'official',
    request: { body: createCampaignRequest },
    response: returns<AdminCampaignResponse>(),
    errors: applicationsErrors('FORBIDDEN', 'SUBSIDY_TIER_NOT_ALLOWED'),
  }),
);

export const adminSubsidyCampaignsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminSubsidyCampaignsList',
    method: 'GET',
    path: '/api/admin/subsidy-campaigns',
    auth: 'official',
    response: returns<AdminCampaignListResponse>(),
    errors: applicationsErrors('FORBIDDEN'),
  }),
);

/** Extends the application window, once. */
export const adminSubsidyCampaignsExtend = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminSubsidyCampaignsExtend',
    method: 'POST',
    path: '/api/admin/subsidy-campaigns/{id}/extension',
    auth: 'official',
    request: { body: extendCampaignRequest },
    response: returns<AdminCampaignResponse>(),
    errors: applicationsErrors('FORBIDDEN', 'SUBSIDY_ALREADY_EXTENDED', 'SUBSIDY_TIER_NOT_ALLOWED'),
  }),
);

/**
 * Approves a campaign waiting for the level above (pending_approval → approved): an official of an
 * org above the creator's (or an admin), never its creator; for a campaign created at the province
 * (or by an admin), a second province official or an admin. Its tiers are checked against the rules
 * again. Of two approvals at once one is taken, the other answers CAMPAIGN_NOT_PENDING.
 */
export const adminSubsidyCampaignsApprove = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminSubsidyCampaignsApprove',
    method: 'POST',
    path: '/api/admin/subsidy-campaigns/{id}/approval',
    auth: 'official',
    response: returns<AdminCampaignResponse>(),
    errors: applicationsErrors('FORBIDDEN', 'CAMPAIGN_NOT_PENDING', 'CAMPAIGN_SELF_APPROVAL', 'SUBSIDY_TIER_NOT_ALLOWED'),
  }),
);

/** The province's subsidy rules as they apply now (the national defaults until changed); any official. */
export const adminSubsidyRulesGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminSubsidyRulesGet',
    method: 'GET',
    path: '/api/admin/subsidy-rules',
    auth: 'official',
    response: returns<SubsidyRulesResponse>(),
    errors: applicationsErrors('FORBIDDEN'),
  }),
);

/** Changes the rules: province officials and admins (audited); SUBSIDY_RULES_CHANGED if changed meanwhile. */
export const adminSubsidyRulesUpdate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminSubsidyRulesUpdate',
    method: 'POST',
    path: '/api/admin/subsidy-rules',
    auth: 'official',
    request: { body: updateSubsidyRulesRequest },
    response: returns<SubsidyRulesResponse>(),
    errors: applicationsErrors('FORBIDDEN', 'SUBSIDY_RULES_CHANGED'),
  }),
);
