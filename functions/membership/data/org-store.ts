import type { Org } from '../domain/types';
import type { OrgDirectory, OrgStore } from '../services/ports';
import { batchGetAll } from '../../kernel/data/batch';
import { OrgModel, type OrgItem } from './models/org';
import { isConditionFailure } from '../../kernel/data/transactions';

function toOrg(item: OrgItem): Org {
  return {
    id: item.id,
    name: item.name,
    parentId: item.parentId ?? null,
    kind: item.kind,
    regionCode: item.regionCode ?? null,
    workUnit: item.workUnit ?? null,
    path: item.path,
  };
}

/** An org as its item stores it (absent optional fields left out). */
export function orgItemOf(org: Org) {
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    path: org.path,
    ...(org.parentId ? { parentId: org.parentId } : {}),
    ...(org.regionCode ? { regionCode: org.regionCode } : {}),
    ...(org.workUnit ? { workUnit: org.workUnit } : {}),
  };
}

export const orgStore: OrgStore = {
  async getMany(ids) {
    const unique = [...new Set(ids)];
    const out = new Map<string, Org>();
    if (unique.length === 0) return out;
    const items = await batchGetAll(OrgModel, unique.map((id) => ({ id })));
    for (const item of items) out.set(item.id, toOrg(item));
    return out;
  },
  async createIfAbsent(org) {
    try {
      await OrgModel.create(orgItemOf(org), { overwrite: false });
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};

export const orgDirectory: OrgDirectory = {
  async listByKind(kind) {
    const items = await OrgModel.query('kind').eq(kind).using('byKind').all().exec();
    return items.map(toOrg);
  },
};
