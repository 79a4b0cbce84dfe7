import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindingRequest } from '../../functions/membership/contracts/me';
import { AppError } from '../../functions/kernel/errors';
import { log } from '../../functions/kernel/logger';
import { generateLocalSecrets } from '../../functions/kernel/secrets';
import { createTokens, type Tokens } from '../../functions/kernel/tokens';

let http: typeof import('../../functions/kernel/http');
beforeAll(async () => {
  process.env.LOG_LEVEL = 'error';
  http = await import('../../functions/kernel/http');
});

const event = (body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  ({ body, headers, isBase64Encoded: false, routeKey: 'POST /test' }) as unknown as APIGatewayProxyEventV2;

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'parsed';
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
}

const valid = { name: '王海燕', idNumber: '11010519491231002X', phoneCode: 'dev-phone:13876001001', consent: true };

describe('request bodies', () => {
  it('accepts a body that meets the contract, normalising it', () => {
    const parsed = http.parseBody(
      event(JSON.stringify({ ...valid, name: ' 王海燕 ', idNumber: '11010519491231002x' })),
      bindingRequest,
    );
    expect(parsed).toEqual(valid);
  });

  it('refuses oversize, non-JSON, malformed and unknown-field bodies with their own codes', () => {
    expect(codeOf(() => http.parseBody(event('x'.repeat(17 * 1024)), bindingRequest))).toBe('PAYLOAD_TOO_LARGE');
    expect(codeOf(() => http.parseBody(event(JSON.stringify(valid), { 'content-type': 'text/plain' }), bindingRequest))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(codeOf(() => http.parseBody(event('{"name":'), bindingRequest))).toBe('INVALID_JSON');
    expect(codeOf(() => http.parseBody(event(JSON.stringify({ ...valid, admin: true })), bindingRequest))).toBe('INVALID_INPUT');
    expect(codeOf(() => http.parseBody(event('[]'), bindingRequest))).toBe('INVALID_INPUT');
    expect(codeOf(() => http.parseBody(event(undefined), bindingRequest))).toBe('INVALID_JSON');
  });

  it('names each wrong field in Chinese', () => {
    try {
      http.parseBody(event(JSON.stringify({ name: 42, idNumber: '110105194912310021', phoneCode: 123, extra: 1 })), bindingRequest);
      expect.unreachable();
    } catch (err) {
      const fields = (err as AppError).fields ?? {};
      expect(Object.keys(fields).sort()).toEqual(['consent', 'extra', 'idNumber', 'name', 'phoneCode']);
      for (const message of Object.values(fields)) expect(message).toMatch(/[\u4e00-\u9fa5]/);
      expect(fields.idNumber).toContain('校验位');
      expect(fields.consent).toContain('会员信息授权说明');
    }
  });
});

describe('error responses', () => {
  const deps = { tokens: {} as Tokens };
  const call = (run: () => Promise<unknown>) =>
    http.endpoint({ deps: async () => deps }, run)(event(undefined, {}), { awsRequestId: 'r-1' } as Context);

  it('answers an AppError with its status, code and Chinese message', async () => {
    const res = (await call(async () => {
      throw new AppError('IDENTITY_NOT_MATCHED');
    })) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('IDENTITY_NOT_MATCHED');
  });

  it('answers anything else with a bare 500 that shows no internals', async () => {
    const res = (await call(async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.1:443 at DynamoDB.send (/var/task/index.js:1:2)');
    })) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } });
  });

  it('accepts the bearer scheme in any letter case', async () => {
    const secrets = generateLocalSecrets();
    const tokens = createTokens(secrets.sessionSecret, secrets.cardSigningKey);
    const { token } = await tokens.signSession('dev-wang');
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const openid = await http.authenticate(event(undefined, { Authorization: `${scheme} ${token} ` }), { tokens });
      expect(openid).toBe('dev-wang');
    }
  });

  it('refuses requests without a bearer token', async () => {
    const res = (await http.endpoint({ deps: async () => deps }, async ({ event: e, deps: d }) => http.authenticate(e, d))(
      event(undefined, { authorization: 'Basic abc' }),
      { awsRequestId: 'r-2' } as Context,
    )) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('UNAUTHENTICATED');
  });
});

describe('paths, queries and statuses', () => {
  const withParts = (parts: Partial<APIGatewayProxyEventV2>) =>
    ({ headers: {}, isBase64Encoded: false, routeKey: 'GET /test', ...parts }) as unknown as APIGatewayProxyEventV2;

  it('takes a path id of our shape and calls anything else not found', () => {
    expect(http.pathId(withParts({ pathParameters: { id: 'c_AbC-123' } }))).toBe('c_AbC-123');
    for (const id of ['', '../etc', 'a b', 'x'.repeat(65)]) {
      expect(codeOf(() => http.pathId(withParts({ pathParameters: { id } })))).toBe('NOT_FOUND');
    }
    const ulid = { pattern: /^[0-9A-HJKMNP-TV-Z]{26}$/, notFound: '该申请不存在' };
    expect(codeOf(() => http.pathId(withParts({ pathParameters: { id: 'c_AbC-123' } }), ulid))).toBe('NOT_FOUND');
  });

  it('checks the query string against its contract, unknown parameters refused in Chinese', async () => {
    const z = await import('zod/mini');
    const schema = z.strictObject({ status: z.optional(z.enum(['a', 'b'], { error: '状态不正确' })) });
    expect(http.parseQuery(withParts({ queryStringParameters: { status: 'a' } }), schema)).toEqual({ status: 'a' });
    try {
      http.parseQuery(withParts({ queryStringParameters: { status: 'c', admin: '1' } }), schema);
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).code).toBe('INVALID_INPUT');
      expect((err as AppError).fields).toEqual({ status: '状态不正确', admin: '不支持的查询参数' });
    }
  });

  it('answers with the status a use case chose, 200 otherwise', async () => {
    const created = http.endpoint({ deps: async () => ({}) }, async ({ event }) => http.respond(event, 201, { ok: true }));
    const plain = http.endpoint({ deps: async () => ({}) }, async () => ({ ok: true }));
    const ctx = { awsRequestId: 'r-2' } as Context;
    expect(((await created(withParts({}), ctx)) as { statusCode: number }).statusCode).toBe(201);
    expect(((await plain(withParts({}), ctx)) as { statusCode: number }).statusCode).toBe(200);
  });
});

describe('the access line of each request', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Runs one request through endpoint() at LOG_LEVEL info; every line written, parsed. */
  async function served(run: () => Promise<unknown>, routeKey = 'POST /api/me/binding') {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info';
    try {
      const req = { ...event(undefined, {}), routeKey, rawPath: '/api/me/binding', rawQueryString: 'q=13876001001' } as APIGatewayProxyEventV2;
      const res = (await http.endpoint({ deps: async () => ({}) }, run)(req, { awsRequestId: 'lambda-req-7' } as Context)) as { statusCode: number };
      return { res, lines, entries: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
    } finally {
      process.env.LOG_LEVEL = previous;
    }
  }
  const accessOf = (entries: Array<Record<string, unknown>>) => entries.filter((e) => e.message === 'request');

  it('gives the request id, route, status, duration and no error code for an answer', async () => {
    const { entries } = await served(async () => {
      log.info('use case ran');
      return { ok: true };
    });
    expect(entries.map((e) => e.message)).toEqual(['use case ran', 'request']);
    for (const e of entries) expect(e).toMatchObject({ requestId: 'lambda-req-7', route: 'POST /api/me/binding' });
    const [access] = accessOf(entries);
    expect(access).toMatchObject({ level: 'info', status: 200, code: null });
    expect(access!.durationMs).toEqual(expect.any(Number));
  });

  it('gives the code of a refusal', async () => {
    const { res, entries } = await served(async () => {
      throw new AppError('TOO_MANY_ATTEMPTS');
    });
    expect(res.statusCode).toBe(429);
    expect(accessOf(entries)).toEqual([expect.objectContaining({ level: 'info', status: 429, code: 'TOO_MANY_ATTEMPTS', requestId: 'lambda-req-7' })]);
  });

  it('logs a thrown error as INTERNAL without the ID number, phone or name it carried', async () => {
    const id = '460106199707187236';
    const phone = '15913646173';
    const { res, lines, entries } = await served(async () => {
      throw Object.assign(new Error(`ConditionalCheckFailed for 王海涛 ${id} / ${phone}`), { fields: { idNumber: id, phone }, item: { name: '王海涛' } });
    });
    expect(res.statusCode).toBe(500);
    expect(accessOf(entries)).toEqual([expect.objectContaining({ level: 'error', status: 500, code: 'INTERNAL', route: 'POST /api/me/binding' })]);
    const failure = entries.find((e) => e.message === 'unhandled error');
    expect(failure).toMatchObject({ requestId: 'lambda-req-7', code: 'INTERNAL', error: { name: 'Error' } });
    expect((failure!.error as { message: string }).message).toBe('ConditionalCheckFailed for 王*涛 46**************36 / 159****6173');
    for (const line of lines) for (const raw of [id, phone, '王海涛', '13876001001', '/api/me/binding?']) expect(line).not.toContain(raw);
  });
});
