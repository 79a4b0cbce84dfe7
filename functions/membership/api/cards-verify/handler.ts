import { cardsVerify } from '../../contracts/cards';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { verifyCard } from '../../services/card-verification';

export const handler = endpoint(cardsVerify, { deps: productionDeps }, ({ body, openid, deps }) => verifyCard(deps, openid, body.payload));
