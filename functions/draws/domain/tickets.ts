import { randomInt } from 'node:crypto';

/**
 * Pseudonymous tickets: no name, no phone, nothing derived from the member. Ten characters of
 * Crockford's base-32 alphabet (no I, L, O, U: nothing to misread) ≈ 50 bits; an instant draw's
 * tickets start with their day (`20250501-…`), so a checker knows which day's secret decides them.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newTicket(draw: (max: number) => number = randomInt): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += ALPHABET[draw(ALPHABET.length)];
  return out;
}

export const TICKET_PATTERN = /^(\d{8}-)?[0-9A-HJKMNP-TV-Z]{10}$/;

/** The day prefix of an instant ticket (`20250501`), or null. */
export function ticketDay(ticket: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})-/.exec(ticket);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
