import { auditTime } from '../../audit';

/** Instants leave the API in Asia/Shanghai, to the millisecond (`…+08:00`), as the audit trail writes them. */
export const toShanghaiIso = (epochMs: number): string => auditTime(new Date(epochMs));
