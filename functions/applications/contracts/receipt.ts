/**
 * 受理编号: the reference a member quotes on the phone and an official reads on the desk, derived
 * from the application's id (a ULID) so it needs no counter and never changes: the Beijing date of
 * filing and the id's last six characters, e.g. 20250301-7KQ2M9 (the six are random: 32⁶ ≈ 10⁹ a
 * day). An id that is not a ULID (demo data written by hand) is shown as it is, in capitals.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function receiptNumber(applicationId: string): string {
  const id = applicationId.toUpperCase();
  if (!ULID.test(id)) return id;
  let ms = 0;
  for (const c of id.slice(0, 10)) ms = ms * 32 + CROCKFORD.indexOf(c);
  const beijing = new Date(ms + 8 * 3_600_000);
  const date = `${beijing.getUTCFullYear()}${String(beijing.getUTCMonth() + 1).padStart(2, '0')}${String(beijing.getUTCDate()).padStart(2, '0')}`;
  return `${date}-${id.slice(-6)}`;
}
