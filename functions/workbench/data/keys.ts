import { createHash } from 'node:crypto';

/**
 * Keys of the roster import: the rosterimports table holds per job (partition
 * `pk` = job id) the job record, one marker per committed chunk (its counts were added exactly once)
 * and one item per refused or changed row (the row-level report). Files live in the uploads bucket
 * under `imports/<owner>/` (a hash of the official's openid, as for proofs).
 */
const importOwnerPrefix = (openid: string) => `imports/${createHash('sha256').update(`import-owner\n${openid}`).digest('hex').slice(0, 32)}/`;
export const rosterImportKeys = {
  job: 'job',
  chunk: (n: number) => `chunk#${String(n).padStart(7, '0')}`,
  row: (n: number) => `row#${String(n).padStart(8, '0')}`,
  rowPrefix: 'row#',
  /** The constant partition of the sparse byActive index: jobs queued or running. */
  activeKey: 'active',
  ownerPrefix: importOwnerPrefix,
  file: (openid: string, jobId: string, extension: 'csv' | 'xlsx') => `${importOwnerPrefix(openid)}${jobId}.${extension}`,
  report: (openid: string, jobId: string) => `${importOwnerPrefix(openid)}${jobId}-report.csv`,
  template: (version: string, extension: 'csv' | 'xlsx') => `imports/templates/roster-template-${version}.${extension}`,
};

/**
 * The roster import's items in the shared guards table (kernel/data/guard-model.ts), under `import#`:
 * a mark per job chunk whose withheld rows were counted, one per row put to another union, and one
 * per official and day whose alert was raised. The count itself is a kernel rate window (`rate#roster-withheld#<openid>#d<day>`).
 */
export const withheldKeys = {
  counted: (jobId: string, chunk: number) => `import#withheld#${jobId}#${chunk}`,
  requested: (jobId: string, row: number) => `import#request#${jobId}#${row}`,
  alerted: (openid: string, day: string) => `import#alert#${openid}#${day}`,
  window: (openid: string, day: string) => ({ scope: 'roster-withheld', subject: openid, period: `d${day}` }),
  /** Outbox notice ids: one request per job and union (its rows are in the union's trail), and the alerts (each its own). */
  requestNotice: (jobId: string, orgId: string) => `import-request#${jobId}#${orgId}`,
  alertNotice: (id: string) => `import-alert#${id}`,
};
