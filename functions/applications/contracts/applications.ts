import * as z from 'zod/mini';
import { orgRefSchema } from '../../kernel/contracts/common';
import { bindingRequest } from '../../membership/contracts/me';
import { subsidyFormSchema, subsidyFormViewSchema } from './subsidy';
import { payeeInputSchema } from './payouts';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { applicationsErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * 工会业务一网通办: one contract per endpoint of the applications API, shared by the functions
 * (validation) and the mini-program (types, inline form checks, labels). Instants are ISO-8601 in
 * Asia/Shanghai (`+08:00`); deadlines are dates in China (`YYYY-MM-DD`, the last working day of a
 * step). Refusals use the codes of functions/kernel/errors.ts.
 */

/** Application ids are ULIDs: a path `{id}` of any other shape is simply not found. */
export const APPLICATION_ID = { pattern: /^[0-9A-HJKMNP-TV-Z]{26}$/, notFound: '该申请不存在' };

// ---------------------------------------------------------------------------------------------
// Kinds, statuses, decisions

/**
 * `hardship` (困难帮扶, issue 16) runs on this engine's steps and deadlines but is filed, read and
 * decided through functions/hardship (its form holds others' ID numbers and incomes); POST
 * /api/applications does not take it.
 */
export const APPLICATION_KINDS = ['join', 'transfer', 'subsidy', 'hardship'] as const;
export const applicationKindSchema = /* @__PURE__ */ contract(() =>
  z.enum(APPLICATION_KINDS, { error: '申请类型只能是 join（入会）、transfer（转会）、subsidy（补贴）或 hardship（困难帮扶）' }),
);
export type ApplicationKind = z.infer<typeof applicationKindSchema>;
export const APPLICATION_KIND_LABELS: Record<ApplicationKind, string> = {
  join: '入会申请',
  transfer: '会员关系转接',
  subsidy: '补贴申请',
  hardship: '困难帮扶申请',
};

/** pending until the last step approves (approved), a step rejects (rejected) or the applicant withdraws (cancelled). */
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export const applicationStatusSchema = /* @__PURE__ */ contract(() =>
  z.enum(APPLICATION_STATUSES, { error: '状态只能是 pending、approved、rejected 或 cancelled' }),
);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  pending: '办理中',
  approved: '已通过',
  rejected: '未通过',
  cancelled: '已撤回',
};

/**
 * waiting (a later step, not started) → open (its deadline runs) → approved | rejected | forwarded
 * (to another union, which gets a new step); skipped (a later step after a rejection), cancelled
 * (open when the applicant withdrew), withdrawn (open when the applicant resubmitted the form).
 */
export const STEP_STATUSES = ['waiting', 'open', 'approved', 'rejected', 'forwarded', 'skipped', 'cancelled', 'withdrawn'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  waiting: '待办理',
  open: '办理中',
  approved: '已同意',
  rejected: '已驳回',
  forwarded: '已转交',
  skipped: '未进行',
  cancelled: '已撤回',
  withdrawn: '已重新提交',
};

export const DECISIONS = ['approve', 'reject', 'forward'] as const;
export const decisionSchema = /* @__PURE__ */ contract(() => z.enum(DECISIONS, { error: '审核结果只能是 approve、reject 或 forward' }));
export type Decision = z.infer<typeof decisionSchema>;
export const DECISION_LABELS: Record<Decision, string> = { approve: '同意', reject: '驳回', forward: '转交其他工会' };

/** `rated`: the applicant rated the closed application; `followed-up`: the union recorded its 回访. */
export const TIMELINE_ACTIONS = ['submitted', 'resubmitted', 'approved', 'rejected', 'forwarded', 'cancelled', 'rated', 'followed-up'] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];
export const TIMELINE_ACTION_LABELS: Record<TimelineAction, string> = {
  submitted: '提交申请',
  resubmitted: '重新提交',
  approved: '同意',
  rejected: '驳回',
  forwarded: '转交',
  cancelled: '撤回申请',
  rated: '评价',
  'followed-up': '回访',
};

// ---------------------------------------------------------------------------------------------
// Satisfaction (政务服务"好差评"): five levels, one rating per application ("一次一评、一事一评")

/** 5 = 非常满意 … 1 = 非常不满意, the State Council's five levels. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_LABELS: Record<RatingLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** 差评: 不满意 and 非常不满意. Each opens a 回访 for the union that decided. */
export const BAD_RATING_LEVELS: readonly RatingLevel[] = [2, 1];
/** A 差评 is followed up (verified, handled, the member answered) within this many working days. */
export const FOLLOW_UP_WORKING_DAYS = 15;

// ---------------------------------------------------------------------------------------------
// The forms

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`));

const orgIdSchema = (required: string) =>
  z.string({ error: required }).check(z.minLength(1, required), z.maxLength(64, '工会编号不正确'));

export const EMPLOYMENT_STATUSES = ['employed', 'flexible', 'platform', 'other'] as const;
export const EMPLOYMENT_STATUS_LABELS: Record<(typeof EMPLOYMENT_STATUSES)[number], string> = {
  employed: '在岗职工',
  flexible: '灵活就业',
  platform: '新就业形态劳动者（快递员、外卖送餐员、网约车司机、货车司机等）',
  other: '其他',
};

export const EDUCATION_LEVELS = ['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'master', 'doctor'] as const;
export const EDUCATION_LABELS: Record<(typeof EDUCATION_LEVELS)[number], string> = {
  primary: '小学及以下',
  junior: '初中',
  senior: '高中',
  vocational: '中专/技校',
  college: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};

/** 国家职业资格等级: 五级/初级工 … 一级/高级技师. */
export const SKILL_LEVELS = ['none', 'junior', 'intermediate', 'senior', 'technician', 'senior-technician'] as const;
export const SKILL_LEVEL_LABELS: Record<(typeof SKILL_LEVELS)[number], string> = {
  none: '无',
  junior: '初级工（五级）',
  intermediate: '中级工（四级）',
  senior: '高级工（三级）',
  technician: '技师（二级）',
  'senior-technician': '高级技师（一级）',
};

export const POLITICAL_STATUSES = ['cpc', 'cpc-probationary', 'cyl', 'democratic', 'independent', 'masses'] as const;
export const POLITICAL_STATUS_LABELS: Record<(typeof POLITICAL_STATUSES)[number], string> = {
  cpc: '中共党员',
  'cpc-probationary': '中共预备党员',
  cyl: '共青团员',
  democratic: '民主党派成员',
  independent: '无党派人士',
  masses: '群众',
};

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message });

/**
 * The version of the join form's own consent for the ID number (its text: what the number is used for,
 * src/apply/join). A changed text gets a new version; the server records the version agreed to and when.
 */
export const JOIN_ID_CONSENT_VERSION = 'join-id-2026-12';

/** The fields of the 入会申请 (DOMAIN.md). Sex and birth date must agree with the ID number. */
export const joinFormSchema = /* @__PURE__ */ contract(() =>
  z
    .strictObject({
      /** The consent to the ID number's use, as the version of the text the applicant agreed to. */
      idConsentVersion: z.literal(JOIN_ID_CONSENT_VERSION, { error: '请先阅读并同意身份证号的使用说明（如已同意，请更新小程序后重试）' }),
      name: bindingRequest.shape.name,
      sex: choice(['male', 'female'] as const, '请选择性别'),
      birthDate: z.iso.date({ error: '请填写出生日期（如 1990-05-01）' }),
      ethnicity: text('民族', 10).check(z.regex(/族$/u, '请填写民族全称，如“汉族”')),
      employmentStatus: choice(EMPLOYMENT_STATUSES, '请选择就业状况'),
      idNumber: bindingRequest.shape.idNumber,
      education: choice(EDUCATION_LEVELS, '请选择学历'),
      skillLevel: choice(SKILL_LEVELS, '请选择技能等级'),
      /**
       * The code of WeChat's 手机号快速验证 (as in binding): the server exchanges it for the number
       * WeChat verified for this user and stores that as the join's mobile; no typed number.
       */
      phoneCode: bindingRequest.shape.phoneCode,
      householdRegistration: text('户籍所在地', 60),
      residence: text('现居住地', 100),
      politicalStatus: choice(POLITICAL_STATUSES, '请选择政治面貌'),
      workUnit: text('工作单位', 60),
      /** The grassroots union the application goes to (GET /api/orgs?q= finds it by name). */
      targetOrgId: orgIdSchema('请选择要加入的工会'),
      migrantWorker: z.boolean({ error: '请选择是否为农民工' }),
    })
    .check(
      z.refine((f) => !/^\d{17}[\dX]$/.test(f.idNumber) || f.birthDate.replace(/-/g, '') === f.idNumber.slice(6, 14), {
        error: '出生日期与身份证号不一致',
        path: ['birthDate'],
      }),
      z.refine((f) => !/^\d{17}[\dX]$/.test(f.idNumber) || (Number(f.idNumber[16]) % 2 === 1 ? 'male' : 'female') === f.sex, {
        error: '性别与身份证号不一致',
        path: ['sex'],
      }),
    ),
);
export type JoinForm = z.infer<typeof joinFormSchema>;

/** 会员关系转接: the grassroots union to move to, and why. */
export const transferFormSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    toOrgId: orgIdSchema('请选择要转入的基层工会'),
    reason: text('转会原因', 200),
  }),
);
export type TransferForm = z.infer<typeof transferFormSchema>;

/**
 * POST /api/applications {kind, form} → 201 {application}. A join filed while the account's join is
 * still pending replaces its form (a resubmission: 200, same application, a new review step); after
 * a rejection or withdrawal it is a new application (201) that names the earlier one.
 */
export const createApplicationRequest = /* @__PURE__ */ contract(() =>
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('join'), form: joinFormSchema }),
      z.strictObject({ kind: z.literal('transfer'), form: transferFormSchema }),
      z.strictObject({ kind: z.literal('subsidy'), form: subsidyFormSchema }),
    ],
    { error: '申请类型只能是 join（入会）、transfer（转会）或 subsidy（补贴）' },
  ),
);
export type CreateApplicationRequest = z.infer<typeof createApplicationRequest>;

/**
 * POST /api/applications/{id}/decisions — `step` is the id of the open step being decided
 * (`steps[i].id`). reject and forward need a comment (the reason); forward (joins only) needs
 * `toOrgId`, the grassroots union that reviews next. A step no longer open → ALREADY_DECIDED.
 */
export const decisionRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    step: z.string({ error: '请指明审核环节' }).check(z.regex(/^s\d{1,3}$/, '审核环节编号不正确')),
    decision: decisionSchema,
    comment: z.optional(z.string({ error: '审核意见应为文字' }).check(z.trim(), z.maxLength(200, '审核意见不能超过200个字'))),
    toOrgId: z.optional(orgIdSchema('请选择转交的工会')),
  }),
);
export type DecisionRequest = z.infer<typeof decisionRequest>;

/**
 * POST /api/applications/{id}/rating — by the applicant, once, when the application is approved or
 * rejected (ALREADY_RATED for a second one, NOT_RATABLE while pending or once withdrawn). A 不满意 or
 * 非常不满意 opens a 回访 for the union of the last decided step, due in FOLLOW_UP_WORKING_DAYS.
 */
export const ratingRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    level: z.literal(RATING_LEVELS, { error: '请选择评价等级：5 非常满意、4 满意、3 基本满意、2 不满意、1 非常不满意' }),
    comment: z.optional(z.string({ error: '评价内容应为文字' }).check(z.trim(), z.maxLength(200, '评价内容不能超过200个字'))),
  }),
);
export type RatingRequest = z.infer<typeof ratingRequest>;

/**
 * POST /api/applications/{id}/follow-up — an official of the union the 回访 is for, of an org above
 * it, or an admin records what was done and how the member was answered; once (FOLLOW_UP_ALREADY_DONE).
 */
export const followUpRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    note: text('回访情况（核实、整改及答复会员的情况）', 500),
  }),
);
export type FollowUpRequest = z.infer<typeof followUpRequest>;

/**
 * The kinds this queue lists: those filed through POST /api/applications. 困难帮扶 cases are kept,
 * listed and decided by functions/hardship (GET /api/admin/hardship/cases), so asking this queue
 * for them is refused rather than answered with nothing.
 */
export const QUEUE_KINDS = ['join', 'transfer', 'subsidy'] as const satisfies readonly ApplicationKind[];
export type QueueKind = (typeof QUEUE_KINDS)[number];

/**
 * GET /api/admin/applications?status=&kind=&followUp= (status defaults to pending). `followUp=open`
 * lists the applications of the subtree whose 回访 is still open, the earliest due first (overdue
 * ones therefore first), of any status unless `status` is given.
 */
export const queueQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    status: z.optional(applicationStatusSchema),
    kind: z.optional(z.enum(QUEUE_KINDS, { error: '申请类型只能是 join（入会）、transfer（转会）或 subsidy（补贴）；困难帮扶在「困难帮扶」中办理' })),
    followUp: z.optional(z.enum(['open'], { error: 'followUp 只能是 open（待回访）' })),
  }),
);
export type QueueQuery = z.infer<typeof queueQuery>;

/** GET /api/orgs?q= — grassroots unions whose name or work unit contains q. */
export const orgSearchQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    q: text('工会或单位名称', 30),
  }),
);
export type OrgSearchQuery = z.infer<typeof orgSearchQuery>;

// ---------------------------------------------------------------------------------------------
// Answers

export const stepSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    /** What the step is, e.g. 转出工会审核. */
    name: z.string(),
    org: orgRefSchema,
    status: z.enum(STEP_STATUSES),
    workingDays: z.number(),
    openedAt: z.nullable(z.string()),
    /** Last working day (date in China) to decide by; null while waiting. */
    dueDate: z.nullable(z.string()),
    /** Open past its due date. */
    overdue: z.boolean(),
    decidedAt: z.nullable(z.string()),
    /** The union whose official decided (the step's own or an org above it); null for an admin. */
    decidedBy: z.nullable(z.strictObject({ role: z.enum(['official', 'ancestor', 'admin']), org: z.nullable(orgRefSchema) })),
    /** Decided by an official of an org above the step's org. */
    byAncestor: z.boolean(),
    comment: z.nullable(z.string()),
    forwardedTo: z.nullable(orgRefSchema),
  }),
);
export type StepView = z.infer<typeof stepSchema>;

export const timelineEntrySchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    at: z.string(),
    action: z.enum(TIMELINE_ACTIONS),
    role: z.enum(['applicant', 'official', 'ancestor', 'admin']),
    org: z.nullable(orgRefSchema),
    stepId: z.nullable(z.string()),
    comment: z.nullable(z.string()),
  }),
);
export type TimelineEntryView = z.infer<typeof timelineEntrySchema>;

export const transferFormViewSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    kind: z.literal('transfer'),
    from: orgRefSchema,
    to: orgRefSchema,
    reason: z.string(),
  }),
);

export const joinFormViewSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    kind: z.literal('join'),
    name: z.string(),
    sex: z.enum(['male', 'female']),
    birthDate: z.string(),
    ethnicity: z.string(),
    employmentStatus: z.enum(EMPLOYMENT_STATUSES),
    idNumberMasked: z.string(),
    education: z.enum(EDUCATION_LEVELS),
    skillLevel: z.enum(SKILL_LEVELS),
    mobile: z.string(),
    householdRegistration: z.string(),
    residence: z.string(),
    politicalStatus: z.enum(POLITICAL_STATUSES),
    workUnit: z.string(),
    targetOrg: orgRefSchema,
    migrantWorker: z.boolean(),
    /** The consent to the ID number's use as recorded at filing (null for joins filed before it was asked). */
    idConsent: z.nullable(z.strictObject({ version: z.string(), at: z.string() })),
  }),
);

/**
 * A 困难帮扶 in the engine's views: only the city it is decided in; its form (others' ID numbers and
 * incomes) is read through functions/hardship (GET /api/hardship/cases/{id}), each official's read audited.
 */
export const hardshipFormViewSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    kind: z.literal('hardship'),
    regionCode: z.string(),
  }),
);

const ratingLevelSchema = /* @__PURE__ */ contract(() => z.literal(RATING_LEVELS));

/** The applicant's rating of a closed application. */
export const ratingSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    level: ratingLevelSchema,
    /** RATING_LABELS[level], e.g. 基本满意. */
    label: z.string(),
    comment: z.nullable(z.string()),
    at: z.string(),
  }),
);
export type RatingView = z.infer<typeof ratingSchema>;

/** The 回访 a 差评 opened: for which union, by when, and what it recorded. */
export const followUpSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    org: orgRefSchema,
    status: z.enum(['open', 'done']),
    openedAt: z.string(),
    /** Last working day (date in China) to record it by. */
    dueDate: z.string(),
    /** Still open past its due date. */
    overdue: z.boolean(),
    note: z.nullable(z.string()),
    doneAt: z.nullable(z.string()),
    /** Who recorded it: an official of the union, of an org above it (`ancestor`), or an admin. */
    doneBy: z.nullable(z.strictObject({ role: z.enum(['official', 'ancestor', 'admin']), org: z.nullable(orgRefSchema) })),
    /** Recorded by its due date; null while open. */
    onTime: z.nullable(z.boolean()),
  }),
);
export type FollowUpView = z.infer<typeof followUpSchema>;

export const applicationSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    kind: applicationKindSchema,
    status: applicationStatusSchema,
    applicant: z.strictObject({ name: z.string() }),
    form: z.discriminatedUnion('kind', [joinFormViewSchema, transferFormViewSchema, subsidyFormViewSchema, hardshipFormViewSchema]),
    steps: z.array(stepSchema),
    /** The open step, null once the application is closed. */
    currentStepId: z.nullable(z.string()),
    overdue: z.boolean(),
    timeline: z.array(timelineEntrySchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    previousId: z.nullable(z.string()),
    /** Null until the applicant rates it. */
    rating: z.nullable(ratingSchema),
    /** Null unless a 差评 opened one. */
    followUp: z.nullable(followUpSchema),
    /**
     * What the reader may do now: withdraw it (the applicant), decide the open step (how), rate it (the
     * applicant, once closed, once), record the open 回访 (its union's officials and above, admins).
     */
    can: z.strictObject({ cancel: z.boolean(), decide: z.array(decisionSchema), rate: z.boolean(), followUp: z.boolean() }),
  }),
);
export type ApplicationView = z.infer<typeof applicationSchema>;

export const applicationResponse = /* @__PURE__ */ contract(() => z.strictObject({ application: applicationSchema }));
export type ApplicationResponse = z.infer<typeof applicationResponse>;

export const applicationSummarySchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    kind: applicationKindSchema,
    status: applicationStatusSchema,
    applicantName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    currentStep: z.nullable(
      z.strictObject({ id: z.string(), name: z.string(), org: orgRefSchema, dueDate: z.nullable(z.string()), overdue: z.boolean() }),
    ),
    rating: z.nullable(z.strictObject({ level: ratingLevelSchema })),
    followUp: z.nullable(z.strictObject({ org: orgRefSchema, status: z.enum(['open', 'done']), dueDate: z.string(), overdue: z.boolean() })),
  }),
);
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

/** GET /api/me/applications: newest first. GET /api/admin/applications: overdue first, then oldest (pending); newest first otherwise. */
export const applicationListResponse = /* @__PURE__ */ contract(() => z.strictObject({ items: z.array(applicationSummarySchema) }));
export type ApplicationListResponse = z.infer<typeof applicationListResponse>;

export const orgSearchResultSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    name: z.string(),
    workUnit: z.nullable(z.string()),
    /** The federation or industry union above it. */
    parent: z.nullable(orgRefSchema),
  }),
);
export const orgSearchResponse = /* @__PURE__ */ contract(() => z.strictObject({ items: z.array(orgSearchResultSchema) }));
export type OrgSearchResponse = z.infer<typeof orgSearchResponse>;

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

// Applicants (an account, bound or not: a join is filed before there is a member to bind to)

/** 201 with a new application; 200 when a pending join was filed again (the same application). */
export const applicationsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'applicationsCreate',
    method: 'POST',
    path: '/api/applications',
    auth: 'session',
    request: { body: createApplicationRequest },
    response: returns<ApplicationResponse>(),
    errors: applicationsErrors(
      'NOT_BOUND',
      'MEMBERSHIP_ENDED',
      'ALREADY_MEMBER',
      'APPLICATION_ALREADY_OPEN',
      'APPLICATION_NOT_PENDING',
      'NOT_ELIGIBLE',
      'SUBSIDY_NOT_STARTED',
      'SUBSIDY_ENDED',
      'SUBSIDY_QUOTA_EXHAUSTED',
      'SUBSIDY_ALREADY_PAID',
      'PROOF_INVALID',
      'PROOF_ALREADY_USED',
      'FILING_LIMIT_REACHED',
      'JOIN_NOT_ACCEPTED',
      'PHONE_CODE_INVALID',
      'PHONE_VERIFY_RATE_LIMITED',
      'PHONE_NOT_MAINLAND',
      'WECHAT_UNAVAILABLE',
    ),
  }),
);

/** The applicant, officials of the orgs on its steps and above, admins; NOT_FOUND for anybody else. */
export const applicationsGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'applicationsGet',
    method: 'GET',
    path: '/api/applications/{id}',
    auth: 'session',
    response: returns<ApplicationResponse>(),
    errors: [],
  }),
);

/** The applicant withdraws their pending application. */
export const applicationsCancel = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'applicationsCancel',
    method: 'POST',
    path: '/api/applications/{id}/cancel',
    auth: 'session',
    response: returns<ApplicationResponse>(),
    errors: applicationsErrors('FORBIDDEN', 'APPLICATION_NOT_PENDING', 'APPLICATION_STALE'),
  }),
);

/**
 * The applicant gives another bank card for their 补贴's payout: after the bank refused it (发放失败),
 * or while it waits for a batch. It waits for the next batch (contracts/payouts.ts).
 */
export const applicationsPayee = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'applicationsPayee',
    method: 'POST',
    path: '/api/applications/{id}/payee',
    auth: 'member',
    request: { body: payeeInputSchema },
    response: returns<ApplicationResponse>(),
    errors: applicationsErrors('NOT_BOUND', 'PAYEE_NOT_CHANGEABLE'),
  }),
);

/** 我的办事: the caller's own, newest first. */
export const meApplications = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meApplications',
    method: 'GET',
    path: '/api/me/applications',
    auth: 'session',
    response: returns<ApplicationListResponse>(),
    errors: [],
  }),
);

/** 好差评: the applicant rates their approved or rejected application, once. */
export const applicationsRate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'applicationsRate',
    method: 'POST',
    path: '/api/applications/{id}/rating',
    auth: 'session',
    request: { body: ratingRequest },
    response: returns<ApplicationResponse>(),
    errors: applicationsErrors('FORBIDDEN', 'ALREADY_RATED', 'NOT_RATABLE'),
  }),
);

/** Grassroots unions by name, work unit or abbreviation, for the union pickers. */
export const orgsSearch = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'orgsSearch',
    method: 'GET',
    path: '/api/orgs',
    auth: 'session',
    request: { query: orgSearchQuery },
    response: returns<OrgSearchResponse>(),
    errors: [],
  }),
);

// Officials (of the step's org or above) and admins

/** The open step decided. */
export const applicationsDecide = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'applicationsDecide',
    method: 'POST',
    path: '/api/applications/{id}/decisions',
    auth: 'official',
    request: { body: decisionRequest },
    response: returns<ApplicationResponse>(),
    errors: applicationsErrors(
      'FORBIDDEN',
      'STEP_NOT_OPEN',
      'ALREADY_DECIDED',
      'SAME_OFFICIAL_TWICE',
      'CONFLICT_OF_INTEREST',
      'APPLICATION_STALE',
      'APPLICANT_PHONE_IN_USE',
      'ALREADY_MEMBER',
      'SUBSIDY_QUOTA_EXHAUSTED',
      'SUBSIDY_ALREADY_PAID',
    ),
  }),
);

/** 审核办理: the subtree's queue (pending by default; `followUp: 'open'` the open 回访). */
export const adminApplications = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminApplications',
    method: 'GET',
    path: '/api/admin/applications',
    auth: 'official',
    request: { query: queueQuery },
    response: returns<ApplicationListResponse>(),
    errors: applicationsErrors('FORBIDDEN'),
  }),
);

/** 回访 of a 差评, by the deciding union or one above it, once. */
export const applicationsFollowUp = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'applicationsFollowUp',
    method: 'POST',
    path: '/api/applications/{id}/follow-up',
    auth: 'official',
    request: { body: followUpRequest },
    response: returns<ApplicationResponse>(),
    errors: applicationsErrors('FORBIDDEN', 'NO_FOLLOW_UP', 'FOLLOW_UP_ALREADY_DONE'),
  }),
);
