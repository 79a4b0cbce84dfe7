import { describe, expect, it } from 'vitest';
import { decideBinding, normaliseName } from '../../functions/membership/domain/binding';
import { AppError } from '../../functions/kernel/errors';
import type { Account, RosterMember } from '../../functions/membership/domain/types';

const account = (over: Partial<Account> = {}): Account => ({
  openid: 'dev-a',
  memberId: null,
  roles: [],
  createdAt: '2026-11-29T00:00:00.000Z',
  ...over,
});
const member = (over: Partial<RosterMember> = {}): RosterMember => ({
  id: 'M000001',
  name: '王海燕',
  sex: 'female',
  birthDate: '1990-03-07',
  idHash: 'h',
  idMasked: '4601**********1224',
  phone: '13876001001',
  orgId: 'hk-port',
  openid: null,
  cardNumber: null,
  cardIssuedAt: null,
  ...over,
});

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'no refusal';
}

describe('real-name binding rules', () => {
  const base = { name: '王海燕', phone: '13876001001', phoneOwnerId: 'M000001' };

  it('binds an unbound account to a matching unbound member', () => {
    expect(decideBinding({ ...base, account: account(), member: member() })).toEqual({
      kind: 'bind',
      member: member(),
      phoneChanged: false,
    });
  });

  it('notes a new phone number that nobody holds', () => {
    const decision = decideBinding({ ...base, phone: '13900000000', phoneOwnerId: null, account: account(), member: member() });
    expect(decision).toMatchObject({ kind: 'bind', phoneChanged: true });
  });

  it('refuses each failure with its own code', () => {
    expect(refusal(() => decideBinding({ ...base, account: account(), member: null }))).toBe('NOT_IN_ROSTER');
    expect(refusal(() => decideBinding({ ...base, name: '王海', account: account(), member: member() }))).toBe('NAME_MISMATCH');
    expect(refusal(() => decideBinding({ ...base, account: account(), member: member({ openid: 'dev-b' }) }))).toBe(
      'MEMBER_ALREADY_BOUND',
    );
    expect(
      refusal(() => decideBinding({ ...base, phone: '13900000000', phoneOwnerId: 'M000002', account: account(), member: member() })),
    ).toBe('PHONE_IN_USE');
    expect(refusal(() => decideBinding({ ...base, account: account({ memberId: 'M000009' }), member: member() }))).toBe(
      'ACCOUNT_ALREADY_BOUND',
    );
  });

  it('treats a repeated binding of the same pair as done, not as an error', () => {
    const bound = member({ openid: 'dev-a' });
    expect(decideBinding({ ...base, account: account({ memberId: 'M000001' }), member: bound })).toEqual({
      kind: 'already-bound',
      member: bound,
    });
  });

  it('compares names without spaces and with either middle dot', () => {
    expect(normaliseName(' 阿依 古丽 ')).toBe('阿依古丽');
    expect(normaliseName('买买提•艾力')).toBe(normaliseName('买买提·艾力'));
  });
});
