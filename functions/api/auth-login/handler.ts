import { loginRequest } from '../../contracts/auth';
import { endpoint } from '../../commons/http';
import { login } from '../../services/login';

export const handler = endpoint({ body: loginRequest }, ({ body, deps }) => login(deps, body.code));
