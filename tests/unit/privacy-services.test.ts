import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../functions/kernel/errors';
import type { Account } from '../../functions/membership';
import { closeMyAccount, exportMyData } from '../../functions/privacy/services/data-subject';
import type { DataSubjectParts, Deps } from '../../functions/privacy/services/ports';

/** The privacy use cases over fake parts: the order of the closing steps, retries, idempotence, the export's composition. */

function fakes(accounts: Array<Account | null>, closes: Array<'closed' | 'changed'>) {
  const calls: string[] = [];
  const parts: DataSubjectParts = {
    membership: {
      async export(openid) {
        calls.push(`membership.export ${openid}`);
        const account = accounts[0] ?? null;
        if (!account) return null;
        return {
          account: { openid, createdAt: 'c', lastLoginAt: null, roles: [] },
          member: account.memberId ? ({ id: account.memberId } as never) : null,
        };
      },
      async account(openid) {
        calls.push(`membership.account ${openid}`);
        return accounts.length > 1 ? (accounts.shift() ?? null) : (accounts[0] ?? null);
      },
      async close(account) {
        calls.push(`membership.close ${account.openid}`);
        return closes.shift() ?? 'closed';
      },
    },
    benefits: {
      async export(memberId) {
        calls.push(`benefits.export ${memberId}`);
        return { coupons: [] };
      },
      async voidUnused(memberId) {
        calls.push(`benefits.voidUnused ${memberId}`);
        return 1;
      },
    },
    applications: {
      async export(openid) {
        calls.push(`applications.export ${openid}`);
        return [];
      },
      async close(openid) {
        calls.push(`applications.close ${openid}`);
        return { cancelled: 2, detached: 3 };
      },
    },
  };
  const deps: Deps = { parts, tokens: {} as Deps['tokens'], now: () => new Date('2026-12-31T17:00:00Z') };
  return { deps, calls };
}

const bound: Account = { openid: 'o1', memberId: 'm1', roles: [], createdAt: 'c' };

describe('closeMyAccount', () => {
  afterEach(() => vi.restoreAllMocks());

  it('voids coupons and closes applications as the account, then closes the account, then sweeps coupons once more', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const { deps, calls } = fakes([{ ...bound, openid: 'openid-of-a-member', memberId: 'member-id-01' }], []);
    const answer = await closeMyAccount(deps, 'openid-of-a-member');
    // The audit line (no audit trail exists yet) names what was done, never whom.
    const audit = lines.map((l) => JSON.parse(l)).find((l) => l.audit === 'AccountClosed');
    expect(audit).toMatchObject({ bound: true, voidedCoupons: 2, cancelledApplications: 2, detachedApplications: 3 });
    expect(lines.join('\n')).not.toMatch(/openid-of-a-member|member-id-01/);
    expect(calls).toEqual([
      'membership.account openid-of-a-member',
      'benefits.voidUnused member-id-01',
      'applications.close openid-of-a-member',
      'membership.close openid-of-a-member',
      'benefits.voidUnused member-id-01',
    ]);
    expect(answer).toMatchObject({ status: 'closed', voidedCoupons: 2, cancelledApplications: 2 });
    expect(answer.kept.length).toBeGreaterThan(0);
  });

  it('reads the account again when it changed meanwhile, and answers BUSY after three changes', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const unbound: Account = { ...bound, memberId: null };
    const retried = fakes([unbound, bound], ['changed', 'closed']);
    expect(await closeMyAccount(retried.deps, 'o1')).toMatchObject({ status: 'closed' });
    expect(retried.calls.filter((c) => c.startsWith('membership.close'))).toHaveLength(2);
    expect(retried.calls.filter((c) => c.startsWith('benefits.voidUnused'))).toEqual(['benefits.voidUnused m1', 'benefits.voidUnused m1']);

    const busy = fakes([bound], ['changed', 'changed', 'changed']);
    const err = await closeMyAccount(busy.deps, 'o1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BUSY');
  });

  it('does nothing more once the account is gone, and answers the same', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { deps, calls } = fakes([null], []);
    expect(await closeMyAccount(deps, 'o1')).toMatchObject({ status: 'closed', voidedCoupons: 0, cancelledApplications: 0 });
    expect(calls).toEqual(['membership.account o1']);
  });
});

describe('exportMyData', () => {
  it("composes the parts, names the file after the date in China, and asks benefits for the bound member's coupons only", async () => {
    const { deps, calls } = fakes([bound], []);
    const { fileName, data } = await exportMyData(deps, 'o1');
    expect(fileName).toBe('hainan-union-my-data-2027-01-01.json');
    expect(data.exportedAt).toBe('2027-01-01T01:00:00.000+08:00');
    expect(calls.sort()).toEqual(['applications.export o1', 'benefits.export m1', 'membership.export o1']);

    const unbound = fakes([{ ...bound, memberId: null }], []);
    expect((await exportMyData(unbound.deps, 'o1')).data.coupons).toEqual([]);
    expect(unbound.calls.some((c) => c.startsWith('benefits'))).toBe(false);

    const gone = fakes([null], []);
    const err = await exportMyData(gone.deps, 'o1').catch((e: unknown) => e);
    expect((err as AppError).code).toBe('UNAUTHENTICATED');
  });
});
