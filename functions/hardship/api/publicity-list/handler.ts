import { hardshipPublicity } from '../../contracts/hardship';
import { endpoint } from '../../../kernel/http';
import { publicDeps } from '../../services/deps';
import { publicity } from '../../services/cases';

export const handler = endpoint(hardshipPublicity, { deps: publicDeps }, ({ deps }) => publicity(deps));
