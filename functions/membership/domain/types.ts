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
  phone: string;
  orgId: string;
  openid: string | null;
  cardNumber: string | null;
  cardIssuedAt: string | null;
}

export type StoredRole =
  | { type: 'official'; orgId: string }
  | { type: 'clerk'; merchantId: string }
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
}
