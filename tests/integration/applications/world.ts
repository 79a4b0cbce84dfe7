import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import type { JoinForm } from '../../../functions/applications/contracts/applications';
import type { Deps } from '../../../functions/applications/services/ports';
import type { Org, StoredRole } from '../../../functions/membership/domain/types';
import type { Deps as MembershipDeps } from '../../../functions/membership/services/ports';
import { integrationDeps } from '../context';
import { makeIdNumber, makePhone } from '../../support/ids';

/**
 * Applications on DynamoDB Local: an org tree of the test file's own (a province; 海口 with card
 * region 01 and two grassroots unions, 三亚 with 02 and one), officials of each org, an admin, bound
 * members and unbound accounts, and the use cases loaded once the data layer is configured.
 */
export type Unions = 'bus' | 'food' | 'hotel';

export interface ApplicationWorld {
  membership: MembershipDeps;
  deps: Deps;
  tag: string;
  province: Org;
  haikou: Org;
  sanya: Org;
  unions: Record<Unions, Org>;
  officials: Record<'province' | 'haikou' | 'sanya' | Unions, string>;
  admin: string;
  uc: Awaited<ReturnType<typeof applicationUseCases>>;
}

export async function applicationUseCases() {
  const [submit, review, reading, orgs, membership] = await Promise.all([
    import('../../../functions/applications/services/submit'),
    import('../../../functions/applications/services/review'),
    import('../../../functions/applications/services/reading'),
    import('../../../functions/applications/services/orgs'),
    import('../../../functions/membership/services/membership'),
  ]);
  return { ...submit, ...review, ...reading, ...orgs, getMe: membership.getMe };
}

let sequence = 0;
const next = (label: string, tag: string) => `${label}-${tag}-${(sequence += 1)}`;

export async function account(world: Pick<ApplicationWorld, 'membership' | 'tag'>, label: string, roles: StoredRole[] = []): Promise<string> {
  const openid = next(label, world.tag);
  await world.membership.accounts.createIfAbsent({ openid, roles }, new Date());
  return openid;
}

export async function applicationWorld(label: string): Promise<ApplicationWorld> {
  const membership = await integrationDeps();
  const { productionDeps } = await import('../../../functions/applications/services/deps');
  const deps = await productionDeps();
  const tag = `${label}${Date.now().toString(36)}${process.pid.toString(36)}`;
  const org = (key: string, name: string, parent: Org | null, kind: Org['kind'], regionCode: string | null = null): Org => ({
    id: `${tag}-${key}`,
    name: `${name}${tag}`,
    parentId: parent?.id ?? null,
    kind,
    regionCode,
    workUnit: kind === 'grassroots' ? `${name.replace(/工会$/, '')}${tag}` : null,
    path: [...(parent?.path ?? []), `${tag}-${key}`],
  });
  const province = org('p', '测试省总工会', null, 'province');
  const haikou = org('hk', '测试海口市总工会', province, 'city', '01');
  const sanya = org('sy', '测试三亚市总工会', province, 'city', '02');
  const unions = {
    bus: org('bus', '测试椰城公交公司工会', haikou, 'grassroots'),
    food: org('food', '测试椰香食品公司工会', haikou, 'grassroots'),
    hotel: org('hotel', '测试鹿岭酒店工会', sanya, 'grassroots'),
  };
  for (const o of [province, haikou, sanya, ...Object.values(unions)]) await membership.orgs.createIfAbsent(o);
  const base = { membership, tag };
  const officials = {
    province: await account(base, 'off-p', [{ type: 'official', orgId: province.id }]),
    haikou: await account(base, 'off-hk', [{ type: 'official', orgId: haikou.id }]),
    sanya: await account(base, 'off-sy', [{ type: 'official', orgId: sanya.id }]),
    bus: await account(base, 'off-bus', [{ type: 'official', orgId: unions.bus.id }]),
    food: await account(base, 'off-food', [{ type: 'official', orgId: unions.food.id }]),
    hotel: await account(base, 'off-hotel', [{ type: 'official', orgId: unions.hotel.id }]),
  };
  const admin = await account(base, 'admin', [{ type: 'admin' }]);
  return { membership, deps, tag, province, haikou, sanya, unions, officials, admin, uc: await applicationUseCases() };
}

export interface BoundMember {
  openid: string;
  memberId: string;
  phone: string;
  idNumber: string;
}

/** A roster member of `orgId` bound to a fresh account (with a card, when `withCard`). */
export async function boundMember(world: ApplicationWorld, orgId: string, options: { withCard?: boolean } = {}): Promise<BoundMember> {
  const m = world.membership;
  const entry = { name: '林小海', idNumber: makeIdNumber(), phone: makePhone(), orgId };
  const created = await m.roster.createIfAbsent(entry, m.idCrypto, new Date());
  if (created.outcome !== 'created') throw new Error(`test member not created: ${created.outcome}`);
  const openid = await account(world, 'member');
  const member = await m.roster.get(created.id);
  if (!member) throw new Error('test member vanished');
  await m.roster.bind({ openid, member, now: new Date() });
  if (options.withCard) await world.uc.getMe(m, openid); // GET /api/me issues the card
  return { openid, memberId: created.id, phone: entry.phone, idNumber: entry.idNumber };
}

export { devPhone, joinForm } from '../../support/join-form';

/** The phone a join form's development phone code stands for. */
export const phoneOf = (form: Pick<JoinForm, 'phoneCode'>) => form.phoneCode.replace(/^dev-phone:/, '');

/** A roster member (not bound) who holds `phone` from now on: the phone was free when a join was filed. */
export async function memberHolding(world: ApplicationWorld, orgId: string, phone: string): Promise<string> {
  const m = world.membership;
  const created = await m.roster.createIfAbsent({ name: '符小梅', idNumber: makeIdNumber(), phone, orgId }, m.idCrypto, new Date());
  if (created.outcome !== 'created') throw new Error(`test member not created: ${created.outcome}`);
  return created.id;
}

/** The deps with another clock (to file applications "in the past" and see them overdue). */
export const at = (deps: Deps, iso: string): Deps => ({ ...deps, now: () => new Date(iso) });

export const rawClient = () =>
  new DynamoDB({ endpoint: inject('dynamodbEndpoint'), region: 'cn-northwest-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

export const rawItem = async (table: string, key: Record<string, { S: string }>) =>
  (await rawClient().getItem({ TableName: `${inject('tablePrefix')}${table}`, Key: key, ConsistentRead: true })).Item ?? null;
