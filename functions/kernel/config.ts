import { readFileSync } from 'node:fs';
import type { GetParametersCommand, GetParametersCommandOutput } from '@aws-sdk/client-ssm';
import { OPTIONAL_SECRETS, previousIdKeys, SECRET_KEYS, SECRET_PARAMETER_NAMES, secretKeyOf, type SecretKey, type Secrets } from './secrets';

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
  /**
   * The parameters this function may read (SECRET_NAMES, e.g. `session-secret,id-hash-key`; empty:
   * none), set per function by the packaging, which grants ssm:GetParameters on exactly these.
   * 'all' only with a secrets file and no SECRET_NAMES (tests, scripts).
   */
  secretNames: readonly SecretKey[] | 'all';
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
  let secretNames: Config['secretNames'];
  if (env.SECRET_NAMES !== undefined) secretNames = parseSecretNames(env.SECRET_NAMES);
  else if (secretsSource.kind === 'file') secretNames = 'all';
  else throw new ConfigError('SECRET_NAMES is required with SECRETS_SSM_PATH: the parameters this function may read, comma-separated (empty for none)');

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
    secretNames,
  };
}

/** SECRET_NAMES → the properties it grants; unknown names and an incomplete ID encryption pair are refused. */
export function parseSecretNames(value: string): SecretKey[] {
  const keys: SecretKey[] = [];
  for (const name of value.split(',').map((n) => n.trim())) {
    if (name === '') continue;
    const key = secretKeyOf(name);
    if (!key) throw new ConfigError(`SECRET_NAMES names an unknown parameter: ${name}`);
    if (!keys.includes(key)) keys.push(key);
  }
  // Decryption needs the previous keys too while a rotation is under way (kernel/credentials.ts).
  if (keys.includes('idEncryptionKey') !== keys.includes('idEncryptionPreviousKeys')) {
    throw new ConfigError('SECRET_NAMES: id-encryption-key and id-encryption-previous-keys are granted together');
  }
  return keys;
}

/**
 * SECRET_NAMES as this code was loaded. serverless-offline (local and test stages) runs every
 * function in one process and assigns each one's environment to process.env before each call, so a
 * read at first use could see another function's; each function's bundle loads right after its own.
 */
const SECRET_NAMES_AT_LOAD = process.env.SECRET_NAMES;

let cached: Config | undefined;
/** The container's configuration, read once. */
export function config(): Config {
  cached ??= readConfig({ ...process.env, SECRET_NAMES: SECRET_NAMES_AT_LOAD });
  return cached;
}


/** What the reader needs of an SSM client (the real SSMClient, or a fake in tests). */
export interface ParameterClient {
  send(command: GetParametersCommand): Promise<Pick<GetParametersCommandOutput, 'Parameters' | 'InvalidParameters'>>;
}

/** GetParameters takes at most this many names per request. */
const SSM_BATCH = 10;

/** A parameter's name, as errors name it (`card-signing-key`). */
const nameOf = (key: SecretKey) => SECRET_PARAMETER_NAMES[key];

/** Checks the parameters read (only those): the 32-byte keys, each previous ID key. */
function checkLoaded(raw: Partial<Record<SecretKey, unknown>>, source: string): Partial<Secrets> {
  const out: Partial<Secrets> = {};
  for (const key of SECRET_KEYS) {
    if (!(key in raw)) continue;
    const value = raw[key];
    if (typeof value !== 'string') throw new ConfigError(`secret ${nameOf(key)} in ${source} is not a string`);
    out[key] = value;
  }
  for (const key of ['idEncryptionKey', 'idHashKey', 'sessionSecret'] as const) {
    const value = out[key];
    if (value !== undefined && Buffer.from(value, 'base64').length !== 32) throw new ConfigError(`secret ${nameOf(key)} must be 32 bytes (base64)`);
  }
  if (out.idEncryptionPreviousKeys !== undefined) {
    for (const key of previousIdKeys({ idEncryptionPreviousKeys: out.idEncryptionPreviousKeys })) {
      if (Buffer.from(key, 'base64').length !== 32) throw new ConfigError('secret id-encryption-previous-keys: each key must be 32 bytes (base64)');
    }
  }
  return out;
}

/** The listed parameters from SSM: GetParameters by exact name (never by path), 10 names a request. */
async function loadFromSsm(path: string, keys: readonly SecretKey[], region: string, client?: ParameterClient): Promise<Partial<Secrets>> {
  if (keys.length === 0) return {};
  const { SSMClient, GetParametersCommand } = await import('@aws-sdk/client-ssm');
  const ssm: ParameterClient = client ?? new SSMClient({ region });
  const byName = new Map<string, string>();
  for (let i = 0; i < keys.length; i += SSM_BATCH) {
    const names = keys.slice(i, i + SSM_BATCH).map((key) => `${path}${nameOf(key)}`);
    const page = await ssm.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
    for (const p of page.Parameters ?? []) if (p.Name && p.Value !== undefined) byName.set(p.Name.slice(path.length), p.Value);
  }
  const raw: Partial<Record<SecretKey, unknown>> = {};
  const missing: string[] = [];
  for (const key of keys) {
    const value = byName.get(nameOf(key));
    if (value !== undefined) raw[key] = value;
    else if (OPTIONAL_SECRETS.has(key)) raw[key] = '';
    else missing.push(nameOf(key));
  }
  if (missing.length > 0) throw new ConfigError(`secret ${missing.join(', ')} missing from SSM ${path}`);
  return checkLoaded(raw, `SSM ${path}`);
}

/** The listed parameters (all the file holds, for 'all') from a local secrets file. */
function loadFromFile(file: string, keys: readonly SecretKey[] | 'all', read: (file: string) => string): Partial<Secrets> {
  const all = JSON.parse(read(file)) as Partial<Record<SecretKey, unknown>>;
  const raw: Partial<Record<SecretKey, unknown>> = {};
  for (const key of keys === 'all' ? SECRET_KEYS : keys) {
    if (all[key] !== undefined) raw[key] = all[key];
    else if (OPTIONAL_SECRETS.has(key)) raw[key] = '';
    else if (keys !== 'all') throw new ConfigError(`secret ${nameOf(key)} missing from ${file}`);
  }
  return checkLoaded(raw, file);
}

export interface SecretReader {
  /** Whether this function may read the parameter (its SECRET_NAMES lists it). */
  granted(key: SecretKey): boolean;
  /** These parameters' values; a ConfigError naming any of them this function may not read. */
  read<K extends SecretKey>(...keys: K[]): Promise<Pick<Secrets, K>>;
}

/**
 * Reads the parameters a function may read: all of them in one go on first use (one GetParameters
 * request for up to 10), kept for the container's life; after a failure the next call tries again.
 * Asking for one not granted fails loudly — a developer forgot to grant it — and never reads it.
 */
export function createSecretReader(
  cfg: Pick<Config, 'secretsSource' | 'secretNames' | 'region'>,
  io: { ssm?: ParameterClient; readFile?: (file: string) => string } = {},
): SecretReader {
  const { secretsSource: source, secretNames: names } = cfg;
  const granted = (key: SecretKey) => names === 'all' || names.includes(key);
  let loaded: Promise<Partial<Secrets>> | undefined;
  const load = () => {
    loaded ??= (async () => {
      if (source.kind === 'file') return loadFromFile(source.file, names, io.readFile ?? ((f) => readFileSync(f, 'utf8')));
      if (names === 'all') throw new ConfigError('SECRET_NAMES is required with SECRETS_SSM_PATH');
      return loadFromSsm(source.path, names, cfg.region, io.ssm);
    })();
    loaded.catch(() => {
      loaded = undefined; // let the next request try again
    });
    return loaded;
  };
  return {
    granted,
    async read<K extends SecretKey>(...keys: K[]) {
      const refused = keys.filter((key) => !granted(key));
      if (refused.length > 0) {
        throw new ConfigError(`secret ${refused.map(nameOf).join(', ')} is not granted to this function: add it to its SECRET_NAMES and IAM role (serverless.yml)`);
      }
      if (keys.length === 0) return {} as Pick<Secrets, K>;
      const values = await load();
      const out = {} as Pick<Secrets, K>;
      for (const key of keys) {
        const value = values[key];
        if (value === undefined) throw new ConfigError(`secret ${nameOf(key)} missing from ${source.kind === 'file' ? source.file : `SSM ${source.path}`}`);
        out[key] = value as Secrets[K];
      }
      return out;
    },
  };
}

let reader: SecretReader | undefined;
const containerReader = () => {
  reader ??= createSecretReader(config());
  return reader;
};

/** These parameters, read once per container (SSM in AWS, a JSON file locally); only those SECRET_NAMES grants. */
export function secretsOf<K extends SecretKey>(...keys: K[]): Promise<Pick<Secrets, K>> {
  return containerReader().read(...keys);
}

/** Whether this function may read the parameter (kernel/credentials.ts builds the ID crypto from what it may). */
export function secretGranted(key: SecretKey): boolean {
  return containerReader().granted(key);
}
