import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import {
  answersOf,
  type BodyOf,
  type EndpointDeclaration,
  type QueryOf,
  type ResponseOf,
} from './contracts/endpoint';
import { KERNEL_ERRORS, MAX_BODY_BYTES, type ErrorBody, type ErrorEntry } from './contracts/errors';
import { AppError } from './errors';
import type { Tokens } from './tokens';
import { log, withLogContext } from './logger';

type Result = Exclude<APIGatewayProxyResultV2, string>;

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

function json(statusCode: number, body: unknown): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Turns zod issues into one Chinese message per field; schema messages are already Chinese. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = '不支持的字段，请删除后重试';
      continue;
    }
    const path = issue.path.length > 0 ? issue.path.join('.') : '_';
    if (fields[path]) continue;
    fields[path] = HAS_CHINESE.test(issue.message) ? issue.message : path === '_' ? '请求内容格式不正确' : '格式不正确';
  }
  const first = Object.values(fields)[0];
  return { message: first ?? KERNEL_ERRORS.INVALID_INPUT.message, fields };
}

/** Size, media type, JSON syntax, then the endpoint's contract (which rejects unknown fields). */
export function parseBody<T>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<T>): T {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const type = header(event, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(type.trim())) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('INVALID_INPUT', describeIssues(parsed.error.issues));
  return parsed.data;
}

/** The query string against the endpoint's contract (unknown parameters refused), as INVALID_INPUT. */
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

/** Ids of our own making (ULIDs, slugs, hashes): letters, digits, `_` and `-`. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The `{id}` of the route; anything not shaped like one of our ids is simply not found. */
export function pathId(event: APIGatewayProxyEventV2, options: { pattern?: RegExp; notFound?: string } = {}): string {
  const id = event.pathParameters?.id ?? '';
  if (!(options.pattern ?? ID).test(id)) throw new AppError('NOT_FOUND', options.notFound ? { message: options.notFound } : {});
  return id;
}

const statuses = new WeakMap<APIGatewayProxyEventV2, number>();

/** Answers `body` with HTTP `status` instead of 200 (e.g. 201 for something created). */
export function respond<T>(event: APIGatewayProxyEventV2, status: number, body: T): T {
  statuses.set(event, status);
  return body;
}

const downloads = new WeakMap<APIGatewayProxyEventV2, string>();

/**
 * Answers `body` (JSON) as a file to save, named `fileName` (Content-Disposition: attachment; the
 * name is ASCII, so it needs no RFC 5987 encoding).
 */
export function asDownload<T>(event: APIGatewayProxyEventV2, fileName: string, body: T): T {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(fileName)) throw new RangeError('a download name is ASCII letters, digits, . _ - only');
  downloads.set(event, fileName);
  return body;
}

/** The client's address as API Gateway saw it (for per-source limits). */
export function sourceIp(event: APIGatewayProxyEventV2): string {
  return event.requestContext?.http?.sourceIp || 'unknown';
}

/** The openid of a valid session token, or a 401. */
export async function authenticate(event: APIGatewayProxyEventV2, deps: { tokens: Pick<Tokens, 'verifySession'> }): Promise<string> {
  const value = header(event, 'authorization');
  const match = value ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(value.trim()) : null;
  if (!match) throw new AppError('UNAUTHENTICATED');
  return (await deps.tokens.verifySession(match[1] as string)).openid;
}

/** The error code each refused request was answered with (for its access line). */
const errorCodes = new WeakMap<APIGatewayProxyEventV2, string>();

/** Stages where a refusal the endpoint does not declare fails loudly (tests catch it); elsewhere it is logged. */
const STRICT_STAGES: readonly string[] = ['local', 'test'];

/** Local and test stages, and no stage at all (a test calling a handler): not a deployed function. */
function strictDeclarations(stage = process.env.STAGE): boolean {
  return !stage || STRICT_STAGES.includes(stage);
}

/**
 * The one place where errors become HTTP: an AppError → the status and message its endpoint declares
 * for its code; anything else → a bare 500. A code the declaration does not list is a mistake of the
 * declaration or of the use case: in local and test stages it is answered as UNDECLARED_ERROR (a 500
 * that names the code), elsewhere logged and answered from the code's catalogue.
 */
function errorResponses(declaration: EndpointDeclaration): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  const answers = answersOf(declaration);
  return {
    onError: async (request) => {
      const err = request.error;
      let body: ErrorBody;
      let status: number;
      if (err instanceof AppError) {
        let entry: ErrorEntry | undefined = answers.get(err.code);
        if (!entry) {
          const undeclared = { code: err.code, functionName: declaration.functionName };
          if (strictDeclarations()) {
            log.error('refused with an error code the endpoint does not declare', { ...undeclared, error: err });
            const loud = KERNEL_ERRORS.UNDECLARED_ERROR;
            errorCodes.set(request.event, loud.code);
            request.response = json(loud.status, {
              error: { code: loud.code, message: `接口 ${declaration.functionName} 未声明错误码 ${err.code}（${err.message}）` },
            } satisfies ErrorBody);
            return;
          }
          log.error('refused with an error code the endpoint does not declare', undeclared);
          entry = err.entry;
        }
        if (entry) {
          status = entry.status;
          body = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
          if (status >= 500) log.error('refused with server error', { code: err.code, error: err.cause ?? err });
        } else {
          status = 500;
          body = { error: { code: 'INTERNAL', message: KERNEL_ERRORS.INTERNAL.message } };
          log.error('refused with an error code of no catalogue', { code: err.code, error: err });
        }
      } else {
        status = 500;
        body = { error: { code: 'INTERNAL', message: KERNEL_ERRORS.INTERNAL.message } };
        log.error('unhandled error', { code: 'INTERNAL', error: err });
      }
      errorCodes.set(request.event, body.error.code);
      request.response = json(status, body);
    },
  };
}

/**
 * One access line per request, written when the answer is ready: the route (its template, never
 * the path or query, which may carry what a member typed), status, duration and error code. No
 * address, openid, token or body: personal data stays out of the logs (API Gateway's own access
 * log keeps the source address, as the Cybersecurity Law asks).
 */
function accessLog(started: number, event: APIGatewayProxyEventV2, response: APIGatewayProxyResultV2 | undefined): void {
  const status = typeof response === 'object' && response ? (response.statusCode ?? 200) : 200;
  const fields = { status, durationMs: Date.now() - started, code: errorCodes.get(event) ?? null };
  if (status >= 500) log.error('request', fields);
  else log.info('request', fields);
}

/** What a handler's use case is given: the event, its dependencies, and the request as declared. */
export interface EndpointInput<D, E> {
  event: APIGatewayProxyEventV2;
  deps: D;
  /** The body, checked against the declaration's schema (undefined when it declares none). */
  body: BodyOf<E>;
  /** The query string, checked against the declaration's schema (undefined when it declares none). */
  query: QueryOf<E>;
  /** The caller's openid from their session (undefined for a public endpoint, and for a visitor without one). */
  openid: E extends { auth: 'public' } ? undefined : E extends { auth: 'visitor' } ? string | undefined : string;
}

/** What an endpoint's dependencies must hold: the session tokens, unless it is public. */
export type DepsOf<E> = E extends { auth: 'public' } ? object : { tokens: Pick<Tokens, 'verifySession'> };

/**
 * A Lambda entry point built from its endpoint's declaration (its capability's contracts): loads its
 * dependencies (built once per container by `deps`), checks the body against the declared schema,
 * the session (unless public), then the query, runs the use case and answers JSON; errors go through
 * errorResponses(). Each entry point names only the dependencies it needs, so its bundle carries
 * nothing else.
 */
export function endpoint<const E extends EndpointDeclaration, D extends DepsOf<E>>(
  declaration: E,
  spec: { deps: () => Promise<D> },
  run: (input: EndpointInput<D, E>) => Promise<ResponseOf<E>>,
) {
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(errorResponses(declaration))
    .handler(async (event) => {
      const deps = await spec.deps();
      const bodySchema = declaration.request?.body;
      const body = (bodySchema ? parseBody(event, bodySchema) : undefined) as BodyOf<E>;
      const anonymous = declaration.auth === 'public' || (declaration.auth === 'visitor' && header(event, 'authorization') === undefined);
      const openid = (
        anonymous ? undefined : await authenticate(event, deps as { tokens: Pick<Tokens, 'verifySession'> })
      ) as EndpointInput<D, E>['openid'];
      const querySchema = declaration.request?.query;
      const query = (querySchema ? parseQuery(event, querySchema) : undefined) as QueryOf<E>;
      const result = await run({ event, deps, body, query, openid });
      const response = json(statuses.get(event) ?? 200, result);
      const fileName = downloads.get(event);
      if (fileName) response.headers = { ...response.headers, 'content-disposition': `attachment; filename="${fileName}"` };
      return response;
    });
  // Every line written while serving the request carries its Lambda request id and route.
  return (event: APIGatewayProxyEventV2, context: Context) =>
    withLogContext({ requestId: context?.awsRequestId ?? 'unknown', route: event.routeKey }, async () => {
      const started = Date.now();
      const response = await handler(event, context);
      accessLog(started, event, response);
      return response;
    });
}
