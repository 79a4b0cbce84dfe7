import { meBinding } from '../../contracts/me';
import { endpoint } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { bindMember } from '../../services/binding';
import { viewerAddress, viewerAddressHeader } from './viewer-address';

/** CloudFront's viewer header when the deploy says CloudFront is in front (viewer-address.ts); read once, refused at start-up when it names another. */
const header = viewerAddressHeader(process.env.VIEWER_ADDRESS_HEADER);

export const handler = endpoint(meBinding, { deps: productionDeps }, ({ event, body, openid, deps }) =>
  bindMember(deps, openid, body, viewerAddress(event, header).address),
);
