/**
 * ISO 7064 MOD 11-2, the check character of GB 11643 resident ID numbers.
 * The weight of a digit is 2^(p-1) mod 11, p being its position counted from the right with the
 * check character at p = 1. For the 17 digits of an ID this gives 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2;
 * the Hainan membership card number reuses the same rule over its own 15 digits.
 */
export function mod11CheckCharacter(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError('mod11CheckCharacter expects digits only');
  let sum = 0;
  let weight = 2; // weight of the digit right before the check character (p = 2)
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    sum += Number(digits[i]) * weight;
    weight = (weight * 2) % 11;
  }
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}
