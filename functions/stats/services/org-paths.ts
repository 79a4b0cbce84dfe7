import type { OrgStore } from '../../membership';
import type { OrgPaths } from './ports';

/**
 * Org paths for the stream handler, read through membership's org store and kept per container
 * (`ttlMs`): an org's path never changes once created (orgs are added and renamed, never moved),
 * so the cache only bounds memory and lets a container see an org created after it started.
 */
export function cachedOrgPaths(orgs: Pick<OrgStore, 'getMany'>, ttlMs: number, now: () => number = Date.now): OrgPaths {
  const cache = new Map<string, { path: string[]; until: number }>();
  return {
    async pathsOf(orgIds) {
      const out = new Map<string, string[]>();
      const missing: string[] = [];
      const t = now();
      for (const id of new Set(orgIds)) {
        const hit = cache.get(id);
        if (hit && hit.until > t) out.set(id, hit.path);
        else missing.push(id);
      }
      if (missing.length > 0) {
        for (const [id, org] of await orgs.getMany(missing)) {
          cache.set(id, { path: org.path, until: t + ttlMs });
          out.set(id, org.path);
        }
      }
      return out;
    },
  };
}
