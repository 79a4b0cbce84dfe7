import { meMessages } from '../../contracts/messages';
import { endpoint } from '../../../kernel/http';
import { messageDeps } from '../../services/message-deps';
import { listMessages } from '../../services/messages';

export const handler = endpoint(meMessages, { deps: messageDeps }, ({ openid, deps }) => listMessages(deps, openid));
