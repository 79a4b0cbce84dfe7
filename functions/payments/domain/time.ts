/** Instants leave the API in Asia/Shanghai: 2026-12-07T15:00:00.000+08:00. */
export function toShanghaiIso(epochMs: number): string {
  return `${new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, -1)}+08:00`;
}
