import { dynamoose } from '../../kernel/data/client';
import { runTransaction, type TransactionItems } from '../../kernel/data/transactions';
import type { Account } from '../domain/types';
import type { MembershipSubjectStore, StoredAccountRecord, StoredMemberRecord } from '../services/data-subject';
import { AccountModel } from './models/account';
import { CardCheckModel } from './models/card-check';
import { MemberModel } from './models/member';
import { OfficialModel } from './models/official';
import { toAccount } from './account-store';
import { officialOrgIds } from './official-store';
import { roleCodec } from './role-codec';
import { toMember } from './roster-store';

const { Condition } = dynamoose;

/**
 * What membership stores about one data subject (PIPL art. 45 access, art. 47 deletion): the whole
 * account and roster items, read for the member's export, and the closing of an account.
 */
export const membershipSubjectStore: MembershipSubjectStore = {
  async account(openid) {
    const item = await AccountModel.get({ openid }, { consistent: true });
    if (!item) return null;
    const record: StoredAccountRecord = { ...toAccount(item), lastLoginAt: item.lastLoginAt ?? null };
    return record;
  },

  async member(id) {
    const item = await MemberModel.get({ id }, { consistent: true });
    if (!item) return null;
    const { idHash: _idHash, left: _left, ...member } = toMember(item);
    const record: StoredMemberRecord = {
      ...member,
      boundAt: item.boundAt ?? null,
      consentAt: item.consentAt ?? null,
      consentVersion: item.consentVersion ?? null,
      cardHistory: (item.cardHistory ?? []).map((c) => ({ number: c.number, issuedAt: c.issuedAt, retiredAt: c.retiredAt })),
      createdAt: item.createdAt,
    };
    return record;
  },

  async cardChecks(cardNumbers) {
    const lists = await Promise.all(
      cardNumbers.map((cardNumber) => CardCheckModel.query('cardNumber').eq(cardNumber).sort('descending').all().exec()),
    );
    return lists.flat().flatMap((item) => {
      const role = roleCodec.decode(item.role);
      return role ? [{ cardNumber: item.cardNumber, at: item.checkedAt.split('#')[0] as string, role }] : [];
    });
  },

  /**
   * One transaction: the account deleted only if it is still as read (bound to the same member or
   * to none), the roster member's binding released only if it is still this account's (its
   * `openid` and `boundAt` removed: the member can bind again), and the officials index items of
   * the account's roles deleted. `changed` when the account changed meanwhile (nothing written).
   */
  async close(account: Account) {
    const items = (): TransactionItems => [
      AccountModel.transaction.delete(
        { openid: account.openid },
        {
          condition:
            account.memberId === null
              ? new Condition().where('openid').exists().and().where('memberId').not().exists()
              : new Condition().where('openid').exists().and().where('memberId').eq(account.memberId),
        },
      ),
      ...(account.memberId === null
        ? []
        : [
            MemberModel.transaction.update(
              { id: account.memberId },
              { $REMOVE: ['openid', 'boundAt'] },
              { condition: new Condition().where('openid').eq(account.openid) },
            ),
          ]),
      ...officialOrgIds(account.roles).map((orgId) => OfficialModel.transaction.delete({ orgId, openid: account.openid })),
    ];
    return (await runTransaction(items, { name: 'account.close' })).kind === 'done' ? 'closed' : 'changed';
  },
};
