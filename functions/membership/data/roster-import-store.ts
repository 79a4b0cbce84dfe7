import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from 'dynamoose/dist/Item';
import type { IdCrypto } from '../../kernel/id-crypto';
import { batchGetRaw } from '../../kernel/data/batch';
import { ddb, dynamoose } from '../../kernel/data/client';
import { rosterGuardKeys } from './keys';
import { GuardModel } from '../../kernel/data/guard-model';
import { runTransaction, type TransactionItems } from '../../kernel/data/transactions';
import { MemberModel, type MemberItem } from './models/member';
import { newMemberAttributes, toMember } from './roster-store';
import type { RosterMember } from '../domain/types';
import type { ImportedRosterEntry, RosterContactChange, RosterImportStore, RosterLookup } from '../services/ports';

/**
 * The roster import's storage (functions/workbench drives it): reads of many rows at once and writes
 * of many new members per transaction, each member with its two guards.
 *
 * A new member is three items, written together or not at all: the member (a fresh ULID), the phone
 * guard (`phone#…`, only if no member holds the number) and the ID guard (`member#id#<hash>`, only
 * if no member has the ID number; it names the import job and row that wrote it). Up to
 * ROWS_PER_TRANSACTION members go in one TransactWriteItems: it is all or nothing, so a row is never
 * half-written; when a condition fails DynamoDB names the item, that row is handed back as refused
 * and the transaction is tried again without it (the others are unchanged by the failed attempt).
 */
export const ROWS_PER_TRANSACTION = 25;
/** Transactions of one addMany call in flight at once, and index queries of one lookup. */
const TRANSACTIONS_IN_FLIGHT = 4;
const QUERIES_IN_FLIGHT = 32;

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[(next += 1) - 1] as T);
    }),
  );
}

const guardsTable = () => GuardModel.table().name;
const membersTable = () => MemberModel.table().name;

/** Raw reads: projections of many keys at once, without dynamoose's per-item conversion on the import's hot path. */
function batchGet(table: string, keyName: string, keys: string[], attributes?: string[]): Promise<Record<string, AttributeValue>[]> {
  return batchGetRaw(table, [...new Set(keys)].map((k) => ({ [keyName]: { S: k } })), { ...(attributes && { attributes }) });
}

const str = (v: AttributeValue | undefined): string | undefined => (v && 'S' in v ? v.S : undefined);
// Annotated: this module is left out of the bundles of functions that do not import rosters.
const { marshall, unmarshall } = /* @__PURE__ */ dynamoose.aws.converter();

/** A raw member item of a BatchGetItem answer, mapped like every other roster read. */
const memberOfRaw = (item: Record<string, AttributeValue>): RosterMember => toMember(unmarshall(item) as Omit<MemberItem, keyof Item>);

function newMemberItems(entry: ImportedRosterEntry, crypto: IdCrypto, now: Date): TransactionItems {
  // Raw puts of the attributes rosterTransactionItems.create writes (newMemberAttributes), without
  // dynamoose's per-item schema walk on the import's hot path.
  const attributes = newMemberAttributes(entry, crypto, now);
  const idHash = attributes.idHash;
  const member = marshall(attributes);
  const absent = (key: string) => ({ ConditionExpression: `attribute_not_exists(#k)`, ExpressionAttributeNames: { '#k': key } });
  return [
    { Put: { TableName: membersTable(), Item: member, ...absent('id') } },
    { Put: { TableName: guardsTable(), Item: { key: { S: rosterGuardKeys.phone(entry.phone) }, owner: { S: entry.id } }, ...absent('key') } },
    // The guard names the job and row that wrote it: a resumed chunk recognises its own rows.
    {
      Put: {
        TableName: guardsTable(),
        Item: { key: { S: rosterGuardKeys.memberByIdHash(idHash) }, owner: { S: entry.id }, job: { S: entry.job.id }, row: { N: String(entry.job.row) } },
        ...absent('key'),
      },
    },
  ];
}

/**
 * The items of an official's confirmed change of a member's name and/or phone, for the caller's own
 * transaction (with its report item and audit entry): the member updated only if still in that
 * union with the name and phone read; on a new phone the old guard released (only if still this
 * member's) and the new one taken (only if free). Item parts, in order: member, [old phone, new phone].
 */
export const rosterImportItems = {
  changeContact(change: RosterContactChange): { items: TransactionItems; parts: Array<'member' | 'old-phone' | 'new-phone'> } {
    const { memberId, orgId, from, to } = change;
    // Still a member of that union (not left), with the name and phone read ('' = released: none).
    let condition = new dynamoose.Condition().where('id').exists().and().where('orgId').eq(orgId).and().where('name').eq(from.name);
    condition = from.phone === '' ? condition.and().where('phone').not().exists() : condition.and().where('phone').eq(from.phone);
    condition = condition.and().where('leftAt').not().exists();
    const items: TransactionItems = [MemberModel.transaction.update({ id: memberId }, { $SET: { name: to.name, phone: to.phone } }, { condition })];
    const parts: Array<'member' | 'old-phone' | 'new-phone'> = ['member'];
    if (to.phone !== from.phone) {
      if (from.phone !== '') {
        items.push(GuardModel.transaction.delete({ key: rosterGuardKeys.phone(from.phone) }, { condition: new dynamoose.Condition().where('owner').eq(memberId) }));
        parts.push('old-phone');
      }
      items.push(GuardModel.transaction.create({ key: rosterGuardKeys.phone(to.phone), owner: memberId }, { overwrite: false }));
      parts.push('new-phone');
    }
    return { items, parts };
  },
};

export interface RosterImportStoreOptions {
  /**
   * How a look-up finds members by ID number. Every writer of new members writes their ID guard
   * (the import, a join's approval and the seed: rosterTransactionItems.create); members created
   * before that have none until `npm run roster:backfill-id-guards` gives them one and marks the
   * roster complete (`member#id#complete`). `query-index`: one `byIdHash` query per ID number not
   * guarded (right whatever wrote the roster); `guards-only`: the guards alone (right once
   * backfilled); `when-backfilled` (production): guards alone once the mark is there, else the query.
   */
  unguardedMembers: 'query-index' | 'guards-only' | 'when-backfilled';
}

/** How long a container trusts "not backfilled yet" before reading the mark again. */
const MARK_RECHECK_MS = 60_000;

export function createRosterImportStore({ unguardedMembers }: RosterImportStoreOptions): RosterImportStore {
  let backfilled = unguardedMembers === 'guards-only';
  let checkedAt = 0;
  /** Whether the guards alone answer a look-up by ID number (the mark, once seen, holds for good). */
  const guardsOnly = async (): Promise<boolean> => {
    if (backfilled || unguardedMembers === 'query-index') return backfilled;
    if (Date.now() - checkedAt < MARK_RECHECK_MS) return false;
    checkedAt = Date.now();
    const mark = await ddb.getItem({ TableName: guardsTable(), Key: { key: { S: rosterGuardKeys.idGuardsComplete } }, ConsistentRead: true, ProjectionExpression: '#k', ExpressionAttributeNames: { '#k': 'key' } });
    backfilled = mark.Item !== undefined;
    return backfilled;
  };
  return {
    async lookup(idHashes, phones) {
      const lookup: RosterLookup = { byIdHash: new Map(), phoneOwners: new Map(), members: new Map() };
      const guardKeysWanted = [...idHashes.map(rosterGuardKeys.memberByIdHash), ...phones.map(rosterGuardKeys.phone)];
      const guards = await batchGet(guardsTable(), 'key', guardKeysWanted, ['key', 'owner', 'job', 'row']);
      const byKey = new Map(guards.map((g) => [str(g.key) as string, g]));
      const unguarded: string[] = [];
      for (const idHash of new Set(idHashes)) {
        const guard = byKey.get(rosterGuardKeys.memberByIdHash(idHash));
        const owner = str(guard?.owner);
        if (guard && owner) {
          const row = guard.row && 'N' in guard.row ? Number(guard.row.N) : null;
          lookup.byIdHash.set(idHash, { memberId: owner, writtenBy: str(guard.job) && row !== null ? { jobId: str(guard.job) as string, row } : null });
        } else unguarded.push(idHash);
      }
      for (const phone of new Set(phones)) {
        const owner = str(byKey.get(rosterGuardKeys.phone(phone))?.owner);
        if (owner) lookup.phoneOwners.set(phone, owner);
      }
      if (unguarded.length > 0 && !(await guardsOnly())) {
        await inPool(unguarded, QUERIES_IN_FLIGHT, async (idHash) => {
          // The low-level client: dynamoose's query builder costs more CPU than the request itself here.
          const found = await ddb.query({
            TableName: membersTable(),
            IndexName: 'byIdHash',
            KeyConditionExpression: 'idHash = :h',
            ExpressionAttributeValues: { ':h': { S: idHash } },
            Limit: 1,
          });
          const memberId = str(found.Items?.[0]?.id);
          if (memberId) lookup.byIdHash.set(idHash, { memberId, writtenBy: null });
        });
      }
      // The phones' holders too: whether one lies in the importer's subtree decides what the row may say.
      const memberIds = [...new Set([...[...lookup.byIdHash.values()].map((o) => o.memberId), ...lookup.phoneOwners.values()])];
      for (const item of await batchGet(membersTable(), 'id', memberIds)) {
        const member = memberOfRaw(item);
        lookup.members.set(member.id, member);
      }
      return lookup;
    },

    async addMany(entries, crypto, now) {
      const outcome = new Map<number, 'created' | 'id-taken' | 'phone-taken'>();
      const groups: ImportedRosterEntry[][] = [];
      for (let i = 0; i < entries.length; i += ROWS_PER_TRANSACTION) groups.push(entries.slice(i, i + ROWS_PER_TRANSACTION));
      await inPool(groups, TRANSACTIONS_IN_FLIGHT, async (group) => {
        let pending = group;
        while (pending.length > 0) {
          const batch = pending;
          const written = await runTransaction(() => batch.flatMap((entry) => newMemberItems(entry, crypto, now)), { name: 'roster.import' });
          if (written.kind === 'done') {
            for (const entry of batch) outcome.set(entry.job.row, 'created');
            pending = [];
            continue;
          }
          const refused = new Set<number>();
          for (const index of written.failed) {
            const entry = batch[Math.floor(index / 3)] as ImportedRosterEntry;
            refused.add(entry.job.row);
            // Items per row: 0 the member (a fresh ULID: never taken), 1 the phone, 2 the ID number.
            if (!outcome.has(entry.job.row) || index % 3 === 2) outcome.set(entry.job.row, index % 3 === 2 ? 'id-taken' : 'phone-taken');
          }
          pending = batch.filter((entry) => !refused.has(entry.job.row));
        }
      });
      return outcome;
    },
  };
}

export const rosterImportStore = /* @__PURE__ */ createRosterImportStore({ unguardedMembers: 'when-backfilled' });
