import { meDeletion } from '../../contracts/data-subject';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { closeMyAccount } from '../../services/data-subject';

/** POST /api/me/deletion {confirm: '注销'}: the member closes their account (idempotent). */
export const handler = endpoint(meDeletion, { deps: productionDeps }, ({ openid, deps }) => closeMyAccount(deps, openid));
