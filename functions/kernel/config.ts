import { readFileSync } from 'node:fs';
import { OPTIONAL_SECRETS, previousIdKeys, SECRET_PARAMETER_NAMES, type Secrets } from './secrets';

/** Stages on which the development WeChat adapter (code `dev:<name>`) may run. */
export const DEV_LOGIN_STAGES: readonly string[] = ['local', 'test'];

export interface Config {
  stage: string;
  tablePrefix: string;
  dynamodbEndpoint: string | null;
  region: string;
  /**
   * Object storage (kernel/data/objects.ts): the S3 buckets by purpose — `proofs` from PROOFS_BUCKET;
   * null where a function has none, and the adapter refuses to start without it — and, locally and in
   * tests only, an S3-compatible endpoint (S3_ENDPOINT: s3rver, path-style addressing).
   */
  objects: { buckets: { proofs: string | null }; endpoint: string | null };
  wechat: { mode: 'wechat' | 'dev'; appId: string; apiBase: string };
  secretsSource: { kind: 'ssm'; path: string } | { kind: 'file'; file: string };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigError(`environment variable ${name} is required`);
  return value;
}

/** Reads and checks the environment; throws at start-up rather than on the first request. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const stage = required(env, 'STAGE');
  const mode = env.WECHAT_MODE ?? 'wechat';
  if (mode !== 'wechat' && mode !== 'dev') throw new ConfigError(`WECHAT_MODE must be wechat or dev, not ${mode}`);
  if (mode === 'dev' && !DEV_LOGIN_STAGES.includes(stage)) {
    throw new ConfigError(`the development WeChat adapter is refused on stage ${stage}`);
  }
  // A `serverless deploy` without --stage deploys the default stage (local): inside a real Lambda the
  // dev adapter is refused whatever the stage is called. serverless-offline sets IS_OFFLINE.
  if (mode === 'dev' && env.AWS_LAMBDA_FUNCTION_NAME && env.IS_OFFLINE !== 'true') {
    throw new ConfigError('the development WeChat adapter only runs under serverless-offline');
  }
  const ssmPath = env.SECRETS_SSM_PATH ?? '';
  const secretsFile = env.LOCAL_SECRETS_FILE ?? '';
  let secretsSource: Config['secretsSource'];
  if (ssmPath !== '') secretsSource = { kind: 'ssm', path: ssmPath.endsWith('/') ? ssmPath : `${ssmPath}/` };
  else if (secretsFile !== '' && DEV_LOGIN_STAGES.includes(stage)) secretsSource = { kind: 'file', file: secretsFile };
  else throw new ConfigError('SECRETS_SSM_PATH is required (LOCAL_SECRETS_FILE is only for the local and test stages)');

  return {
    stage,
    tablePrefix: required(env, 'TABLE_PREFIX'),
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT ? env.DYNAMODB_ENDPOINT : null,
    region: env.AWS_REGION ?? 'cn-northwest-1',
    objects: {
      buckets: { proofs: env.PROOFS_BUCKET ? env.PROOFS_BUCKET : null },
      endpoint: env.S3_ENDPOINT ? env.S3_ENDPOINT : null,
    },
    wechat: {
      mode,
      appId: mode === 'wechat' ? required(env, 'WECHAT_APP_ID') : (env.WECHAT_APP_ID ?? ''),
      apiBase: env.WECHAT_API_BASE || 'https://api.weixin.qq.com',
    },
    secretsSource,
  };
}

let cached: Config | undefined;
/** The container's configuration, read once. */
export function config(): Config {
  cached ??= readConfig();
  return cached;
}

function checkSecrets(raw: Partial<Record<keyof Secrets, unknown>>, source: string): Secrets {
  const out = {} as Secrets;
  for (const key of Object.keys(SECRET_PARAMETER_NAMES) as Array<keyof Secrets>) {
    const value = raw[key] ?? (OPTIONAL_SECRETS.has(key) ? '' : undefined);
    if (typeof value !== 'string') throw new ConfigError(`secret ${key} missing from ${source}`);
    out[key] = value;
  }
  for (const key of ['idEncryptionKey', 'idHashKey', 'sessionSecret'] as const) {
    if (Buffer.from(out[key], 'base64').length !== 32) throw new ConfigError(`secret ${key} must be 32 bytes (base64)`);
  }
  for (const key of previousIdKeys(out)) {
    if (Buffer.from(key, 'base64').length !== 32) throw new ConfigError('secret idEncryptionPreviousKeys: each key must be 32 bytes (base64)');
  }
  return out;
}

async function loadFromSsm(path: string, region: string): Promise<Secrets> {
  const { SSMClient, GetParametersByPathCommand } = await import('@aws-sdk/client-ssm');
  const client = new SSMClient({ region });
  const byName: Record<string, string> = {};
  let NextToken: string | undefined;
  do {
    const page = await client.send(new GetParametersByPathCommand({ Path: path, WithDecryption: true, NextToken }));
    for (const p of page.Parameters ?? []) if (p.Name && p.Value !== undefined) byName[p.Name.slice(path.length)] = p.Value;
    NextToken = page.NextToken;
  } while (NextToken);
  const raw: Partial<Record<keyof Secrets, unknown>> = {};
  for (const [key, name] of Object.entries(SECRET_PARAMETER_NAMES)) raw[key as keyof Secrets] = byName[name];
  return checkSecrets(raw, `SSM ${path}`);
}

let secretsPromise: Promise<Secrets> | undefined;
/** The secrets, fetched once per container (SSM in AWS, a JSON file locally). */
export function secrets(): Promise<Secrets> {
  secretsPromise ??= (async () => {
    const source = config().secretsSource;
    if (source.kind === 'file') return checkSecrets(JSON.parse(readFileSync(source.file, 'utf8')), source.file);
    return loadFromSsm(source.path, config().region);
  })();
  secretsPromise.catch(() => {
    secretsPromise = undefined; // let the next request try again
  });
  return secretsPromise;
}
