import { deletionRequest } from '../../contracts/data-subject';
import { authenticate, endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { closeMyAccount } from '../../services/data-subject';

/** POST /api/me/deletion {confirm: '注销'}: the member closes their account (idempotent). */
export const handler = endpoint({ deps: productionDeps, body: deletionRequest }, async ({ event, body: _confirmed, deps }) =>
  closeMyAccount(deps, await authenticate(event, deps)),
);
