import { pointAtTestStack } from '../support/stack-env';
import type { Deps } from '../../functions/membership/services/ports';
import type { Org } from '../../functions/membership/domain/types';
import { makeIdNumber, makePhone } from '../support/ids';

/**
 * Points the functions' data layer at the DynamoDB Local that tests/setup/dynamodb.ts started, and
 * builds a small org tree of the test's own (unique ids), so test files can run side by side.
 */
export async function integrationDeps(): Promise<Deps> {
  pointAtTestStack();
  const { productionDeps } = await import('../../functions/membership/services/deps');
  return productionDeps();
}

export interface TestTree {
  province: Org;
  city: Org;
  union: Org;
}

export async function createTree(deps: Deps, tag: string, regionCode = '01'): Promise<TestTree> {
  const province: Org = { id: `${tag}-p`, name: `测试省总工会${tag}`, parentId: null, kind: 'province', regionCode: null, workUnit: null, path: [`${tag}-p`] };
  const city: Org = { id: `${tag}-c`, name: `测试市总工会${tag}`, parentId: province.id, kind: 'city', regionCode, workUnit: null, path: [province.id, `${tag}-c`] };
  const union: Org = {
    id: `${tag}-g`,
    name: `测试公司工会${tag}`,
    parentId: city.id,
    kind: 'grassroots',
    regionCode: null,
    workUnit: `测试公司${tag}`,
    path: [province.id, city.id, `${tag}-g`],
  };
  for (const org of [province, city, union]) await deps.orgs.createIfAbsent(org);
  return { province, city, union };
}

export interface TestMember {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  orgId: string;
}

export async function createMember(
  deps: Deps,
  orgId: string,
  options: { sex?: 'male' | 'female'; name?: string } = {},
): Promise<TestMember> {
  const entry = {
    name: options.name ?? '林小海',
    idNumber: makeIdNumber(options.sex ?? 'male'),
    phone: makePhone(),
    orgId,
  };
  const { outcome, id } = await deps.roster.createIfAbsent(entry, deps.idCrypto, new Date());
  if (outcome !== 'created') throw new Error(`test member not created: ${outcome}`);
  return { ...entry, id };
}

/** A fresh WeChat account, logged in through the development adapter. */
let accounts = 0;
export async function loggedIn(deps: Deps, label = 'u'): Promise<string> {
  accounts += 1;
  const name = `${label}${Date.now().toString(36)}${process.pid.toString(36)}${accounts}`;
  const { login } = await import('../../functions/membership/services/login');
  await login(deps, `dev:${name}`);
  return `dev-${name}`;
}

/** The use cases under test, loaded after integrationDeps() has configured the data layer. */
export async function useCases() {
  const [binding, membership, verification] = await Promise.all([
    import('../../functions/membership/services/binding'),
    import('../../functions/membership/services/membership'),
    import('../../functions/membership/services/card-verification'),
  ]);
  return {
    bindMember: binding.bindMember,
    getMe: membership.getMe,
    getCard: membership.getCard,
    verifyCard: verification.verifyCard,
  };
}

export type UseCases = Awaited<ReturnType<typeof useCases>>;

/** Per test file: the data layer, an org tree of its own (card region `regionCode`) and the use cases. */
export async function integrationSetup(tag: string, regionCode: string) {
  const deps = await integrationDeps();
  const tree = await createTree(deps, `${tag}${Date.now().toString(36)}`, regionCode);
  return { deps, tree, ...(await useCases()) };
}
