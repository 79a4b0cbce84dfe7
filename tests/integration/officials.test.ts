import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { StoredRole } from '../../functions/membership/domain/types';
import type { AccountStore, OfficialStore } from '../../functions/membership';
import { ensureTables, tablePrefix } from '../../scripts/lib/tables';

/**
 * Membership's officials index on DynamoDB Local: an org's officials are one query, written with the
 * roles in the account's own transaction (accounts.createIfAbsent, the path of the demo seed and of
 * every writer of roles), for one org or several; an org without officials lists none; a second
 * creation of an existing account writes nothing; and the reindex (`npm run officials:reindex`, and
 * the seed on data from before the index) builds the index from the roles of accounts written
 * without it, removes items whose role the account does not hold, and changes nothing when run again.
 *
 * The full reindex scans whole tables: this file works on tables of its own (stage `officials` of
 * serverless.yml), loading the data layer with that prefix before anything else does.
 */
let accounts: AccountStore;
let officials: OfficialStore;
let store: typeof import('../../functions/membership/data/official-store');
let models: { AccountModel: typeof import('../../functions/membership/data/models/account').AccountModel; OfficialModel: typeof import('../../functions/membership/data/models/official').OfficialModel };

const tag = `off${Date.now().toString(36)}${process.pid.toString(36)}`;
let sequence = 0;
const openid = (label: string) => `${label}-${tag}-${(sequence += 1)}`;
const org = (label: string) => `${tag}-${label}`;
const official = (orgId: string): StoredRole => ({ type: 'official', orgId });
const sorted = (ids: string[]) => [...ids].sort();

beforeAll(async () => {
  const endpoint = inject('dynamodbEndpoint');
  await ensureTables(endpoint, 'officials');
  Object.assign(process.env, {
    STAGE: 'test',
    TABLE_PREFIX: tablePrefix('officials'),
    WECHAT_MODE: 'dev',
    DYNAMODB_ENDPOINT: endpoint,
    LOCAL_SECRETS_FILE: inject('secretsFile'),
    AWS_REGION: 'cn-northwest-1',
    LOG_LEVEL: 'error',
  });
  await import('../../functions/kernel/data/client');
  const membership = await import('../../functions/membership');
  accounts = membership.accountStore;
  officials = membership.officialStore;
  store = await import('../../functions/membership/data/official-store');
  const [{ AccountModel }, { OfficialModel }] = await Promise.all([
    import('../../functions/membership/data/models/account'),
    import('../../functions/membership/data/models/official'),
  ]);
  models = { AccountModel, OfficialModel };
}, 60_000);

describe('the officials of an org', () => {
  it('are listed once their accounts are written with the role; an account may be an official of two orgs', async () => {
    const [haikou, sanya, bus] = [org('hk'), org('sy'), org('bus')];
    const a = openid('off-hk');
    const b = openid('off-hk-sy');
    const c = openid('off-bus');
    expect(await accounts.createIfAbsent({ openid: a, roles: [official(haikou)] }, new Date())).toBe(true);
    expect(await accounts.createIfAbsent({ openid: b, roles: [official(haikou), official(sanya), { type: 'admin' }] }, new Date())).toBe(true);
    expect(await accounts.createIfAbsent({ openid: c, roles: [official(bus), { type: 'clerk', merchantId: 'm1' }] }, new Date())).toBe(true);
    await accounts.createIfAbsent({ openid: openid('admin'), roles: [{ type: 'admin' }] }, new Date());
    await accounts.createIfAbsent({ openid: openid('member'), roles: [] }, new Date());

    expect(sorted(await officials.officialsOf(haikou))).toEqual(sorted([a, b]));
    expect(await officials.officialsOf(sanya)).toEqual([b]);
    expect(await officials.officialsOf(bus)).toEqual([c]);
    // Not the subtree's: an org's own officials only. And an org nobody is an official of: none.
    expect(await officials.officialsOf(org('province'))).toEqual([]);
    expect((await accounts.get(b))?.roles).toEqual([official(haikou), official(sanya), { type: 'admin' }]);
  });

  it('are not changed by a second creation of an existing account (nothing of it is written)', async () => {
    const [food, hotel] = [org('food'), org('hotel')];
    const a = openid('off-food');
    expect(await accounts.createIfAbsent({ openid: a, roles: [official(food)] }, new Date())).toBe(true);
    expect(await accounts.createIfAbsent({ openid: a, roles: [official(hotel)] }, new Date())).toBe(false);
    expect(await officials.officialsOf(food)).toEqual([a]);
    expect(await officials.officialsOf(hotel)).toEqual([]);
    expect((await accounts.get(a))?.roles).toEqual([official(food)]);
  });

  it('many accounts of one org at once: all listed', async () => {
    const school = org('school');
    const ids = Array.from({ length: 12 }, () => openid('off-school'));
    await Promise.all(ids.map((id) => accounts.createIfAbsent({ openid: id, roles: [official(school)] }, new Date())));
    expect(sorted(await officials.officialsOf(school))).toEqual(sorted(ids));
  });
});

describe('the reindex', () => {
  it('indexes accounts written before the index, removes items of roles not held, and is idempotent', async () => {
    const [port, farm, gone] = [org('port'), org('farm'), org('gone')];
    // Accounts as a stage that predates the index holds them: roles without index items.
    const old1 = openid('old-port');
    const old2 = openid('old-port-farm');
    const now = new Date().toISOString();
    await models.AccountModel.create({ openid: old1, roles: [`official:${port}`], createdAt: now });
    await models.AccountModel.create({ openid: old2, roles: [`official:${port}`, `official:${farm}`, 'admin'], createdAt: now });
    // An index item whose account does not hold the role (and one whose account does not exist).
    const stray = openid('stray');
    await models.AccountModel.create({ openid: stray, roles: ['admin'], createdAt: now });
    await models.OfficialModel.create({ orgId: gone, openid: stray, grantedAt: now });
    await models.OfficialModel.create({ orgId: gone, openid: openid('ghost'), grantedAt: now });
    expect(await officials.officialsOf(port)).toEqual([]);

    // The seed's targeted reindex: only the accounts it names.
    expect(await store.reindexOfficials({ openids: [old1, openid('absent')] })).toEqual({ accounts: 1, added: 1, removed: 0 });
    expect(await officials.officialsOf(port)).toEqual([old1]);
    expect(await officials.officialsOf(farm)).toEqual([]);

    // The operator's full reindex (small pages, so that it pages through both tables).
    const full = await store.reindexOfficials({ pageSize: 3 });
    expect(full).toMatchObject({ added: 2, removed: 2 });
    expect(full.accounts).toBeGreaterThanOrEqual(3);
    expect(sorted(await officials.officialsOf(port))).toEqual(sorted([old1, old2]));
    expect(await officials.officialsOf(farm)).toEqual([old2]);
    expect(await officials.officialsOf(gone)).toEqual([]);

    expect(await store.reindexOfficials({ pageSize: 3 })).toMatchObject({ added: 0, removed: 0 });
  });
});
