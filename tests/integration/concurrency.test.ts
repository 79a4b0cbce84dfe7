import { beforeAll, describe, expect, it } from 'vitest';
import { isValidCardNumber } from '../../functions/membership/domain/card-number';
import type { Deps } from '../../functions/membership/services/ports';
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
      accounts.map((openid) => outcomeOf(bindMember(deps, openid, bindingOf(m), '10.0.0.1'), 'bound')),
    );
    expect(tally(results)).toEqual({ bound: 1, MEMBER_ALREADY_BOUND: 11 });
    const winner = accounts[results.indexOf('bound')] as string;
    expect((await deps.roster.get(m.id))?.openid).toBe(winner);
    const bound = await Promise.all(accounts.map((a) => deps.accounts.get(a)));
    expect(bound.filter((a) => a?.memberId === m.id)).toHaveLength(1);
  });

  it('binds an account once when it sends its binding twice at once', async () => {
    const m = await createMember(deps, tree.union.id);
    const openid = await loggedIn(deps, 'twice');
    const results = await Promise.all([1, 2].map(() => outcomeOf(bindMember(deps, openid, bindingOf(m), '10.0.0.2'), 'bound')));
    // Either both see the binding (the second as already bound to this member), or the loser is told so.
    expect(results.filter((r) => r === 'bound').length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r === 'bound' || r === 'ACCOUNT_ALREADY_BOUND')).toBe(true);
    expect((await deps.roster.get(m.id))?.openid).toBe(openid);
    expect((await deps.accounts.get(openid))?.memberId).toBe(m.id);
  });

  it('numbers cards uniquely when many members of one region bind at once', async () => {
    const members = await Promise.all(Array.from({ length: 25 }, () => createMember(deps, tree.union.id, { sex: 'male' })));
    const accounts = await Promise.all(members.map(() => loggedIn(deps, 'card')));
    const profiles = await Promise.all(
      members.map((m, i) => bindMember(deps, accounts[i] as string, bindingOf(m), '10.0.0.3')),
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
    await deps.roster.bind({ openid, member: (await deps.roster.get(m.id))!, now: new Date() });
    const reads = await Promise.all(Array.from({ length: 10 }, () => getMe(deps, openid)));
    const numbers = new Set(reads.map((r) => r.member?.card.number));
    expect(numbers.size).toBe(1);
    expect((await deps.roster.get(m.id))?.cardNumber).toBe([...numbers][0]);
  });
});
