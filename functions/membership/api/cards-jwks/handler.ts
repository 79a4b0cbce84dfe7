import { endpoint } from '../../../kernel/http';
import { productionTokens } from '../../services/token-deps';

/** Public: the keys that sign card QR payloads, for merchants that verify offline. No database. */
export const handler = endpoint({ deps: async () => ({ tokens: await productionTokens() }) }, ({ deps }) =>
  deps.tokens.cardJwks(),
);
