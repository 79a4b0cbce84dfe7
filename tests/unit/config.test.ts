import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../functions/kernel/config';

const base = {
  STAGE: 'prod',
  TABLE_PREFIX: 'hainan-union-prod-',
  WECHAT_APP_ID: 'wx123',
  SECRETS_SSM_PATH: '/hainan-union/prod',
  SECRET_NAMES: 'session-secret',
};

describe('configuration', () => {
  it('reads a production configuration with secrets from SSM', () => {
    const cfg = readConfig({ ...base });
    expect(cfg.wechat.mode).toBe('wechat');
    expect(cfg.secretsSource).toEqual({ kind: 'ssm', path: '/hainan-union/prod/' });
    expect(cfg.secretNames).toEqual(['sessionSecret']);
    expect(cfg.dynamodbEndpoint).toBeNull();
  });

  it('refuses the development WeChat adapter outside the local and test stages', () => {
    expect(() => readConfig({ ...base, WECHAT_MODE: 'dev' })).toThrow(ConfigError);
    expect(() => readConfig({ ...base, STAGE: 'staging', WECHAT_MODE: 'dev' })).toThrow(/refused on stage staging/);
    expect(readConfig({ ...base, STAGE: 'local', WECHAT_MODE: 'dev' }).wechat.mode).toBe('dev');
  });

  it('refuses the development adapter inside a real Lambda even on a stage named local', () => {
    const local = { ...base, STAGE: 'local', WECHAT_MODE: 'dev', AWS_LAMBDA_FUNCTION_NAME: 'hainan-union-local-authLogin' };
    expect(() => readConfig(local)).toThrow(/only runs under serverless-offline/);
    expect(readConfig({ ...local, IS_OFFLINE: 'true' }).wechat.mode).toBe('dev');
  });

  it('refuses a secrets file outside the local and test stages, and missing variables', () => {
    expect(() => readConfig({ ...base, SECRETS_SSM_PATH: '', LOCAL_SECRETS_FILE: '/tmp/s.json' })).toThrow(ConfigError);
    expect(() => readConfig({ ...base, TABLE_PREFIX: '' })).toThrow(/TABLE_PREFIX/);
    expect(() => readConfig({ ...base, WECHAT_APP_ID: '' })).toThrow(/WECHAT_APP_ID/);
    expect(() => readConfig({ ...base, WECHAT_MODE: 'magic' })).toThrow(ConfigError);
  });

  it('needs SECRET_NAMES with SSM, and reads it as the parameters the function may read', () => {
    const { SECRET_NAMES: _unset, ...withoutNames } = base;
    expect(() => readConfig(withoutNames)).toThrow(ConfigError);
    expect(() => readConfig(withoutNames)).toThrow(/SECRET_NAMES is required/);
    expect(readConfig({ ...base, SECRET_NAMES: '' }).secretNames).toEqual([]);
    expect(readConfig({ ...base, SECRET_NAMES: ' session-secret , card-public-jwks,session-secret ' }).secretNames).toEqual(['sessionSecret', 'cardPublicJwks']);
    expect(() => readConfig({ ...base, SECRET_NAMES: 'session-secret,sessionSecret' })).toThrow(/unknown parameter: sessionSecret/);
    // Decrypting needs the previous keys while a rotation is under way: the two go together.
    expect(() => readConfig({ ...base, SECRET_NAMES: 'id-encryption-key' })).toThrow(/granted together/);
    expect(readConfig({ ...base, SECRET_NAMES: 'id-encryption-key,id-encryption-previous-keys' }).secretNames).toHaveLength(2);
    // A secrets file (tests, scripts) without SECRET_NAMES may read everything it holds.
    const local = { ...withoutNames, STAGE: 'test', SECRETS_SSM_PATH: '', LOCAL_SECRETS_FILE: '/tmp/s.json' };
    expect(readConfig(local).secretNames).toBe('all');
    expect(readConfig({ ...local, SECRET_NAMES: 'id-hash-key' }).secretNames).toEqual(['idHashKey']);
  });
});
