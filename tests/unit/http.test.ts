import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineEndpoint, returns, type EndpointDeclaration } from '../../functions/kernel/contracts/endpoint';
import { KERNEL_ERRORS } from '../../functions/kernel/contracts/errors';
import { membershipErrors } from '../../functions/membership/contracts/errors';
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

/** A public endpoint that may refuse with `errors` (what the tests below run). */
const declared = (errors: EndpointDeclaration['errors'] = []) =>
  defineEndpoint({ functionName: 'test', method: 'POST', path: '/test', auth: 'public', response: returns<unknown>(), errors });

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
  const call = (run: () => Promise<unknown>, errors: EndpointDeclaration['errors'] = membershipErrors('IDENTITY_NOT_MATCHED')) =>
    http.endpoint(declared(errors), { deps: async () => deps }, run)(event(undefined, {}), { awsRequestId: 'r-1' } as Context) as Promise<{
      statusCode: number;
      body: string;
    }>;

  it('answers an AppError with its status, code and Chinese message', async () => {
    const res = await call(async () => {
      throw new AppError('IDENTITY_NOT_MATCHED');
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toEqual({ code: 'IDENTITY_NOT_MATCHED', message: expect.stringContaining('姓名、身份证号') });
  });

  it('answers anything else with a bare 500 that shows no internals', async () => {
    const res = await call(async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.1:443 at DynamoDB.send (/var/task/index.js:1:2)');
    });
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } });
  });

  describe('a refusal its declaration does not list', () => {
    const stage = process.env.STAGE;
    afterEach(() => {
      if (stage === undefined) delete process.env.STAGE;
      else process.env.STAGE = stage;
    });
    const undeclared = () =>
      call(async () => {
        throw new AppError('SOLD_OUT');
      }, []);

    it('fails loudly in the local and test stages (and with no stage): a 500 naming the code', async () => {
      for (const value of ['local', 'test', undefined]) {
        if (value === undefined) delete process.env.STAGE;
        else process.env.STAGE = value;
        const res = await undeclared();
        expect(res.statusCode, String(value)).toBe(500);
        const { error } = JSON.parse(res.body);
        expect(error.code).toBe('UNDECLARED_ERROR');
        expect(error.message).toContain('test');
        expect(error.message).toContain('SOLD_OUT');
      }
    });

    it('is answered as usual in a deployed stage (and logged)', async () => {
      process.env.STAGE = 'prod';
      await import('../../functions/benefits/contracts/errors'); // SOLD_OUT's catalogue, as a benefits function loads it
      const res = await undeclared();
      expect([res.statusCode, JSON.parse(res.body).error.code]).toEqual([409, 'SOLD_OUT']);
    });

    it('needs no listing of what the shape implies: BUSY and INTERNAL always, body, path and session codes when declared', async () => {
      for (const code of ['INVALID_INPUT', 'BUSY', 'INTERNAL'] as const) {
        const res = await call(async () => {
          throw new AppError(code);
        }, []);
        expect(JSON.parse(res.body).error.code).toBe(code === 'INVALID_INPUT' ? 'UNDECLARED_ERROR' : code); // no body declared
      }
      const withBody = defineEndpoint({
        functionName: 'withBody',
        method: 'POST',
        path: '/test/{id}',
        auth: 'session',
        request: { body: bindingRequest },
        response: returns<unknown>(),
        errors: [],
      });
      const shaped = (code: 'INVALID_INPUT' | 'NOT_FOUND' | 'TOKEN_EXPIRED') =>
        http.endpoint(withBody, { deps: async () => ({ tokens: { verifySession: async () => ({ openid: 'dev-x' }) } }) }, async () => {
          throw new AppError(code);
        })(
          { ...event(JSON.stringify(valid)), headers: { 'content-type': 'application/json', authorization: 'Bearer abc' } } as APIGatewayProxyEventV2,
          { awsRequestId: 'r-3' } as Context,
        ) as Promise<{ body: string }>;
      for (const code of ['INVALID_INPUT', 'NOT_FOUND', 'TOKEN_EXPIRED'] as const) {
        expect(JSON.parse((await shaped(code)).body).error.code).toBe(code);
      }
    });
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

  it('refuses requests without a bearer token to any endpoint but a public one, before running its use case', async () => {
    const ran = vi.fn(async () => ({ ok: true }));
    const session = defineEndpoint({ functionName: 'me', method: 'GET', path: '/me', auth: 'member', response: returns<unknown>(), errors: [] });
    const res = (await http.endpoint(session, { deps: async () => deps }, ran)(event(undefined, { authorization: 'Basic abc' }), {
      awsRequestId: 'r-2',
    } as Context)) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('UNAUTHENTICATED');
    expect(ran).not.toHaveBeenCalled();
  });

  it('hands the use case the openid of the session, the body and the query as declared', async () => {
    const secrets = generateLocalSecrets();
    const tokens = createTokens(secrets.sessionSecret, secrets.cardSigningKey);
    const { token } = await tokens.signSession('dev-wang');
    const z = await import('zod/mini');
    const search = defineEndpoint({
      functionName: 'search',
      method: 'POST',
      path: '/search',
      auth: 'session',
      request: { body: bindingRequest, query: z.strictObject({ q: z.string() }) },
      response: returns<{ openid: string; name: string; q: string }>(),
      errors: [],
    });
    const handler = http.endpoint(search, { deps: async () => ({ tokens }) }, async ({ openid, body, query }) => ({ openid, name: body.name, q: query.q }));
    const req = { ...event(JSON.stringify(valid)), queryStringParameters: { q: '王' } } as APIGatewayProxyEventV2;
    req.headers = { ...req.headers, authorization: `Bearer ${token}` };
    const res = (await handler(req, { awsRequestId: 'r-4' } as Context)) as { statusCode: number; body: string };
    expect(JSON.parse(res.body)).toEqual({ openid: 'dev-wang', name: '王海燕', q: '王' });
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
    const created = http.endpoint(declared(), { deps: async () => ({}) }, async ({ event }) => http.respond(event, 201, { ok: true }));
    const plain = http.endpoint(declared(), { deps: async () => ({}) }, async () => ({ ok: true }));
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
      const res = (await http.endpoint(declared([KERNEL_ERRORS.TOO_MANY_ATTEMPTS]), { deps: async () => ({}) }, run)(req, {
        awsRequestId: 'lambda-req-7',
      } as Context)) as { statusCode: number };
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
