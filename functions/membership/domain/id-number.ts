import { mod11CheckCharacter } from '../../kernel/check-character';

export type Sex = 'male' | 'female';

export interface IdNumberFacts {
  /** The 6-digit administrative division code (e.g. 460106 for Haikou Longhua). */
  areaCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
}

const SHAPE = /^\d{17}[\dX]$/;

function birthDateOf(id: string, today: Date): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  if (date.getTime() > today.getTime()) return null; // nobody is born in the future
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** An 18-character resident ID number per GB 11643: shape, real past birth date and check character. */
export function isValidIdNumber(raw: string, today: Date = new Date()): boolean {
  const id = raw.toUpperCase();
  if (!SHAPE.test(id)) return false;
  if (birthDateOf(id, today) === null) return false;
  return mod11CheckCharacter(id.slice(0, 17)) === id[17];
}

/** Facts written into a valid ID number; null when the number is not valid. */
export function parseIdNumber(raw: string, today: Date = new Date()): IdNumberFacts | null {
  const id = raw.toUpperCase();
  if (!isValidIdNumber(id, today)) return null;
  return {
    areaCode: id.slice(0, 6),
    birthDate: birthDateOf(id, today) as string,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}
