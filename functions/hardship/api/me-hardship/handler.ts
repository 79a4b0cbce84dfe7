import { meHardship } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { sessionDeps } from '../../services/deps';
import { myHardship } from '../../services/cases';

export const handler = endpoint(meHardship, { deps: sessionDeps }, ({ openid, deps }) => myHardship(deps, openid));
