import type { Account, StoredRole } from '../domain/types';
import type { AccountStore } from '../services/ports';
import { roleCodec } from './role-codec';
import { AccountModel, type AccountItem } from './models/account';
import { officialIndexWrites } from './official-store';
import { isConditionFailure, runTransaction } from '../../kernel/data/transactions';

/** A stored account as the domain sees it (roles decoded; unknown ones dropped). */
export function toAccount(item: AccountItem): Account {
  const roles: StoredRole[] = [];
  for (const text of item.roles ?? []) {
    const role = roleCodec.decode(text);
    if (role) roles.push(role);
  }
  return { openid: item.openid, memberId: item.memberId ?? null, roles, createdAt: item.createdAt };
}

async function get(openid: string): Promise<Account | null> {
  const item = await AccountModel.get({ openid }, { consistent: true });
  return item ? toAccount(item) : null;
}

/**
 * The account with its roles, only if absent; with official roles, in one transaction with their
 * officials index items (official-store.ts), so the index holds exactly the roles written.
 */
async function createIfAbsent(account: { openid: string; roles: StoredRole[] }, now: Date): Promise<boolean> {
  const item = {
    openid: account.openid,
    ...(account.roles.length > 0 ? { roles: account.roles.map(roleCodec.encode) } : {}),
    createdAt: now.toISOString(),
  };
  if (account.roles.some((r) => r.type === 'official')) {
    const outcome = await runTransaction([AccountModel.transaction.create(item, { overwrite: false }), ...officialIndexWrites(account.openid, account.roles, now)]);
    return outcome.kind === 'done';
  }
  try {
    await AccountModel.create(item, { overwrite: false });
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

export const accountStore: AccountStore = {
  get,
  createIfAbsent,
  async getOrCreate(openid, now) {
    const existing = await get(openid);
    if (existing) return existing;
    if (await createIfAbsent({ openid, roles: [] }, now)) {
      return { openid, memberId: null, roles: [], createdAt: now.toISOString() };
    }
    return (await get(openid)) as Account; // another first log-in of this openid won the race
  },
};
