import { hardshipStandards } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { publicDeps } from '../../services/deps';
import { listStandards } from '../../services/self-check';

export const handler = endpoint(hardshipStandards, { deps: publicDeps }, ({ query, deps }) => listStandards(deps, query));
