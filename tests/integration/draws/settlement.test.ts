import { beforeAll, describe, expect, it } from 'vitest';
import { benefitWorld, boundMembers, official, tally, type BenefitWorld } from '../../support/benefits';
import { benefitWithDraw, drawWorld, outcomeOf, type DrawWorld } from '../../support/draws';

/**
 * A scheduled draw whose settlement failed half-way (the confirmation stored the winners, then the
 * reservations died): `resettle` — run by `npm run draw:settle` and by the operators' draw page —
 * reserves the missing places with the same request ids, so places already reserved are found, not
 * taken again; run twice it changes nothing.
 */
const DAY = 24 * 3_600_000;
let world: BenefitWorld;
let draws: DrawWorld;
let settlement: typeof import('../../../functions/draws/services/settlement');

beforeAll(async () => {
  world = await benefitWorld('settle');
  draws = await drawWorld();
  settlement = await import('../../../functions/draws/services/settlement');
}, 60_000);

describe('settling a drawn draw again', () => {
  it('reserves the places a failed settlement left, once, and stops when nothing is left', async () => {
    const { drawId, benefitId } = await benefitWithDraw(world, draws, { kind: 'scheduled', places: { '*': 4 }, seedSource: '体彩排列五 第25100期' }, { stock: 4 });
    const members = await boundMembers(world, world.unions.haikou.id, 7);
    for (const m of members) expect(await outcomeOf(draws.uc.enterDraw(draws.deps, m.openid, drawId))).toBe('ok');
    const [first, second] = [await official(world, world.province.id), await official(world, world.province.id)];
    draws.clock.now = Date.now() + 2 * DAY;
    try {
      await draws.uc.closeDraw(draws.deps, first, drawId);
      await draws.uc.proposeSeed(draws.deps, first, drawId, '3 1 4 1 5');
      // The reservations fail after the second one: the results are stored, two places reserved.
      let reserved = 0;
      const failing = {
        ...draws.deps,
        places: {
          ...draws.deps.places,
          reserve: async (request: Parameters<DrawWorld['deps']['places']['reserve']>[0]) => {
            if (reserved >= 2) throw new Error('Lambda timed out');
            reserved += 1;
            return draws.deps.places.reserve(request);
          },
        },
      };
      await expect(draws.uc.confirmSeed(failing, second, drawId, '3 1 4 1 5')).rejects.toThrow('Lambda timed out');
      const drawn = (await draws.uc.getPublicDraw(draws.deps, drawId)).draw;
      expect(drawn.status).toBe('drawn');
      // The reservations run eight at a time: the two that went through record their outcome a moment later.
      await expect.poll(async () => settlement.unsettled(drawn, await draws.deps.draws.tickets(drawId)).length, { timeout: 5_000 }).toBe(7 - 2);
      const before = await draws.deps.draws.tickets(drawId);
      const couponsBefore = new Map(before.filter((t) => t.couponId).map((t) => [t.ticket, t.couponId]));

      expect(await settlement.resettle(draws.deps, drawId)).toEqual({ drawId, unsettledBefore: 5, unsettledAfter: 0 });
      const after = await draws.deps.draws.tickets(drawId);
      expect(tally(after.map((t) => ({ outcome: t.outcome })))).toEqual({ won: 4, waitlist: 3 });
      // The two places of the first run are the same coupons: found again, not taken again.
      for (const [ticket, couponId] of couponsBefore) expect(after.find((t) => t.ticket === ticket)?.couponId).toBe(couponId);
      const counts = (await world.deps.benefits.counts([(await world.deps.benefits.get(benefitId))!])).get(benefitId)!;
      expect(counts.remaining).toBe(0);

      // Nothing left: a second run reserves nothing, and the operators' page settles nothing.
      expect(await settlement.resettle(draws.deps, drawId)).toEqual({ drawId, unsettledBefore: 0, unsettledAfter: 0 });
      const page = await settlement.getAdminDraw(draws.deps, first, drawId);
      expect(page.draw.winners).toEqual(drawn.winners);
      expect(await outcomeOf(settlement.getAdminDraw(draws.deps, await official(world, world.cities.sanya.id), drawId))).toBe('FORBIDDEN');
    } finally {
      draws.clock.now = Date.now();
    }
  }, 60_000);

  it('settles through the operators’ page too: opening a drawn draw left unsettled repairs it', async () => {
    const { drawId } = await benefitWithDraw(world, draws, { kind: 'scheduled', places: { '*': 2 }, seedSource: '体彩排列五 第25101期' }, { stock: 2 });
    for (const m of await boundMembers(world, world.unions.haikou.id, 3)) await draws.uc.enterDraw(draws.deps, m.openid, drawId);
    const [first, second] = [await official(world, world.province.id), await official(world, world.province.id)];
    draws.clock.now = Date.now() + 2 * DAY;
    try {
      await draws.uc.closeDraw(draws.deps, first, drawId);
      await draws.uc.proposeSeed(draws.deps, first, drawId, '2 7 1 8 2');
      const broken = { ...draws.deps, places: { ...draws.deps.places, reserve: async () => Promise.reject(new Error('throttled')) } };
      await expect(draws.uc.confirmSeed(broken, second, drawId, '2 7 1 8 2')).rejects.toThrow('throttled');
      await settlement.getAdminDraw(draws.deps, second, drawId);
      const tickets = await draws.deps.draws.tickets(drawId);
      expect(tally(tickets.map((t) => ({ outcome: t.outcome })))).toEqual({ won: 2, waitlist: 1 });
    } finally {
      draws.clock.now = Date.now();
    }
  }, 60_000);
});
