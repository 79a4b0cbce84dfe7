/**
 * Keys of the hardship table (partition `pk`, sort `sk`; index byList: `list`, `listKey`). One table
 * for the capability's few kinds of item:
 *   std#<year> / <regionCode>          a city's 低保 standard for a year           (list std, <year>#<region>)
 *   draft#<memberId> / draft           a member's draft (ID numbers encrypted)
 *   case#<id> / case                   a case: the engine's application and the form (list case, <createdAt>#<id>)
 *   open#<householdKey> / open         the household's one open case (owner: case id)
 *   file#<fileId> / file               一户一档 (list file, <fileId>)
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
};
