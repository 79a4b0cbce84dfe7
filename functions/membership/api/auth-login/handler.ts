import { loginRequest } from '../../contracts/auth';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { login } from '../../services/login';

export const handler = endpoint({ deps: productionDeps, body: loginRequest }, ({ body, deps }) => login(deps, body.code));
