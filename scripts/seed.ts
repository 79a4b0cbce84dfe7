/**
 * Seeds the demo data (demo/demo-data.json) through the same data layer the functions use, so ID
 * numbers are encrypted and phone numbers claimed exactly as in production. Idempotent: it only
 * creates what is absent and never overwrites what members or officials have changed since.
 *
 * Reads STAGE, TABLE_PREFIX, DYNAMODB_ENDPOINT and LOCAL_SECRETS_FILE from the environment; run by
 * scripts/lib/seed-child.ts for `npm start` and the api/e2e test tiers.
 */
import type { Org } from '../functions/membership/domain/types';
import { demoBenefitRequest, loadDemoData, type DemoData } from './lib/demo-data';

export interface SeedReport {
  created: number;
  skipped: number;
}

/** Root-to-self id paths of every org, from the parent links. */
export function orgPaths(orgs: DemoData['orgs']): Map<string, string[]> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const paths = new Map<string, string[]>();
  const walk = (id: string, seen: Set<string>): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const org = byId.get(id);
    if (!org) throw new Error(`unknown org ${id}`);
    if (seen.has(id)) throw new Error(`cycle in the org tree at ${id}`);
    seen.add(id);
    const result = org.parentId ? [...walk(org.parentId, seen), id] : [id];
    paths.set(id, result);
    return result;
  };
  for (const org of orgs) walk(org.id, new Set());
  return paths;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<boolean>): Promise<SeedReport> {
  const report = { created: 0, skipped: 0 };
  for (let i = 0; i < items.length; i += size) {
    const results = await Promise.all(items.slice(i, i + size).map(run));
    for (const created of results) created ? (report.created += 1) : (report.skipped += 1);
  }
  return report;
}

export async function seedDemoData(data: DemoData = loadDemoData()): Promise<SeedReport> {
  // Imported here: the data layer reads its configuration from the environment when loaded.
  const { productionDeps } = await import('../functions/membership/services/deps');
  const deps = await productionDeps();
  const now = new Date();
  const paths = orgPaths(data.orgs);

  const total: SeedReport = { created: 0, skipped: 0 };
  const add = (r: SeedReport) => {
    total.created += r.created;
    total.skipped += r.skipped;
  };

  add(
    await inBatches(data.orgs, 20, (o) => {
      const org: Org = {
        id: o.id,
        name: o.name,
        parentId: o.parentId,
        kind: o.kind,
        regionCode: o.regionCode,
        workUnit: o.workUnit ?? null,
        path: paths.get(o.id) as string[],
      };
      return deps.orgs.createIfAbsent(org);
    }),
  );
  add(await inBatches(data.merchants, 20, (m) => deps.merchants.createIfAbsent({ ...m, status: m.status ?? 'active', agreements: m.agreements ?? [] })));
  // Merchants seeded before agreements existed get the demo's (so the demo benefits' merchants stay usable).
  const { addMerchantContact, signUnsignedMerchant } = await import('../functions/membership/data/merchant-store');
  await inBatches(data.merchants, 20, (m) => signUnsignedMerchant(m.id, m.agreements ?? []));
  // …and those seeded before contacts existed get their address, phone and place on the map.
  await inBatches(data.merchants, 20, async (m) => (m.contact ? addMerchantContact(m.id, m.contact) : false));
  add(
    await inBatches(data.members, 20, async (m) => {
      const { outcome } = await deps.roster.createIfAbsent(m, deps.idCrypto, now);
      if (outcome === 'phone-in-use') console.warn(`seed: phone of roster member ${m.id} is held by another member`);
      return outcome === 'created';
    }),
  );
  // Members seeded before every writer wrote an ID guard get theirs, and the roster is marked
  // complete: the roster import then finds members by ID number from the guards alone.
  const { backfillIdGuards } = await import('../functions/membership/data/roster-maintenance');
  const backfill = await backfillIdGuards();
  if (!backfill.complete) console.warn(`seed: ${backfill.conflicts.length} roster members share an ID number with another member`);
  add(
    await inBatches(data.accounts, 10, async (a) => {
      const created = await deps.accounts.createIfAbsent({ openid: a.openid, roles: a.roles }, now);
      if (a.memberId) {
        const account = await deps.accounts.get(a.openid);
        const member = await deps.roster.get(a.memberId);
        if (account && member && account.memberId === null && member.openid === null) {
          await deps.roster.bind({ openid: a.openid, member, now });
        }
      }
      return created;
    }),
  );
  // The officials index of accounts seeded before it existed (kept with the roles from then on).
  const { reindexOfficials } = await import('../functions/membership/data/official-store');
  await reindexOfficials({ openids: data.accounts.map((a) => a.openid), now });
  // 普惠 benefits: windows counted from now, then published (and ended) as the demo data says.
  const { productionDeps: benefitDeps } = await import('../functions/benefits/services/deps');
  const { seedDemoBenefit } = await import('../functions/benefits/services/demo');
  const { benefits } = await benefitDeps();
  add(
    await inBatches(data.benefits, 5, (b) =>
      seedDemoBenefit(benefits, { id: b.id, status: b.status, request: demoBenefitRequest(b, now), org: { id: b.orgId, path: paths.get(b.orgId) as string[] } }, now),
    ),
  );
  // 工会业务: demo applications (e.g. a transfer waiting at its first step), filed through the use case.
  const { productionDeps: applicationDeps } = await import('../functions/applications/services/deps');
  const { seedDemoApplication, seedDemoCampaign } = await import('../functions/applications/services/demo');
  const appDeps = await applicationDeps();
  // 补贴: the demo campaigns, open from the moment of seeding.
  add(await inBatches(data.campaigns ?? [], 1, (c) => seedDemoCampaign(appDeps, c, now)));
  add(await inBatches(data.applications ?? [], 1, (a) => seedDemoApplication(appDeps, a, now)));
  // 答题抽奖 and 报名抽签 (demo/demo-draws.json): one instant draw open today, one scheduled draw drawn.
  const { seedDemoDraws } = await import('./lib/seed-draws');
  const draws = await seedDemoDraws(data, now);
  add({ created: draws, skipped: draws === 0 ? 1 : 0 });
  // 职工驿站 (demo/demo-stations.json): 20 stations across 海口 and 三亚.
  const { seedDemoStations } = await import('./lib/seed-stations');
  const stations = await seedDemoStations(now);
  add({ created: stations, skipped: stations === 0 ? 1 : 0 });
  // 困难帮扶 (demo/demo-hardship.json): 2026 低保 standards (demo figures), two household files, one case in 公示.
  const { seedDemoHardship } = await import('./lib/seed-hardship');
  const hardship = await seedDemoHardship(data, now);
  add({ created: hardship, skipped: hardship === 0 ? 1 : 0 });
  return total;
}
