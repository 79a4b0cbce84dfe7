import type { AdminDrawResponse, PublicDraw, TicketView } from '../contracts/draws';
import { dayEnd } from '../domain/days';
import { resultsOf, sortTickets } from '../domain/draw-rule';
import { paged } from '../domain/pages';
import type { Draw, Ticket } from '../domain/types';
import type { Deps } from './ports';
import { toShanghaiIso } from './time';

/** An instant draw is open while its window is; a scheduled one as stored. */
export function statusAt(draw: Draw, now: number): Draw['status'] {
  if (draw.kind === 'instant') return now >= draw.closesAt ? 'closed' : 'open';
  return draw.status;
}

/**
 * GET /api/draws/{id}, for anyone: what a draw has published so far. Scheduled: the sorted tickets and
 * their hash once closed, the seed and the results once drawn. Instant: each day's committed hash,
 * and once the day is over its secret, its tickets and the ones that won a place. Never a member, a
 * name or a phone: tickets are pseudonyms. The lists are paged (PUBLIC_DRAW_PAGE each): `page` 0
 * first; a page past the end has empty lists.
 */
export async function publicDraw(deps: Pick<Deps, 'draws'>, draw: Draw, now: number, page = 0): Promise<PublicDraw> {
  return paged(await wholeDraw(deps, draw, now), page);
}

async function wholeDraw(deps: Pick<Deps, 'draws'>, draw: Draw, now: number): Promise<PublicDraw> {
  const status = statusAt(draw, now);
  const base = {
    id: draw.id,
    benefitId: draw.benefitId,
    kind: draw.kind,
    status,
    ticketsHash: draw.ticketsHash,
    seedSource: draw.seedSource,
    seed: draw.status === 'drawn' ? draw.seed : null,
    places: { ...draw.places },
  };
  if (draw.kind === 'scheduled') {
    const tickets = status === 'open' ? [] : await deps.draws.tickets(draw.id);
    const byTicket = new Map(tickets.map((t) => [t.ticket, t.pool]));
    const { winners, waitlist } = resultsOf(draw, tickets);
    return {
      ...base,
      tickets: sortTickets([...byTicket.keys()]).map((ticket) => ({ ticket, pool: byTicket.get(ticket)! })),
      winners,
      waitlist,
      days: [],
    };
  }
  const secrets = new Map((await deps.draws.daySecrets(draw.id)).map((s) => [s.day, s]));
  const revealed = new Set(draw.days.filter((day) => now >= dayEnd(day)));
  const tickets = revealed.size === 0 ? [] : (await deps.draws.tickets(draw.id)).filter((t) => t.day !== null && revealed.has(t.day));
  return {
    ...base,
    tickets: sortTickets(tickets.map((t) => t.ticket)).map((ticket) => ({ ticket, pool: '*' })),
    winners: sortTickets(tickets.filter((t) => t.outcome === 'won').map((t) => t.ticket)),
    waitlist: [],
    days: draw.days.map((day) => {
      const s = secrets.get(day);
      return { day, winRate: s?.winRate ?? draw.winRate ?? 0, commitment: s?.commitment ?? '', secret: revealed.has(day) && s ? s.secret : null };
    }),
  };
}

export async function adminDrawView(deps: Pick<Deps, 'draws'>, draw: Draw, openid: string, now: number): Promise<AdminDrawResponse> {
  return {
    draw: await publicDraw(deps, draw, now),
    seedProposed: draw.status === 'closed' && draw.seedProposal ? { at: toShanghaiIso(draw.seedProposal.at), byMe: draw.seedProposal.by === openid } : null,
  };
}

export function ticketView(t: Ticket, states: ReadonlyMap<string, string>): TicketView {
  return {
    ticket: t.ticket,
    day: t.day,
    pool: t.pool,
    outcome: t.outcome,
    place: t.couponId ? { couponId: t.couponId, state: states.get(t.couponId) ?? 'unknown' } : null,
    at: toShanghaiIso(t.at),
  };
}
