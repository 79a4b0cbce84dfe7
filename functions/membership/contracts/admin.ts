import * as z from 'zod/mini';
import { orgRefSchema } from '../../kernel/contracts/common';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { membershipErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * Member care, orgs and roles (工作台 › 会员服务、组织与角色): the officials' and admins' endpoints of
 * membership. Officials act on their org's subtree only, admins everywhere; members and clerks get
 * FORBIDDEN. ID numbers (2 + 2) and phone numbers (3 + 4) are masked in every answer; every write
 * appends an audit entry in its own transaction (GET /api/admin/audit).
 */

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`));

/** Ids of our own making (ULIDs, slugs): letters, digits, `_` and `-`. */
const id = (label: string) => z.string({ error: `请选择${label}` }).check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, `${label}不正确`));

/**
 * GET /api/admin/members?q=&orgId= — a mobile number (11 digits) finds its holder, an 18-character ID
 * number its member (by keyed hash), anything else members whose name starts with it, in the
 * official's subtree (or the part of it under `orgId`), at most 50.
 */
export const memberSearchQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    q: text('姓名、手机号或身份证号', 30),
    /** Narrows the search to this org's subtree (inside the caller's own). */
    orgId: z.optional(id('工会')),
  }),
);
export type MemberSearchQuery = z.infer<typeof memberSearchQuery>;

export const MEMBER_SEARCH_RESULTS = 50;

export const memberHitSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    name: z.string(),
    sex: z.enum(['male', 'female']),
    /** 46**************34 */
    idNumberMasked: z.string(),
    /** 138****8000; null once the number was released. */
    phoneMasked: z.nullable(z.string()),
    union: orgRefSchema,
    /** Bound to a WeChat account. */
    bound: z.boolean(),
    cardNumber: z.nullable(z.string()),
    /** `left`: 已退会 (kept as history). */
    status: z.enum(['active', 'left']),
  }),
);
export type MemberHit = z.infer<typeof memberHitSchema>;

export const memberSearchResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    items: z.array(memberHitSchema),
    /** More matched than shown: type more of the name, or narrow by union. */
    truncated: z.boolean(),
  }),
);
export type MemberSearchResponse = z.infer<typeof memberSearchResponse>;

/** A member as a care write leaves them (phone-release, unbind, leave). */
export const memberStateSchema = /* @__PURE__ */ contract(() =>
  z.extend(memberHitSchema, {
    left: z.nullable(z.strictObject({ on: z.string(), reason: z.string(), at: z.string() })),
  }),
);
export type MemberState = z.infer<typeof memberStateSchema>;

export const memberStateResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    member: memberStateSchema,
    /** false when there was nothing to do (already released, unbound or left): the write was not repeated. */
    changed: z.boolean(),
  }),
);
export type MemberStateResponse = z.infer<typeof memberStateResponse>;

/** The date in China a leave takes effect, YYYY-MM-DD. */
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** POST /api/admin/members/{id}/leave — 退会: why, and the date it took effect (not in the future). */
export const memberLeaveRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    reason: text('退会原因', 200),
    date: z.string({ error: '请填写退会日期' }).check(z.regex(DATE, '退会日期应为 YYYY-MM-DD 格式')),
  }),
);
export type MemberLeaveRequest = z.infer<typeof memberLeaveRequest>;

/** Kinds of org an official or admin adds: the province exists already. */
export const NEW_ORG_KINDS = ['city', 'industry', 'grassroots'] as const;

/**
 * POST /api/admin/orgs — a union under `parentId` (the caller's org or below): a grassroots union
 * under a city/county federation or an industry union; a city federation or industry union (with the
 * 2-digit card region code its members' cards carry) under the province.
 */
export const createOrgRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    parentId: id('上级工会'),
    name: text('工会名称', 60),
    /** The work unit the join routing and the union search match (grassroots unions). */
    workUnit: z.optional(z.nullable(text('单位名称', 60))),
    kind: z.enum(NEW_ORG_KINDS, { error: '请选择工会类型' }),
    regionCode: z.optional(z.string().check(z.regex(/^\d{2}$/, '地区代码应为2位数字'))),
  }),
);
export type CreateOrgRequest = z.infer<typeof createOrgRequest>;

/** POST /api/admin/orgs/{id}/rename — a new name and, optionally, work unit (null clears it). */
export const renameOrgRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    name: text('工会名称', 60),
    workUnit: z.optional(z.nullable(text('单位名称', 60))),
  }),
);
export type RenameOrgRequest = z.infer<typeof renameOrgRequest>;

export const orgViewSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['province', 'city', 'industry', 'grassroots']),
    workUnit: z.nullable(z.string()),
    regionCode: z.nullable(z.string()),
    parent: z.nullable(orgRefSchema),
    path: z.array(orgRefSchema),
  }),
);
export type OrgView = z.infer<typeof orgViewSchema>;
export const orgResponse = /* @__PURE__ */ contract(() => z.strictObject({ org: orgViewSchema }));
export type OrgResponse = z.infer<typeof orgResponse>;
/** The answer of a rename: `changed` false when the org had that name and work unit already. */
export const renameOrgResponse = /* @__PURE__ */ contract(() => z.strictObject({ org: orgViewSchema, changed: z.boolean() }));
export type RenameOrgResponse = z.infer<typeof renameOrgResponse>;

/** A role an official or admin grants: officials (by the caller's subtree), clerks (admins only). */
export const grantedRoleSchema = /* @__PURE__ */ contract(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('official'), orgId: id('工会') }),
    /** 帮扶 (困难帮扶): granted like an official role, by the officials of the org's subtree or above. */
    z.strictObject({ type: z.literal('hardship'), orgId: id('工会') }),
    z.strictObject({ type: z.literal('clerk'), merchantId: id('商户') }),
  ]),
);

/**
 * POST /api/admin/roles and /api/admin/roles/revoke — whose: a WeChat account (`openid`, it has logged
 * in once) or the account a roster member is bound to (`memberId`); exactly one of the two.
 */
export const roleChangeRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    openid: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, '微信账号标识不正确'))),
    memberId: z.optional(id('会员')),
    role: grantedRoleSchema,
  }),
);
export type RoleChangeRequest = z.infer<typeof roleChangeRequest>;

export const roleChangeResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    openid: z.string(),
    /** The account's roles after the change (names resolved). */
    roles: z.array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('official'), orgId: z.string(), orgName: z.string() }),
        z.strictObject({ type: z.literal('hardship'), orgId: z.string(), orgName: z.string() }),
        z.strictObject({ type: z.literal('clerk'), merchantId: z.string(), merchantName: z.string() }),
        z.strictObject({ type: z.literal('admin') }),
      ]),
    ),
    changed: z.boolean(),
  }),
);
export type RoleChangeResponse = z.infer<typeof roleChangeResponse>;

/**
 * POST /api/admin/merchants — a partner merchant; clerks are then granted to it (by admins). `orgId`:
 * the federation that signs its agreement (a province or city/county federation): an official of
 * that org, or an admin. Without `orgId` (admins only) the merchant has no agreement yet and no
 * benefit may name it until one is added (POST /api/admin/merchants/{id}/agreements).
 */
export const createMerchantRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    name: text('商户名称', 60),
    orgId: z.optional(id('签约工会')),
  }),
);
export type CreateMerchantRequest = z.infer<typeof createMerchantRequest>;

/** POST /api/admin/merchants/{id}/agreements — the federation `orgId` signs with the merchant. */
export const merchantAgreementRequest = /* @__PURE__ */ contract(() => z.strictObject({ orgId: id('签约工会') }));
export type MerchantAgreementRequest = z.infer<typeof merchantAgreementRequest>;

/** GET /api/admin/merchants?orgId= — the active merchants a benefit of `orgId` may name. */
export const merchantListQuery = /* @__PURE__ */ contract(() => z.strictObject({ orgId: id('所属工会') }));
export type MerchantListQuery = z.infer<typeof merchantListQuery>;

export const merchantAgreementSchema = /* @__PURE__ */ contract(() => z.strictObject({ org: orgRefSchema, since: z.string() }));
export const merchantResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    merchant: z.strictObject({
      id: z.string(),
      name: z.string(),
      status: z.enum(['active', 'suspended']),
      /** The federations under agreement with it: benefits of these orgs and of orgs below them may name it. */
      agreements: z.array(merchantAgreementSchema),
    }),
    /** false when the agreement asked for was there already. */
    changed: z.optional(z.boolean()),
  }),
);
export type MerchantResponse = z.infer<typeof merchantResponse>;
export type MerchantView = MerchantResponse['merchant'];
export type MerchantListResponse = { items: MerchantView[] };

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

// 会员服务: members of the caller's subtree (NOT_FOUND for a member or org unknown, FORBIDDEN outside it).

export const adminMembersSearch = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminMembersSearch',
    method: 'GET',
    path: '/api/admin/members',
    auth: 'official',
    request: { query: memberSearchQuery },
    response: returns<MemberSearchResponse>(),
    errors: membershipErrors('FORBIDDEN', 'NOT_FOUND', 'MEMBER_SEARCH_TOO_BROAD'),
  }),
);

export const adminMembersPhoneRelease = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminMembersPhoneRelease',
    method: 'POST',
    path: '/api/admin/members/{id}/phone-release',
    auth: 'official',
    response: returns<MemberStateResponse>(),
    errors: membershipErrors('FORBIDDEN'),
  }),
);

export const adminMembersUnbind = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminMembersUnbind',
    method: 'POST',
    path: '/api/admin/members/{id}/unbind',
    auth: 'official',
    response: returns<MemberStateResponse>(),
    errors: membershipErrors('FORBIDDEN'),
  }),
);

export const adminMembersLeave = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminMembersLeave',
    method: 'POST',
    path: '/api/admin/members/{id}/leave',
    auth: 'official',
    request: { body: memberLeaveRequest },
    response: returns<MemberStateResponse>(),
    errors: membershipErrors('FORBIDDEN'),
  }),
);

// 组织与权限

export const adminOrgsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminOrgsCreate',
    method: 'POST',
    path: '/api/admin/orgs',
    auth: 'official',
    request: { body: createOrgRequest },
    response: returns<OrgResponse>(),
    errors: membershipErrors('FORBIDDEN', 'NOT_FOUND', 'ORG_NAME_TAKEN', 'ORG_PARENT_INVALID'),
  }),
);

export const adminOrgsRename = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminOrgsRename',
    method: 'POST',
    path: '/api/admin/orgs/{id}/rename',
    auth: 'official',
    request: { body: renameOrgRequest },
    response: returns<RenameOrgResponse>(),
    errors: membershipErrors('FORBIDDEN', 'ORG_NAME_TAKEN'),
  }),
);

/** Officials grant official roles in their subtree; admins any role (clerks: admins only). */
export const adminRolesGrant = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminRolesGrant',
    method: 'POST',
    path: '/api/admin/roles',
    auth: 'official',
    request: { body: roleChangeRequest },
    response: returns<RoleChangeResponse>(),
    errors: membershipErrors('FORBIDDEN', 'NOT_FOUND'),
  }),
);

export const adminRolesRevoke = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminRolesRevoke',
    method: 'POST',
    path: '/api/admin/roles/revoke',
    auth: 'official',
    request: { body: roleChangeRequest },
    response: returns<RoleChangeResponse>(),
    errors: membershipErrors('FORBIDDEN', 'NOT_FOUND'),
  }),
);

/**
 * The merchant picker of the benefit form: active merchants signed by `orgId` or an org above it (the
 * ones its benefits may name). Officials for an org of their subtree, admins for any.
 */
export const adminMerchantsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminMerchantsList',
    method: 'GET',
    path: '/api/admin/merchants',
    auth: 'official',
    request: { query: merchantListQuery },
    response: returns<MerchantListResponse>(),
    errors: membershipErrors('FORBIDDEN', 'NOT_FOUND'),
  }),
);

/** Admins, and officials of a province or city/county federation signing for their own org. */
export const adminMerchantsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminMerchantsCreate',
    method: 'POST',
    path: '/api/admin/merchants',
    auth: 'official',
    request: { body: createMerchantRequest },
    response: returns<MerchantResponse>(),
    errors: membershipErrors('FORBIDDEN', 'NOT_FOUND'),
  }),
);

/** 200 `{merchant, changed}`: an admin, or an official of the signing federation (audited). */
export const adminMerchantsAgreementsAdd = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminMerchantsAgreementsAdd',
    method: 'POST',
    path: '/api/admin/merchants/{id}/agreements',
    auth: 'official',
    request: { body: merchantAgreementRequest },
    response: returns<MerchantResponse>(),
    errors: membershipErrors('FORBIDDEN'),
  }),
);
