import { privacyGet } from '../../contracts/data-subject';
import { endpoint } from '../../../kernel/http';
import { privacyDocuments } from '../../services/documents';

/** Public (no log-in): the privacy texts, read before log-in and binding. No database. */
export const handler = endpoint(privacyGet, { deps: async () => ({}) }, async () => privacyDocuments());
