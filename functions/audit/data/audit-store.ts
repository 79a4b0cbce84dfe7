import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../kernel/data/client';
import { maskAuditEntry, type AuditActor, type AuditEntry } from '../domain/entry';
import { maskOpenid } from '../../kernel/masking';
import { lazyModel } from '../../kernel/data/lazy-model';

/**
 * The audit trail: every write an official or admin makes appends one entry, IN THE SAME DynamoDB
 * TRANSACTION as the change itself (`auditPut(entry)` is one more item of the caller's
 * TransactWriteItems), so a change without its entry, or an entry without its change, cannot exist.
 *
 * Append-only: entries are put only if their id is new and nothing in the code base updates or
 * deletes them (the functions' IAM grants on the `audit` table are to be PutItem + Query/GetItem
 * only; see serverless.yml › custom.access). Entries pass through `maskAuditEntry`: the actor's
 * openid and an account target's id are masked (4 + 4 kept), and in `before` and `after` ID numbers
 * (2 + 2 kept) and mainland mobile numbers (3 + 4 kept) wherever they occur, openids in fields so named.
 *
 * Reads (`auditStore.list`): an official's subtree is one query of the index of their org's depth
 * (`byOrgL0`…`byOrgL3`, like the applications), an admin's everything one query of `byAll`; newest
 * first by `sortKey` = `<at>#<id>`. The actor and action filters are FilterExpressions (they thin
 * the pages, not the reads), so a page may hold fewer entries than asked and still name a cursor.
 * The entries' type, masking and builders are plain values in ../domain/entry.ts. Other
 * capabilities reach `auditPut` and the builders through functions/audit/index.ts.
 */

/** The org levels with an index of their own (province → city → grassroots → one more). */
export const AUDIT_INDEXED_LEVELS = 4;

export interface AuditItem extends Item {
  id: string;
  at: string;
  /** `<at>#<id>`: the range key of every index, newest first when read descending. */
  sortKey: string;
  /** Constant `all`: the partition of the `byAll` index (admins read everything). */
  stream: string;
  actorOpenid: string;
  actorAs: string;
  actorOrgId?: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel?: string;
  /** The org path as `/root/…/org/`: a filter below the indexed levels (`contains /<orgId>/`). */
  orgPath: string;
  orgL0?: string;
  orgL1?: string;
  orgL2?: string;
  orgL3?: string;
  /** JSON, masked. */
  before: string;
  after: string;
}

const ALL = 'all';

const level = (n: number) => ({
  type: String,
  index: { name: `byOrgL${n}`, type: 'global' as const, rangeKey: 'sortKey', project: true },
});

export const AuditModel = /* @__PURE__ */ lazyModel<AuditItem>(
  'audit',
  () =>
    new dynamoose.Schema({
      id: { type: String, hashKey: true },
      at: { type: String, required: true },
      sortKey: { type: String, required: true },
      stream: { type: String, required: true, index: { name: 'byAll', type: 'global', rangeKey: 'sortKey', project: true } },
      actorOpenid: { type: String, required: true },
      actorAs: { type: String, required: true, enum: ['official', 'admin'] },
      actorOrgId: String,
      action: { type: String, required: true },
      targetType: { type: String, required: true },
      targetId: { type: String, required: true },
      targetLabel: String,
      orgPath: { type: String, required: true },
      orgL0: level(0),
      orgL1: level(1),
      orgL2: level(2),
      orgL3: level(3),
      before: { type: String, required: true },
      after: { type: String, required: true },
    }),
);

function toItem(written: AuditEntry) {
  const entry = maskAuditEntry(written);
  const levels = Object.fromEntries(entry.orgPath.slice(0, AUDIT_INDEXED_LEVELS).map((id, k) => [`orgL${k}`, id]));
  return {
    id: entry.id,
    at: entry.at,
    sortKey: `${entry.at}#${entry.id}`,
    stream: ALL,
    actorOpenid: entry.actor.openid,
    actorAs: entry.actor.as,
    ...(entry.actor.orgId ? { actorOrgId: entry.actor.orgId } : {}),
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    ...(entry.target.label ? { targetLabel: entry.target.label } : {}),
    orgPath: `/${entry.orgPath.join('/')}/`,
    ...levels,
    before: JSON.stringify(entry.before),
    after: JSON.stringify(entry.after),
  };
}

function toEntry(item: AuditItem): AuditEntry {
  return {
    id: item.id,
    at: item.at,
    actor: { openid: item.actorOpenid, as: item.actorAs as AuditActor['as'], orgId: item.actorOrgId ?? null },
    action: item.action,
    target: { type: item.targetType, id: item.targetId, ...(item.targetLabel ? { label: item.targetLabel } : {}) },
    orgPath: item.orgPath.split('/').filter((id) => id !== ''),
    before: JSON.parse(item.before) as unknown,
    after: JSON.parse(item.after) as unknown,
  };
}

/** One element of a dynamoose.transaction([...]) array (a TransactWriteItems item once awaited). */
export type AuditTransactionItem = Parameters<typeof dynamoose.transaction>[0][number];

/**
 * The entry as one Put of the caller's write transaction, with `attribute_not_exists(id)`: an entry
 * is never overwritten. `before`/`after` are masked here, whoever built the entry.
 */
export function auditPut(entry: AuditEntry): AuditTransactionItem {
  return AuditModel.transaction.create(toItem(entry), { overwrite: false });
}

/** Whose trail: everything (admins) or one org's subtree (its path, root first). */
export type AuditScope = { kind: 'all' } | { kind: 'subtree'; orgPath: readonly string[] };

export interface AuditQuery {
  scope: AuditScope;
  /** Only this actor's entries (openid, whole or masked as the entries show it). */
  actor?: string;
  /** Only actions starting with this (`benefit.` or `benefit.status`). */
  actionPrefix?: string;
  /** The `next` of the previous page: entries older than it. */
  after?: string;
  limit: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Where the next page starts (opaque to callers: a `sortKey`), or null at the end. */
  next: string | null;
}

/** Query pages read per list call at most: a rare filter answers a short page with a cursor instead of reading on. */
const MAX_PAGES = 8;

export interface AuditStore {
  get(id: string): Promise<AuditEntry | null>;
  list(query: AuditQuery): Promise<AuditPage>;
}

export const auditStore: AuditStore = {
  async get(id) {
    const item = await AuditModel.get({ id }, { consistent: true });
    return item ? toEntry(item) : null;
  },

  async list({ scope, actor, actionPrefix, after, limit }) {
    let attribute = 'stream';
    let hash = ALL;
    let deepOrg: string | null = null;
    if (scope.kind === 'subtree') {
      const depth = scope.orgPath.length - 1;
      if (depth < 0) throw new Error('audit: an empty org path');
      const lvl = Math.min(depth, AUDIT_INDEXED_LEVELS - 1);
      attribute = `orgL${lvl}`;
      hash = scope.orgPath[lvl] as string;
      // Deeper than the indexed levels: the index holds the ancestor's subtree; keep this org's.
      if (depth >= AUDIT_INDEXED_LEVELS) deepOrg = scope.orgPath[depth] as string;
    }
    const index = attribute === 'stream' ? 'byAll' : `byOrgL${attribute.slice(4)}`;
    const out: AuditEntry[] = [];
    let cursor = after;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      let query = AuditModel.query(attribute).eq(hash).using(index).sort('descending').limit(Math.max(limit + 1, 25));
      if (cursor) query = query.where('sortKey').lt(cursor);
      // Entries keep the actor masked; those written before that keep the whole openid.
      if (actor) query = query.filter('actorOpenid').in([...new Set([maskOpenid(actor), actor])]);
      if (actionPrefix) query = query.filter('action').beginsWith(actionPrefix);
      if (deepOrg) query = query.filter('orgPath').contains(`/${deepOrg}/`);
      const page = await query.exec();
      for (const item of page) {
        // One more than asked tells whether another page follows.
        if (out.length === limit) {
          const last = out[limit - 1] as AuditEntry;
          return { entries: out, next: `${last.at}#${last.id}` };
        }
        out.push(toEntry(item));
      }
      const last = page.lastKey as { sortKey?: string } | undefined;
      if (!last?.sortKey) return { entries: out, next: null };
      cursor = last.sortKey;
    }
    // Read enough for one call (a rare filter): a short page, and where to read on.
    return { entries: out, next: cursor ?? null };
  },
};
