import { authLogin } from '../../contracts/auth';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { login } from '../../services/login';

export const handler = endpoint(authLogin, { deps: productionDeps }, ({ body, deps }) => login(deps, body.code));
