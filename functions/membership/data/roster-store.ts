import { parseIdNumber } from '../domain/id-number';
import { AppError } from '../../kernel/errors';
import { formatCardNumber } from '../domain/card-number';
import { maskIdNumber } from '../../kernel/masking';
import type { RosterMember } from '../domain/types';
import type { RosterStore } from '../services/ports';
import { dynamoose } from '../../kernel/data/client';
import { guardKeys } from '../../kernel/data/keys';
import { GuardModel } from '../../kernel/data/guard-model';
import { MemberModel, type MemberItem } from './models/member';
import { AccountModel } from './models/account';
import { failedConditions, isConditionFailure, writeTransaction } from '../../kernel/data/transaction-errors';

const { Condition } = dynamoose;
type TransactionItems = Parameters<typeof dynamoose.transaction>[0];

function toMember(item: MemberItem): RosterMember {
  return {
    id: item.id,
    name: item.name,
    sex: item.sex,
    birthDate: item.birthDate,
    idHash: item.idHash,
    idMasked: item.idMasked,
    phone: item.phone,
    orgId: item.orgId,
    openid: item.openid ?? null,
    cardNumber: item.cardNumber ?? null,
    cardIssuedAt: item.cardIssuedAt ?? null,
  };
}

async function get(id: string): Promise<RosterMember | null> {
  const item = await MemberModel.get({ id }, { consistent: true });
  return item ? toMember(item) : null;
}

export const rosterStore: RosterStore = {
  async findIdByIdHash(idHash) {
    const found = await MemberModel.query('idHash').eq(idHash).using('byIdHash').limit(1).exec();
    return found[0]?.id ?? null;
  },

  get,

  async phoneOwner(phone) {
    const guard = await GuardModel.get({ key: guardKeys.phone(phone) }, { consistent: true });
    return guard?.owner ?? null;
  },

  async createIfAbsent(entry, crypto, now) {
    const facts = parseIdNumber(entry.idNumber);
    if (!facts) throw new RangeError(`roster entry ${entry.id} has an invalid ID number`);
    const idNumber = entry.idNumber.toUpperCase();
    try {
      await writeTransaction(() => [
        MemberModel.transaction.create(
          {
            id: entry.id,
            idHash: crypto.hash(idNumber),
            idCipher: crypto.encrypt(idNumber),
            idMasked: maskIdNumber(idNumber),
            name: entry.name,
            sex: facts.sex,
            birthDate: facts.birthDate,
            phone: entry.phone,
            orgId: entry.orgId,
            createdAt: now.toISOString(),
          },
          { overwrite: false },
        ),
        GuardModel.transaction.create({ key: guardKeys.phone(entry.phone), owner: entry.id }, { overwrite: false }),
      ]);
      return 'created';
    } catch (err) {
      const failed = failedConditions(err);
      if (failed === null) throw err;
      if (failed.includes(0)) return 'exists';
      return 'phone-in-use';
    }
  },

  async bind({ openid, member, phone, now, consentVersion }) {
    const phoneChanged = member.phone !== phone;
    const items = (): TransactionItems => [
      AccountModel.transaction.update(
        { openid },
        { $SET: { memberId: member.id } },
        { condition: new Condition().where('openid').exists().and().where('memberId').not().exists() },
      ),
      MemberModel.transaction.update(
        { id: member.id },
        {
          $SET: {
            openid,
            boundAt: now.toISOString(),
            phone,
            ...(consentVersion ? { consentAt: now.toISOString(), consentVersion } : {}),
          },
        },
        { condition: new Condition().where('id').exists().and().where('openid').not().exists() },
      ),
      GuardModel.transaction.update(
        { key: guardKeys.phone(phone) },
        { $SET: { owner: member.id } },
        { condition: new Condition().where('owner').not().exists().or().where('owner').eq(member.id) },
      ),
      ...(phoneChanged
        ? [
            GuardModel.transaction.delete(
              { key: guardKeys.phone(member.phone) },
              { condition: new Condition().where('owner').not().exists().or().where('owner').eq(member.id) },
            ),
          ]
        : []),
    ];
    try {
      await writeTransaction(items);
    } catch (err) {
      const failed = failedConditions(err);
      if (failed === null) throw err;
      if (failed.includes(0)) throw new AppError('ACCOUNT_ALREADY_BOUND', { cause: err });
      if (failed.includes(1)) throw new AppError('MEMBER_ALREADY_BOUND', { cause: err });
      if (failed.includes(2)) throw new AppError('PHONE_IN_USE', { cause: err });
      throw err; // the old phone guard belonged to somebody else: data to look at, not the member's fault
    }
  },

  async assignCardNumber(memberId, prefix, now) {
    const counter = await GuardModel.update({ key: guardKeys.cardSequence(prefix) }, { $ADD: { n: 1 } });
    const cardNumber = formatCardNumber(prefix, counter.n as number);
    const cardIssuedAt = now.toISOString();
    try {
      await MemberModel.update(
        { id: memberId },
        { $SET: { cardNumber, cardIssuedAt } },
        { condition: new Condition().where('id').exists().and().where('cardNumber').not().exists() },
      );
      return { cardNumber, cardIssuedAt };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // Somebody else assigned first (the sequence number drawn here stays unused: a gap, not a clash).
      const current = await get(memberId);
      if (!current?.cardNumber || !current.cardIssuedAt) throw new AppError('NOT_FOUND', { cause: err });
      return { cardNumber: current.cardNumber, cardIssuedAt: current.cardIssuedAt };
    }
  },
};
