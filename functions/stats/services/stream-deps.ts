import { orgStore } from '../../membership';
import { statsStore } from '../data/stats-store';
import { cachedOrgPaths } from './org-paths';
import type { StreamDeps } from './ports';

/** Org paths are read at most every 10 minutes per container (they never change; new orgs show within that). */
export const ORG_PATH_CACHE_MS = 10 * 60_000;

let streamDepsValue: StreamDeps | undefined;

/** The stream handler's side effects (no secrets needed: it reads orgs and writes the stats table). */
export function streamDeps(): StreamDeps {
  streamDepsValue ??= { stats: statsStore, orgPaths: cachedOrgPaths(orgStore, ORG_PATH_CACHE_MS), now: () => new Date() };
  return streamDepsValue;
}
