import { createHash } from 'node:crypto';

/**
 * The scheduled draw (报名后统一抽签), exactly as published so that anyone can recompute it
 * (scripts/draw-verify.ts does, from GET /api/draws/{id} alone, with its own copy of these lines):
 *
 *   ticketsHash = SHA-256 hex of the tickets sorted ascending and joined with "\n";
 *   score(t)    = SHA-256 hex of `${seed}\n${pool}\n${t}`, pool = the city's region code for a city
 *                 quota or `*` for the rest;
 *   in each pool, tickets sorted by score ascending (ties, which SHA-256 makes practically
 *   impossible, by ticket); the first places[pool] win, the rest form the waiting list in that order.
 *
 * "Ascending" is by UTF-16 code unit (JavaScript's default sort), which for the tickets' ASCII is
 * byte order; scores are lower-case hex of equal length, so string order is numeric order.
 */

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The tickets in their published order. */
export function sortTickets(tickets: readonly string[]): string[] {
  return [...tickets].sort(ascending);
}

export function ticketsHash(tickets: readonly string[]): string {
  return sha256Hex(sortTickets(tickets).join('\n'));
}

export function score(seed: string, pool: string, ticket: string): string {
  return sha256Hex(`${seed}\n${pool}\n${ticket}`);
}

export interface PooledTicket {
  ticket: string;
  pool: string;
}

export interface DrawResult {
  /** Winners pool by pool (pools in ascending order), each pool by score. */
  winners: string[];
  /** The waiting list, in the same order: a place given back goes to the first of its pool. */
  waitlist: string[];
  /** Per pool, every ticket by score: winners first, then the waiting list. */
  ranking: Record<string, string[]>;
}

/** Draws `places` among `tickets` with the public `seed`. Tickets of a pool without places all wait. */
export function drawScheduled(seed: string, places: Readonly<Record<string, number>>, tickets: readonly PooledTicket[]): DrawResult {
  const byPool = new Map<string, string[]>();
  for (const { ticket, pool } of tickets) {
    // Appended in place: copying the pool's list for every ticket made 100,000 tickets take 81 s (npm run bench:draw).
    const list = byPool.get(pool);
    if (list) list.push(ticket);
    else byPool.set(pool, [ticket]);
  }
  const winners: string[] = [];
  const waitlist: string[] = [];
  const ranking: Record<string, string[]> = {};
  for (const pool of [...byPool.keys()].sort(ascending)) {
    const ranked = byPool
      .get(pool)!
      .map((ticket) => ({ ticket, score: score(seed, pool, ticket) }))
      .sort((a, b) => ascending(a.score, b.score) || ascending(a.ticket, b.ticket))
      .map((r) => r.ticket);
    const n = Math.max(0, places[pool] ?? 0);
    ranking[pool] = ranked;
    winners.push(...ranked.slice(0, n));
    waitlist.push(...ranked.slice(n));
  }
  return { winners, waitlist, ranking };
}

/**
 * A scheduled draw's results, recomputed from what is stored (the seed, the places, the sealed
 * tickets) by the rule above — the same lists `npm run draw:verify` recomputes; none before it is drawn.
 */
export function resultsOf(draw: { kind: string; status: string; seed: string | null; places: Readonly<Record<string, number>> }, tickets: readonly PooledTicket[]): DrawResult {
  if (draw.kind !== 'scheduled' || draw.status !== 'drawn' || draw.seed === null) return { winners: [], waitlist: [], ranking: {} };
  return drawScheduled(draw.seed, draw.places, tickets);
}
