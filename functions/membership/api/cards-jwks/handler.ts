import { cardsJwks } from '../../contracts/cards';
import { cardKeySet } from '../../../kernel/credentials';
import { endpoint } from '../../../kernel/http';

/**
 * Public: the keys that sign card QR payloads, for merchants that verify offline. No database, and
 * no private key: it reads the card-public-jwks parameter alone.
 */
export const handler = endpoint(cardsJwks, { deps: cardKeySet }, ({ deps }) => deps.cardJwks());
