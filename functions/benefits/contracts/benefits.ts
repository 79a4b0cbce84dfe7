import * as z from 'zod/mini';
import { orgRefSchema } from '../../kernel/contracts/common';
import type { ErrorCode } from '../../kernel/contracts/errors';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { benefitsErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * The 普惠 benefits API: one contract per endpoint, shared by the functions (validation) and the
 * mini-program (types, inline form checks). Amounts are integer fen; instants are ISO-8601 strings
 * with an offset (the API answers in Asia/Shanghai, `+08:00`); refusals use the codes of
 * functions/kernel/errors.ts.
 */

// ---------------------------------------------------------------------------------------------
// Shared pieces

export const BENEFIT_CATEGORIES = ['coupon', 'cinema', 'phone', 'goods', 'activity'] as const;
export const benefitCategorySchema = /* @__PURE__ */ contract(() => z.enum(BENEFIT_CATEGORIES, { error: '请选择权益类别' }));
export type BenefitCategory = z.infer<typeof benefitCategorySchema>;

/** What the mini-program shows for each category. */
export const BENEFIT_CATEGORY_LABELS: Record<BenefitCategory, string> = {
  coupon: '优惠券',
  cinema: '一元观影',
  phone: '话费',
  goods: '生活物资',
  activity: '文体活动',
};

/** draft → published → paused ⇄ published → ended (a paused benefit may also be ended). */
export const BENEFIT_STATUSES = ['draft', 'published', 'paused', 'ended'] as const;
export const benefitStatusSchema = /* @__PURE__ */ contract(() => z.enum(BENEFIT_STATUSES, { error: '状态不正确' }));
export type BenefitStatus = z.infer<typeof benefitStatusSchema>;

/**
 * Where a member stands with a benefit's claiming, as the catalogue shows it:
 * upcoming (window not open yet), open, paused, sold_out (no stock left), ended (window closed or
 * the benefit ended).
 */
export const CLAIM_STATES = ['open', 'upcoming', 'paused', 'sold_out', 'ended'] as const;
export const claimStateSchema = /* @__PURE__ */ contract(() => z.enum(CLAIM_STATES));
export type ClaimState = z.infer<typeof claimStateSchema>;

/** The codes a claim can be refused with (also `me.reason` of the benefit detail). */
export const CLAIM_REFUSALS = [
  'NOT_BOUND',
  'NOT_ELIGIBLE',
  'CLAIM_NOT_STARTED',
  'CLAIM_ENDED',
  'BENEFIT_PAUSED',
  'SOLD_OUT',
  'REGION_QUOTA_EXHAUSTED',
  'CLAIM_LIMIT_REACHED',
  'DRAW_ONLY',
  'BENEFIT_BANNED',
  'PAYMENT_LAPSED_TODAY',
] as const satisfies readonly ErrorCode[];
export const claimRefusalSchema = /* @__PURE__ */ contract(() => z.enum(CLAIM_REFUSALS));
export type ClaimRefusal = z.infer<typeof claimRefusalSchema>;

/** A coupon as the member sees it. `expired` = unused after its use window closed. */
export const COUPON_STATUSES = ['unused', 'used', 'expired'] as const;
export const couponStatusSchema = /* @__PURE__ */ contract(() => z.enum(COUPON_STATUSES, { error: '券状态只能是 unused、used 或 expired' }));
export type CouponStatus = z.infer<typeof couponStatusSchema>;

/** 2-digit region code, the same the membership card number carries (海口 01, 三亚 02 …). */
export const regionCodeSchema = /* @__PURE__ */ contract(() => z.string({ error: '地区代码应为2位数字' }).check(z.regex(/^\d{2}$/, '地区代码应为2位数字')));

/**
 * Members of regions without a quota, when a benefit has quotas: `open` = they claim from the
 * unreserved rest (stock − Σ quotas); `closed` = they are refused with NOT_ELIGIBLE (the stock is
 * all reserved: Σ quotas = stock).
 */
export const otherRegionsSchema = /* @__PURE__ */ contract(() => z.enum(['open', 'closed'], { error: '其他地区只能是 open 或 closed' }));
export type OtherRegions = z.infer<typeof otherRegionsSchema>;

/** Where a member finds a merchant: address, phone and its place on the map (GCJ-02, for wx.openLocation). */
export const merchantContactSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({ address: z.string(), phone: z.string(), latitude: z.number(), longitude: z.number() }),
);
export type MerchantContact = z.infer<typeof merchantContactSchema>;

/** A merchant named by a benefit or coupon; `contact` when the merchant's is recorded. */
export const merchantRefSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({ id: z.string(), name: z.string(), contact: z.optional(merchantContactSchema) }),
);
export type MerchantRef = z.infer<typeof merchantRefSchema>;

const instantSchema = (required: string) =>
  z.iso.datetime({ offset: true, error: `${required}（ISO-8601 时间，含时区，如 2026-05-01T10:00:00+08:00）` });

const fen = (label: string, max: number) =>
  z.int({ error: `${label}应为整数（单位：分）` }).check(
    z.gte(0, `${label}不能为负数`),
    z.lte(max, `${label}过大`),
  );

const cursorSchema = /* @__PURE__ */ contract(() => z.optional(z.string().check(z.maxLength(512, '分页参数不正确'))));

// ---------------------------------------------------------------------------------------------
// Member: catalogue, detail, claim

/** What members and officials both see of a benefit. */
const benefitViewFields = /* @__PURE__ */ contract(() =>
  ({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    category: benefitCategorySchema,
    merchants: z.array(merchantRefSchema),
    faceValueFen: z.number(),
    priceFen: z.number(),
    perMemberLimit: z.number(),
    claimStartsAt: z.string(),
    claimEndsAt: z.string(),
    useEndsAt: z.string(),
    /** The owning org: bound members of its subtree may claim. */
    org: orgRefSchema,
  }),
);

/** A benefit as a member sees it (list item and detail). */
export const memberBenefitSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    ...benefitViewFields,
    /** Units left to claim (all shards together); a region's quota may run out before it. */
    remaining: z.number(),
    claimState: claimStateSchema,
  }),
);
export type MemberBenefit = z.infer<typeof memberBenefitSchema>;

/** GET /api/benefits?category=&cursor= */
export const benefitListQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    category: z.optional(benefitCategorySchema),
    cursor: cursorSchema,
  }),
);
export type BenefitListQuery = z.infer<typeof benefitListQuery>;

/**
 * Published (and paused) benefits the member may claim — a bound member sees those of the orgs
 * above their union; an unbound account sees all. Order: open, upcoming, paused, sold out, ended.
 */
export const benefitListResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    items: z.array(memberBenefitSchema),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.nullable(z.string()),
  }),
);
export type BenefitListResponse = z.infer<typeof benefitListResponse>;

/** GET /api/benefits/{id} */
export const benefitDetailResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    benefit: memberBenefitSchema,
    me: z.strictObject({
      eligible: z.boolean(),
      /** The code a claim would be refused with right now; null when eligible. */
      reason: z.nullable(claimRefusalSchema),
      /** Coupons of this benefit the member holds (any state). */
      held: z.number(),
    }),
    /**
     * The draw that gives this benefit out (functions/draws: GET /api/draws/{id} is its public page,
     * GET /api/me/draws/{id} the member's tickets and attempts left); null for a first-come benefit.
     */
    draw: z.nullable(z.strictObject({ id: z.string(), kind: z.enum(['instant', 'scheduled']), quiz: z.boolean() })),
  }),
);
export type BenefitDetailResponse = z.infer<typeof benefitDetailResponse>;

/**
 * POST /api/benefits/{id}/claims — `requestId` is chosen by the client once per tap (e.g. a ULID
 * or UUID) and reused when it retries: the same requestId returns the same coupon (200), never a
 * second one. 201 for a new coupon. BUSY (503) is retryable with the same requestId.
 */
export const claimRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    requestId: z.string({ error: '缺少请求编号，请刷新后重试' }).check(
      z.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确，请刷新后重试'),
    ),
  }),
);
export type ClaimRequest = z.infer<typeof claimRequest>;

/** A coupon in 我的券 and in a claim's answer. */
export const couponSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    benefitId: z.string(),
    benefitTitle: z.string(),
    category: benefitCategorySchema,
    faceValueFen: z.number(),
    priceFen: z.number(),
    /** Where it can be redeemed. */
    merchants: z.array(merchantRefSchema),
    status: couponStatusSchema,
    claimedAt: z.string(),
    /** The use window ends here (it starts at the claim). */
    useEndsAt: z.string(),
    usedAt: z.nullable(z.string()),
    /** A priced benefit's place: pay by then (我的订单, functions/payments), or it is released. */
    payBy: z.optional(z.string()),
  }),
);
export type Coupon = z.infer<typeof couponSchema>;

export const claimResponse = /* @__PURE__ */ contract(() => z.strictObject({ coupon: couponSchema }));
export type ClaimResponse = z.infer<typeof claimResponse>;

// ---------------------------------------------------------------------------------------------
// Member: my coupons and the coupon QR

/** GET /api/me/coupons?status=unused|used|expired (no status: all of them). */
export const myCouponsQuery = /* @__PURE__ */ contract(() => z.strictObject({ status: z.optional(couponStatusSchema) }));
export type MyCouponsQuery = z.infer<typeof myCouponsQuery>;

/** Newest first (at most 200). */
export const myCouponsResponse = /* @__PURE__ */ contract(() => z.strictObject({ items: z.array(couponSchema) }));
export type MyCouponsResponse = z.infer<typeof myCouponsResponse>;

/**
 * GET /api/me/coupons/{id}/qr — a token signed for this coupon and member, valid 60 s, and `code`:
 * 10 digits standing for the same coupon and member on the server until `codeExpiresAt` (120 s).
 * The page draws the code as the QR (a 21-module code instead of a 73-module one), shows it in
 * digits for a clerk to type, and fetches new ones before `expiresAt`. Refused with
 * COUPON_ALREADY_REDEEMED or COUPON_EXPIRED when the coupon cannot be used any more.
 */
export const couponQrResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    payload: z.string(),
    expiresAt: z.string(),
    code: z.string(),
    codeExpiresAt: z.string(),
  }),
);
export type CouponQrResponse = z.infer<typeof couponQrResponse>;

// ---------------------------------------------------------------------------------------------
// Merchant clerks: redemption (核销)

/**
 * POST /api/redemptions — a clerk submits what the coupon QR carries: its 10-digit short code
 * (scanned or typed; spaces ignored) or a signed token. 201 on success.
 */
export const redemptionRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    token: z.string({ error: '请扫描会员出示的券码' }).check(
      z.minLength(1, '请扫描会员出示的券码'),
      z.maxLength(2048, '券码内容不正确'),
    ),
  }),
);
export type RedemptionRequest = z.infer<typeof redemptionRequest>;

export const redemptionSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    couponId: z.string(),
    benefitTitle: z.string(),
    faceValueFen: z.number(),
    /** Masked, e.g. 张*丰. */
    memberName: z.string(),
    /** The clerk's merchant the coupon was redeemed at. */
    merchant: merchantRefSchema,
    redeemedAt: z.string(),
  }),
);
export type Redemption = z.infer<typeof redemptionSchema>;

export const redemptionResponse = /* @__PURE__ */ contract(() => z.strictObject({ redemption: redemptionSchema }));
export type RedemptionResponse = z.infer<typeof redemptionResponse>;

// ---------------------------------------------------------------------------------------------
// Officials and admins: the benefit desk (权益管理)

const trimmed = (required: string, max: number, tooLong: string) =>
  z.string({ error: required }).check(z.trim(), z.minLength(1, required), z.maxLength(max, tooLong));

/** Upper bounds: a benefit is at most this big. */
export const MAX_STOCK = 10_000_000;
export const MAX_SHARDS = 32;

/**
 * A hot benefit's stock is split over several items (write sharding): one DynamoDB item takes about
 * 1,000 writes/s, i.e. ≈ 500 transactional claims/s. Without a choice a benefit gets one shard per
 * 2,500 units, at most 16 (12,500 units → 5 shards); officials may choose 1–MAX_SHARDS (the benefit
 * form says what the default gives, under 高级).
 */
export const UNITS_PER_DEFAULT_SHARD = 2_500;
export const MAX_DEFAULT_SHARDS = 16;

export function defaultShardCount(stock: number): number {
  return Math.max(1, Math.min(MAX_DEFAULT_SHARDS, Math.ceil(stock / UNITS_PER_DEFAULT_SHARD), stock));
}
export const MAX_REGION_QUOTAS = 30;
export const MAX_MERCHANTS = 10;

/**
 * A priced benefit's refund rule: `none` (e.g. ¥1 tickets), or `same_day_review` — a whole-order
 * refund asked on the day of payment, decided by an official (group-buys). Words: payments' REFUND_POLICY_WORDS.
 */
export const refundPolicySchema = /* @__PURE__ */ contract(() => z.enum(['none', 'same_day_review'], { error: '请选择退款规则' }));

const benefitFields = /* @__PURE__ */ contract(() =>
  ({
    title: trimmed('请填写权益名称', 40, '权益名称不能超过40个字'),
    description: trimmed('请填写权益说明', 2000, '权益说明不能超过2000个字'),
    category: benefitCategorySchema,
    merchantIds: z
      .array(z.string().check(z.minLength(1, '商户编号不能为空'), z.maxLength(64, '商户编号不正确')), {
        error: '请选择至少一个商户',
      })
      .check(z.minLength(1, '请选择至少一个商户'), z.maxLength(MAX_MERCHANTS, `最多选择${MAX_MERCHANTS}个商户`)),
    faceValueFen: fen('面值', 100_000_000),
    /** 0 for a free benefit; a priced one (e.g. 一元观影's ¥1) is paid with WeChat Pay by the deadline. */
    priceFen: fen('价格', 100_000_000),
    /** A priced benefit's refund rule, shown to the member before paying (required when priceFen > 0). */
    refundPolicy: z.optional(refundPolicySchema),
    stock: z.int({ error: '库存应为整数' }).check(z.gte(1, '库存至少为1'), z.lte(MAX_STOCK, '库存过大')),
    perMemberLimit: z.int({ error: '每人限领应为整数' }).check(z.gte(1, '每人至少可领1张'), z.lte(100, '每人限领不能超过100张')),
    claimStartsAt: instantSchema('请填写领取开始时间'),
    claimEndsAt: instantSchema('请填写领取结束时间'),
    useEndsAt: instantSchema('请填写使用截止时间'),
    /** The owning org: an official may only use their own org or one below it. */
    orgId: z.string({ error: '请选择所属工会' }).check(z.minLength(1, '请选择所属工会'), z.maxLength(64, '所属工会不正确')),
    /** Region code → reserved units, e.g. {"01": 3700, "02": 1500}; Σ ≤ stock. */
    regionQuotas: z.optional(
      z.record(regionCodeSchema, z.int({ error: '名额应为整数' }).check(z.gte(1, '名额至少为1'), z.lte(MAX_STOCK, '名额过大')), {
        error: '地区名额应为 {"地区代码": 名额}，地区代码为2位数字',
      }),
    ),
    /** Default `open`. See otherRegionsSchema. */
    otherRegions: z.optional(otherRegionsSchema),
    /** Stock items the claims spread over; default from the stock (see README › Benefits). */
    shards: z.optional(z.int({ error: '分片数应为整数' }).check(z.gte(1, '分片数至少为1'), z.lte(MAX_SHARDS, `分片数不能超过${MAX_SHARDS}`))),
  }),
);

type BenefitFields = {
  claimStartsAt: string;
  claimEndsAt: string;
  useEndsAt: string;
  stock: number;
  priceFen: number;
  refundPolicy?: 'none' | 'same_day_review' | undefined;
  regionQuotas?: Record<string, number> | undefined;
  otherRegions?: OtherRegions | undefined;
  shards?: number | undefined;
};

const benefitChecks = /* @__PURE__ */ contract(() =>
  [
    z.refine<BenefitFields>((b) => Date.parse(b.claimEndsAt) > Date.parse(b.claimStartsAt), {
      error: '领取结束时间应晚于开始时间',
      path: ['claimEndsAt'],
    }),
    z.refine<BenefitFields>((b) => Date.parse(b.useEndsAt) >= Date.parse(b.claimEndsAt), {
      error: '使用截止时间不能早于领取结束时间',
      path: ['useEndsAt'],
    }),
    z.refine<BenefitFields>((b) => b.priceFen === 0 || b.refundPolicy !== undefined, { error: '收费权益请选择退款规则', path: ['refundPolicy'] }),
    z.refine<BenefitFields>((b) => Object.keys(b.regionQuotas ?? {}).length <= MAX_REGION_QUOTAS, {
      error: `最多设置${MAX_REGION_QUOTAS}个地区名额`,
      path: ['regionQuotas'],
    }),
    z.refine<BenefitFields>((b) => Object.values(b.regionQuotas ?? {}).reduce((s, n) => s + n, 0) <= b.stock, {
      error: '各地区名额之和不能超过库存',
      path: ['regionQuotas'],
    }),
    z.refine<BenefitFields>(
      (b) =>
        b.otherRegions !== 'closed' ||
        (Object.keys(b.regionQuotas ?? {}).length > 0 &&
          Object.values(b.regionQuotas ?? {}).reduce((s, n) => s + n, 0) === b.stock),
      { error: '其他地区不可领取时，各地区名额之和应等于库存', path: ['otherRegions'] },
    ),
    z.refine<BenefitFields>((b) => (b.shards ?? 1) <= b.stock, { error: '分片数不能超过库存', path: ['shards'] }),
  ],
);

/** POST /api/admin/benefits — creates a draft; 201 `{benefit}`. */
export const createBenefitRequest = /* @__PURE__ */ contract(() => z.strictObject(benefitFields).check(...benefitChecks));
export type CreateBenefitRequest = z.infer<typeof createBenefitRequest>;

/** POST /api/admin/benefits/{id} — replaces a draft's fields (drafts only: BENEFIT_NOT_DRAFT). */
export const updateBenefitRequest = createBenefitRequest;
export type UpdateBenefitRequest = CreateBenefitRequest;

export const BENEFIT_ACTIONS = ['publish', 'pause', 'resume', 'end'] as const;
export const benefitActionSchema = /* @__PURE__ */ contract(() => z.enum(BENEFIT_ACTIONS, { error: '操作只能是 publish、pause、resume 或 end' }));
export type BenefitAction = z.infer<typeof benefitActionSchema>;

/** POST /api/admin/benefits/{id}/status — refused with BENEFIT_STATUS_INVALID when not allowed. */
export const benefitStatusRequest = /* @__PURE__ */ contract(() => z.strictObject({ action: benefitActionSchema }));
export type BenefitStatusRequest = z.infer<typeof benefitStatusRequest>;

/**
 * POST /api/admin/benefits/{id}/stock — `add` > 0 raises the stock, < 0 lowers it (never below what
 * is claimed: STOCK_BELOW_CLAIMED). With `regionCode` the change goes to that region's quota as
 * well; without it, to the unreserved rest (refused when other regions are closed).
 */
export const stockRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    add: z
      .int({ error: '调整数量应为整数' })
      .check(
        z.gte(-MAX_STOCK, '调整数量过大'),
        z.lte(MAX_STOCK, '调整数量过大'),
        z.refine((n) => n !== 0, '调整数量不能为0'),
      ),
    regionCode: z.optional(regionCodeSchema),
  }),
);
export type StockRequest = z.infer<typeof stockRequest>;

/** GET /api/admin/benefits?status=&cursor= (no status: all). Newest first. */
export const adminBenefitListQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    status: z.optional(benefitStatusSchema),
    cursor: cursorSchema,
  }),
);
export type AdminBenefitListQuery = z.infer<typeof adminBenefitListQuery>;

export const regionFiguresSchema = /* @__PURE__ */ contract(() => z.strictObject({ quota: z.number(), claimed: z.number() }));
export type RegionFigures = z.infer<typeof regionFiguresSchema>;

/** Live counts: stock = claimed + remaining; redeemed ≤ claimed. */
export const benefitFiguresSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    stock: z.number(),
    claimed: z.number(),
    redeemed: z.number(),
    remaining: z.number(),
    /** Per region with a quota. */
    byRegion: z.record(z.string(), regionFiguresSchema),
    /** The unreserved rest that members of other regions claim from; null without quotas or when closed. */
    otherRegions: z.nullable(regionFiguresSchema),
  }),
);
export type BenefitFigures = z.infer<typeof benefitFiguresSchema>;

/**
 * Where a benefit stands with the limits of its owning org's level (GET /api/admin/benefit-limits):
 * `within` them; `pending_approval` — above them and not approved as high (it cannot publish, nor its
 * stock be raised, until an official of a level above approves); `approved` — above them, approved.
 */
export const APPROVAL_STATUSES = ['within', 'pending_approval', 'approved'] as const;
export const benefitApprovalViewSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    status: z.enum(APPROVAL_STATUSES),
    /** Which figures are above the owner's limits: faceValueFen, priceFen, stock. */
    above: z.array(z.enum(['faceValueFen', 'priceFen', 'stock'])),
    approvedAt: z.nullable(z.string()),
    /** The approving official's org (null for an admin's approval or none). */
    approvedByOrg: z.nullable(orgRefSchema),
    /** Whether the caller may approve it now (POST /api/admin/benefits/{id}/approval). */
    canApprove: z.boolean(),
  }),
);
export type BenefitApprovalView = z.infer<typeof benefitApprovalViewSchema>;

/** A benefit as officials and admins see it, with its live figures. */
export const adminBenefitSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    ...benefitViewFields,
    status: benefitStatusSchema,
    regionQuotas: z.record(z.string(), z.number()),
    otherRegions: otherRegionsSchema,
    shards: z.number(),
    /** Priced benefits only. */
    refundPolicy: z.optional(refundPolicySchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    figures: benefitFiguresSchema,
    approval: benefitApprovalViewSchema,
  }),
);
export type AdminBenefit = z.infer<typeof adminBenefitSchema>;

/** Answer of create, update, status, stock and GET /api/admin/benefits/{id}. */
export const adminBenefitResponse = /* @__PURE__ */ contract(() => z.strictObject({ benefit: adminBenefitSchema }));
export type AdminBenefitResponse = z.infer<typeof adminBenefitResponse>;

export const adminBenefitListResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    items: z.array(adminBenefitSchema),
    nextCursor: z.nullable(z.string()),
  }),
);
export type AdminBenefitListResponse = z.infer<typeof adminBenefitListResponse>;

/** What an org of one level may hand out without approval from above (fen, fen, units). */
export const levelLimitsSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    faceValueFen: fen('面值上限', 100_000_000),
    priceFen: fen('价格上限', 100_000_000),
    stock: z.int({ error: '库存上限应为整数' }).check(z.gte(1, '库存上限至少为1'), z.lte(MAX_STOCK, '库存上限过大')),
  }),
);
export type LevelLimits = z.infer<typeof levelLimitsSchema>;

/**
 * POST /api/admin/benefit-limits — the province's limits per org level (province officials and
 * admins; audited). A level may not allow more than the level above it.
 */
export const benefitLimitsSchema = /* @__PURE__ */ contract(() =>
  z
    .strictObject({
      grassroots: levelLimitsSchema,
      industry: levelLimitsSchema,
      city: levelLimitsSchema,
      province: levelLimitsSchema,
    })
    .check(
      z.refine(
        (l) =>
          (['faceValueFen', 'priceFen', 'stock'] as const).every(
            (k) => l.grassroots[k] <= l.city[k] && l.grassroots[k] <= l.industry[k] && l.city[k] <= l.province[k] && l.industry[k] <= l.province[k],
          ),
        { error: '下级工会的额度不能高于上级工会', path: ['grassroots'] },
      ),
    ),
);
export type BenefitLimits = z.infer<typeof benefitLimitsSchema>;

/** GET and POST /api/admin/benefit-limits answer. */
export const benefitLimitsResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    limits: benefitLimitsSchema,
    /** When the province last set them; null: the defaults (README › Benefits). */
    updatedAt: z.nullable(z.string()),
    /** Whether the caller may change them (province officials and admins). */
    canEdit: z.boolean(),
  }),
);
export type BenefitLimitsResponse = z.infer<typeof benefitLimitsResponse>;

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

// Members (a benefit's `me` says where the caller stands; claiming needs a bound member). The
// catalogue is open to visitors before log-in (auth 'visitor'): they stand where an unbound account does.

export const benefitsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'benefitsList',
    method: 'GET',
    path: '/api/benefits',
    auth: 'visitor',
    request: { query: benefitListQuery },
    response: returns<BenefitListResponse>(),
    errors: [],
  }),
);

export const benefitsGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'benefitsGet',
    method: 'GET',
    path: '/api/benefits/{id}',
    auth: 'visitor',
    response: returns<BenefitDetailResponse>(),
    errors: [],
  }),
);

/** 201 with the new coupon; 200 with the same coupon when `requestId` was answered before. */
export const benefitsClaim = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'benefitsClaim',
    method: 'POST',
    path: '/api/benefits/{id}/claims',
    auth: 'member',
    request: { body: claimRequest },
    response: returns<ClaimResponse>(),
    errors: benefitsErrors(...CLAIM_REFUSALS),
  }),
);

export const couponsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'couponsList',
    method: 'GET',
    path: '/api/me/coupons',
    auth: 'member',
    request: { query: myCouponsQuery },
    response: returns<MyCouponsResponse>(),
    errors: benefitsErrors('NOT_BOUND'),
  }),
);

export const couponsQr = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'couponsQr',
    method: 'GET',
    path: '/api/me/coupons/{id}/qr',
    auth: 'member',
    response: returns<CouponQrResponse>(),
    errors: benefitsErrors('NOT_BOUND', 'COUPON_ALREADY_REDEEMED', 'COUPON_EXPIRED', 'MEMBERSHIP_ENDED'),
  }),
);

// Merchant clerks

/** 201: the coupon redeemed (核销) at the clerk's merchant, exactly once. */
export const redemptionsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'redemptionsCreate',
    method: 'POST',
    path: '/api/redemptions',
    auth: 'clerk',
    request: { body: redemptionRequest },
    response: returns<RedemptionResponse>(),
    errors: benefitsErrors(
      'FORBIDDEN',
      'COUPON_TOKEN_INVALID',
      'COUPON_TOKEN_EXPIRED',
      'COUPON_WRONG_MERCHANT',
      'COUPON_ALREADY_REDEEMED',
      'COUPON_EXPIRED',
      'COUPON_CODE_NOT_FOUND',
      'CODE_LOOKUPS_LIMITED',
      'MEMBERSHIP_ENDED',
    ),
  }),
);

// The benefit desk: officials (their org and below) and admins

export const adminBenefitsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitsList',
    method: 'GET',
    path: '/api/admin/benefits',
    auth: 'official',
    request: { query: adminBenefitListQuery },
    response: returns<AdminBenefitListResponse>(),
    errors: benefitsErrors('FORBIDDEN'),
  }),
);

/** 201 with the new draft. */
export const adminBenefitsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitsCreate',
    method: 'POST',
    path: '/api/admin/benefits',
    auth: 'official',
    request: { body: createBenefitRequest },
    response: returns<AdminBenefitResponse>(),
    errors: benefitsErrors('FORBIDDEN', 'MERCHANT_NOT_UNDER_AGREEMENT'),
  }),
);

export const adminBenefitsGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitsGet',
    method: 'GET',
    path: '/api/admin/benefits/{id}',
    auth: 'official',
    response: returns<AdminBenefitResponse>(),
    errors: benefitsErrors('FORBIDDEN'),
  }),
);

/** Drafts only. */
export const adminBenefitsUpdate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitsUpdate',
    method: 'POST',
    path: '/api/admin/benefits/{id}',
    auth: 'official',
    request: { body: updateBenefitRequest },
    response: returns<AdminBenefitResponse>(),
    errors: benefitsErrors('FORBIDDEN', 'BENEFIT_NOT_DRAFT', 'MERCHANT_NOT_UNDER_AGREEMENT'),
  }),
);

export const adminBenefitsStatus = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitsStatus',
    method: 'POST',
    path: '/api/admin/benefits/{id}/status',
    auth: 'official',
    request: { body: benefitStatusRequest },
    response: returns<AdminBenefitResponse>(),
    errors: benefitsErrors('FORBIDDEN', 'BENEFIT_STATUS_INVALID', 'MERCHANT_NOT_UNDER_AGREEMENT', 'BENEFIT_APPROVAL_REQUIRED'),
  }),
);

export const adminBenefitsStock = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitsStock',
    method: 'POST',
    path: '/api/admin/benefits/{id}/stock',
    auth: 'official',
    request: { body: stockRequest },
    response: returns<AdminBenefitResponse>(),
    errors: benefitsErrors('FORBIDDEN', 'BENEFIT_STATUS_INVALID', 'BENEFIT_NOT_DRAFT', 'STOCK_BELOW_CLAIMED', 'BENEFIT_APPROVAL_REQUIRED'),
  }),
);

/**
 * A draft above its owner's limits approved by an official of an org above the owner (or an admin),
 * never by its creator; the approval covers the figures as they stand (a later edit above them needs
 * a new one). Audited.
 */
export const adminBenefitsApprove = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitsApprove',
    method: 'POST',
    path: '/api/admin/benefits/{id}/approval',
    auth: 'official',
    response: returns<AdminBenefitResponse>(),
    errors: benefitsErrors('FORBIDDEN', 'BENEFIT_NOT_DRAFT', 'BENEFIT_STATUS_INVALID'),
  }),
);

/** The limits per org level (any official: the desk shows its own level's). */
export const adminBenefitLimitsGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitLimitsGet',
    method: 'GET',
    path: '/api/admin/benefit-limits',
    auth: 'official',
    response: returns<BenefitLimitsResponse>(),
    errors: benefitsErrors('FORBIDDEN'),
  }),
);

/** Province officials and admins set them (audited). */
export const adminBenefitLimitsSet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminBenefitLimitsSet',
    method: 'POST',
    path: '/api/admin/benefit-limits',
    auth: 'official',
    request: { body: benefitLimitsSchema },
    response: returns<BenefitLimitsResponse>(),
    errors: benefitsErrors('FORBIDDEN'),
  }),
);
