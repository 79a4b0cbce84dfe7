import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/** A WeChat account (openid), its binding to a roster member and its roles (see role-codec.ts). */
export interface AccountItem extends Item {
  openid: string;
  memberId?: string;
  roles?: string[];
  createdAt: string;
  lastLoginAt?: string;
}

export const AccountModel = /* @__PURE__ */ lazyModel<AccountItem>(
  'accounts',
  () =>
    new dynamoose.Schema({
      openid: { type: String, hashKey: true },
      memberId: String,
      roles: { type: Array, schema: [String] },
      createdAt: { type: String, required: true },
      lastLoginAt: String,
    }),
);
