import * as z from 'zod/mini';
import type { OrgRef } from '../../kernel/contracts/common';
import { contract } from '../../kernel/contracts/contract';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { bindingRequest } from '../../membership/contracts/me';
import { payeeInputSchema } from '../../applications/contracts/payouts';
import { STATION_CITIES } from '../../stations/contracts/stations';
import { hardshipErrors, hardshipRatingErrors } from './errors';
import { ratingRequest, type RatingView } from '../../applications/contracts/applications';

/**
 * 困难帮扶 (issue 16): the self-check, the 低保 standards, the application (the application engine's
 * kind `hardship`, its form and steps kept here), 公示 with objections, the home visit, one file per
 * household (一户一档), the yearly re-check, payments, export and statistics. Shared by the functions
 * (validation) and the mini-program (types, labels, inline checks). Amounts are integer fen; dates
 * are dates in China (YYYY-MM-DD); instants ISO-8601.
 *
 * Routes (method path — who may call — body/query → answer):
 *
 * Public (no log-in)
 *   POST /api/hardship/self-check            — anyone — SelfCheckRequest → SelfCheckResponse (stores nothing)
 *   GET  /api/hardship/standards?year=       — anyone — → StandardListResponse (低保 per city for the year)
 *   GET  /api/hardship/publicity             — anyone — → PublicityListResponse (cases in 公示, names masked)
 * Members (a bound member; own data only)
 *   POST /api/hardship/publicity/{id}/objections — session — ObjectionRequest → ObjectionResponse (pauses the case)
 *   GET  /api/hardship/draft                 — member — → DraftResponse (the member's draft or null)
 *   POST /api/hardship/draft                 — member — DraftRequest → DraftResponse (kept until submitted)
 *   POST /api/hardship/cases                 — member — SubmitCaseRequest → CaseResponse (201; the draft deleted)
 *   GET  /api/me/hardship                    — member — → MyHardshipResponse (own cases, own file, aid paid, re-check due)
 *   GET  /api/hardship/cases/{id}            — the applicant, or a 帮扶 official of the case's union or above — → CaseResponse
 *   POST /api/hardship/cases/{id}/cancel     — the applicant (session), while pending — → CaseResponse
 * Officials holding the 帮扶 role ({type:'hardship', orgId}) of the case's/file's union or above; admins
 *   GET  /api/admin/hardship/cases?status=&step=&cursor=  — → CaseListResponse (a page of the subtree's queue)
 *   POST /api/hardship/cases/{id}/decisions  — DecisionRequest → CaseResponse (the open step; 公示 only after its end, no open objection)
 *   POST /api/hardship/cases/{id}/visit      — VisitRequest → CaseResponse (入户核查 record; photos via POST /api/uploads)
 *   POST /api/hardship/objections/{id}/resolve — ResolveObjectionRequest → CaseResponse (city 帮扶中心 or above)
 *   GET  /api/admin/hardship/files?q=&category=&status=&due=&cursor= — → FileListResponse (a page, masked; each read audited)
 *   GET  /api/admin/hardship/files/{id}      — → FileResponse (every read audited)
 *   POST /api/admin/hardship/files/{id}/recheck — RecheckRequest → FileResponse (confirm / change category / close)
 *   POST /api/admin/hardship/files/{id}/payments — PaymentRequest → FileResponse (recorded, pending)
 *   POST /api/admin/hardship/files/{id}/payments/{paymentId}/confirm — → FileResponse (a second person marks it paid)
 *   GET  /api/admin/hardship/export?orgId=   — → ExportResponse (CSV in the national layout, ID numbers masked)
 *   POST /api/admin/hardship/spot-checks     — SpotCheckRequest → SpotCheckResponse (city: draws a share of due files, seeded, recorded)
 *   GET  /api/admin/hardship/stats?orgId=    — → StatsResponse (counters)
 *   POST /api/admin/hardship/standards       — province 帮扶 official or admin — StandardRequest → StandardResponse
 * The 帮扶 role is granted as other roles are: POST /api/admin/roles {memberId|openid, role: {type:'hardship', orgId}}.
 * Proof images and visit photos are uploaded with the applications' POST /api/uploads and named by key here.
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** The self-check's answer: 深度困难 (below the 低保), 相对困难 (below twice it), or not eligible. */
export const SELF_CHECK_CATEGORIES = ['deep', 'relative', 'none'] as const;
export type SelfCheckCategory = (typeof SELF_CHECK_CATEGORIES)[number];

/** A file's category: the two income categories and 意外致困 (sudden event, costs > 80 % of income). */
export const HARDSHIP_CATEGORIES = ['deep', 'relative', 'accident'] as const;
export type HardshipCategory = (typeof HARDSHIP_CATEGORIES)[number];
export const HARDSHIP_CATEGORY_LABELS: Record<HardshipCategory | 'none', string> = {
  deep: '深度困难',
  relative: '相对困难',
  accident: '意外致困',
  none: '不符合困难职工认定条件',
};

/** The national ten causes (主要致困原因 exactly one, 次要 up to three), by their national code. */
export const HARDSHIP_CAUSES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
export type HardshipCause = (typeof HARDSHIP_CAUSES)[number];
export const HARDSHIP_CAUSE_LABELS: Record<HardshipCause, string> = {
  '1': '无劳动能力',
  '2': '有劳动能力而未就业',
  '3': '下岗失业',
  '4': '未参加社会保险',
  '5': '社会保险待遇落实不到位',
  '6': '患重特大疾病',
  '7': '遭受自然灾害',
  '8': '遭受意外事故',
  '9': '子女上学',
  '10': '其他',
};

export const AID_KINDS = ['living', 'schooling', 'medical', 'temporary'] as const;
export type AidKind = (typeof AID_KINDS)[number];
export const AID_KIND_LABELS: Record<AidKind, string> = { living: '生活救助', schooling: '子女助学', medical: '医疗救助', temporary: '临时救助' };

export const RELATIONS = ['self', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  other: '其他',
};

export const HEALTH_STATES = ['healthy', 'chronic', 'serious', 'disabled'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];
export const HEALTH_LABELS: Record<HealthState, string> = { healthy: '健康', chronic: '慢性病', serious: '重特大疾病', disabled: '残疾' };

export const HOUSING_TYPES = ['own', 'rented', 'public-rental', 'dormitory', 'relatives', 'other'] as const;
export type HousingType = (typeof HOUSING_TYPES)[number];
export const HOUSING_LABELS: Record<HousingType, string> = {
  own: '自有住房',
  rented: '租房',
  'public-rental': '公租房/廉租房',
  dormitory: '单位宿舍',
  relatives: '借住亲友',
  other: '其他',
};

/** Why a file is closed at a re-check (销档). */
export const CLOSE_REASONS = ['recovered', 'retired', 'transferred', 'deceased'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = { recovered: '脱困', retired: '退休', transferred: '调离', deceased: '死亡' };

/** The proofs each cause needs (DOMAIN.md › Hardship aid), by key in SubmitCaseRequest.form.proofs. */
export const PROOF_KINDS = ['income', 'id-card', 'hukou', 'diagnosis', 'medical-bills', 'school-fees', 'admission', 'labour-contract', 'other'] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];
export const PROOF_KIND_LABELS: Record<ProofKind, string> = {
  income: '家庭成员收入证明',
  'id-card': '身份证',
  hukou: '户口本',
  diagnosis: '本年度诊断证明',
  'medical-bills': '连续三个月自付医疗票据或住院结算单',
  'school-fees': '学费缴费票据',
  admission: '录取通知书',
  'labour-contract': '一年以上劳动合同',
  other: '其他证明材料',
};
/** Everyone: income proofs; serious illness (6): diagnosis + bills; schooling (9): fees + admission; migrant worker: a labour contract. */
export function requiredProofs(form: { mainCause: HardshipCause; secondaryCauses: readonly HardshipCause[]; migrantWorker: boolean }): ProofKind[] {
  const causes = [form.mainCause, ...form.secondaryCauses];
  const kinds: ProofKind[] = ['income'];
  if (causes.includes('6')) kinds.push('diagnosis', 'medical-bills');
  if (causes.includes('9')) kinds.push('school-fees', 'admission');
  if (form.migrantWorker) kinds.push('labour-contract');
  return kinds;
}

/** The cities and counties (regionCode 01–19, the card's region digits). */
export const HARDSHIP_REGIONS = STATION_CITIES;

/** The version of the 家庭经济状况核对授权书 the member agrees to (separate from the binding consent). */
export const FINANCE_CHECK_CONSENT_VERSION = '2026-01';

/**
 * The five steps of a case, in order (the engine's kind `hardship`). `visit`'s decision needs a visit
 * record; `publicity` lasts PUBLICITY_DAYS calendar days from its opening (a configured default) and
 * may be approved only after its end with no objection open; an objection pauses it.
 */
export const CASE_STEPS = ['review', 'visit', 'center', 'publicity', 'approval'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
export const CASE_STEP_LABELS: Record<CaseStep, string> = {
  review: '基层工会初审',
  visit: '入户核查',
  center: '帮扶中心审核',
  publicity: '公示',
  approval: '审批',
};
export const PUBLICITY_DAYS_DEFAULT = 5;

export const CASE_STATUSES = ['pending', 'paused', 'approved', 'rejected', 'cancelled'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  pending: '办理中',
  paused: '异议核查中',
  approved: '已建档',
  rejected: '未通过',
  cancelled: '已撤回',
};

export const FILE_STATUSES = ['active', 'closed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** A file comes due for re-check this many months after its last check; the city spot-checks this share. */
export const RECHECK_MONTHS = 12;
export const SPOT_CHECK_SHARE_DEFAULT = 0.3;
/** Closed files are deleted this many years after closing. */
export const RETENTION_YEARS = 10;

// ---------------------------------------------------------------------------------------------
// Requests

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`));
const optionalText = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).check(z.trim(), z.maxLength(max, `${label}不能超过${max}个字`));
const fen = (label: string, max: number) =>
  z.int({ error: `请填写${label}（以分为单位的整数）` }).check(z.gte(0, `${label}不能为负数`), z.lte(max, `${label}过大，请核对`));
const regionCode = () =>
  z.string({ error: '请选择市县' }).check(z.refine((c) => HARDSHIP_REGIONS.some((r) => r.code === c), '请选择海南省内的市县'));
const dateSchema = (label: string) => z.iso.date({ error: `请填写${label}（如 2026-03-01）` });
const proofKey = () => z.string({ error: '图片编号不正确' }).check(z.minLength(1, '图片编号不正确'), z.maxLength(200, '图片编号不正确'));
const id = (label: string) => z.string({ error: `请选择${label}` }).check(z.minLength(1, `请选择${label}`), z.maxLength(64, `${label}编号不正确`));

/** ¥100 million: no household's yearly income or costs come near it. */
export const MAX_YEARLY_FEN = 10_000_000_000;

/** POST /api/hardship/self-check */
export const selfCheckRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    householdSize: z.int({ error: '请填写家庭人口数' }).check(z.gte(1, '家庭人口至少 1 人'), z.lte(20, '家庭人口不能超过 20 人')),
    annualIncomeFen: fen('家庭年收入', MAX_YEARLY_FEN),
    rigidExpensesFen: fen('刚性支出', MAX_YEARLY_FEN),
    regionCode: regionCode(),
  }),
);
export type SelfCheckRequest = z.infer<typeof selfCheckRequest>;

/** One household member (the applicant is the member with relation `self`). */
export const householdMemberSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    name: bindingRequest.shape.name,
    relation: z.enum(RELATIONS, { error: '请选择与申请人的关系' }),
    idNumber: bindingRequest.shape.idNumber,
    health: z.enum(HEALTH_STATES, { error: '请选择健康状况' }),
    monthlyIncomeFen: fen('月收入', 1_000_000_00),
    /** School or employer (单位或学校); empty for neither. */
    schoolOrEmployer: optionalText('单位或学校', 60),
  }),
);
export type HouseholdMember = z.infer<typeof householdMemberSchema>;

export const housingSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    type: z.enum(HOUSING_TYPES, { error: '请选择住房类型' }),
    areaM2: z.number({ error: '请填写建筑面积' }).check(z.gte(0, '建筑面积不能为负数'), z.lte(1000, '建筑面积过大，请核对')),
    address: text('家庭住址', 100),
  }),
);

export const proofSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({ kind: z.enum(PROOF_KINDS, { error: '证明材料类型不正确' }), key: proofKey() }),
);

/** The full form of a case; a draft is the same with every field optional. */
const caseFormShape = () => ({
  members: z
    .array(householdMemberSchema, { error: '请填写家庭成员' })
    .check(
      z.minLength(1, '请至少填写申请人本人'),
      z.maxLength(20, '家庭成员不能超过 20 人'),
      z.refine((ms) => ms.filter((m) => m.relation === 'self').length === 1, '家庭成员中须有且只有一位“本人”'),
      z.refine((ms) => new Set(ms.map((m) => m.idNumber)).size === ms.length, '家庭成员的身份证号不能重复'),
    ),
  housing: housingSchema,
  mainCause: z.enum(HARDSHIP_CAUSES, { error: '请选择一项主要致困原因' }),
  secondaryCauses: z.array(z.enum(HARDSHIP_CAUSES, { error: '次要致困原因不正确' })).check(z.maxLength(3, '次要致困原因最多选三项')),
  aid: z.array(z.enum(AID_KINDS, { error: '请选择申请的帮扶类型' })).check(z.minLength(1, '请至少选择一项帮扶类型'), z.maxLength(4, '帮扶类型不正确')),
  /** Yearly rigid expenses (medical, schooling), fen. */
  rigidExpensesFen: fen('年度刚性支出', MAX_YEARLY_FEN),
  /** Other non-wage yearly income of the household, fen. */
  otherIncomeFen: fen('家庭其他非薪资年收入', MAX_YEARLY_FEN),
  regionCode: regionCode(),
  migrantWorker: z.boolean({ error: '请选择是否为农民工' }),
  /** The applicant's own bank card (Luhn-checked as the subsidy payee; stored encrypted). */
  payee: payeeInputSchema,
  proofs: z.array(proofSchema).check(z.maxLength(12, '证明材料最多 12 张')),
  /** A short account of the hardship in the member's words. */
  statement: text('困难情况说明', 500),
});

export const caseFormSchema = /* @__PURE__ */ contract(() =>
  z.strictObject(caseFormShape()).check(
    z.refine((f) => !f.secondaryCauses.includes(f.mainCause), { error: '次要原因不能与主要原因相同', path: ['secondaryCauses'] }),
    z.refine((f) => new Set(f.secondaryCauses).size === f.secondaryCauses.length, { error: '次要致困原因不能重复', path: ['secondaryCauses'] }),
  ),
);
export type CaseForm = z.infer<typeof caseFormSchema>;

/** POST /api/hardship/cases — the form and the separate consent to the family-finance check. */
export const submitCaseRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    form: caseFormSchema,
    financeCheckConsent: z.strictObject({
      agreed: z.literal(true, { error: '请同意家庭经济状况核对授权' }),
      version: z.string({ error: '授权书版本不正确' }).check(z.maxLength(20, '授权书版本不正确')),
    }),
  }),
);
export type SubmitCaseRequest = z.infer<typeof submitCaseRequest>;

/** POST /api/hardship/draft — anything typed so far (nothing checked but shapes; ID numbers stored encrypted). */
export const draftRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({ form: z.partial(z.strictObject(caseFormShape())) }),
);
export type DraftRequest = z.infer<typeof draftRequest>;

/** POST /api/hardship/cases/{id}/decisions — the open step (`step`: one of CASE_STEPS). */
export const decisionRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    step: z.enum(CASE_STEPS, { error: '办理环节不正确' }),
    decision: z.enum(['approve', 'reject'], { error: '审核结果只能是 approve 或 reject' }),
    comment: z.optional(optionalText('审核意见', 200)),
    /** Center and approval steps may set the category (defaults to the self-check's). */
    category: z.optional(z.enum(HARDSHIP_CATEGORIES, { error: '困难类别不正确' })),
  }),
);
export type DecisionRequest = z.infer<typeof decisionRequest>;

/** POST /api/hardship/cases/{id}/visit — the 入户核查 record, from the phone. */
export const visitRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    date: dateSchema('走访日期'),
    /** Who was met (names, relation), as typed. */
    met: text('见到的家庭成员', 100),
    notes: optionalText('核查情况', 500),
    /** Photos of the signed 申请书 and 家庭经济状况核对授权委托书 (at least one each). */
    signedApplicationKeys: z.array(proofKey()).check(z.minLength(1, '请拍摄签字的帮扶申请书'), z.maxLength(3, '最多 3 张')),
    authorisationKeys: z.array(proofKey()).check(z.minLength(1, '请拍摄签字的家庭经济状况核对授权委托书'), z.maxLength(3, '最多 3 张')),
  }),
);
export type VisitRequest = z.infer<typeof visitRequest>;

/** POST /api/hardship/publicity/{id}/objections — by a logged-in account; the case pauses. */
export const objectionRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    reason: text('异议内容', 500),
    /** A phone or other way to reach the objector (kept for the 帮扶中心 only); may be empty. */
    contact: optionalText('联系方式', 40),
  }),
);
export type ObjectionRequest = z.infer<typeof objectionRequest>;

/** POST /api/hardship/objections/{id}/resolve — upheld ends the case (rejected); dismissed resumes 公示. */
export const resolveObjectionRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    outcome: z.enum(['upheld', 'dismissed'], { error: '处理结果只能是 upheld（异议成立）或 dismissed（异议不成立）' }),
    comment: text('核查结论', 300),
  }),
);
export type ResolveObjectionRequest = z.infer<typeof resolveObjectionRequest>;

/** Items in a page of the officials' lists (cases, files); the next page is asked for with `cursor`. */
export const HARDSHIP_PAGE_SIZE = 50;
/** The `nextCursor` of the previous page, as given (opaque). */
const pageCursor = () => z.optional(z.string({ error: '翻页位置无效，请从第一页重新查看' }).check(z.regex(/^[A-Za-z0-9_-]{1,2000}$/, '翻页位置无效，请从第一页重新查看')));

/** GET /api/admin/hardship/cases */
export const caseQueueQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    status: z.optional(z.enum(CASE_STATUSES, { error: '状态不正确' })),
    step: z.optional(z.enum(CASE_STEPS, { error: '办理环节不正确' })),
    cursor: pageCursor(),
  }),
);
export type CaseQueueQuery = z.infer<typeof caseQueueQuery>;

/** GET /api/admin/hardship/files — `q` a name (exact) or the last 4 of an ID number; `due` only files due for re-check. */
export const fileListQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    q: z.optional(optionalText('姓名或身份证后四位', 30)),
    category: z.optional(z.enum(HARDSHIP_CATEGORIES, { error: '困难类别不正确' })),
    status: z.optional(z.enum(FILE_STATUSES, { error: '档案状态不正确' })),
    due: z.optional(z.enum(['1'], { error: 'due 只能是 1' })),
    orgId: z.optional(id('工会')),
    cursor: pageCursor(),
  }),
);
export type FileListQuery = z.infer<typeof fileListQuery>;

/** POST /api/admin/hardship/files/{id}/recheck */
export const recheckRequest = /* @__PURE__ */ contract(() =>
  z
    .strictObject({
      action: z.enum(['confirm', 'change', 'close'], { error: '复核结果只能是 confirm（维持）、change（调整类别）或 close（销档）' }),
      category: z.optional(z.enum(HARDSHIP_CATEGORIES, { error: '困难类别不正确' })),
      closeReason: z.optional(z.enum(CLOSE_REASONS, { error: '销档原因只能是 脱困、退休、调离 或 死亡' })),
      reason: text('复核说明', 300),
    })
    .check(
      z.refine((r) => r.action !== 'change' || r.category !== undefined, { error: '请选择调整后的困难类别', path: ['category'] }),
      z.refine((r) => r.action !== 'close' || r.closeReason !== undefined, { error: '请选择销档原因', path: ['closeReason'] }),
    ),
);
export type RecheckRequest = z.infer<typeof recheckRequest>;

/** POST /api/admin/hardship/files/{id}/payments — an aid payment recorded against the file (pending). */
export const paymentRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    aid: z.enum(AID_KINDS, { error: '请选择帮扶类型' }),
    amountFen: z.int({ error: '请填写金额' }).check(z.gte(1, '金额应大于0'), z.lte(5_000_000, '单笔帮扶金额不能超过5万元')),
    note: optionalText('备注', 200),
  }),
);
export type PaymentRequest = z.infer<typeof paymentRequest>;

/** POST /api/admin/hardship/spot-checks — the city's draw among its files due (or rechecked) this year. */
export const spotCheckRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    orgId: id('市县总工会'),
    year: z.int({ error: '请填写年度' }).check(z.gte(2020, '年度不正确'), z.lte(2100, '年度不正确')),
    share: z.optional(z.number({ error: '抽查比例不正确' }).check(z.gte(0.3, '抽查比例不能低于30%'), z.lte(1, '抽查比例不能超过100%'))),
  }),
);
export type SpotCheckRequest = z.infer<typeof spotCheckRequest>;

/** POST /api/admin/hardship/standards — a city's 低保 standard for a year (monthly, per person). */
export const standardRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    regionCode: regionCode(),
    year: z.int({ error: '请填写年度' }).check(z.gte(2020, '年度不正确'), z.lte(2100, '年度不正确')),
    monthlyFen: z.int({ error: '请填写低保标准（分）' }).check(z.gte(10_000, '低保标准过低，请核对'), z.lte(1_000_000, '低保标准过高，请核对')),
    source: text('依据文件', 100),
  }),
);
export type StandardRequest = z.infer<typeof standardRequest>;

export const standardListQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({ year: z.optional(z.string().check(z.regex(/^20\d\d$/, '年度不正确'))) }),
);
export const exportQuery = /* @__PURE__ */ contract(() => z.strictObject({ orgId: z.optional(id('工会')) }));
export const statsQuery = /* @__PURE__ */ contract(() => z.strictObject({ orgId: z.optional(id('工会')) }));

// ---------------------------------------------------------------------------------------------
// Answers

export interface SelfCheckResponse {
  category: SelfCheckCategory;
  monthlyPerCapitaFen: number;
  /** The region's 低保 standard (monthly, per person) for the year applied. */
  minimumLivingFen: number;
  /** Twice the standard: the 相对困难 line. */
  relativeLineFen: number;
  regionCode: string;
  regionName: string;
  year: number;
  /** The arithmetic in words, one line each (收入 − 支出 = …; ÷ 12 ÷ 人口 = …; 对比低保 …). */
  arithmetic: string[];
  /** 意外致困 and 困难农民工: explained, not computed. */
  notes: string[];
}

export interface Standard {
  regionCode: string;
  regionName: string;
  year: number;
  monthlyFen: number;
  source: string;
  updatedAt: string;
}
export interface StandardListResponse {
  year: number;
  items: Standard[];
}
export interface StandardResponse {
  standard: Standard;
}

export interface HouseholdMemberView {
  name: string;
  relation: Relation;
  idNumberMasked: string;
  health: HealthState;
  monthlyIncomeFen: number;
  schoolOrEmployer: string;
}

export interface CaseFormView {
  members: HouseholdMemberView[];
  housing: { type: HousingType; areaM2: number; address: string };
  mainCause: HardshipCause;
  secondaryCauses: HardshipCause[];
  aid: AidKind[];
  rigidExpensesFen: number;
  otherIncomeFen: number;
  regionCode: string;
  migrantWorker: boolean;
  payee: { bankName: string; accountMasked: string };
  proofs: Array<{ kind: ProofKind; key: string }>;
  statement: string;
  /** Computed at filing: (yearly income − rigid expenses) ÷ 12 ÷ household size, and the category it gives. */
  monthlyPerCapitaFen: number;
  computedCategory: SelfCheckCategory;
  minimumLivingFen: number;
}

/** The draft as kept: ID numbers come back whole to their own member (the form is theirs). */
export interface DraftResponse {
  draft: DraftRequest['form'] | null;
  updatedAt: string | null;
}

export interface CaseStepView {
  step: CaseStep;
  name: string;
  org: OrgRef;
  status: 'waiting' | 'open' | 'approved' | 'rejected' | 'skipped' | 'cancelled';
  openedAt: string | null;
  /** Last day to act (working days for review steps; 公示's end for publicity); null while waiting. */
  dueDate: string | null;
  overdue: boolean;
  decidedAt: string | null;
  decidedByOrg: OrgRef | null;
  comment: string | null;
}

export interface VisitView {
  date: string;
  met: string;
  notes: string;
  signedApplicationKeys: string[];
  authorisationKeys: string[];
  recordedAt: string;
  recordedByOrg: OrgRef | null;
}

export interface ObjectionView {
  id: string;
  reason: string;
  status: 'open' | 'upheld' | 'dismissed';
  at: string;
  resolvedAt: string | null;
  comment: string | null;
}

export interface PublicityView {
  startDate: string;
  endDate: string;
  /** Paused while an objection is open. */
  paused: boolean;
}

export interface CaseView {
  id: string;
  status: CaseStatus;
  applicantName: string;
  org: OrgRef;
  category: HardshipCategory | null;
  form: CaseFormView;
  steps: CaseStepView[];
  currentStep: CaseStep | null;
  visit: VisitView | null;
  publicity: PublicityView | null;
  /** Officials only (empty for the applicant). */
  objections: ObjectionView[];
  fileId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** The applicant's 好差评 once given (null before). */
  rating: RatingView | null;
  /** rate: the applicant may rate the decided case (once). */
  can: { cancel: boolean; decide: boolean; visit: boolean; resolveObjection: boolean; rate: boolean };
}
export interface CaseResponse {
  case: CaseView;
}

export interface CaseSummary {
  id: string;
  status: CaseStatus;
  applicantName: string;
  org: OrgRef;
  currentStep: CaseStep | null;
  dueDate: string | null;
  overdue: boolean;
  computedCategory: SelfCheckCategory;
  mainCause: HardshipCause;
  createdAt: string;
}
/**
 * A page of the subtree's cases (HARDSHIP_PAGE_SIZE at most), by union (org path) then oldest first,
 * overdue ones first within the page; `nextCursor` asks for the next page (null: the last).
 */
export interface CaseListResponse {
  items: CaseSummary[];
  nextCursor: string | null;
}

export interface PublicityEntry {
  caseId: string;
  /** 张*丰 */
  nameMasked: string;
  org: OrgRef;
  category: HardshipCategory;
  categoryLabel: string;
  mainCauseLabel: string;
  startDate: string;
  endDate: string;
  paused: boolean;
}
export interface PublicityListResponse {
  items: PublicityEntry[];
}
export interface ObjectionResponse {
  objectionId: string;
  /** What the objector is told: the case is paused for review. */
  message: string;
}

export interface PaymentView {
  id: string;
  aid: AidKind;
  amountFen: number;
  note: string;
  status: 'pending' | 'paid';
  recordedAt: string;
  recordedByOrg: OrgRef | null;
  paidAt: string | null;
}

export interface RecheckView {
  at: string;
  action: 'confirm' | 'change' | 'close';
  category: HardshipCategory;
  closeReason: CloseReason | null;
  reason: string;
  spotCheck: boolean;
  byOrg: OrgRef | null;
}

export interface FileSummary {
  id: string;
  /** 职工编号 in the national system's sense: our file number. */
  number: string;
  headName: string;
  headIdMasked: string;
  org: OrgRef;
  regionCode: string;
  category: HardshipCategory;
  mainCause: HardshipCause;
  status: FileStatus;
  /** The next re-check's date; overdue past it. */
  recheckDue: string;
  recheckOverdue: boolean;
  spotCheckYear: number | null;
  updatedAt: string;
}
export interface FileView extends FileSummary {
  secondaryCauses: HardshipCause[];
  members: HouseholdMemberView[];
  housing: { type: HousingType; areaM2: number; address: string };
  monthlyPerCapitaFen: number;
  householdSize: number;
  yearlyIncomeFen: number;
  payee: { bankName: string; accountMasked: string };
  caseIds: string[];
  payments: PaymentView[];
  rechecks: RecheckView[];
  closedAt: string | null;
  closeReason: CloseReason | null;
  /** When a closed file is deleted (RETENTION_YEARS after closing). */
  deleteAfter: string | null;
  version: number;
  can: { recheck: boolean; pay: boolean };
}
/**
 * A page of the subtree's files (HARDSHIP_PAGE_SIZE at most), by union (org path) then re-check due
 * date, most urgent first; `nextCursor` asks for the next page (null: the last).
 */
export interface FileListResponse {
  items: FileSummary[];
  nextCursor: string | null;
}
export interface FileResponse {
  file: FileView;
}

/** What the member sees of their own file: category, aid paid, when the yearly re-check is due. */
export interface MyFileView {
  id: string;
  category: HardshipCategory;
  status: FileStatus;
  recheckDue: string;
  payments: PaymentView[];
}
export interface MyHardshipResponse {
  cases: CaseSummary[];
  file: MyFileView | null;
}

export interface ExportResponse {
  fileName: string;
  contentType: 'text/csv; charset=utf-8';
  /** CSV text with a UTF-8 BOM, columns EXPORT_COLUMNS; ID numbers masked (2+2) as the roster report does. */
  csv: string;
  rows: number;
}
/** The national 困难职工档案表's columns we fill (DOMAIN.md › Hardship aid). */
export const EXPORT_COLUMNS = [
  '职工编号', '困难类别', '姓名', '身份证号', '健康状况', '住房类型', '建筑面积', '家庭住址', '工作单位',
  '家庭年度总收入', '家庭人口', '家庭月人均收入', '户口所在地行政区划', '主要致困原因', '次要致困原因',
  '家庭成员', '开户银行', '银行卡号', '建档工会', '建档日期', '状态',
] as const;

export interface SpotCheckResponse {
  orgId: string;
  year: number;
  share: number;
  /** The seed the draw used (recorded, so anyone can redo it). */
  seed: string;
  population: number;
  drawn: string[];
  at: string;
}

export interface StatsResponse {
  org: OrgRef;
  year: number;
  byCategory: Record<HardshipCategory, number>;
  byCause: Record<HardshipCause, number>;
  byCity: Array<{ regionCode: string; regionName: string; count: number }>;
  newThisYear: number;
  closedThisYear: number;
  rechecksDone: number;
  rechecksOnTime: number;
}

// ---------------------------------------------------------------------------------------------
// Endpoints

const E = hardshipErrors;

export const hardshipSelfCheck = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipSelfCheck',
    method: 'POST',
    path: '/api/hardship/self-check',
    auth: 'public',
    request: { body: selfCheckRequest },
    response: returns<SelfCheckResponse>(),
    errors: E('HARDSHIP_STANDARD_MISSING'),
  }),
);

export const hardshipStandards = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipStandards',
    method: 'GET',
    path: '/api/hardship/standards',
    auth: 'public',
    request: { query: standardListQuery },
    response: returns<StandardListResponse>(),
    errors: [],
  }),
);

export const hardshipPublicity = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipPublicity',
    method: 'GET',
    path: '/api/hardship/publicity',
    auth: 'public',
    response: returns<PublicityListResponse>(),
    errors: [],
  }),
);

export const hardshipObject = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipObject',
    method: 'POST',
    path: '/api/hardship/publicity/{id}/objections',
    auth: 'session',
    request: { body: objectionRequest },
    response: returns<ObjectionResponse>(),
    errors: E('HARDSHIP_CASE_NOT_FOUND', 'HARDSHIP_NOT_IN_PUBLICITY', 'HARDSHIP_CASE_STALE', 'TOO_MANY_ATTEMPTS'),
  }),
);

export const hardshipDraftGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipDraftGet',
    method: 'GET',
    path: '/api/hardship/draft',
    auth: 'member',
    response: returns<DraftResponse>(),
    errors: E('NOT_BOUND'),
  }),
);

export const hardshipDraftSave = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipDraftSave',
    method: 'POST',
    path: '/api/hardship/draft',
    auth: 'member',
    request: { body: draftRequest },
    response: returns<DraftResponse>(),
    errors: E('NOT_BOUND'),
  }),
);

export const hardshipSubmit = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipSubmit',
    method: 'POST',
    path: '/api/hardship/cases',
    auth: 'member',
    request: { body: submitCaseRequest },
    response: returns<CaseResponse>(),
    errors: E(
      'NOT_BOUND',
      'MEMBERSHIP_ENDED',
      'HARDSHIP_CONSENT_REQUIRED',
      'HARDSHIP_CASE_OPEN',
      'HARDSHIP_STANDARD_MISSING',
      'HARDSHIP_PROOF_MISSING',
    ),
  }),
);

export const meHardship = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meHardship',
    method: 'GET',
    path: '/api/me/hardship',
    auth: 'member',
    response: returns<MyHardshipResponse>(),
    errors: E('NOT_BOUND'),
  }),
);

export const hardshipCaseGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipCaseGet',
    method: 'GET',
    path: '/api/hardship/cases/{id}',
    auth: 'session',
    response: returns<CaseResponse>(),
    errors: E('HARDSHIP_CASE_NOT_FOUND'),
  }),
);

export const hardshipCancel = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipCancel',
    method: 'POST',
    path: '/api/hardship/cases/{id}/cancel',
    auth: 'session',
    response: returns<CaseResponse>(),
    errors: E('HARDSHIP_CASE_NOT_FOUND', 'FORBIDDEN', 'HARDSHIP_CASE_NOT_PENDING', 'HARDSHIP_CASE_STALE'),
  }),
);

/**
 * 好差评: the applicant rates their decided (approved or rejected) case, once, on the engine's five
 * levels; counted in 满意度统计 with the other kinds. ALREADY_RATED for a second one, NOT_RATABLE
 * while pending or once withdrawn; another member's case is HARDSHIP_CASE_NOT_FOUND, an official's FORBIDDEN.
 */
export const hardshipRate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipRate',
    method: 'POST',
    path: '/api/hardship/cases/{id}/rate',
    auth: 'session',
    request: { body: ratingRequest },
    response: returns<CaseResponse>(),
    errors: hardshipRatingErrors('HARDSHIP_CASE_NOT_FOUND', 'FORBIDDEN', 'ALREADY_RATED', 'NOT_RATABLE', 'HARDSHIP_CASE_STALE'),
  }),
);

export const adminHardshipCases = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipCases',
    method: 'GET',
    path: '/api/admin/hardship/cases',
    auth: 'session',
    request: { query: caseQueueQuery },
    response: returns<CaseListResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED'),
  }),
);

export const hardshipDecide = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipDecide',
    method: 'POST',
    path: '/api/hardship/cases/{id}/decisions',
    auth: 'session',
    request: { body: decisionRequest },
    response: returns<CaseResponse>(),
    errors: E(
      'HARDSHIP_ROLE_REQUIRED',
      'HARDSHIP_CASE_NOT_FOUND',
      'FORBIDDEN',
      'HARDSHIP_CASE_NOT_PENDING',
      'HARDSHIP_STEP_NOT_OPEN',
      'HARDSHIP_SAME_OFFICIAL_TWICE',
      'HARDSHIP_VISIT_REQUIRED',
      'HARDSHIP_PUBLICITY_RUNNING',
      'HARDSHIP_OBJECTION_OPEN',
      'HARDSHIP_CASE_STALE',
    ),
  }),
);

export const hardshipVisit = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipVisit',
    method: 'POST',
    path: '/api/hardship/cases/{id}/visit',
    auth: 'session',
    request: { body: visitRequest },
    response: returns<CaseResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'HARDSHIP_CASE_NOT_FOUND', 'FORBIDDEN', 'HARDSHIP_CASE_NOT_PENDING', 'HARDSHIP_STEP_NOT_OPEN', 'HARDSHIP_CASE_STALE'),
  }),
);

export const hardshipResolveObjection = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'hardshipResolveObjection',
    method: 'POST',
    path: '/api/hardship/objections/{id}/resolve',
    auth: 'session',
    request: { body: resolveObjectionRequest },
    response: returns<CaseResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'HARDSHIP_OBJECTION_NOT_FOUND', 'FORBIDDEN', 'HARDSHIP_OBJECTION_DONE', 'HARDSHIP_CASE_STALE'),
  }),
);

export const adminHardshipFiles = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipFiles',
    method: 'GET',
    path: '/api/admin/hardship/files',
    auth: 'session',
    request: { query: fileListQuery },
    response: returns<FileListResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'FORBIDDEN'),
  }),
);

export const adminHardshipFileGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipFileGet',
    method: 'GET',
    path: '/api/admin/hardship/files/{id}',
    auth: 'session',
    response: returns<FileResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'HARDSHIP_FILE_NOT_FOUND'),
  }),
);

export const adminHardshipRecheck = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipRecheck',
    method: 'POST',
    path: '/api/admin/hardship/files/{id}/recheck',
    auth: 'session',
    request: { body: recheckRequest },
    response: returns<FileResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'HARDSHIP_FILE_NOT_FOUND', 'HARDSHIP_FILE_CLOSED', 'HARDSHIP_RECHECK_NOT_DUE', 'HARDSHIP_CASE_STALE'),
  }),
);

export const adminHardshipPayment = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipPayment',
    method: 'POST',
    path: '/api/admin/hardship/files/{id}/payments',
    auth: 'session',
    request: { body: paymentRequest },
    response: returns<FileResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'HARDSHIP_FILE_NOT_FOUND', 'HARDSHIP_FILE_CLOSED', 'HARDSHIP_CASE_STALE'),
  }),
);

export const adminHardshipPaymentConfirm = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipPaymentConfirm',
    method: 'POST',
    path: '/api/admin/hardship/files/{id}/payments/{paymentId}/confirm',
    auth: 'session',
    response: returns<FileResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'HARDSHIP_FILE_NOT_FOUND', 'HARDSHIP_PAYMENT_NOT_FOUND', 'HARDSHIP_PAYMENT_DONE', 'HARDSHIP_SAME_PERSON', 'HARDSHIP_CASE_STALE'),
  }),
);

export const adminHardshipExport = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipExport',
    method: 'GET',
    path: '/api/admin/hardship/export',
    auth: 'session',
    request: { query: exportQuery },
    response: returns<ExportResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'FORBIDDEN'),
  }),
);

export const adminHardshipSpotCheck = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipSpotCheck',
    method: 'POST',
    path: '/api/admin/hardship/spot-checks',
    auth: 'session',
    request: { body: spotCheckRequest },
    response: returns<SpotCheckResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'HARDSHIP_CASE_STALE'),
  }),
);

export const adminHardshipStats = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipStats',
    method: 'GET',
    path: '/api/admin/hardship/stats',
    auth: 'session',
    request: { query: statsQuery },
    response: returns<StatsResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'FORBIDDEN'),
  }),
);

export const adminHardshipStandardSet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminHardshipStandardSet',
    method: 'POST',
    path: '/api/admin/hardship/standards',
    auth: 'session',
    request: { body: standardRequest },
    response: returns<StandardResponse>(),
    errors: E('HARDSHIP_ROLE_REQUIRED', 'FORBIDDEN'),
  }),
);
