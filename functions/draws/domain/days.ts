/** Activity days are dates in Asia/Shanghai (UTC+8, no daylight saving), written YYYY-MM-DD. */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function dayOf(epochMs: number): string {
  return new Date(epochMs + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a day starts (00:00 in Shanghai). */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** The instant after the day: its secret may be published from then on. */
export function dayEnd(day: string): number {
  return dayStart(day) + DAY_MS;
}

/** Every day touched by [from, to), in order. */
export function daysBetween(from: number, to: number): string[] {
  const days: string[] = [];
  for (let t = dayStart(dayOf(from)); t < to; t += DAY_MS) days.push(dayOf(t));
  return days;
}

/** `20250501` of `2025-05-01`: the prefix of an instant draw's tickets. */
export const compactDay = (day: string): string => day.replaceAll('-', '');
