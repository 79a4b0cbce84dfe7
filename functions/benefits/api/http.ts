import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { AppError } from '../../kernel/errors';

/**
 * What the benefits entry points need beside kernel/http.ts endpoint(): path ids, query strings
 * checked against their contract, and a status other than 200 (201 Created).
 */

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The `{id}` of the route; anything not shaped like one of our ids is simply not found. */
export function pathId(event: APIGatewayProxyEventV2): string {
  const id = event.pathParameters?.id ?? '';
  if (!ID.test(id)) throw new AppError('NOT_FOUND');
  return id;
}

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

/** The query string against the endpoint's contract (unknown parameters refused). */
export function parseQuery<T>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<T>): T {
  const parsed = schema.safeParse({ ...(event.queryStringParameters ?? {}) });
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] = '不支持的查询参数';
      continue;
    }
    const key = issue.path.join('.') || '_';
    fields[key] ??= HAS_CHINESE.test(issue.message) ? issue.message : '格式不正确';
  }
  throw new AppError('INVALID_INPUT', { message: Object.values(fields)[0] ?? '查询参数不正确', fields });
}

const statuses = new WeakMap<APIGatewayProxyEventV2, number>();

/** Answers `body` with HTTP `status` (with the `withStatus` middleware on the entry point). */
export function respond<T>(event: APIGatewayProxyEventV2, status: number, body: T): T {
  statuses.set(event, status);
  return body;
}

/** Applies the status chosen with respond(); kernel/http.ts endpoint() answers 200 otherwise. */
export const withStatus: middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> = {
  after: async (request) => {
    const status = statuses.get(request.event);
    if (status !== undefined && request.response && typeof request.response === 'object') request.response.statusCode = status;
  },
};
