import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GetParametersCommand } from '@aws-sdk/client-ssm';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, createSecretReader, parseSecretNames, type Config, type ParameterClient } from '../../functions/kernel/config';
import { generateLocalSecrets, SECRET_PARAMETER_NAMES, type SecretKey, type Secrets } from '../../functions/kernel/secrets';

const PATH = '/hainan-union/prod/';
const stage = generateLocalSecrets();

/** An SSM that holds the stage's parameters and records every GetParameters request. */
function fakeSsm(values: Partial<Secrets> = stage) {
  const requests: Array<{ Names: string[]; WithDecryption: boolean | undefined }> = [];
  const byName = new Map(Object.entries(values).map(([key, value]) => [`${PATH}${SECRET_PARAMETER_NAMES[key as SecretKey]}`, value]));
  const client: ParameterClient = {
    async send(command: GetParametersCommand) {
      const names = command.input.Names ?? [];
      requests.push({ Names: [...names], WithDecryption: command.input.WithDecryption });
      return {
        Parameters: names.filter((n) => byName.has(n)).map((n) => ({ Name: n, Value: byName.get(n) })),
        InvalidParameters: names.filter((n) => !byName.has(n)),
      };
    },
  };
  return { client, requests };
}

const ssmConfig = (names: string): Pick<Config, 'secretsSource' | 'secretNames' | 'region'> => ({
  secretsSource: { kind: 'ssm', path: PATH },
  secretNames: parseSecretNames(names),
  region: 'cn-northwest-1',
});

async function refusal(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('reading the parameters a function is granted (SSM)', () => {
  it('asks GetParameters for exactly the listed parameters, by name, with decryption, once per container', async () => {
    const ssm = fakeSsm();
    const reader = createSecretReader(ssmConfig('session-secret,id-hash-key'), { ssm: ssm.client });
    expect(await reader.read('sessionSecret')).toEqual({ sessionSecret: stage.sessionSecret });
    expect(await reader.read('idHashKey', 'sessionSecret')).toEqual({ idHashKey: stage.idHashKey, sessionSecret: stage.sessionSecret });
    expect(ssm.requests).toEqual([{ Names: [`${PATH}session-secret`, `${PATH}id-hash-key`], WithDecryption: true }]);
  });

  it('refuses a parameter the function is not granted, naming it, without asking SSM for it', async () => {
    const ssm = fakeSsm();
    const reader = createSecretReader(ssmConfig('session-secret'), { ssm: ssm.client });
    for (const key of ['cardSigningKey', 'couponSigningKey', 'idEncryptionKey', 'wechatAppSecret', 'cardPublicJwks'] as const) {
      const err = await refusal(reader.read(key));
      expect(err.message).toContain(`secret ${SECRET_PARAMETER_NAMES[key]} is not granted`);
      expect(reader.granted(key)).toBe(false);
    }
    expect((await refusal(reader.read('sessionSecret', 'cardSigningKey'))).message).toContain('card-signing-key');
    await reader.read('sessionSecret');
    expect(ssm.requests.flatMap((r) => r.Names)).toEqual([`${PATH}session-secret`]);
  });

  it('reads nothing at all for a function granted nothing', async () => {
    const ssm = fakeSsm();
    const reader = createSecretReader(ssmConfig(''), { ssm: ssm.client });
    expect(await reader.read()).toEqual({});
    await refusal(reader.read('sessionSecret'));
    expect(ssm.requests).toEqual([]);
  });

  it('asks in batches of at most 10 names', async () => {
    const ssm = fakeSsm();
    const all = Object.values(SECRET_PARAMETER_NAMES).join(',');
    const reader = createSecretReader(ssmConfig(all), { ssm: ssm.client });
    expect((await reader.read('couponSigningKey')).couponSigningKey).toBe(stage.couponSigningKey);
    expect(ssm.requests.every((r) => r.Names.length <= 10)).toBe(true);
    expect(ssm.requests.flatMap((r) => r.Names).sort()).toEqual(Object.values(SECRET_PARAMETER_NAMES).map((n) => `${PATH}${n}`).sort());
  });

  it('fails loudly on a granted parameter missing from SSM, reads the optional previous ID keys as empty, and tries again after a failure', async () => {
    const { couponSigningKey: _missing, idEncryptionPreviousKeys: _none, ...rest } = stage;
    const ssm = fakeSsm(rest);
    const reader = createSecretReader(ssmConfig('coupon-signing-key,id-encryption-key,id-encryption-previous-keys'), { ssm: ssm.client });
    expect((await refusal(reader.read('idEncryptionKey'))).message).toMatch(/coupon-signing-key missing from SSM/);
    expect(ssm.requests).toHaveLength(1);
    await refusal(reader.read('idEncryptionKey'));
    expect(ssm.requests).toHaveLength(2); // not cached: the next request tries again

    const ok = createSecretReader(ssmConfig('id-encryption-key,id-encryption-previous-keys'), { ssm: fakeSsm(rest).client });
    expect(await ok.read('idEncryptionKey', 'idEncryptionPreviousKeys')).toEqual({ idEncryptionKey: stage.idEncryptionKey, idEncryptionPreviousKeys: '' });
  });

  it('checks only what it read: a malformed key of another function does not stop this one', async () => {
    const broken = { ...stage, idHashKey: 'dG9vIHNob3J0' };
    const fine = createSecretReader(ssmConfig('session-secret'), { ssm: fakeSsm(broken).client });
    expect(await fine.read('sessionSecret')).toEqual({ sessionSecret: stage.sessionSecret });
    const hashing = createSecretReader(ssmConfig('id-hash-key'), { ssm: fakeSsm(broken).client });
    expect((await refusal(hashing.read('idHashKey'))).message).toMatch(/id-hash-key must be 32 bytes/);
  });
});

describe('reading the parameters from a local secrets file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-reader-'));
  const fileOf = (name: string, values: object) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(values));
    return file;
  };

  it('reads only the listed names, and everything the file holds when SECRET_NAMES is unset', async () => {
    const file = fileOf('all.json', stage);
    const listed = createSecretReader({ secretsSource: { kind: 'file', file }, secretNames: parseSecretNames('session-secret'), region: 'x' });
    expect(await listed.read('sessionSecret')).toEqual({ sessionSecret: stage.sessionSecret });
    expect((await refusal(listed.read('cardSigningKey'))).message).toContain('card-signing-key is not granted');
    const all = createSecretReader({ secretsSource: { kind: 'file', file }, secretNames: 'all', region: 'x' });
    expect(await all.read('cardSigningKey', 'couponSigningKey')).toEqual({ cardSigningKey: stage.cardSigningKey, couponSigningKey: stage.couponSigningKey });
  });

  it('names a listed secret the file lacks, and validates only what it read', async () => {
    const { couponSigningKey: _gone, ...old } = stage;
    const file = fileOf('old.json', { ...old, idHashKey: 'short' });
    const all = createSecretReader({ secretsSource: { kind: 'file', file }, secretNames: 'all', region: 'x' });
    expect((await refusal(all.read('sessionSecret'))).message).toMatch(/id-hash-key must be 32 bytes/);
    const sessionOnly = createSecretReader({ secretsSource: { kind: 'file', file }, secretNames: parseSecretNames('session-secret'), region: 'x' });
    expect(await sessionOnly.read('sessionSecret')).toEqual({ sessionSecret: stage.sessionSecret });
    const couponOnly = createSecretReader({ secretsSource: { kind: 'file', file }, secretNames: parseSecretNames('coupon-signing-key'), region: 'x' });
    expect((await refusal(couponOnly.read('couponSigningKey'))).message).toMatch(/coupon-signing-key missing from/);
  });
});

describe('what a function reads, wired through kernel/credentials.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-wiring-'));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  /** A fresh module graph (a new container) with this environment and only these values in its secrets file. */
  async function container(secretNames: string | undefined, values: Partial<Secrets> = stage) {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(values));
    vi.resetModules();
    vi.stubEnv('STAGE', 'test');
    vi.stubEnv('TABLE_PREFIX', 'unit-');
    vi.stubEnv('WECHAT_MODE', 'dev');
    vi.stubEnv('SECRETS_SSM_PATH', '');
    vi.stubEnv('LOCAL_SECRETS_FILE', file);
    vi.stubEnv('LOG_LEVEL', 'error');
    if (secretNames === undefined) delete process.env.SECRET_NAMES;
    else vi.stubEnv('SECRET_NAMES', secretNames);
    return import('../../functions/kernel/credentials');
  }

  it('checks sessions with session-secret alone; a card or coupon QR then fails naming the missing grant', async () => {
    const { sessionSecret } = stage;
    const { tokensOnDemand } = await container('session-secret', { sessionSecret });
    const tokens = tokensOnDemand();
    const { token } = await tokens.signSession('dev-wang');
    expect(await tokens.verifySession(token)).toEqual({ openid: 'dev-wang' });
    await expect(tokens.signCard('4601011000000420')).rejects.toThrow(/card-signing-key is not granted/);
    await expect(tokens.signCoupon('C1', 'M1')).rejects.toThrow(/coupon-signing-key is not granted/);
    await expect(tokens.verifyCoupon('x.y.z')).rejects.toThrow(/coupon-signing-key is not granted/);
    await expect(tokens.cardJwks()).rejects.toThrow(/card-public-jwks is not granted/);
  });

  it('signs and verifies coupons with coupon-signing-key alone (no card key in the container)', async () => {
    const { sessionSecret, couponSigningKey } = stage;
    const { tokensOnDemand } = await container('session-secret,coupon-signing-key', { sessionSecret, couponSigningKey });
    const tokens = tokensOnDemand();
    const coupon = await tokens.signCoupon('C1', 'M1');
    expect(await tokens.verifyCoupon(coupon.token)).toMatchObject({ couponId: 'C1', memberId: 'M1' });
    await expect(tokens.verifyCard(coupon.token)).rejects.toThrow(/card-signing-key is not granted/);
  });

  it('builds the ID crypto from the ID keys granted: hashing alone, or nothing', async () => {
    const { idHashKey } = stage;
    const hashing = await (await container('id-hash-key', { idHashKey })).productionIdCrypto();
    expect(hashing.hash('11010519491231002X')).toMatch(/^[\w-]{43}$/);
    expect(() => hashing.encrypt('11010519491231002X', 'M1')).toThrow(/id-encryption-key is not granted/);
    expect(() => hashing.decrypt('k.a.b.c', 'M1')).toThrow(/id-encryption-key is not granted/);
    expect(() => hashing.currentKeyId).toThrow(/id-encryption-key is not granted/);

    const none = await (await container('session-secret', {})).productionIdCrypto(); // the file holds nothing: nothing is read
    expect(() => none.hash('11010519491231002X')).toThrow(/id-hash-key is not granted/);

    const full = await (await container(undefined)).productionIdCrypto();
    const cipher = full.encrypt('11010519491231002X', 'M1');
    expect(full.decrypt(cipher, 'M1')).toBe('11010519491231002X');
    expect(full.hash('11010519491231002X')).toBe(hashing.hash('11010519491231002X'));
  });

  it('the cards JWKS endpoint needs card-public-jwks only: no private key anywhere in its container', async () => {
    await container('card-public-jwks', { cardPublicJwks: stage.cardPublicJwks });
    const { handler } = await import('../../functions/membership/api/cards-jwks/handler');
    const event = { headers: {}, isBase64Encoded: false, routeKey: 'GET /api/cards/jwks', requestContext: { http: { method: 'GET' } } };
    const response = (await handler(event as unknown as APIGatewayProxyEventV2, { awsRequestId: 'r1' } as Context)) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as { keys: Array<Record<string, unknown>> };
    expect(body).toEqual(JSON.parse(stage.cardPublicJwks));
    expect(response.body).not.toMatch(/"d"/);
  });

  it('the privacy texts need no parameter at all (SECRET_NAMES empty, no secrets file)', async () => {
    await container('', {});
    vi.stubEnv('LOCAL_SECRETS_FILE', join(dir, 'does-not-exist.json'));
    const { handler } = await import('../../functions/privacy/api/privacy-get/handler');
    const event = { headers: {}, isBase64Encoded: false, routeKey: 'GET /api/privacy', requestContext: { http: { method: 'GET' } } };
    const response = (await handler(event as unknown as APIGatewayProxyEventV2, { awsRequestId: 'r2' } as Context)) as { statusCode: number };
    expect(response.statusCode).toBe(200);
  });

  it('refuses to start in SSM mode without SECRET_NAMES', async () => {
    vi.resetModules();
    vi.stubEnv('STAGE', 'prod');
    vi.stubEnv('TABLE_PREFIX', 'p-');
    vi.stubEnv('WECHAT_MODE', 'wechat');
    vi.stubEnv('WECHAT_APP_ID', 'wx1');
    vi.stubEnv('SECRETS_SSM_PATH', PATH);
    delete process.env.SECRET_NAMES;
    const { tokensOnDemand } = await import('../../functions/kernel/credentials');
    await expect(tokensOnDemand().verifySession('x')).rejects.toThrow(/SECRET_NAMES is required/);
  });
});
