/**
 * How many times the worker tries one job before giving up on it. A run that commits a chunk or
 * pauses cleanly at its deadline sets the count back to 0 (data/import-job-store.ts); a run that
 * crashed (out of memory), timed out or threw leaves it counted. So a file that kills every run
 * before it gets anywhere — the review's zip bomb did, every minute — is tried this many times and
 * then ends `failed` with IMPORT_ATTEMPTS_FAILURE, and the worker goes on to the next job. Three:
 * one bad run (a throttled table, a cold start cut short) and its retry are forgiven, and a poisoned
 * file costs at most three runs (≤ 3 minutes of the queue).
 */
export const IMPORT_MAX_ATTEMPTS = 3;

export const IMPORT_ATTEMPTS_FAILURE = `文件无法处理：已连续尝试 ${IMPORT_MAX_ATTEMPTS} 次，每次都未能读完（文件可能过大或已损坏）。请用模板重新整理、另存后再上传，或拆分成几个文件分别导入；如仍失败，请联系平台管理员`;

/** Whether a job leased for its `attempts`-th run in a row has used up its attempts. */
export const attemptsUsedUp = (job: { attempts: number }) => job.attempts > IMPORT_MAX_ATTEMPTS;
