import { resultsOf } from '../domain/draw-rule';
import type { Deps } from './ports';

/**
 * A scheduled draw's waiting list at work (issue 14 › 3): when a winner's place is released unpaid
 * (functions/payments), the next ticket waiting in the same pool — in the published order — gets a
 * place of its own, through the same claim transaction as any win (the released unit went back to
 * the stock in the release's transaction). A ticket is taken for promotion once (waitlist → pending,
 * conditioned), so two releases at once promote two different tickets; a ticket whose member can no
 * longer have a place (left, limit held, the pool gone) becomes lost_no_place and the next one is
 * tried. Instant draws have no waiting list: their released units simply go back to the stock.
 */
export async function promoteNext(
  deps: Pick<Deps, 'draws' | 'places'>,
  drawId: string,
  releasedCouponId: string,
): Promise<{ ticket: string; couponId: string } | null> {
  const draw = await deps.draws.get(drawId);
  if (!draw || draw.kind !== 'scheduled' || draw.status !== 'drawn') return null;
  const tickets = await deps.draws.tickets(drawId);
  const released = tickets.find((t) => t.couponId === releasedCouponId);
  if (!released) return null;
  const byTicket = new Map(tickets.map((t) => [t.ticket, t]));
  for (const ticket of resultsOf(draw, tickets).waitlist) {
    const t = byTicket.get(ticket);
    if (!t || t.pool !== released.pool || t.outcome !== 'waitlist') continue;
    if (!(await deps.draws.claimWaitlisted(drawId, ticket))) continue;
    const placed = await deps.places.reserve({ benefitId: draw.benefitId, memberId: t.memberId, regionCode: t.regionCode, requestId: `draw-${drawId}-${ticket}` });
    if ('couponId' in placed) {
      await deps.draws.setOutcome(drawId, ticket, 'won', placed.couponId);
      return { ticket, couponId: placed.couponId };
    }
    await deps.draws.setOutcome(drawId, ticket, 'lost_no_place', null);
  }
  return null;
}
