import { hardshipSelfCheck } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { publicDeps } from '../../services/deps';
import { runSelfCheck } from '../../services/self-check';

export const handler = endpoint(hardshipSelfCheck, { deps: publicDeps }, ({ body, deps }) => runSelfCheck(deps, body));
