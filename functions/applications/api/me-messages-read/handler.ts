import { MESSAGE_ID, meMessagesRead } from '../../contracts/messages';
import { endpoint, pathId } from '../../../kernel/http';
import { messageDeps } from '../../services/message-deps';
import { markMessageRead } from '../../services/messages';

export const handler = endpoint(meMessagesRead, { deps: messageDeps }, ({ event, openid, deps }) =>
  markMessageRead(deps, openid, pathId(event, MESSAGE_ID)),
);
