import { describe, expect, it } from 'vitest';
import { mod11CheckCharacter } from '../../functions/kernel/check-character';
import { isValidIdNumber, parseIdNumber } from '../../functions/membership/domain/id-number';

// The GB 11643 example number and a Hainan one whose check character is X.
const STANDARD_EXAMPLE = '11010519491231002X';
const withCheck = (body17: string) => body17 + mod11CheckCharacter(body17);

describe('GB 11643 ID numbers', () => {
  it('computes the standard weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const body = '46010619900307123';
    const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
    const expected = '10X98765432'[sum % 11];
    expect(mod11CheckCharacter(body)).toBe(expected);
  });

  it('accepts the standard example, also with a lower-case x', () => {
    expect(isValidIdNumber(STANDARD_EXAMPLE)).toBe(true);
    expect(isValidIdNumber(STANDARD_EXAMPLE.toLowerCase())).toBe(true);
  });

  it('refuses every single-character change of a valid number', () => {
    const valid = withCheck('46010619900307123');
    expect(isValidIdNumber(valid)).toBe(true);
    for (let i = 0; i < 18; i += 1) {
      for (const c of '0123456789X') {
        if (c === valid[i] || (i < 17 && c === 'X')) continue;
        const changed = valid.slice(0, i) + c + valid.slice(i + 1);
        // A changed digit either breaks the check character or the birth date.
        expect(isValidIdNumber(changed), changed).toBe(false);
      }
    }
  });

  it('refuses impossible birth dates and wrong shapes', () => {
    expect(isValidIdNumber(withCheck('46010619900230123'))).toBe(false); // 30 February
    expect(isValidIdNumber(withCheck('46010618991231123'))).toBe(false); // before 1900
    const today = new Date('2026-11-29T00:00:00Z');
    expect(isValidIdNumber(withCheck('46010620261129123'), today)).toBe(true); // born today
    expect(isValidIdNumber(withCheck('46010620261130123'), today)).toBe(false); // born tomorrow
    expect(isValidIdNumber('4601061990030712')).toBe(false);
    expect(isValidIdNumber('46010619900307123Y')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('reads area, birth date and sex (17th digit odd = male)', () => {
    expect(parseIdNumber(withCheck('46010619900307123'))).toEqual({
      areaCode: '460106',
      birthDate: '1990-03-07',
      sex: 'male',
    });
    expect(parseIdNumber(withCheck('46020219851111004'))?.sex).toBe('female');
    expect(parseIdNumber('460106199003071230')).toBeNull();
  });
});
