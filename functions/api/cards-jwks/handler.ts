import { endpoint } from '../../commons/http';

/** Public: the keys that sign card QR payloads, for merchants that verify offline. */
export const handler = endpoint({}, ({ deps }) => deps.tokens.cardJwks());
