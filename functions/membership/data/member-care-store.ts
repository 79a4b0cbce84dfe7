import { auditPut } from '../../audit';
import { dynamoose } from '../../kernel/data/client';
import { rosterGuardKeys } from './keys';
import { GuardModel } from '../../kernel/data/guard-model';
import { runTransaction, type TransactionItems } from '../../kernel/data/transactions';
import type { CareOutcome, MemberCareStore, MemberDirectory, MemberSummary } from '../services/admin-ports';
import { AccountModel } from './models/account';
import { MemberModel, type MemberItem } from './models/member';

const { Condition } = dynamoose;

/** Runs the transaction; `changed` when a condition failed (something moved since it was read). */
async function conditional(items: () => TransactionItems): Promise<CareOutcome> {
  return (await runTransaction(items, { name: 'member.care' })).kind === 'done' ? 'done' : 'changed';
}

function toSummary(item: MemberItem): MemberSummary {
  return {
    id: item.id,
    name: item.name,
    sex: item.sex,
    idMasked: item.idMasked,
    phone: item.phone ?? '',
    orgId: item.orgId,
    bound: Boolean(item.openid),
    cardNumber: item.cardNumber ?? null,
    left: Boolean(item.leftAt),
  };
}

/**
 * The members of one union by name: the members table's `byOrg` index (hash `orgId`, range `name`),
 * projected to what a search result shows. `begins_with` is a key condition, so a query reads the
 * matching members only, never the whole union.
 */
export const memberDirectory: MemberDirectory = {
  async byNamePrefix(orgId, prefix, limit) {
    const items = await MemberModel.query('orgId').eq(orgId).where('name').beginsWith(prefix).using('byOrg').limit(limit).exec();
    return items.map((item) => toSummary(item));
  },
};

/** Member care's writes: each one transaction with its audit entry (functions/audit). */
export const memberCareStore: MemberCareStore = {
  releasePhone(member, guardHeld, audit) {
    return conditional(() => [
      MemberModel.transaction.update(
        { id: member.id },
        { $REMOVE: ['phone'] },
        { condition: new Condition().where('id').exists().and().where('phone').eq(member.phone) },
      ),
      ...(guardHeld
        ? [GuardModel.transaction.delete({ key: rosterGuardKeys.phone(member.phone) }, { condition: new Condition().where('owner').eq(member.id) })]
        : []),
      auditPut(audit),
    ]);
  },

  unbind(member, accountHolds, audit) {
    return conditional(() => [
      MemberModel.transaction.update(
        { id: member.id },
        { $REMOVE: ['openid', 'boundAt'] },
        { condition: new Condition().where('id').exists().and().where('openid').eq(member.openid) },
      ),
      ...(accountHolds
        ? [
            AccountModel.transaction.update(
              { openid: member.openid },
              { $REMOVE: ['memberId'] },
              { condition: new Condition().where('openid').exists().and().where('memberId').eq(member.id) },
            ),
          ]
        : []),
      auditPut(audit),
    ]);
  },

  leave(member, leaving, audit) {
    return conditional(() => [
      MemberModel.transaction.update(
        { id: member.id },
        { $SET: { status: 'left', leftAt: leaving.at, leftOn: leaving.on, leftReason: leaving.reason } },
        { condition: new Condition().where('id').exists().and().where('leftAt').not().exists() },
      ),
      auditPut(audit),
    ]);
  },
};
