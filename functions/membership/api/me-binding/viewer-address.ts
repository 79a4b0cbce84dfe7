import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * Which network address a binding attempt comes from, for the per-address failure metric and its
 * alarm (services/binding.ts, serverless.yml › BindingRefusalsPerAddress*). Nothing is locked by
 * it: one address may be a whole workplace behind NAT, or a CDN.
 *
 * - Without a CDN (the default): `requestContext.http.sourceIp`, the TCP peer as API Gateway's HTTP
 *   API saw it. API Gateway sets it from the connection; no header a client sends changes it.
 * - With CloudFront in front of the API (deploy parameter `viewerAddressHeader:
 *   CloudFront-Viewer-Address`, the function's VIEWER_ADDRESS_HEADER): every request then reaches
 *   API Gateway from CloudFront's own addresses, so sourceIp would put every client into a few
 *   buckets. CloudFront adds `CloudFront-Viewer-Address` (`<ip>:<port>`, IPv6 unbracketed) to the
 *   origin request when the origin request policy includes it, and sets it itself, replacing any
 *   value the client sent. That holds only for requests that came through CloudFront: the API's
 *   own endpoint must not be reachable around it (disable the execute-api endpoint, or have
 *   CloudFront send an origin secret the API checks), otherwise a client calling the API directly
 *   chooses the value. A missing or malformed value falls back to sourceIp, which is never forged.
 * - Never `X-Forwarded-For`: its first entries are whatever the client wrote; the parameter refuses it.
 */

/** The only header VIEWER_ADDRESS_HEADER may name (any case); empty: no CDN in front. */
export const CLOUDFRONT_VIEWER_ADDRESS = 'CloudFront-Viewer-Address';

/** VIEWER_ADDRESS_HEADER as configured: null (use sourceIp) or CloudFront's header. Anything else fails at start-up. */
export function viewerAddressHeader(value: string | undefined): string | null {
  const configured = (value ?? '').trim();
  if (configured === '') return null;
  if (configured.toLowerCase() === CLOUDFRONT_VIEWER_ADDRESS.toLowerCase()) return CLOUDFRONT_VIEWER_ADDRESS;
  throw new Error(`VIEWER_ADDRESS_HEADER must be empty or ${CLOUDFRONT_VIEWER_ADDRESS}, not ${JSON.stringify(configured)}`);
}

/** The address in a CloudFront-Viewer-Address value (`198.51.100.10:46532`, `2001:db8::1:46532`), or null. */
export function parseViewerAddress(value: string | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const colon = trimmed.lastIndexOf(':');
  if (colon <= 0 || !/^\d{1,5}$/.test(trimmed.slice(colon + 1))) return null;
  let ip = trimmed.slice(0, colon);
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  return isIP(ip) ? ip : null;
}

export interface ViewerAddress {
  address: string;
  /** Where it was read: CloudFront's header, or API Gateway's TCP peer. */
  from: 'cloudfront' | 'peer';
}

/** The viewer's address: CloudFront's header when configured and well-formed, else API Gateway's sourceIp. */
export function viewerAddress(event: APIGatewayProxyEventV2, header: string | null): ViewerAddress {
  if (header !== null) {
    const wanted = header.toLowerCase();
    const raw = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
    const address = parseViewerAddress(raw);
    if (address !== null) return { address, from: 'cloudfront' };
  }
  return { address: event.requestContext?.http?.sourceIp || 'unknown', from: 'peer' };
}
