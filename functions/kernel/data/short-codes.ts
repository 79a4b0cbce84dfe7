import { randomInt } from 'node:crypto';
import { dynamoose } from './client';
import { GuardModel } from './guard-model';
import type { QuotaStore, RateWindow } from './quota-store';
import { isConditionFailure } from './transactions';
import { AppError } from '../errors';
import { isShortCode, SHORT_CODE_RANDOM_DIGITS } from '../contracts/short-code';

/**
 * Short numeric codes for the counter (issue 15, item 5): a random number that stands for a
 * server-side reference (a coupon and its member, a card) for a short while, so a QR can carry 10
 * digits instead of a 341-character token and a clerk can type them. The owner builds the key
 * (its own prefix in the guards table, as for every guard); the code's first digit names its kind,
 * the way payment codes do (a coupon's and a card's codes never meet).
 */
export interface ShortCodeStore {
  /**
   * Stores a new code for `reference` until `expiresAt` and returns it: `kindDigit` followed by 9
   * digits from the CSPRNG. A code still live for another reference is never taken over (a
   * conditional write; another number is drawn).
   */
  issue(kindDigit: string, reference: string, now: Date, expiresAt: Date): Promise<string>;
  /** The reference of a live code, or null for one never issued, expired or of another kind. */
  resolve(code: string, now: Date): Promise<string | null>;
}

/** Draws before giving up when each drawn number is live already (never, in practice). */
const ATTEMPTS = 5;

const epochSeconds = (at: Date) => Math.ceil(at.getTime() / 1000);

export function randomShortCode(kindDigit: string, draw: (max: number) => number = (max) => randomInt(max)): string {
  return kindDigit + String(draw(10 ** SHORT_CODE_RANDOM_DIGITS)).padStart(SHORT_CODE_RANDOM_DIGITS, '0');
}

/** `key(code)`: the guard's key, under the owner's prefix. */
export function createShortCodeStore(key: (code: string) => string): ShortCodeStore {
  return {
    async issue(kindDigit, reference, now, expiresAt) {
      for (let attempt = 1; ; attempt += 1) {
        const code = randomShortCode(kindDigit);
        try {
          await GuardModel.update(
            { key: key(code) },
            { $SET: { owner: reference, expiresAt: epochSeconds(expiresAt) } },
            { condition: new dynamoose.Condition().where('owner').not().exists().or().where('expiresAt').lt(Math.floor(now.getTime() / 1000)) },
          );
          return code;
        } catch (err) {
          if (!isConditionFailure(err) || attempt >= ATTEMPTS) throw err;
        }
      }
    },
    async resolve(code, now) {
      if (!isShortCode(code)) return null;
      const item = await GuardModel.get({ key: key(code) }, { consistent: true });
      if (!item?.owner || (item.expiresAt ?? 0) * 1000 <= now.getTime()) return null;
      return item.owner;
    },
  };
}

/** Wrong codes a subject (a merchant, all its clerks together; an official) may type in one hour before lookups stop. */
export const CODE_MISSES_PER_HOUR = 20;

const HOUR_MS = 3_600_000;

/**
 * Looks a typed or scanned code up for `subjects` (the merchants of the clerk, or the official's
 * account), each of whom may miss CODE_MISSES_PER_HOUR times an hour in `scope`: past that no code is
 * looked up for them (CODE_LOOKUPS_LIMITED) until the next hour, so guessing 10⁹ numbers stays
 * hopeless. A miss counts for every subject and throws `notFound()`.
 */
export async function resolveCounted(
  deps: { quotas: QuotaStore; codes: ShortCodeStore },
  lookup: { scope: string; subjects: readonly string[]; code: string; now: number; notFound: () => Error },
): Promise<string> {
  const { scope, subjects, code, now } = lookup;
  const window = (subject: string): RateWindow => ({ scope, subject, period: `h${Math.floor(now / HOUR_MS)}` });
  const misses = await Promise.all(subjects.map((s) => deps.quotas.count(window(s))));
  if (misses.some((n) => n >= CODE_MISSES_PER_HOUR)) throw new AppError('CODE_LOOKUPS_LIMITED');
  const reference = await deps.codes.resolve(code, new Date(now));
  if (reference) return reference;
  const hourEnds = new Date((Math.floor(now / HOUR_MS) + 2) * HOUR_MS);
  await Promise.all(subjects.map((s) => deps.quotas.add(window(s), hourEnds)));
  throw lookup.notFound();
}
