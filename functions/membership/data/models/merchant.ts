import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

export interface MerchantItem extends Item {
  id: string;
  name: string;
  /** 'active' | 'suspended'; absent on items written before it existed (= active). */
  status?: string;
  /** JSON of MerchantAgreement[] (domain/types.ts); absent on items written before it existed (= none). */
  agreements?: string;
  /** The merchant's contact (domain/types.ts MerchantContact); absent when not recorded. */
  address?: string;
  phone?: string;
  latitude?: number;
  longitude?: number;
}

export const MerchantModel = /* @__PURE__ */ lazyModel<MerchantItem>(
  'merchants',
  () =>
    new dynamoose.Schema({
      id: { type: String, hashKey: true },
      name: { type: String, required: true },
      status: { type: String, enum: ['active', 'suspended'] },
      agreements: String,
      address: String,
      phone: String,
      latitude: Number,
      longitude: Number,
    }),
);
