import { applicationFigures, groupByItem, memberFigures, type ApplicationImage, type Delta, type MemberImage } from '../domain/deltas';
import type { CounterUpdate } from '../domain/deltas';
import type { OrgPaths } from './ports';

export interface RebuildDeps {
  members: () => AsyncIterable<MemberImage>;
  applications: () => AsyncIterable<ApplicationImage>;
  orgPaths: OrgPaths;
  replace: (items: readonly CounterUpdate[]) => Promise<{ deleted: number; written: number }>;
}

/**
 * Recounts every counter from the members and applications tables (the same `figuresOf` the stream
 * applies record by record) and replaces the counter items with it. For data that predates the
 * streams: a table whose stream was just enabled, or counters to be checked against the tables.
 * Run it while nothing writes members or applications and no stream batch is in flight (a record
 * applied after the scan saw its item would count twice): `npm start` runs it before the API starts
 * when it enabled a stream on a table with data; on AWS, in a maintenance window (README › Statistics).
 */
export async function rebuildCounters(deps: RebuildDeps): Promise<{ members: number; applications: number; deleted: number; written: number }> {
  const deltas: Delta[] = [];
  const members: MemberImage[] = [];
  for await (const m of deps.members()) members.push(m);
  const paths = await deps.orgPaths.pathsOf(members.map((m) => m.orgId));
  for (const m of members) deltas.push(...memberFigures(m, paths.get(m.orgId) ?? null));
  let applications = 0;
  for await (const a of deps.applications()) {
    applications += 1;
    deltas.push(...applicationFigures(a));
  }
  const { deleted, written } = await deps.replace(groupByItem(deltas));
  return { members: members.length, applications, deleted, written };
}
