import { isIP } from 'node:net';

/**
 * The bucket a network address is counted in by the binding failure metric: an IPv4 address as it
 * is, an IPv6 address by its /64 (one household, phone or server usually holds a whole /64, so
 * counting single IPv6 addresses would let one client spread its failures over 2⁶⁴ of them); an
 * IPv4-mapped IPv6 address as its IPv4 address. Anything else: `unknown`.
 */
export function addressBucket(address: string): string {
  const plain = address.trim().replace(/%.*$/, '').toLowerCase();
  const kind = isIP(plain);
  if (kind === 4) return plain;
  if (kind !== 6) return 'unknown';
  const [left = '', right] = plain.split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  // An embedded dotted quad (the last 32 bits) stands for two groups.
  const size = (parts: string[]) => parts.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const head = groups(left);
  const tail = right === undefined ? [] : groups(right);
  const all = [...head, ...Array.from({ length: right === undefined ? 0 : 8 - size(head) - size(tail) }, () => '0'), ...tail];
  const last = all[all.length - 1] as string;
  const value = (g: string) => parseInt(g, 16);
  if (last.includes('.') && all.slice(0, 5).every((g) => value(g) === 0) && value(all[5] as string) === 0xffff) return last;
  return `${all
    .slice(0, 4)
    .map((g) => value(g).toString(16))
    .join(':')}::/64`;
}
