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
  id: '01KDVDNA004S2E9214M318JN5S',
  name: '王海燕',
  sex: 'female',
  idHash: 'hash-of-the-id',
  idMasked: '46**************24',
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
  const base = { name: '王海燕', idHash: 'hash-of-the-id' };

  it('binds the member who holds the verified phone when name and ID number match', () => {
    expect(decideBinding({ ...base, account: account(), member: member() })).toEqual({ kind: 'bind', member: member() });
    expect(decideBinding({ ...base, name: ' 王 海燕 ', account: account(), member: member() }).kind).toBe('bind');
  });

  it('gives one refusal for no member, a wrong name and a wrong ID number', () => {
    expect(refusal(() => decideBinding({ ...base, account: account(), member: null }))).toBe('IDENTITY_NOT_MATCHED');
    expect(refusal(() => decideBinding({ ...base, name: '王海', account: account(), member: member() }))).toBe('IDENTITY_NOT_MATCHED');
    expect(refusal(() => decideBinding({ ...base, idHash: 'other', account: account(), member: member() }))).toBe(
      'IDENTITY_NOT_MATCHED',
    );
    expect(refusal(() => decideBinding({ ...base, idHash: 'hash-of-the-i', account: account(), member: member() }))).toBe(
      'IDENTITY_NOT_MATCHED',
    );
  });

  it('answers about accounts only once identity is proven', () => {
    // A bound account probing someone else's details learns nothing more than a stranger would.
    const bound = account({ memberId: 'someone-else' });
    expect(refusal(() => decideBinding({ ...base, name: '别人', account: bound, member: member() }))).toBe('IDENTITY_NOT_MATCHED');
    expect(refusal(() => decideBinding({ ...base, account: bound, member: member() }))).toBe('ACCOUNT_ALREADY_BOUND');
    expect(refusal(() => decideBinding({ ...base, account: account(), member: member({ openid: 'dev-b' }) }))).toBe(
      'MEMBER_ALREADY_BOUND',
    );
  });

  it('treats binding again with the same details as done', () => {
    const mine = member({ openid: 'dev-a' });
    expect(decideBinding({ ...base, account: account({ memberId: mine.id }), member: mine })).toEqual({
      kind: 'already-bound',
      member: mine,
    });
  });

  it('normalises spaces and middle dots in names', () => {
    expect(normaliseName(' 买买提 • 艾力 ')).toBe('买买提·艾力');
    expect(normaliseName('阿依古丽・买买提')).toBe('阿依古丽·买买提');
  });
});
