import { AppError } from '../../functions/kernel/errors';
import type { CreateBenefitRequest } from '../../functions/benefits/contracts/benefits';
import type { Deps as BenefitDeps } from '../../functions/benefits/services/ports';
import type { Deps as MembershipDeps } from '../../functions/membership/services/ports';
import type { Org, StoredRole } from '../../functions/membership/domain/types';
import { integrationDeps } from '../integration/context';
import { createRequestFixture } from './benefits-fixtures';
import { makeIdNumber, makePhone } from './ids';

/**
 * Benefits tests on DynamoDB Local: an org tree of the test's own (a province, three cities with
 * card region codes 01 海口, 02 三亚, 04 儋州, a grassroots union under each), bound members in it,
 * officials, clerks and an admin, and benefits created and published through the use cases.
 */
export interface BenefitWorld {
  membership: MembershipDeps;
  deps: BenefitDeps;
  tag: string;
  province: Org;
  cities: Record<'haikou' | 'sanya' | 'danzhou', Org>;
  unions: Record<'haikou' | 'sanya' | 'danzhou', Org>;
  merchants: { cinema: string; market: string };
  admin: string;
  /** The use cases, loaded once the data layer is configured. */
  uc: BenefitUseCases;
}

/** The benefits use cases (imported after integrationDeps() has set the environment). */
export async function benefitUseCases() {
  const [catalogue, claims, coupons, redemptions, desk] = await Promise.all([
    import('../../functions/benefits/services/catalogue'),
    import('../../functions/benefits/services/claims'),
    import('../../functions/benefits/services/coupons'),
    import('../../functions/benefits/services/redemptions'),
    import('../../functions/benefits/services/desk'),
  ]);
  return { ...catalogue, ...claims, ...coupons, ...redemptions, ...desk };
}
export type BenefitUseCases = Awaited<ReturnType<typeof benefitUseCases>>;

let sequence = 0;
const nextName = (label: string, tag: string) => {
  sequence += 1;
  // A random tail: the audit trail keeps openids masked (first 4 + last 4), which must still tell test accounts apart.
  return `${label}-${tag}-${sequence}-${Math.random().toString(36).slice(2, 6).padEnd(4, '0')}`;
};

export async function benefitWorld(label: string): Promise<BenefitWorld> {
  const membership = await integrationDeps();
  const { productionDeps } = await import('../../functions/benefits/services/deps');
  const deps = await productionDeps();
  const tag = `${label}${Date.now().toString(36)}${process.pid.toString(36)}`;
  const province: Org = { id: `${tag}-p`, name: `测试省总${tag}`, parentId: null, kind: 'province', regionCode: null, workUnit: null, path: [`${tag}-p`] };
  const city = (key: string, name: string, code: string): Org => ({
    id: `${tag}-${key}`,
    name,
    parentId: province.id,
    kind: 'city',
    regionCode: code,
    workUnit: null,
    path: [province.id, `${tag}-${key}`],
  });
  const cities = { haikou: city('hk', '测试海口市总', '01'), sanya: city('sy', '测试三亚市总', '02'), danzhou: city('dz', '测试儋州市总', '04') };
  const union = (c: Org): Org => ({
    id: `${c.id}-g`,
    name: `${c.name}下属公司工会`,
    parentId: c.id,
    kind: 'grassroots',
    regionCode: null,
    workUnit: `${c.name}下属公司`,
    path: [...c.path, `${c.id}-g`],
  });
  const unions = { haikou: union(cities.haikou), sanya: union(cities.sanya), danzhou: union(cities.danzhou) };
  for (const org of [province, ...Object.values(cities), ...Object.values(unions)]) await membership.orgs.createIfAbsent(org);
  const merchants = { cinema: `${tag}-cinema`, market: `${tag}-market` };
  // Both signed by the province: every benefit of the world's tree may name them.
  const signed = [{ orgId: province.id, since: new Date().toISOString() }];
  await membership.merchants.createIfAbsent({ id: merchants.cinema, name: '测试影城', status: 'active', agreements: signed });
  await membership.merchants.createIfAbsent({ id: merchants.market, name: '测试超市', status: 'active', agreements: signed });
  const admin = await account(membership, nextName('admin', tag), [{ type: 'admin' }]);
  return { membership, deps, tag, province, cities, unions, merchants, admin, uc: await benefitUseCases() };
}

/** An account with these roles; returns its openid. */
export async function account(membership: MembershipDeps, openid: string, roles: StoredRole[] = []): Promise<string> {
  await membership.accounts.createIfAbsent({ openid, roles }, new Date());
  return openid;
}

export async function official(world: BenefitWorld, orgId: string): Promise<string> {
  return account(world.membership, nextName('official', world.tag), [{ type: 'official', orgId }]);
}

export async function clerk(world: BenefitWorld, merchantId: string): Promise<string> {
  return account(world.membership, nextName('clerk', world.tag), [{ type: 'clerk', merchantId }]);
}

export interface BoundMember {
  openid: string;
  memberId: string;
  name: string;
}

/** A roster member of `orgId` bound to a fresh account (with `roles`: a member who is also an official). */
export async function boundMember(world: BenefitWorld, orgId: string, name = '林小海', roles: StoredRole[] = []): Promise<BoundMember> {
  const m = world.membership;
  const now = new Date();
  const created = await m.roster.createIfAbsent({ name, idNumber: makeIdNumber(), phone: makePhone(), orgId }, m.idCrypto, now);
  if (created.outcome !== 'created') throw new Error(`test member not created: ${created.outcome}`);
  const openid = await account(m, nextName('member', world.tag), roles);
  const member = await m.roster.get(created.id);
  if (!member) throw new Error('test member vanished');
  await m.roster.bind({ openid, member, now });
  return { openid, memberId: member.id, name };
}

/** Many bound members, created a few at a time (DynamoDB Local is slow on bursts of transactions). */
export async function boundMembers(world: BenefitWorld, orgId: string, count: number): Promise<BoundMember[]> {
  const out: BoundMember[] = [];
  for (let i = 0; i < count; i += 25) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => boundMember(world, orgId)))));
  }
  return out;
}


/** A valid create request: open now for a day, usable for a month, owned by the test province. */
export function benefitRequest(world: BenefitWorld, overrides: Partial<CreateBenefitRequest> = {}): CreateBenefitRequest {
  return createRequestFixture({ orgId: world.province.id, merchantIds: [world.merchants.cinema] }, overrides);
}

/** Creates and publishes a benefit as the admin; returns its id. */
export async function publishedBenefit(world: BenefitWorld, overrides: Partial<CreateBenefitRequest> = {}): Promise<string> {
  const { benefit } = await world.uc.createBenefit(world.deps, world.admin, benefitRequest(world, overrides));
  await world.uc.changeStatus(world.deps, world.admin, benefit.id, 'publish');
  return benefit.id;
}

/** A fresh request id, as the mini-program makes one per tap. */
export const requestId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

/**
 * How a member's claim ends when the app retries BUSY with the same requestId (as the mini-program
 * does): 'created', 'replayed' (200, the same coupon) or the refusal code; `busy` counts the retries.
 */
export async function claimAsTheAppDoes(
  deps: BenefitDeps,
  openid: string,
  benefitId: string,
  rid = requestId(),
): Promise<{ outcome: string; busy: number; couponId: string | null }> {
  const { claimBenefit } = await import('../../functions/benefits/services/claims');
  for (let busy = 0; ; busy += 1) {
    try {
      const result = await claimBenefit(deps, openid, benefitId, rid);
      return { outcome: result.created ? 'created' : 'replayed', busy, couponId: result.response.coupon.id };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code !== 'BUSY' || busy >= 20) return { outcome: err.code, busy, couponId: null };
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

/** Counts of outcomes, e.g. {created: 100, SOLD_OUT: 150}. */
export function tally(outcomes: Array<{ outcome: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { outcome } of outcomes) out[outcome] = (out[outcome] ?? 0) + 1;
  return out;
}
