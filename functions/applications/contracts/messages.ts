import * as z from 'zod/mini';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { contract } from '../../kernel/contracts/contract';
import { applicationKindSchema } from './applications';

/**
 * 消息中心: what the outbox told an applicant about their applications, and what another capability
 * told the member (a place won from the waiting list, functions/payments) — the same notices the
 * sender delivers as WeChat subscription messages, so nothing depends on WeChat accepting a
 * message. An account reads and marks its own messages only.
 */

/**
 * A message's id: `<applicationId>-<version>` of its outbox notice (an application's id is a ULID); a
 * member message's is `<couponId>-0`, the place it is about (`c` and 22 base64url characters).
 */
export const MESSAGE_ID = { pattern: /^(?:[0-9A-HJKMNP-TV-Z]{26}|c[A-Za-z0-9_-]{22})-[0-9]{1,16}$/, notFound: '该消息不存在' };

export const messageSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.string(),
    /** The application it is about; null for a member message of another capability (kind order). */
    applicationId: z.nullable(z.string()),
    /** The application's kind, or `order` for a paid place's notice (the payments' 递补). */
    kind: z.union([applicationKindSchema, z.literal('order')]),
    /** The page a tap opens: the application's, or 我的订单 (a path from the root, with its query). */
    page: z.string(),
    /** 事项, e.g. 会员关系转接. */
    title: z.string(),
    /** 结果, e.g. 已通过, 未通过, 已转交, 已回访. */
    result: z.string(),
    /** 办理单位: the union that decided or followed up. */
    by: z.string(),
    /** 备注: the reason, the next union, or 办理完成. */
    remark: z.string(),
    /** ISO-8601 in Asia/Shanghai. */
    at: z.string(),
    read: z.boolean(),
  }),
);
export type Message = z.infer<typeof messageSchema>;

export const messageListResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    /** Unread first, then newest first; at most MESSAGES_LIMIT. */
    items: z.array(messageSchema),
    /** How many of them are unread (the bell's count). */
    unread: z.number(),
  }),
);
export type MessageListResponse = z.infer<typeof messageListResponse>;

export const messageResponse = /* @__PURE__ */ contract(() => z.strictObject({ message: messageSchema }));
export type MessageResponse = z.infer<typeof messageResponse>;

/** The newest notices a list reads at most (an applicant's applications make a few each). */
export const MESSAGES_LIMIT = 100;

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

/** The caller's messages, unread first. An account not bound (a join filed) has messages too. */
export const meMessages = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meMessages',
    method: 'GET',
    path: '/api/me/messages',
    auth: 'session',
    response: returns<MessageListResponse>(),
    errors: [],
  }),
);

/** Marks one of the caller's messages read (again: unchanged); anybody else's is not found. */
export const meMessagesRead = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'meMessagesRead',
    method: 'POST',
    path: '/api/me/messages/{id}/read',
    auth: 'session',
    response: returns<MessageResponse>(),
    errors: [],
  }),
);
