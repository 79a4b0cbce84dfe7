import type * as z from 'zod/mini';
import { KERNEL_ERRORS, type ErrorEntry } from './errors';

/**
 * One declaration per HTTP endpoint (swarmion's ApiGatewayContract, in plain objects): its function,
 * route, who may call it, its request schemas, its response type and the refusals it may answer.
 * The handler is built from it (kernel/http.ts endpoint()), the mini-program calls through it
 * (src/services/request.ts call()), and tests/unit/endpoints.test.ts proves the serverless
 * configuration routes the same function, method and path. It lives in its capability's contracts/,
 * beside its schemas, and weighs nothing more than they do in the mini-program.
 */

export type Method = 'GET' | 'POST';

/**
 * Who may call an endpoint:
 *   public    anybody: no session is read
 *   visitor   anybody, but a session sent is checked and its account known (browsing 普惠 before
 *             log-in: the same answer as for an unbound account without one)
 *   session   any signed-in WeChat account, bound to a member or not
 *   member    an account bound to a roster member (NOT_BOUND otherwise)
 *   clerk     a partner merchant's clerk (核销员)
 *   official  a union official (工会干部) within their subtree, or a platform admin
 *   admin     a platform admin only
 * endpoint() checks the session of anything but `public` (UNAUTHENTICATED, TOKEN_EXPIRED); the roles
 * are checked by the use case, with its own FORBIDDEN message. Several callers: any of them.
 */
export type Caller = 'public' | 'visitor' | 'session' | 'member' | 'clerk' | 'official' | 'admin';

declare const RESPONSE: unique symbol;

/** The type of a response body, carried by a declaration with no schema and no runtime weight. */
export interface Returns<T> {
  readonly [RESPONSE]?: T;
}

const RETURNS: Returns<never> = Object.freeze({});

/** `response: returns<ClaimResponse>()`. */
export function returns<T>(): Returns<T> {
  return RETURNS as Returns<T>;
}

export interface EndpointDeclaration {
  /** The function's name in the serverless configuration (one function per endpoint). */
  readonly functionName: string;
  readonly method: Method;
  /** API Gateway's route path, `{name}` for a path parameter. */
  readonly path: string;
  readonly auth: Caller | readonly Caller[];
  /** The JSON body and the query string, each checked against its schema (unknown fields refused). */
  readonly request?: { readonly body?: z.ZodMiniType; readonly query?: z.ZodMiniType };
  readonly response: Returns<unknown>;
  /**
   * What the use case refuses with, beyond what the declaration's shape implies already
   * (protocolErrors() below: body, query, path parameters, session, BUSY and INTERNAL).
   */
  readonly errors: ReadonlyArray<ErrorEntry>;
}

/** Declares an endpoint (checked against EndpointDeclaration, every literal kept for the types below). */
export function defineEndpoint<const E extends EndpointDeclaration>(declaration: E): E {
  return declaration;
}

/** Whether `value` looks like a declaration (for the tests that list them). */
export function isEndpoint(value: unknown): value is EndpointDeclaration {
  const v = value as Partial<EndpointDeclaration> | null;
  return !!v && typeof v === 'object' && typeof v.functionName === 'string' && typeof v.path === 'string' && Array.isArray(v.errors);
}

type BodySchemaOf<E> = E extends { request: { body: infer S extends z.ZodMiniType } } ? S : never;
type QuerySchemaOf<E> = E extends { request: { query: infer S extends z.ZodMiniType } } ? S : never;

/** The body as the handler receives it (parsed), `undefined` for an endpoint without one. */
export type BodyOf<E> = [BodySchemaOf<E>] extends [never] ? undefined : z.output<BodySchemaOf<E>>;
/** The body as a client sends it. */
export type BodyInput<E> = [BodySchemaOf<E>] extends [never] ? undefined : z.input<BodySchemaOf<E>>;
/** The query as the handler receives it (parsed), `undefined` for an endpoint without one. */
export type QueryOf<E> = [QuerySchemaOf<E>] extends [never] ? undefined : z.output<QuerySchemaOf<E>>;
/** The query as a client sends it. */
export type QueryInput<E> = [QuerySchemaOf<E>] extends [never] ? undefined : z.input<QuerySchemaOf<E>>;
export type ResponseOf<E> = E extends { response: Returns<infer R> } ? R : never;

/** `{ id: string }` for `/api/benefits/{id}/claims`. */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & PathParams<Rest>
  : unknown;

/** The path with its parameters filled in (each URI-encoded). */
export function pathOf(declaration: Pick<EndpointDeclaration, 'path'>, params: Record<string, string> = {}): string {
  return declaration.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${declaration.path}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

const K = KERNEL_ERRORS;

/**
 * The refusals any endpoint of this shape may answer, declared by the shape itself: a body (too
 * large, not JSON, not of its contract), a query (not of its contract), a path parameter (not one of
 * our ids: not found), a session (missing, invalid or expired); and from every endpoint BUSY (the
 * store's retries ran out) and INTERNAL (anything unexpected).
 */
export function protocolErrors(declaration: EndpointDeclaration): ErrorEntry[] {
  const entries: ErrorEntry[] = [K.BUSY, K.INTERNAL];
  if (declaration.request?.body) entries.push(K.PAYLOAD_TOO_LARGE, K.UNSUPPORTED_MEDIA_TYPE, K.INVALID_JSON, K.INVALID_INPUT);
  if (declaration.request?.query && !entries.includes(K.INVALID_INPUT)) entries.push(K.INVALID_INPUT);
  if (declaration.path.includes('{')) entries.push(K.NOT_FOUND);
  if (declaration.auth !== 'public') entries.push(K.UNAUTHENTICATED, K.TOKEN_EXPIRED);
  return entries;
}

/** Everything an endpoint may answer instead of its response, by code. */
export function answersOf(declaration: EndpointDeclaration): ReadonlyMap<string, ErrorEntry> {
  return new Map([...protocolErrors(declaration), ...declaration.errors].map((entry) => [entry.code, entry]));
}
