/** 4601011000012345 → "4601 0110 0001 2345": groups of four are easier to read aloud and copy. */
export function groupCardNumber(number: string, size = 4): string {
  const groups: string[] = [];
  for (let i = 0; i < number.length; i += size) groups.push(number.slice(i, i + size));
  return groups.join(' ');
}

/** The role labels a member sees under their card. */
export function roleLabel(
  role:
    | { type: 'member' }
    | { type: 'official'; orgName: string }
    | { type: 'clerk'; merchantName: string }
    | { type: 'hardship'; orgName: string }
    | { type: 'admin' },
): string {
  switch (role.type) {
    case 'member':
      return '工会会员';
    case 'official':
      return `工会干部 · ${role.orgName}`;
    case 'clerk':
      return `商户核销员 · ${role.merchantName}`;
    case 'hardship':
      return `帮扶工作人员 · ${role.orgName}`;
    case 'admin':
      return '平台管理员';
  }
}

/**
 * When to fetch a fresh QR payload: at ~75 % of its remaining lifetime, never sooner than
 * `minMs` (no hammering when the clock is off) nor later than `maxMs`.
 */
export function refreshDelay(expiresAt: string, now: number, minMs = 5_000, maxMs = 45_000): number {
  const expiry = Date.parse(expiresAt);
  if (!Number.isFinite(expiry)) return minMs;
  const delay = Math.floor((expiry - now) * 0.75);
  return Math.min(maxMs, Math.max(minMs, delay));
}
