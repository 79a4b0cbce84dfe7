import { mod11CheckCharacter } from '../../kernel/check-character';
import type { Sex } from './id-number';

/**
 * Hainan membership card number: "46" + 2-digit city/industry-union code + "01" + sex digit
 * (1 male, 2 female) + 8-digit sequence + a MOD 11-2 check character over the 15 digits before it.
 */
export const CARD_SEQUENCE_MAX = 99_999_999;

/** The 7-digit prefix a sequence counter is kept for: every prefix numbers its own cards. */
export function cardPrefix(regionCode: string, sex: Sex): string {
  if (!/^\d{2}$/.test(regionCode)) throw new RangeError(`region code must be 2 digits: ${regionCode}`);
  return `46${regionCode}01${sex === 'male' ? '1' : '2'}`;
}

export function formatCardNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > CARD_SEQUENCE_MAX) {
    throw new RangeError(`card sequence out of range: ${sequence}`);
  }
  const body = `${prefix}${String(sequence).padStart(8, '0')}`;
  return body + mod11CheckCharacter(body);
}

export function isValidCardNumber(card: string): boolean {
  if (!/^46\d{2}01[12]\d{8}[\dX]$/.test(card)) return false;
  return mod11CheckCharacter(card.slice(0, 15)) === card[15];
}
