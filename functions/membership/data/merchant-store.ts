import type { Merchant } from '../domain/types';
import type { MerchantStore } from '../services/ports';
import { batchGetAll } from '../../kernel/data/batch';
import { MerchantModel, type MerchantItem } from './models/merchant';
import { isConditionFailure } from '../../kernel/data/transactions';

const toMerchant = (item: MerchantItem): Merchant => ({ id: item.id, name: item.name, status: item.status === 'suspended' ? 'suspended' : 'active' });

export const merchantStore: MerchantStore = {
  async getMany(ids) {
    const unique = [...new Set(ids)];
    const out = new Map<string, Merchant>();
    if (unique.length === 0) return out;
    const items = await batchGetAll(MerchantModel, unique.map((id) => ({ id })));
    for (const item of items) out.set(item.id, toMerchant(item));
    return out;
  },
  async createIfAbsent(merchant) {
    try {
      await MerchantModel.create({ id: merchant.id, name: merchant.name, status: merchant.status }, { overwrite: false });
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};
