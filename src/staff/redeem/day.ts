const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today in China, `YYYY-MM-DD`. */
export const todayInChina = (now: number = Date.now()) => new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The day `by` days from `day` (`YYYY-MM-DD`). */
export const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

/** 今日, 昨日, or `M月D日`. */
export function dayLabel(day: string, today: string): string {
  if (day === today) return '今日';
  if (day === shiftDay(today, -1)) return '昨日';
  const [, m, d] = day.split('-').map(Number);
  return `${m}月${d}日`;
}
