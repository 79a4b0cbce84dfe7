/**
 * The roster import (实名制录入): an official (their subtree) or an admin (anywhere) uploads a CSV or
 * XLSX file straight to S3, starts the job, and a worker reads the file as a stream in chunks and
 * writes the new members (import-worker.ts). Every use case, for tests and scripts; each function's
 * handler imports only its own module, so that only the template and the worker bundle the
 * spreadsheet readers:
 *   import-jobs.ts      create, start, progress, report, confirm-changes
 *   import-template.ts  the template (writes CSV and XLSX)
 *   import-worker.ts    the worker (reads CSV and XLSX)
 */
export { CHANGES_PER_CALL, confirmChanges, createImport, getImport, jobView, reportLink, startImport } from './import-jobs';
export { templateLink } from './import-template';
export { CHUNK_ROWS, driveImport, PARALLEL_CHUNKS, runImportJob, runImportWorker, type RunOptions, type RunResult } from './import-worker';
