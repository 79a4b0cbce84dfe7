import * as z from 'zod/mini';
import { orgRefSchema } from '../../kernel/contracts/common';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * GET /api/admin/audit?actor=&action=&cursor= — the audit trail (操作记录): every write an official
 * or admin made, newest first. Officials read their subtree's (changes concerning their org or one
 * below it), admins everything. Append-only: no endpoint changes or deletes an entry. ID numbers
 * and phone numbers in `before`/`after` are masked (2 + 2 and 3 + 4 characters kept), openids
 * everywhere (the actor's, an account target's id: 4 + 4 kept).
 */

/** `benefit` (every benefit.* action), `benefit.status` (that one), `merchant.` … */
const ACTION_FILTER = /^[a-z][a-z-]*(\.[a-z-]*)?$/;

export const auditQuery = /* @__PURE__ */ contract(() =>
  z.strictObject({
    /** Only this actor's entries (their openid, whole or masked as the entries show it). */
    actor: z.optional(z.string().check(z.minLength(1, '请填写操作人'), z.maxLength(128, '操作人不正确'))),
    /** A kind of action: a prefix such as `benefit` or a whole code such as `application.decide`. */
    action: z.optional(z.string().check(z.maxLength(64, '操作类型不正确'), z.regex(ACTION_FILTER, '操作类型应为 benefit 或 benefit.status 这样的代码'))),
    cursor: z.optional(z.string().check(z.maxLength(512, '分页参数不正确'))),
  }),
);
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntrySchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    /** ISO-8601, `+08:00`. */
    at: z.string(),
    actor: z.strictObject({
      /** Masked: first 4 + last 4 characters. */
      openid: z.string(),
      as: z.enum(['official', 'admin']),
      /** The org the official acted for; null for an admin. */
      org: z.nullable(orgRefSchema),
    }),
    /** A stable dotted code: application.decide, benefit.status, roster.import, … */
    action: z.string(),
    target: z.strictObject({ type: z.string(), id: z.string(), label: z.nullable(z.string()) }),
    /** The org the change concerns (the last of `orgPath`); null for platform-wide changes. */
    org: z.nullable(orgRefSchema),
    orgPath: z.array(z.string()),
    /** The state before and after (JSON, masked); null when there was none. */
    before: z.unknown(),
    after: z.unknown(),
  }),
);
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditListResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    items: z.array(auditEntrySchema),
    /** Pass as `cursor` for older entries; null at the end. A page may hold fewer than 20 and still go on. */
    nextCursor: z.nullable(z.string()),
  }),
);
export type AuditListResponse = z.infer<typeof auditListResponse>;

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** The audit trail of the caller's subtree (an admin's: all of it), newest first. */
export const adminAudit = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminAudit',
    method: 'GET',
    path: '/api/admin/audit',
    auth: 'official',
    request: { query: auditQuery },
    response: returns<AuditListResponse>(),
    errors: errorsFrom(KERNEL_ERRORS)('FORBIDDEN'),
  }),
);
