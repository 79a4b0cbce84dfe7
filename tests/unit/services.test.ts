import { describe, expect, it } from 'vitest';
import { createDevWeChatLogin } from '../../functions/kernel/wechat';
import { generateLocalSecrets } from '../../functions/kernel/secrets';
import { createTokens } from '../../functions/kernel/tokens';
import type { Account, Org } from '../../functions/membership/domain/types';
import { login, type LoginDeps } from '../../functions/membership/services/login';
import { regionCodeFor } from '../../functions/membership/services/membership';

const org = (id: string, regionCode: string | null, path: string[]): Org => ({
  id,
  name: `${id} 工会`,
  parentId: path.at(-2) ?? null,
  kind: 'grassroots',
  regionCode,
  workUnit: null,
  path,
});

/** Just enough of the side effects for the log-in use case, in memory. */
function fakeDeps(accounts: Map<string, Account>, orgs: Org[] = []): LoginDeps {
  const secrets = generateLocalSecrets();
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  return {
    wechat: createDevWeChatLogin(),
    tokens: createTokens(secrets.sessionSecret, secrets.cardSigningKey),
    now: () => now,
    accounts: {
      get: async (openid) => accounts.get(openid) ?? null,
      createIfAbsent: async () => false,
      getOrCreate: async (openid, at) => {
        if (!accounts.has(openid)) accounts.set(openid, { openid, memberId: null, roles: [], createdAt: at.toISOString() });
        return accounts.get(openid) as Account;
      },
    },
    orgs: {
      getMany: async (ids) => new Map(orgs.filter((o) => ids.includes(o.id)).map((o) => [o.id, o])),
      createIfAbsent: async () => false,
    },
    merchants: { getMany: async () => new Map(), createIfAbsent: async () => false },
  };
}

describe('log-in use case', () => {
  it('creates the account on first log-in and signs a session for its openid', async () => {
    const accounts = new Map<string, Account>();
    const deps = fakeDeps(accounts);
    const answer = await login(deps, 'dev:wang');
    const now = deps.now();
    expect(accounts.get('dev-wang')?.createdAt).toBe(now.toISOString());
    expect(answer).toMatchObject({ bound: false, roles: [] });
    expect(new Date(answer.expiresAt).getTime() - now.getTime()).toBe(2 * 3600 * 1000);
    expect(await deps.tokens.verifySession(answer.token)).toEqual({ openid: 'dev-wang' });
  });

  it('names the org of an official and drops a role whose org no longer exists', async () => {
    const accounts = new Map<string, Account>([
      [
        'dev-li',
        {
          openid: 'dev-li',
          memberId: 'M1',
          roles: [
            { type: 'official', orgId: 'hk' },
            { type: 'official', orgId: 'gone' },
          ],
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      ],
    ]);
    const answer = await login(fakeDeps(accounts, [org('hk', '01', ['hn', 'hk'])]), 'dev:li');
    expect(answer.bound).toBe(true);
    expect(answer.roles).toEqual([{ type: 'member' }, { type: 'official', orgId: 'hk', orgName: 'hk 工会' }]);
  });
});

describe('card region of a union', () => {
  it('is the nearest code on the path from the union up', () => {
    const orgs = new Map(
      [org('hn', null, ['hn']), org('hk', '01', ['hn', 'hk']), org('ind', '21', ['hn', 'hk', 'ind']), org('g', null, ['hn', 'hk', 'ind', 'g'])].map(
        (o) => [o.id, o],
      ),
    );
    expect(regionCodeFor(['hn', 'hk', 'ind', 'g'], orgs)).toBe('21');
    expect(regionCodeFor(['hn', 'hk'], orgs)).toBe('01');
    expect(regionCodeFor(['hn'], orgs)).toBeNull();
  });
});
