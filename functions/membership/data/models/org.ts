import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';
import type { Org } from '../../domain/types';

/** An org as stored: the domain's Org (domain/types.ts), its null fields absent; mapped in ../org-store.ts only. */
export interface OrgItem extends Item, Omit<Org, 'parentId' | 'regionCode' | 'workUnit'> {
  parentId?: string;
  regionCode?: string;
  workUnit?: string;
}

export const OrgModel = /* @__PURE__ */ lazyModel<OrgItem>(
  'orgs',
  () =>
    new dynamoose.Schema({
      id: { type: String, hashKey: true },
      name: { type: String, required: true },
      parentId: String,
      // byKind lists one level of the tree (e.g. every grassroots union for the union picker).
      kind: {
        type: String,
        required: true,
        enum: ['province', 'city', 'industry', 'grassroots'],
        index: { name: 'byKind', type: 'global', rangeKey: 'name', project: true },
      },
      regionCode: String,
      workUnit: String,
      path: { type: Array, schema: [String], required: true },
    }),
);
