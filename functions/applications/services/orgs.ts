import type { OrgSearchResponse } from '../contracts/applications';
import type { Org } from '../../membership';
import type { OrgOnStep } from '../domain/types';
import { actorOf } from './people';
import type { Deps } from './ports';

export const orgOnStep = (org: Org): OrgOnStep => ({ id: org.id, name: org.name, path: org.path });

export const SEARCH_RESULTS = 20;

/** Chinese names are searched by their abbreviations too: 公交 finds 公共交通 (the characters in order). */
function abbreviates(needle: string, name: string): boolean {
  const chars = Array.from(needle);
  if (chars.length < 2) return false;
  let from = 0;
  for (const c of chars) {
    const at = name.indexOf(c, from);
    if (at < 0) return false;
    from = at + c.length;
  }
  return true;
}

/**
 * GET /api/orgs?q=: grassroots unions whose name or work unit contains `q`, or whose name holds its
 * characters in order (an abbreviation). Names starting with `q` first, then containing it, then
 * work units, then abbreviations, each by name; at most 20, each with the federation or industry
 * union above it. The province's grassroots unions (a few thousand at most) are one query of the
 * orgs table's byKind index, cached per container (services/deps.ts), and searched in memory.
 */
export async function searchUnions(deps: Pick<Deps, 'accounts' | 'directory' | 'orgs'>, openid: string, q: string): Promise<OrgSearchResponse> {
  await actorOf(deps, openid);
  const needle = q.trim().toLowerCase();
  const rank = (org: Org) => {
    const name = org.name.toLowerCase();
    if (name.startsWith(needle)) return 0;
    if (name.includes(needle)) return 1;
    if ((org.workUnit ?? '').toLowerCase().includes(needle)) return 2;
    return abbreviates(needle, name) ? 3 : -1;
  };
  const found = (await deps.directory.listByKind('grassroots'))
    .map((org) => ({ org, rank: rank(org) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.org.name.localeCompare(b.org.name, 'zh-CN'))
    .slice(0, SEARCH_RESULTS)
    .map((r) => r.org);
  const parents = await deps.orgs.getMany(found.flatMap((o) => (o.parentId ? [o.parentId] : [])));
  return {
    items: found.map((org) => {
      const parent = org.parentId ? parents.get(org.parentId) : undefined;
      return { id: org.id, name: org.name, workUnit: org.workUnit, parent: parent ? { id: parent.id, name: parent.name } : null };
    }),
  };
}
