import { randomInt } from 'node:crypto';
import { mod11CheckCharacter } from '../../functions/kernel/check-character';

/**
 * Valid GB 11643 ID numbers for tests, unique per call: a Hainan area code, a real birth date, a
 * sequence and a sex digit drawn from a counter. Each test file's module (vitest runs files in
 * worker threads of one process, so pid and clock alike are shared) starts the counter at a random
 * point of its 14,600 × 100 × 5 = 7.3 million values, so parallel files do not collide.
 */
const DAYS = 40 * 365;
const SPACE = DAYS * 100 * 5;
let counter = randomInt(0, SPACE);

export function makeIdNumber(sex: 'male' | 'female' = 'male', areaCode = '460106'): string {
  counter = (counter + 1) % SPACE;
  const day = counter % DAYS;
  const date = new Date(Date.UTC(1970 + Math.floor(day / 365), 0, 1 + (day % 365)));
  const ymd = date.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String(Math.floor(counter / DAYS) % 100).padStart(2, '0');
  const digit = Math.floor(counter / (DAYS * 100)) % 5;
  const sexDigit = sex === 'male' ? String(1 + 2 * digit) : String(2 * digit);
  const body = `${areaCode}${ymd}${seq}${sexDigit}`;
  return body + mod11CheckCharacter(body);
}

let phoneCounter = randomInt(0, 100_000_000);
export function makePhone(): string {
  phoneCounter = (phoneCounter + 7919) % 100_000_000;
  return `139${String(phoneCounter).padStart(8, '0')}`;
}
