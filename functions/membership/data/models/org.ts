import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

export interface OrgItem extends Item {
  id: string;
  name: string;
  parentId?: string;
  kind: string;
  regionCode?: string;
  workUnit?: string;
  path: string[];
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
