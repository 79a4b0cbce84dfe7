import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  CLOUDFRONT_VIEWER_ADDRESS,
  parseViewerAddress,
  viewerAddress,
  viewerAddressHeader,
} from '../../functions/membership/api/me-binding/viewer-address';
import { addressBucket } from '../../functions/membership/domain/source-address';

/**
 * Which address a binding attempt is counted against (issue 13, item 10): API Gateway's TCP peer,
 * or CloudFront's viewer header only when the deploy says CloudFront is in front; never a header
 * the client writes.
 */
const event = (sourceIp: string, headers: Record<string, string> = {}) =>
  ({ headers, requestContext: { http: { sourceIp } } }) as unknown as APIGatewayProxyEventV2;

describe('the viewer address', () => {
  it('is API Gateway’s sourceIp without a CDN: a forged X-Forwarded-For, X-Real-IP or CloudFront header changes nothing', () => {
    const forged = event('203.0.113.7', {
      'x-forwarded-for': '198.51.100.1, 10.0.0.1',
      'x-real-ip': '198.51.100.2',
      'cloudfront-viewer-address': '198.51.100.3:443',
      'true-client-ip': '198.51.100.4',
    });
    expect(viewerAddress(forged, viewerAddressHeader(''))).toEqual({ address: '203.0.113.7', from: 'peer' });
    expect(viewerAddress(forged, viewerAddressHeader(undefined))).toEqual({ address: '203.0.113.7', from: 'peer' });
  });

  it('is CloudFront’s viewer address when configured, IPv4 and IPv6, whatever the header’s case', () => {
    const header = viewerAddressHeader('CloudFront-Viewer-Address');
    expect(header).toBe(CLOUDFRONT_VIEWER_ADDRESS);
    expect(viewerAddress(event('130.176.0.1', { 'cloudfront-viewer-address': '198.51.100.10:46532' }), header)).toEqual({
      address: '198.51.100.10',
      from: 'cloudfront',
    });
    expect(viewerAddress(event('130.176.0.1', { 'CloudFront-Viewer-Address': '2001:db8:85a3::8a2e:370:7334:46532' }), header)).toEqual({
      address: '2001:db8:85a3::8a2e:370:7334',
      from: 'cloudfront',
    });
    // X-Forwarded-For is ignored there too.
    const both = event('130.176.0.1', { 'x-forwarded-for': '198.51.100.1', 'cloudfront-viewer-address': '198.51.100.10:1' });
    expect(viewerAddress(both, header).address).toBe('198.51.100.10');
  });

  it('falls back to sourceIp when the configured header is missing or malformed', () => {
    const header = viewerAddressHeader('cloudfront-viewer-address');
    expect(viewerAddress(event('130.176.0.1'), header)).toEqual({ address: '130.176.0.1', from: 'peer' });
    for (const bad of ['198.51.100.10', 'evil', '198.51.100.10:port', '999.1.1.1:80', '198.51.100.10:80, 198.51.100.11:80', ':80']) {
      expect(viewerAddress(event('130.176.0.1', { 'cloudfront-viewer-address': bad }), header), bad).toEqual({ address: '130.176.0.1', from: 'peer' });
    }
    expect(viewerAddress({ headers: {} } as unknown as APIGatewayProxyEventV2, header).address).toBe('unknown');
  });

  it('may be configured as CloudFront’s header only: X-Forwarded-For or any other header fails at start-up', () => {
    for (const other of ['X-Forwarded-For', 'x-real-ip', 'True-Client-IP', 'CloudFront-Viewer-Address-X']) {
      expect(() => viewerAddressHeader(other), other).toThrow(/VIEWER_ADDRESS_HEADER/);
    }
  });

  it('parses CloudFront’s `<ip>:<port>` (IPv6 unbracketed, or bracketed)', () => {
    expect(parseViewerAddress('192.0.2.1:443')).toBe('192.0.2.1');
    expect(parseViewerAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(parseViewerAddress('2001:db8::1:443')).toBe('2001:db8::1');
    expect(parseViewerAddress(undefined)).toBeNull();
    expect(parseViewerAddress('')).toBeNull();
  });
});

describe('the bucket a failure is counted in', () => {
  it('is an IPv4 address itself, an IPv6 address’s /64, an IPv4-mapped address’s IPv4 address', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2::1')).toBe(addressBucket('2001:DB8:1:2:ffff::9'));
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('unknown')).toBe('unknown');
  });
});
