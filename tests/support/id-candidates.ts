import { mod11CheckCharacter } from '../../functions/kernel/check-character';

/**
 * How many ID numbers fit what a stored roster item shows, from an attacker's point of view: the mask
 * (whatever characters it leaves visible at either end), the sex, the birth date if the item keeps one,
 * a list of 6-digit area codes the member may be from, otherwise any birth date of a working-age
 * member (1950–2010) and any sequence digits, with a valid check character. Stops counting at `stopAt`.
 */
export function candidateIdNumbers(
  shown: { masked: string; sex: 'male' | 'female'; birthDate?: string; areaCodes: string[] },
  stopAt = 20_000,
): number {
  const prefix = shown.masked.slice(0, shown.masked.indexOf('*'));
  const suffix = shown.masked.slice(shown.masked.lastIndexOf('*') + 1);
  const sexDigits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((d) => (Number(d) % 2 === 1) === (shown.sex === 'male'));
  const days: string[] = [];
  if (shown.birthDate) days.push(shown.birthDate.replaceAll('-', ''));
  else {
    for (let day = Date.UTC(1950, 0, 1); day <= Date.UTC(2010, 11, 31); day += 86_400_000) {
      days.push(new Date(day).toISOString().slice(0, 10).replaceAll('-', ''));
    }
  }
  let count = 0;
  for (const area of shown.areaCodes) {
    for (const ymd of days) {
      for (let seq = 0; seq < 100; seq += 1) {
        for (const sexDigit of sexDigits) {
          const body = `${area}${ymd}${String(seq).padStart(2, '0')}${sexDigit}`;
          const id = body + mod11CheckCharacter(body);
          if (id.startsWith(prefix) && id.endsWith(suffix)) count += 1;
          if (count >= stopAt) return count;
        }
      }
    }
  }
  return count;
}
