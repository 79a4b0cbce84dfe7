import { auditPut } from '../../audit';
import { dynamoose } from '../../kernel/data/client';
import { mustCommit, runTransaction } from '../../kernel/data/transactions';
import type { CareOutcome, OrgAdminStore, RoleAdminStore } from '../services/admin-ports';
import { AccountModel } from './models/account';
import { MerchantModel } from './models/merchant';
import { OfficialModel } from './models/official';
import { OrgModel } from './models/org';
import { orgItemOf } from './org-store';
import { roleCodec } from './role-codec';
import { merchantAttributes } from './merchant-store';

const { Condition } = dynamoose;

/** Orgs added and renamed by officials and admins, each with its audit entry in one transaction. */
export const orgAdminStore: OrgAdminStore = {
  async create(org, audit) {
    const outcome = await runTransaction(() => [
      OrgModel.transaction.create(orgItemOf(org), { overwrite: false }),
      // The parent is still there (orgs are never deleted today; this keeps it so if that changes).
      OrgModel.transaction.condition({ id: org.parentId as string }, new Condition().where('id').exists()),
      auditPut(audit),
    ]);
    if (outcome.kind === 'done') return true;
    if (outcome.failed.includes(0)) return false;
    throw new Error(`org ${org.id}: its parent ${org.parentId} is gone`);
  },

  async rename(org, to, audit) {
    const unchanged = new Condition().where('id').exists().and().where('name').eq(org.name);
    const condition = org.workUnit === null ? unchanged.and().where('workUnit').not().exists() : unchanged.and().where('workUnit').eq(org.workUnit);
    const outcome = await runTransaction(() => [
      OrgModel.transaction.update(
        { id: org.id },
        to.workUnit === null ? { $SET: { name: to.name }, $REMOVE: ['workUnit'] } : { $SET: { name: to.name, workUnit: to.workUnit } },
        { condition },
      ),
      auditPut(audit),
    ]);
    return outcome.kind === 'done' ? 'done' : 'changed';
  },
};

/**
 * The account holds (`held`) or lacks the encoded role. Raw: dynamoose checks a `contains` value
 * against the attribute's schema, which a list attribute fails (as in official-store.ts).
 */
const roleValue = (text: string) => ({ ':role': { S: text } });

/**
 * Grants and revocations of roles: the account's roles list, the officials index item of an
 * official role (data/official-store.ts: written in the same transaction as the role, always) and
 * the audit entry, in one transaction. A grant appends only if the account lacks the role; a
 * revocation removes the list element read at `index` only if it still holds that role.
 */
export const roleAdminStore: RoleAdminStore = {
  async grant(openid, role, audit, grantedBy) {
    const text = roleCodec.encode(role);
    const now = new Date(audit.at).toISOString();
    const outcome = await runTransaction(() => [
      {
        Update: {
          TableName: AccountModel.table().name,
          Key: { openid: { S: openid } },
          UpdateExpression: 'SET #roles = list_append(if_not_exists(#roles, :none), :added)',
          ConditionExpression: 'attribute_exists(#openid) AND NOT contains(#roles, :role)',
          ExpressionAttributeNames: { '#roles': 'roles', '#openid': 'openid' },
          ExpressionAttributeValues: { ...roleValue(text), ':none': { L: [] }, ':added': { L: [{ S: text }] } },
        },
      },
      ...(role.type === 'official' ? [OfficialModel.transaction.create({ orgId: role.orgId, openid, grantedAt: now, grantedBy }, { overwrite: true })] : []),
      auditPut(audit),
    ]);
    if (outcome.kind === 'done') return 'granted';
    const account = await AccountModel.get({ openid }, { consistent: true });
    return account ? 'held' : 'no-account';
  },

  async revoke(openid, role, audit) {
    const text = roleCodec.encode(role);
    const account = await AccountModel.get({ openid }, { consistent: true });
    const index = (account?.roles ?? []).indexOf(text);
    if (index < 0) return 'not-held';
    const outcome = await runTransaction(() => [
      {
        Update: {
          TableName: AccountModel.table().name,
          Key: { openid: { S: openid } },
          UpdateExpression: `REMOVE #roles[${index}]`,
          ConditionExpression: `attribute_exists(#openid) AND #roles[${index}] = :role`,
          ExpressionAttributeNames: { '#roles': 'roles', '#openid': 'openid' },
          ExpressionAttributeValues: roleValue(text),
        },
      },
      ...(role.type === 'official' ? [OfficialModel.transaction.delete({ orgId: role.orgId, openid })] : []),
      auditPut(audit),
    ]);
    return outcome.kind === 'done' ? 'revoked' : 'changed';
  },

  async createMerchant(merchant, audit) {
    const outcome = await runTransaction(() => [
      MerchantModel.transaction.create(merchantAttributes(merchant), { overwrite: false }),
      auditPut(audit),
    ]);
    mustCommit(outcome, `merchant ${merchant.id}`);
  },

  async setAgreements(merchant, before, audit) {
    // The version condition: the agreements as read (absent on items written before they existed).
    const exists = new Condition().where('id').exists();
    const unchanged = before.length === 0
      ? exists.and().parenthesis((c) => c.where('agreements').not().exists().or().where('agreements').eq('[]'))
      : exists.and().where('agreements').eq(JSON.stringify(before));
    const outcome = await runTransaction(() => [
      MerchantModel.transaction.update({ id: merchant.id }, { $SET: { agreements: JSON.stringify(merchant.agreements) } }, { condition: unchanged }),
      auditPut(audit),
    ]);
    if (outcome.kind === 'done') return 'done';
    const [item] = await MerchantModel.batchGet([{ id: merchant.id }]);
    return item ? 'changed' : 'gone';
  },
};
