/**
 * Money and time as members read them: amounts are integer fen in the API and yuan on screen;
 * instants are ISO-8601 in the API and Beijing time (Asia/Shanghai, UTC+8 all year, no DST) on
 * screen, whatever the phone's own time zone is.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** 1250 → "¥12.50", 100 → "¥1", 0 → "¥0": whole yuan without decimals, otherwise two. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}¥${yuan}${cents === 0 ? '' : `.${pad(cents)}`}`;
}

/** 1250 → "12.50", 100 → "1": the value a yuan input field starts with. */
export function fenToYuanText(fen: number): string {
  return formatFen(fen).replace('¥', '');
}

/**
 * "12" / "12.5" / "12.50" / "¥12.50" → 1250 fen, computed on the digits (no float rounding: 0.29
 * yuan is 29 fen, not 28.999…). Anything else (negative, more than two decimals, junk) → null.
 */
export function parseYuanToFen(text: string): number | null {
  const match = /^\s*[¥￥]?\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!match) return null;
  const cents = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(cents);
}

interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function shanghaiParts(instant: string | number): ShanghaiParts | null {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** "2025-05-01T02:00:00Z" → "2025-05-01 10:00" (Beijing time). */
export function formatDateTime(instant: string | number): string {
  const p = shanghaiParts(instant);
  if (!p) return '';
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2025-05-01T02:00:00Z" → "5月1日 10:00" (Beijing time), the year only when not `now`'s year. */
export function formatShortDateTime(instant: string | number, now: number = Date.now()): string {
  const p = shanghaiParts(instant);
  const today = shanghaiParts(now);
  if (!p || !today) return '';
  const year = p.year === today.year ? '' : `${p.year}年`;
  return `${year}${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * "2025-05-01 10:00" (Beijing time, as an official types it) → "2025-05-01T10:00:00+08:00", or null
 * when it is not a real date and time.
 */
export function parseShanghaiDateTime(text: string): string | null {
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const back = new Date(utc);
  // 2025-02-30 rolls over into March: not a real date.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00+08:00`;
}

/** Time left until an instant, as a member reads it: "2天 03:04:05", "03:04:05", "00:00:00" once past. */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const clock = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days}天 ${clock}` : clock;
}
