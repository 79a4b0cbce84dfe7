import type { Sex } from './id-number';

export type OrgKind = 'province' | 'city' | 'industry' | 'grassroots';

export interface Org {
  id: string;
  name: string;
  parentId: string | null;
  kind: OrgKind;
  /** Card-number code of a city/county federation or industry union; grassroots unions inherit it. */
  regionCode: string | null;
  workUnit: string | null;
  /** Org ids from the root down to this org (inclusive). */
  path: string[];
}

/** A member of the real-name roster, as the data layer hands it out (never the raw ID number). */
export interface RosterMember {
  id: string;
  name: string;
  sex: Sex;
  idHash: string;
  idMasked: string;
  /** The roster's phone number; '' once an official released it (member care) until a new one is set. */
  phone: string;
  orgId: string;
  openid: string | null;
  cardNumber: string | null;
  cardIssuedAt: string | null;
  /**
   * Set once the member has left the union (退会), kept as history: the entry stays, but the card no
   * longer verifies and benefits, subsidies and transfers are refused. Absent or null: a member.
   */
  left?: MemberLeaving | null;
}

/** A recorded 退会: the date it took effect (China, YYYY-MM-DD), why, and when it was recorded. */
export interface MemberLeaving {
  on: string;
  reason: string;
  /** ISO-8601 instant of the official's record. */
  at: string;
}

export type StoredRole =
  | { type: 'official'; orgId: string }
  | { type: 'clerk'; merchantId: string }
  /** 帮扶 (困难帮扶, functions/hardship): sees and handles the hardship cases and files of the org's subtree. */
  | { type: 'hardship'; orgId: string }
  | { type: 'admin' };

export interface Account {
  openid: string;
  memberId: string | null;
  roles: StoredRole[];
  createdAt: string;
}

export type MerchantStatus = 'active' | 'suspended';

export interface Merchant {
  id: string;
  name: string;
  /** A suspended merchant's clerks can no longer verify cards or redeem coupons. */
  status: MerchantStatus;
  /**
   * The federations (province or city/county level, MERCHANT_SIGNING_KINDS) that signed an agreement
   * with the merchant: benefits of those orgs and of the orgs below them may name it. Empty: none may.
   */
  agreements: MerchantAgreement[];
  /** Where members find it (address, phone, GCJ-02 coordinates for WeChat's map); absent when not recorded. */
  contact?: MerchantContact;
}

/** A merchant's address, phone and place on the map (GCJ-02, what wx.openLocation takes). */
export interface MerchantContact {
  address: string;
  phone: string;
  latitude: number;
  longitude: number;
}

/** A federation's agreement with a merchant: which org, since when (ISO-8601 instant of the record). */
export interface MerchantAgreement {
  orgId: string;
  since: string;
}

/** The org levels that sign agreements with merchants: the province and the city/county federations. */
export const MERCHANT_SIGNING_KINDS: readonly OrgKind[] = ['province', 'city'];
