/**
 * Keys of the hardship table (partition `pk`, sort `sk`; index byList: `list`, `listKey`). One table
 * for the capability's few kinds of item:
 *   std#<year> / <regionCode>          a city's 低保 standard for a year           (list std, <year>#<region>)
 *   draft#<memberId> / draft           a member's draft (ID numbers encrypted)
 *   case#<id> / case                   a case: the engine's application and the form
 *                                      (list case#open#<l2> while pending, else case#closed#<l2>; key tree(path, createdAt))
 *   mine#<openid> / <createdAt>#<id>   the applicant's cases, newest last (attribute caseId): 我的帮扶
 *   pub#<caseId> / pub                 a case in 公示 with its body (list pub#<l2>, <endDate>#<id>), deleted when it leaves
 *   part#<l2> / part                   a level-2 org some case was filed under (list parts, <l2>): the province's fan-out
 *   open#<householdKey> / open         the household's one open case (owner: case id)
 *   file#<fileId> / file               一户一档 (list file#<l2>, key tree(path, re-check due date));
 *                                      index byDue: recheck#<l2> / <reminder start>#<id> while active,
 *                                      purge#<l2> / <delete after>#<id> once closed
 *   objection#<id> / objection         which case an objection is on
 *   spot#<orgId>#<year> / spot         a city's spot-check draw of a year
 *   stats#<orgId> / counters           the statistics counters of an org's subtree (domain/stats.ts)
 */
export const hardshipKeys = {
  standard: (year: number, regionCode: string) => ({ pk: `std#${year}`, sk: regionCode }),
  draft: (memberId: string) => ({ pk: `draft#${memberId}`, sk: 'draft' }),
  case: (id: string) => ({ pk: `case#${id}`, sk: 'case' }),
  open: (householdKey: string) => ({ pk: `open#${householdKey}`, sk: 'open' }),
  file: (fileId: string) => ({ pk: `file#${fileId}`, sk: 'file' }),
  objection: (id: string) => ({ pk: `objection#${id}`, sk: 'objection' }),
  spot: (orgId: string, year: number) => ({ pk: `spot#${orgId}#${year}`, sk: 'spot' }),
  counters: (orgId: string) => ({ pk: `stats#${orgId}`, sk: 'counters' }),
  mine: (openid: string, createdAt: string, caseId: string) => ({ pk: `mine#${openid}`, sk: `${createdAt}#${caseId}` }),
  publicity: (caseId: string) => ({ pk: `pub#${caseId}`, sk: 'pub' }),
  part: (l2: string) => ({ pk: `part#${l2}`, sk: 'part' }),
};

/**
 * The subtree lists (byList). An official sees their own subtree only, and Hainan's files run to tens
 * of thousands, so a list must not read the province's items and filter them. Each case and file is
 * listed in the partition of its union's level-2 org (the city or county federation, or a provincial
 * industry union: `orgPath[1]`), sorted by the union's whole path and then a time key:
 *   `<province>/<city>/<…>/<union>/!<time>#<id>`
 * so `begins_with(<the official's path>/)` is one Query for any org's subtree ('!' sorts before
 * any id character: an org's own items come before its descendants'). A level-2 partition holds one
 * city's items (a few thousand files), never the province's. A provincial official's list is a
 * fan-out over the level-2 partitions (the `parts` registry, ~25 in Hainan: 19 cities and counties
 * and a few provincial unions), read one after the other in path order, so a page reads only the
 * partitions it needs and the cursor says where the next page starts.
 */
export const treeList = {
  /** The level-2 org of a path (the province itself for a path of one). */
  level2: (path: readonly string[]) => (path[1] ?? path[0]) as string,
  /** The sort-key prefix of an org's subtree. */
  prefix: (path: readonly string[]) => `${path.join('/')}/`,
  key: (path: readonly string[], time: string, id: string) => `${path.join('/')}/!${time}#${id}`,
  file: (l2: string) => `file#${l2}`,
  case: (group: 'open' | 'closed', l2: string) => `case#${group}#${l2}`,
  publicity: (l2: string) => `pub#${l2}`,
  parts: 'parts',
};

/** The daily job's sparse index byDue (`dueList`, `dueKey`) of files, per level-2 org (data/hardship-store.ts dueKeys). */
export const dueIndex = {
  recheck: (l2: string) => `recheck#${l2}`,
  purge: (l2: string) => `purge#${l2}`,
};
