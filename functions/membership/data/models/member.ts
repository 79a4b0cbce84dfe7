import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/**
 * A roster entry. `idCipher` is AES-GCM ciphertext bound to the member id and naming its key; `idHash`
 * a keyed HMAC for look-up; `idMasked` keeps the first 2 and last 2 characters only. No birth date is
 * stored: with the mask it would leave two digits of the ID number unknown.
 */
export interface MemberItem extends Item {
  id: string;
  idHash: string;
  idCipher: string;
  idMasked: string;
  name: string;
  sex: 'male' | 'female';
  /** Absent once an official released the number (member care: phone-release). */
  phone?: string;
  orgId: string;
  openid?: string;
  boundAt?: string;
  /** When and to which version of the 会员信息授权说明 the member consented while binding. */
  consentAt?: string;
  consentVersion?: string;
  cardNumber?: string;
  cardIssuedAt?: string;
  /** Card numbers retired when a transfer moved the member to another card region (oldest first). */
  cardHistory?: Array<{ number: string; issuedAt: string; retiredAt: string }>;
  createdAt: string;
  /** 退会 (member care: leave): `left` from then on (absent: a member), written with leftAt/leftOn/leftReason. */
  status?: 'left';
  /** 退会 (member care: leave): when it was recorded, the date it took effect (China) and why. */
  leftAt?: string;
  leftOn?: string;
  leftReason?: string;
}

export const MemberModel = /* @__PURE__ */ lazyModel<MemberItem>(
  'members',
  () =>
    new dynamoose.Schema({
      id: { type: String, hashKey: true },
      idHash: { type: String, required: true, index: { name: 'byIdHash', type: 'global', project: false } },
      idCipher: { type: String, required: true },
      idMasked: { type: String, required: true },
      name: { type: String, required: true },
      sex: { type: String, required: true, enum: ['male', 'female'] },
      phone: String,
      // byOrg: a union's members by name (member care's search: `begins_with(name, q)` per union of
      // the official's subtree, services/member-care.ts), projected to what a search result shows.
      orgId: {
        type: String,
        required: true,
        index: { name: 'byOrg', type: 'global', rangeKey: 'name', project: ['sex', 'idMasked', 'phone', 'openid', 'cardNumber', 'leftAt'] },
      },
      openid: String,
      boundAt: String,
      consentAt: String,
      consentVersion: String,
      cardNumber: String,
      cardIssuedAt: String,
      cardHistory: {
        type: Array,
        schema: [{ type: Object, schema: { number: String, issuedAt: String, retiredAt: String } }],
      },
      createdAt: { type: String, required: true },
      status: { type: String, enum: ['left'] },
      leftAt: String,
      leftOn: String,
      leftReason: String,
    }),
);
