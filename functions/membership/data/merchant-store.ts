import type { Merchant, MerchantAgreement, MerchantContact } from '../domain/types';
import type { MerchantStore } from '../services/ports';
import type { MerchantDirectory } from '../services/admin-ports';
import { batchGetAll } from '../../kernel/data/batch';
import { MerchantModel, type MerchantItem } from './models/merchant';
import { isConditionFailure } from '../../kernel/data/transactions';
import { dynamoose } from '../../kernel/data/client';

const toAgreements = (json: string | undefined): MerchantAgreement[] =>
  json ? (JSON.parse(json) as MerchantAgreement[]).map((a) => ({ orgId: a.orgId, since: a.since })) : [];

export const toMerchant = (item: MerchantItem): Merchant => ({
  id: item.id,
  name: item.name,
  status: item.status === 'suspended' ? 'suspended' : 'active',
  agreements: toAgreements(item.agreements),
  ...(item.address && item.phone && typeof item.latitude === 'number' && typeof item.longitude === 'number'
    ? { contact: { address: item.address, phone: item.phone, latitude: item.latitude, longitude: item.longitude } }
    : {}),
});

/** The stored attributes of a merchant (all of it: the id is its key). */
export const merchantAttributes = (m: Merchant) => ({
  id: m.id,
  name: m.name,
  status: m.status,
  agreements: JSON.stringify(m.agreements),
  ...(m.contact ?? {}),
});

/**
 * Every merchant (a scan: the partner merchants of a province are a few hundred to a few thousand
 * small items), for the officials' merchant picker.
 */
export const merchantDirectory: MerchantDirectory = {
  async listAll() {
    const items = await MerchantModel.scan().all().exec();
    return items.map(toMerchant).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN') || a.id.localeCompare(b.id));
  },
};

/**
 * The demo seed's: gives a merchant stored before agreements existed (no `agreements` attribute) these
 * agreements; a merchant with any (even none recorded as `[]`) is left as it is. True when written.
 */
export async function signUnsignedMerchant(id: string, agreements: MerchantAgreement[]): Promise<boolean> {
  if (agreements.length === 0) return false;
  try {
    await MerchantModel.update({ id }, { $SET: { agreements: JSON.stringify(agreements) } }, { condition: new dynamoose.Condition().where('id').exists().and().where('agreements').not().exists() });
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/**
 * The demo seed's: gives a merchant stored before contacts existed (no `address`) this contact; one
 * with an address is left as it is. True when written.
 */
export async function addMerchantContact(id: string, contact: MerchantContact): Promise<boolean> {
  try {
    await MerchantModel.update({ id }, { $SET: { ...contact } }, { condition: new dynamoose.Condition().where('id').exists().and().where('address').not().exists() });
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

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
      await MerchantModel.create(merchantAttributes(merchant), { overwrite: false });
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};
