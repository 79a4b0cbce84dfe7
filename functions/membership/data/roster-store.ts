import type { Item } from 'dynamoose/dist/Item';
import { ulid } from 'ulid';
import { parseIdNumber } from '../domain/id-number';
import { AppError } from '../../kernel/errors';
import { formatCardNumber } from '../domain/card-number';
import { maskIdNumber } from '../../kernel/masking';
import type { RosterMember } from '../domain/types';
import type { NewRosterEntry, RosterStore } from '../services/ports';
import type { IdCrypto } from '../../kernel/id-crypto';
import { dynamoose } from '../../kernel/data/client';
import { rosterGuardKeys } from './keys';
import { GuardModel } from '../../kernel/data/guard-model';
import { MemberModel, type MemberItem } from './models/member';
import { AccountModel } from './models/account';
import { runTransaction, type TransactionItems } from '../../kernel/data/transactions';

const { Condition } = dynamoose;

/** A stored member item (a dynamoose item, or a raw item once unmarshalled) as the domain sees it. */
export function toMember(item: Omit<MemberItem, keyof Item>): RosterMember {
  return {
    id: item.id,
    name: item.name,
    sex: item.sex,
    idHash: item.idHash,
    idMasked: item.idMasked,
    phone: item.phone ?? '',
    orgId: item.orgId,
    openid: item.openid ?? null,
    cardNumber: item.cardNumber ?? null,
    cardIssuedAt: item.cardIssuedAt ?? null,
    left: item.leftAt ? { at: item.leftAt, on: item.leftOn ?? item.leftAt.slice(0, 10), reason: item.leftReason ?? '' } : null,
  };
}

/**
 * A new roster entry as stored: the one place an entry becomes a member item, whether dynamoose
 * writes it (rosterTransactionItems.create) or the roster import's raw puts do (roster-import-store.ts).
 */
export function newMemberAttributes(entry: NewRosterEntry & { id: string }, crypto: IdCrypto, now: Date): Omit<MemberItem, keyof Item> {
  const facts = parseIdNumber(entry.idNumber, now);
  if (!facts) throw new RangeError(`roster entry ${entry.id} has an invalid ID number`);
  const idNumber = entry.idNumber.toUpperCase();
  return {
    id: entry.id,
    idHash: crypto.hash(idNumber),
    idCipher: crypto.encrypt(idNumber, entry.id),
    idMasked: maskIdNumber(idNumber),
    name: entry.name,
    sex: facts.sex,
    phone: entry.phone,
    orgId: entry.orgId,
    createdAt: now.toISOString(),
  };
}

/**
 * Roster writes that other capabilities put into their own transactions (applications: a join's
 * approval adds the member, a transfer's acceptance moves them), so that the roster changes with the
 * decision or not at all.
 */
export const rosterTransactionItems = {
  /**
   * A new roster entry with the claims of its phone number and its ID number, in this order:
   * [member (only if the id is new), phone guard (only if no member holds the number), ID guard
   * (`member#id#<hash>`, only if no member has the ID number)]. Every writer of new members writes
   * the ID guard (this, the roster import's raw puts), so a look-up by ID number is one guard read.
   */
  create(entry: NewRosterEntry & { id: string }, crypto: IdCrypto, now: Date): TransactionItems {
    const attributes = newMemberAttributes(entry, crypto, now);
    return [
      MemberModel.transaction.create(attributes, { overwrite: false }),
      GuardModel.transaction.create({ key: rosterGuardKeys.phone(entry.phone), owner: entry.id }, { overwrite: false }),
      GuardModel.transaction.create({ key: rosterGuardKeys.memberByIdHash(attributes.idHash), owner: entry.id }, { overwrite: false }),
    ];
  },

  /**
   * Moves a member to another union, only while they are still in `fromOrgId`. With `retireCard`
   * (the card region changes) the card number is cleared, so the next read of the card issues one
   * of the new region (membership's ensureCard), and the old number is appended to `cardHistory`;
   * the condition then also requires the card to be the one read (or still none), so a card issued
   * meanwhile is not lost. The old number's owner guard stays: it is never issued again, and a QR
   * code carrying it no longer verifies (the member's number differs).
   */
  moveToOrg(move: {
    memberId: string;
    fromOrgId: string;
    toOrgId: string;
    retireCard: null | { number: string | null; issuedAt: string | null };
    at: Date;
  }): TransactionItems[number] {
    const key = { id: move.memberId };
    // Still in that union and still a member (not left, member care's 退会).
    const stillThere = new Condition().where('id').exists().and().where('orgId').eq(move.fromOrgId).and().where('leftAt').not().exists();
    if (move.retireCard === null) return MemberModel.transaction.update(key, { $SET: { orgId: move.toOrgId } }, { condition: stillThere });
    const { number, issuedAt } = move.retireCard;
    if (number === null) {
      return MemberModel.transaction.update(key, { $SET: { orgId: move.toOrgId } }, { condition: stillThere.and().where('cardNumber').not().exists() });
    }
    // dynamoose's list append fails on an absent list: written as DynamoDB's own update expression.
    const retired = { M: { number: { S: number }, issuedAt: { S: issuedAt ?? '' }, retiredAt: { S: move.at.toISOString() } } };
    return {
      Update: {
        TableName: MemberModel.table().name,
        Key: { id: { S: move.memberId } },
        UpdateExpression: 'SET #org = :to, #history = list_append(if_not_exists(#history, :none), :retired) REMOVE #card, #issued',
        ConditionExpression: 'attribute_exists(#id) AND #org = :from AND #card = :card AND attribute_not_exists(#left)',
        ExpressionAttributeNames: {
          '#id': 'id',
          '#org': 'orgId',
          '#history': 'cardHistory',
          '#card': 'cardNumber',
          '#issued': 'cardIssuedAt',
          '#left': 'leftAt',
        },
        ExpressionAttributeValues: {
          ':to': { S: move.toOrgId },
          ':from': { S: move.fromOrgId },
          ':card': { S: number },
          ':none': { L: [] },
          ':retired': { L: [retired] },
        },
      },
    };
  },

  /**
   * A condition, not a write: the member exists and is still a member (no 退会 recorded, member
   * care's leave sets `leftAt`). Benefits puts it into a claim's and a redemption's transaction, so
   * a leave recorded after their reads and before their write makes them fail as a whole.
   */
  stillMember(memberId: string): TransactionItems[number] {
    return MemberModel.transaction.condition({ id: memberId }, new Condition().where('id').exists().and().where('leftAt').not().exists());
  },
};

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
    const guard = await GuardModel.get({ key: rosterGuardKeys.phone(phone) }, { consistent: true });
    return guard?.owner ?? null;
  },

  async cardOwner(cardNumber) {
    const guard = await GuardModel.get({ key: rosterGuardKeys.cardOwner(cardNumber) }, { consistent: true });
    return guard?.owner ?? null;
  },

  async createIfAbsent(entry, crypto, now) {
    const id = entry.id ?? ulid();
    const outcome = await runTransaction(() => rosterTransactionItems.create({ ...entry, id }, crypto, now), { name: 'roster.create' });
    if (outcome.kind === 'done') return { outcome: 'created', id };
    // Items: 0 the member, 1 the phone, 2 the ID number (another member has it: exists too).
    return { outcome: outcome.failed.includes(0) || outcome.failed.includes(2) ? 'exists' : 'phone-in-use', id };
  },

  /** Never changes the member's phone: the roster's number is the one WeChat verified for this user. */
  async bind({ openid, member, now, consentVersion }) {
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
            ...(consentVersion ? { consentAt: now.toISOString(), consentVersion } : {}),
          },
        },
        {
          condition: new Condition()
            .where('id')
            .exists()
            .and()
            .where('openid')
            .not()
            .exists()
            .and()
            .where('phone')
            .eq(member.phone)
            .and()
            .where('leftAt')
            .not()
            .exists(),
        },
      ),
      // The verified phone still belongs to this member (an official may have reassigned it meanwhile).
      GuardModel.transaction.condition({ key: rosterGuardKeys.phone(member.phone) }, new Condition().where('owner').eq(member.id)),
    ];
    const outcome = await runTransaction(items, { name: 'roster.bind' });
    if (outcome.kind === 'done') return;
    if (outcome.failed.includes(0)) throw new AppError('ACCOUNT_ALREADY_BOUND');
    if (outcome.failed.includes(1)) {
      const current = await get(member.id);
      if (current && current.openid === null) throw new AppError('IDENTITY_NOT_MATCHED'); // phone changed meanwhile
      throw new AppError('MEMBER_ALREADY_BOUND');
    }
    throw new AppError('IDENTITY_NOT_MATCHED'); // the phone moved to another member meanwhile
  },

  async assignCardNumber(memberId, prefix, now) {
    const counter = await GuardModel.update({ key: rosterGuardKeys.cardSequence(prefix) }, { $ADD: { n: 1 } });
    const cardNumber = formatCardNumber(prefix, counter.n as number);
    const cardIssuedAt = now.toISOString();
    const outcome = await runTransaction(() => [
      MemberModel.transaction.update(
        { id: memberId },
        { $SET: { cardNumber, cardIssuedAt } },
        { condition: new Condition().where('id').exists().and().where('cardNumber').not().exists() },
      ),
      GuardModel.transaction.create({ key: rosterGuardKeys.cardOwner(cardNumber), owner: memberId }, { overwrite: false }),
    ]);
    if (outcome.kind === 'done') return { cardNumber, cardIssuedAt };
    // Somebody else assigned first (the sequence number drawn here stays unused: a gap, not a clash).
    const current = await get(memberId);
    if (!current?.cardNumber || !current.cardIssuedAt) throw new AppError('NOT_FOUND');
    return { cardNumber: current.cardNumber, cardIssuedAt: current.cardIssuedAt };
  },
};
