import { beforeAll, describe, expect, it } from 'vitest';
import { isValidCardNumber } from '../../functions/membership/domain/card-number';
import type { Deps } from '../../functions/membership/services/ports';
import { makePhone } from '../support/ids';
import { type TestTree, type UseCases, createMember, integrationSetup, loggedIn } from './context';
import { outcomeOf } from '../support/outcome';
import { bindingOf } from '../support/binding';

let deps: Deps;
let tree: TestTree;
let bindMember: UseCases['bindMember'];
let getMe: UseCases['getMe'];

beforeAll(async () => {
  ({ deps, tree, bindMember, getMe } = await integrationSetup('conc', '31'));
});


const tally = (results: string[]) =>
  results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});

describe('under concurrency', () => {
  it('binds one member to exactly one of many accounts racing for it', async () => {
    const m = await createMember(deps, tree.union.id);
    const accounts = await Promise.all(Array.from({ length: 12 }, () => loggedIn(deps, 'race')));
    const results = await Promise.all(
      accounts.map((openid) => outcomeOf(bindMember(deps, openid, bindingOf(m)), 'bound')),
    );
    expect(tally(results)).toEqual({ bound: 1, MEMBER_ALREADY_BOUND: 11 });
    const winner = accounts[results.indexOf('bound')] as string;
    expect((await deps.roster.get(m.id))?.openid).toBe(winner);
    const bound = await Promise.all(accounts.map((a) => deps.accounts.get(a)));
    expect(bound.filter((a) => a?.memberId === m.id)).toHaveLength(1);
  });

  it('gives one new phone number to exactly one of two members claiming it at once', async () => {
    const phone = makePhone();
    const results: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const [a, b] = await Promise.all([createMember(deps, tree.union.id), createMember(deps, tree.union.id)]);
      const [oa, ob] = await Promise.all([loggedIn(deps, 'pa'), loggedIn(deps, 'pb')]);
      const roundPhone = round === 0 ? phone : makePhone();
      const pair = await Promise.all([
        outcomeOf(bindMember(deps, oa, bindingOf(a!, { phone: roundPhone })), 'bound'),
        outcomeOf(bindMember(deps, ob, bindingOf(b!, { phone: roundPhone })), 'bound'),
      ]);
      expect(pair.sort()).toEqual(['PHONE_IN_USE', 'bound']);
      results.push(...pair);
    }
    expect(tally(results)).toEqual({ bound: 3, PHONE_IN_USE: 3 });
  });

  it('numbers cards uniquely when many members of one region bind at once', async () => {
    const members = await Promise.all(Array.from({ length: 25 }, () => createMember(deps, tree.union.id, { sex: 'male' })));
    const accounts = await Promise.all(members.map(() => loggedIn(deps, 'card')));
    const profiles = await Promise.all(
      members.map((m, i) => bindMember(deps, accounts[i] as string, bindingOf(m))),
    );
    const numbers = profiles.map((p) => p.member?.card.number as string);
    expect(new Set(numbers).size).toBe(25);
    for (const n of numbers) {
      expect(isValidCardNumber(n)).toBe(true);
      expect(n.slice(0, 7)).toBe('4631011');
    }
  });

  it('assigns one card number to a member even when the first reads race', async () => {
    const m = await createMember(deps, tree.union.id);
    const openid = await loggedIn(deps, 'lazy');
    // Bound by the seeding path (no card yet), then read ten times at once.
    await deps.roster.bind({ openid, member: (await deps.roster.get(m.id))!, phone: m.phone, now: new Date() });
    const reads = await Promise.all(Array.from({ length: 10 }, () => getMe(deps, openid)));
    const numbers = new Set(reads.map((r) => r.member?.card.number));
    expect(numbers.size).toBe(1);
    expect((await deps.roster.get(m.id))?.cardNumber).toBe([...numbers][0]);
  });
});
