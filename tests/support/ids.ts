import { mod11CheckCharacter } from '../../functions/kernel/check-character';

/**
 * Valid GB 11643 ID numbers for tests, unique per call: a Hainan area code, a real birth date and a
 * sequence drawn from a counter seeded by the clock, so parallel test files do not collide.
 */
let counter = (Date.now() * 7 + process.pid * 131) % 1_000_000;

export function makeIdNumber(sex: 'male' | 'female' = 'male', areaCode = '460106'): string {
  counter += 1;
  const dayOfYear = counter % 365;
  const date = new Date(Date.UTC(1970 + (Math.floor(counter / 365) % 40), 0, 1 + dayOfYear));
  const ymd = date.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String(counter % 100).padStart(2, '0');
  const sexDigit = sex === 'male' ? String(1 + 2 * (counter % 5)) : String(2 * (counter % 5));
  const body = `${areaCode}${ymd}${seq}${sexDigit}`;
  return body + mod11CheckCharacter(body);
}

let phoneCounter = (Date.now() * 13 + process.pid) % 100_000_000;
export function makePhone(): string {
  phoneCounter = (phoneCounter + 7919) % 100_000_000;
  return `139${String(phoneCounter).padStart(8, '0')}`;
}
