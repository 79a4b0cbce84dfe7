/**
 * Keys of the stats table (the officials' dashboard). Counters are kept per org
 * for its whole subtree (the org and everything below it), maintained from the DynamoDB Streams of
 * the members and applications tables by ADD updates, never computed on request:
 * - `org#<id>` × `members#all` {total, bound}; × `members#<YYYY-MM>` {joined, left};
 * - `org#<id>` × `apps#all` {<kind>_<status>, decided, decideSeconds, …}; × `apps#<YYYY-MM>`
 *   {filed_<kind>, decided_<kind>, decideSeconds_<kind>}; × `due#<YYYY-MM-DD>` {open}: pending
 *   applications whose open step is due that day (overdue = the days before today);
 * - `mark#<table>#<item key>` × `seq`: the stream sequence number last applied for one source item
 *   (written in the same transaction as its counters, so a retried stream batch adds nothing twice;
 *   expires after 2 days through the table's TTL).
 */
export const statsKeys = {
  org: (orgId: string) => `org#${orgId}`,
  membersAll: 'members#all',
  membersMonth: (month: string) => `members#${month}`,
  applicationsAll: 'apps#all',
  applicationsMonth: (month: string) => `apps#${month}`,
  dueDate: (date: string) => `due#${date}`,
  /** The sort-key range of the due dates from the first to `lastDate` (inclusive). */
  dueThrough: (lastDate: string): [string, string] => ['due#', `due#${lastDate}`],
  mark: (table: string, itemKey: string) => `mark#${table}#${itemKey}`,
  markSort: 'seq',
};
