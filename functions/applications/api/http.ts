import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { AppError } from '../../kernel/errors';

/**
 * What the applications entry points need beside kernel/http.ts endpoint(): the `{id}` of the
 * route, the query string checked against its contract, and 201 Created.
 * (functions/benefits/api/http.ts has the same three; they belong in the kernel.)
 */

/** Application ids are ULIDs: anything else is simply not found. */
export function applicationId(event: APIGatewayProxyEventV2): string {
  const id = event.pathParameters?.id ?? '';
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) throw new AppError('NOT_FOUND', { message: '该申请不存在' });
  return id;
}

/** The query string against the endpoint's contract (unknown parameters refused). */
export function query<T>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<T>): T {
  const parsed = schema.safeParse({ ...(event.queryStringParameters ?? {}) });
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.') || '_'];
    const message = issue.code === 'unrecognized_keys' ? '不支持的查询参数' : /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : '格式不正确';
    for (const key of keys) fields[key] ??= message;
  }
  throw new AppError('INVALID_INPUT', { message: Object.values(fields)[0] ?? '查询参数不正确', fields });
}

const created = new WeakSet<APIGatewayProxyEventV2>();

/** Marks the answer to `event` as 201 Created (with the `createdStatus` middleware on the entry point). */
export function asCreated<T>(event: APIGatewayProxyEventV2, body: T): T {
  created.add(event);
  return body;
}

export const createdStatus: middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> = {
  after: async (request) => {
    if (created.has(request.event) && request.response && typeof request.response === 'object') request.response.statusCode = 201;
  },
};
