import { describe, expect, it } from 'vitest';
import { cardPrefix, formatCardNumber, isValidCardNumber } from '../../functions/membership/domain/card-number';

describe('Hainan membership card numbers', () => {
  it('lays out 46 + region + 01 + sex digit + 8-digit sequence + check character', () => {
    const number = formatCardNumber(cardPrefix('01', 'male'), 42);
    expect(number).toMatch(/^460101100000042[\dX]$/);
    expect(number.slice(0, 2)).toBe('46');
    expect(number.slice(2, 4)).toBe('01');
    expect(number.slice(4, 6)).toBe('01');
    expect(number[6]).toBe('1');
    expect(number.slice(7, 15)).toBe('00000042');
    expect(number).toHaveLength(16);
    expect(formatCardNumber(cardPrefix('21', 'female'), 1).slice(0, 7)).toBe('4621012');
  });

  it('validates what it formats and refuses any single changed digit', () => {
    for (const seq of [1, 7, 1234, 99_999_999]) {
      const number = formatCardNumber(cardPrefix('02', 'female'), seq);
      expect(isValidCardNumber(number)).toBe(true);
      for (let i = 7; i < 15; i += 1) {
        const digit = (Number(number[i]) + 1) % 10;
        expect(isValidCardNumber(number.slice(0, i) + digit + number.slice(i + 1))).toBe(false);
      }
    }
  });

  it('refuses sequences and region codes out of range', () => {
    expect(() => formatCardNumber(cardPrefix('01', 'male'), 0)).toThrow(RangeError);
    expect(() => formatCardNumber(cardPrefix('01', 'male'), 100_000_000)).toThrow(RangeError);
    expect(() => cardPrefix('1', 'male')).toThrow(RangeError);
  });
});
