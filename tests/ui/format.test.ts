import { describe, expect, it } from 'vitest';
import { groupCardNumber, refreshDelay, roleLabel } from '../../src/utils/format';

describe('groupCardNumber', () => {
  it('splits a 16-character card number into groups of four', () => {
    expect(groupCardNumber('460101100000012X')).toBe('4601 0110 0000 012X');
  });
  it('keeps a short tail group', () => {
    expect(groupCardNumber('12345')).toBe('1234 5');
  });
});

describe('refreshDelay', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('refreshes at three quarters of the remaining lifetime', () => {
    expect(refreshDelay('2025-01-01T00:00:40Z', now)).toBe(30_000);
  });
  it('never waits longer than the cap, even for a long-lived payload', () => {
    expect(refreshDelay('2025-01-01T01:00:00Z', now)).toBe(45_000);
  });
  it('waits a little instead of hammering the API when the payload looks expired (clock skew)', () => {
    expect(refreshDelay('2024-12-31T23:59:00Z', now)).toBe(5_000);
    expect(refreshDelay('not a date', now)).toBe(5_000);
  });
});

describe('roleLabel', () => {
  it('names the org of a union official', () => {
    expect(roleLabel({ type: 'official', orgName: '海口市总工会' })).toBe('工会干部 · 海口市总工会');
  });
});
