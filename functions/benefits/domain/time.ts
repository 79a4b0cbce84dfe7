/** Instants leave the API in Asia/Shanghai (UTC+8, no daylight saving), e.g. 2026-05-01T10:00:00.000+08:00. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function toShanghaiIso(epochMs: number): string {
  return `${new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, -1)}+08:00`;
}

/** An ISO-8601 instant with an offset (checked by the contract) as epoch milliseconds. */
export function parseInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${iso}`);
  return ms;
}
