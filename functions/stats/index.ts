/**
 * The stats capability (统计): the officials' dashboard, from counters kept per org as the members
 * and applications tables change (their DynamoDB Streams), the benefits' own counters and the
 * 好差评 counters. Nothing here is used by other capabilities; the contract is shared with the
 * mini-program (contracts/stats.ts).
 */
export type { StatsResponse, StatsQuery } from './contracts/stats';
export { applyStreamRecords, STREAM_SOURCES } from './services/stream';
