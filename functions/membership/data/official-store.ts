import { dynamoose } from '../../kernel/data/client';
import { runTransaction, type TransactionItems } from '../../kernel/data/transactions';
import type { StoredRole } from '../domain/types';
import type { OfficialStore } from '../services/ports';
import { AccountModel } from './models/account';
import { OfficialModel } from './models/official';
import { roleCodec } from './role-codec';

const { Condition } = dynamoose;

/**
 * The officials index (models/official.ts): which accounts are officials of an org. Roles live
 * inside each account; whatever writes an account's roles adds officialIndexWrites() to the
 * transaction that writes them (today accountStore.createIfAbsent, the only writer of roles), so
 * the index never disagrees with the accounts. reindexOfficials() builds it from the accounts once
 * (stages whose accounts were written before the index existed: `npm run officials:reindex`).
 */

/** The orgs these roles make an account an official of, each once. */
export function officialOrgIds(roles: readonly StoredRole[]): string[] {
  return [...new Set(roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : [])))];
}

/** The index items to write in the same transaction as these roles of the account `openid`. */
export function officialIndexWrites(openid: string, roles: readonly StoredRole[], now: Date): TransactionItems {
  return officialOrgIds(roles).map((orgId) => OfficialModel.transaction.create({ orgId, openid, grantedAt: now.toISOString() }, { overwrite: true }));
}

export const officialStore: OfficialStore = {
  async officialsOf(orgId) {
    const items = await OfficialModel.query('orgId').eq(orgId).all().exec();
    return items.map((item) => item.openid);
  },

  async grantersOf(openid, orgIds) {
    const items = await Promise.all([...new Set(orgIds)].map((orgId) => OfficialModel.get({ orgId, openid }, { consistent: true })));
    return [...new Set(items.flatMap((item) => (item?.grantedBy ? [item.grantedBy] : [])))];
  },
};

export interface ReindexReport {
  /** Accounts read. */
  accounts: number;
  /** Index items written for roles the index lacked. */
  added: number;
  /** Index items removed because their account no longer holds the role (full reindex only). */
  removed: number;
}

/**
 * The account holds (or, `held` false, does not hold) the official role of `orgId`. A raw condition:
 * dynamoose checks a `contains` value against the attribute's schema, which a list attribute fails.
 */
function holdsOfficialRole(orgId: string, held: boolean) {
  return new Condition({
    ConditionExpression: held ? 'contains(#roles, :role)' : 'NOT contains(#roles, :role)',
    ExpressionAttributeNames: { '#roles': 'roles' },
    ExpressionAttributeValues: { ':role': { S: roleCodec.encode({ type: 'official', orgId }) } },
  });
}

/**
 * Adds the index item of an official role, only while the account still holds it; false when the
 * item was there already or the role is gone.
 */
async function addIfHeld(openid: string, orgId: string, now: Date): Promise<boolean> {
  const outcome = await runTransaction(() => [
    AccountModel.transaction.condition({ openid }, holdsOfficialRole(orgId, true)),
    OfficialModel.transaction.create({ orgId, openid, grantedAt: now.toISOString() }, { overwrite: false }),
  ]);
  return outcome.kind === 'done';
}

/** Removes an index item, only while its account does not hold the role (any more). */
async function removeIfNotHeld(openid: string, orgId: string): Promise<boolean> {
  const outcome = await runTransaction(() => [
    AccountModel.transaction.condition({ openid }, holdsOfficialRole(orgId, false)),
    OfficialModel.transaction.delete({ orgId, openid }),
  ]);
  return outcome.kind === 'done';
}

/**
 * Builds the officials index from the accounts' roles: an operator's tool, not a request path.
 * Without `openids` it scans the accounts table page by page, adds what the index lacks and then
 * scans the index and removes the items whose account does not hold the role; with `openids` it
 * reads those accounts only and adds what they lack (the demo seed, on data seeded before the
 * index). Every write is conditional on the account as it is then, so it is safe beside live
 * traffic and safe to run again.
 */
export async function reindexOfficials(options: { openids?: readonly string[]; pageSize?: number; now?: Date } = {}): Promise<ReindexReport> {
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? 100;
  const report: ReindexReport = { accounts: 0, added: 0, removed: 0 };
  const held = new Set<string>();
  const visit = async (openid: string, roles: readonly string[]) => {
    report.accounts += 1;
    const decoded = roles.flatMap((text) => roleCodec.decode(text) ?? []);
    for (const orgId of officialOrgIds(decoded)) {
      held.add(`${orgId}\n${openid}`);
      if (await addIfHeld(openid, orgId, now)) report.added += 1;
    }
  };

  if (options.openids) {
    for (const openid of new Set(options.openids)) {
      const account = await AccountModel.get({ openid }, { consistent: true });
      if (account) await visit(account.openid, account.roles ?? []);
    }
    return report;
  }

  let lastKey: Record<string, unknown> | undefined;
  do {
    const scan = AccountModel.scan().attributes(['openid', 'roles']).limit(pageSize);
    if (lastKey) scan.startAt(lastKey);
    const page = await scan.exec();
    for (const item of page) await visit(item.openid, item.roles ?? []);
    lastKey = page.lastKey as Record<string, unknown> | undefined;
  } while (lastKey);

  do {
    const scan = OfficialModel.scan().limit(pageSize);
    if (lastKey) scan.startAt(lastKey);
    const page = await scan.exec();
    for (const item of page) {
      if (!held.has(`${item.orgId}\n${item.openid}`) && (await removeIfNotHeld(item.openid, item.orgId))) report.removed += 1;
    }
    lastKey = page.lastKey as Record<string, unknown> | undefined;
  } while (lastKey);
  return report;
}
