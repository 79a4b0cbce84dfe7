import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/**
 * The officials index: one item per (org, account) for each `official:<orgId>` role an account holds,
 * so that an org's officials are one query (roles themselves live inside each account, which only a
 * scan could search). Written in the same transaction as the roles (data/official-store.ts).
 */
export interface OfficialItem extends Item {
  orgId: string;
  openid: string;
  /** When the role was written (or found by a reindex). */
  grantedAt: string;
  /**
   * The openid of the official or admin who granted it (POST /api/admin/roles); absent for roles
   * written by the seed or a reindex. Applications recuse the granter from the grantee's applications.
   */
  grantedBy?: string;
}

export const OfficialModel = /* @__PURE__ */ lazyModel<OfficialItem>(
  'officials',
  () =>
    new dynamoose.Schema({
      orgId: { type: String, hashKey: true },
      openid: { type: String, rangeKey: true },
      grantedAt: { type: String, required: true },
      grantedBy: String,
    }),
);
