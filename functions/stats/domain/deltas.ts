/**
 * The dashboard's counters as plain functions of one stored item (a stream record's image).
 *
 * Every figure is state-based: `figuresOf(image)` is what that item contributes to the counters
 * (+1 here, +n there), and a stream record (old image → new image) changes the counters by
 * `figuresOf(new) − figuresOf(old)`. So the counters are always the sum of `figuresOf` over the
 * items as they are now — exactly what a full recount finds — whatever order the records arrive
 * in (ADD commutes), and a member who moves to another union or leaves moves their figures with them.
 *
 * Members, counted for each org on the path of the member's union (the union and every org above):
 * - `members#all` › total: members not left; › bound: of those, bound to a WeChat account;
 * - `members#<month of createdAt>` › joined: members not left whose roster entry dates from that month;
 * - `members#<month left>` › left: members who left (退会) that month (`leftOn`, else `leftAt`).
 * Applications, counted for each org on the path the application is filed under (the officials'
 * queue: the open step's union while pending, the last step reached once closed — `orgL0…orgL3`):
 * - `apps#all` › `<kind>_<status>`; › decided, decideSeconds (approved or rejected: from filing to
 *   the last decision; mean days to decide = decideSeconds ÷ decided ÷ 86,400);
 * - `apps#<month filed>` › filed_<kind>;
 * - `apps#<month decided>` › decided_<kind>, decideSeconds_<kind>;
 * - `due#<date>` › open: pending, its open step due that day (overdue = due before today).
 * Months and dates are in China (Asia/Shanghai).
 */

/** One counter change: ADD `n` to `attribute` of the item (`orgId`, `sk`). */
export interface Delta {
  orgId: string;
  sk: string;
  attribute: string;
  n: number;
}

/** A roster entry as its stream image shows it (the attributes the figures need). */
export interface MemberImage {
  id: string;
  orgId: string;
  openid?: string;
  createdAt: string;
  /** 退会 (member care): `left` from then on, with `leftAt` (when recorded) and `leftOn` (the date it took effect, China). */
  status?: string;
  leftAt?: string;
  leftOn?: string;
}

/** An application as its stream image shows it. */
export interface ApplicationImage {
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  updatedAt?: string;
  /** JSON of the steps (each with status and decidedAt). */
  steps?: string;
  orgL0?: string;
  orgL1?: string;
  orgL2?: string;
  orgL3?: string;
  openDueDate?: string;
}

export const MEMBERS_ALL = 'members#all';
export const APPS_ALL = 'apps#all';
export const membersMonth = (month: string) => `members#${month}`;
export const appsMonth = (month: string) => `apps#${month}`;
export const dueDay = (date: string) => `due#${date}`;

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` in China of an instant (ISO-8601 or epoch ms). */
export function chinaDate(at: string | number | Date): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export const chinaMonth = (at: string | number | Date): string => chinaDate(at).slice(0, 7);

/** Left (退会), as membership reads a roster entry: marked `left` or carrying `leftAt`. */
export const isLeft = (m: MemberImage): boolean => m.status === 'left' || Boolean(m.leftAt);

/** The month a member left in: that of the date it took effect, else of when it was recorded (China). */
export const leftMonth = (m: MemberImage): string | null => (m.leftOn ? m.leftOn.slice(0, 7) : m.leftAt ? chinaMonth(m.leftAt) : null);

/** A member's figures, counted for every org of `path` (its union's path, root first). */
export function memberFigures(m: MemberImage | null, path: readonly string[] | null): Delta[] {
  if (m === null || path === null || path.length === 0) return [];
  const out: Delta[] = [];
  for (const orgId of path) {
    if (isLeft(m)) {
      const month = leftMonth(m);
      if (month) out.push({ orgId, sk: membersMonth(month), attribute: 'left', n: 1 });
      continue;
    }
    out.push({ orgId, sk: MEMBERS_ALL, attribute: 'total', n: 1 });
    if (m.openid) out.push({ orgId, sk: MEMBERS_ALL, attribute: 'bound', n: 1 });
    out.push({ orgId, sk: membersMonth(chinaMonth(m.createdAt)), attribute: 'joined', n: 1 });
  }
  return out;
}

export const DECIDED_STATUSES: readonly string[] = ['approved', 'rejected'];

/** The path an application is filed under, as its item indexes it (orgL0…orgL3, root first). */
export function applicationPath(a: ApplicationImage): string[] {
  const out: string[] = [];
  for (const id of [a.orgL0, a.orgL1, a.orgL2, a.orgL3]) {
    if (!id) break;
    out.push(id);
  }
  return out;
}

/**
 * When a closed application was decided: the latest decision of its approved or rejected steps
 * (a rating or 回访 later changes `updatedAt`, never this); `updatedAt` when the steps say nothing.
 */
export function decidedAt(a: ApplicationImage): string | null {
  if (!DECIDED_STATUSES.includes(a.status)) return null;
  let latest: string | null = null;
  try {
    const steps = JSON.parse(a.steps ?? '[]') as Array<{ status?: string; decidedAt?: string | null }>;
    for (const s of steps) {
      if ((s.status === 'approved' || s.status === 'rejected') && s.decidedAt && (latest === null || s.decidedAt > latest)) latest = s.decidedAt;
    }
  } catch {
    latest = null;
  }
  return latest ?? a.updatedAt ?? null;
}

/** Whole seconds from filing to decision (never negative). */
export function secondsToDecide(a: ApplicationImage): number | null {
  const at = decidedAt(a);
  if (at === null) return null;
  return Math.max(0, Math.round((Date.parse(at) - Date.parse(a.createdAt)) / 1000));
}

/** An application's figures, counted for every org of the path it is filed under. */
export function applicationFigures(a: ApplicationImage | null): Delta[] {
  if (a === null) return [];
  const path = applicationPath(a);
  const seconds = secondsToDecide(a);
  const decidedMonth = seconds === null ? null : chinaMonth(decidedAt(a) as string);
  const out: Delta[] = [];
  for (const orgId of path) {
    out.push({ orgId, sk: APPS_ALL, attribute: `${a.kind}_${a.status}`, n: 1 });
    out.push({ orgId, sk: appsMonth(chinaMonth(a.createdAt)), attribute: `filed_${a.kind}`, n: 1 });
    if (seconds !== null && decidedMonth !== null) {
      out.push({ orgId, sk: APPS_ALL, attribute: 'decided', n: 1 });
      out.push({ orgId, sk: APPS_ALL, attribute: 'decideSeconds', n: seconds });
      out.push({ orgId, sk: appsMonth(decidedMonth), attribute: `decided_${a.kind}`, n: 1 });
      out.push({ orgId, sk: appsMonth(decidedMonth), attribute: `decideSeconds_${a.kind}`, n: seconds });
    }
    if (a.status === 'pending' && a.openDueDate) out.push({ orgId, sk: dueDay(a.openDueDate), attribute: 'open', n: 1 });
  }
  return out;
}

const deltaKey = (d: Pick<Delta, 'orgId' | 'sk' | 'attribute'>) => `${d.orgId}\u0000${d.sk}\u0000${d.attribute}`;

/** `after − before`, summed per counter, zeros left out. */
export function difference(before: readonly Delta[], after: readonly Delta[]): Delta[] {
  const sums = new Map<string, Delta>();
  const add = (d: Delta, sign: number) => {
    const key = deltaKey(d);
    const current = sums.get(key);
    if (current) current.n += sign * d.n;
    else sums.set(key, { ...d, n: sign * d.n });
  };
  for (const d of before) add(d, -1);
  for (const d of after) add(d, 1);
  return [...sums.values()].filter((d) => d.n !== 0);
}

/** One UpdateItem's worth: every attribute to ADD to one counter item. */
export interface CounterUpdate {
  orgId: string;
  sk: string;
  add: Record<string, number>;
}

/** Deltas gathered per counter item (one update each), zero sums left out. */
export function groupByItem(deltas: readonly Delta[]): CounterUpdate[] {
  const items = new Map<string, CounterUpdate>();
  for (const d of deltas) {
    const key = `${d.orgId}\u0000${d.sk}`;
    let item = items.get(key);
    if (!item) items.set(key, (item = { orgId: d.orgId, sk: d.sk, add: {} }));
    item.add[d.attribute] = (item.add[d.attribute] ?? 0) + d.n;
  }
  const out: CounterUpdate[] = [];
  for (const item of items.values()) {
    const add = Object.fromEntries(Object.entries(item.add).filter(([, n]) => n !== 0));
    if (Object.keys(add).length > 0) out.push({ ...item, add });
  }
  return out;
}
