import { createHmac, randomBytes } from 'node:crypto';
import { sha256Hex } from './draw-rule';

/**
 * The instant draw (答题即抽): before each activity day the system draws a secret and publishes its
 * SHA-256 (the commitment); a pass's ticket wins when HMAC-SHA256(secret, ticket) — its first 8 hex
 * digits read as an unsigned 32-bit number — is below the day's win rate × 2³²; after the day the
 * secret is published, and anyone checks the commitment and every outcome. Secrets are 32 random
 * bytes, written as 64 lower-case hex digits, and the HMAC key is that hex text (UTF-8), so a checker
 * needs no byte conversions.
 *
 * A ticket that the rule makes a winner still wins nothing when the member has had their wins of the
 * day (winsPerMemberPerDay) or no place is left: the member's outcome says which.
 */

export const newDaySecret = (): string => randomBytes(32).toString('hex');

export const commitmentOf = (secret: string): string => sha256Hex(secret);

export function outcomeHmac(secret: string, ticket: string): string {
  return createHmac('sha256', secret).update(ticket, 'utf8').digest('hex');
}

const TWO_32 = 2 ** 32;

/** The threshold a rate in [0, 1] gives: floor(rate × 2³²). */
export function winThreshold(winRate: number): number {
  return Math.floor(Math.min(1, Math.max(0, winRate)) * TWO_32);
}

/** Whether the rule makes `ticket` a winner on the day of `secret` at `winRate`. */
export function ruleWins(secret: string, ticket: string, winRate: number): boolean {
  return Number.parseInt(outcomeHmac(secret, ticket).slice(0, 8), 16) < winThreshold(winRate);
}
