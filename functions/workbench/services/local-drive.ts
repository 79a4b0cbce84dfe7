import { config } from '../../kernel/config';
import { importDeps } from './deps';
import type { ImportDeps } from './ports';

/**
 * The local drive of a roster import. Locally (`npm start`, the test stacks) no scheduled worker
 * runs: a progress poll (GET /api/admin/roster-imports/{id}) asks the worker function to run the job
 * for a few seconds — through serverless-offline's Lambda Invoke endpoint, the API of AWS Lambda's
 * Invoke — and then answers the progress. The worker does the reading, so the progress endpoint does
 * not carry the spreadsheet readers. Never used in AWS: deps.localDriveMs is null there, and the
 * worker ignores a drive request.
 */

/** The worker's event for a local drive. */
export interface DriveRequest {
  driveImport: { id: string; ms: number };
}

/** The drive request an event carries, if it is one. */
export function driveRequestOf(event: unknown): DriveRequest['driveImport'] | null {
  const drive = (event as Partial<DriveRequest> | null | undefined)?.driveImport;
  if (!drive || typeof drive.id !== 'string' || typeof drive.ms !== 'number' || !(drive.ms > 0)) return null;
  return { id: drive.id, ms: drive.ms };
}

/**
 * serverless-offline names the functions `<service>-<stage>-<key>` and sets this function's name in
 * the environment when it loads the module (read now: in-process handlers share one environment).
 */
const OWN_NAME = process.env.AWS_LAMBDA_FUNCTION_NAME ?? '';
const OWN_KEY = 'rosterImportsGet';
const WORKER_KEY = 'rosterImportsWorker';

function workerName(): string {
  return OWN_NAME.endsWith(`-${OWN_KEY}`) ? `${OWN_NAME.slice(0, -OWN_KEY.length)}${WORKER_KEY}` : `hainan-union-${config().stage}-${WORKER_KEY}`;
}

/** Has the worker function run job `id` for up to `ms` (serverless-offline's Lambda port: API_LAMBDA_PORT, 3002 by default). */
export async function invokeWorker(id: string, ms: number): Promise<void> {
  const port = process.env.API_LAMBDA_PORT || '3002';
  const body: DriveRequest = { driveImport: { id, ms } };
  const res = await fetch(`http://127.0.0.1:${port}/2015-03-31/functions/${encodeURIComponent(workerName())}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(ms + 5_000),
  });
  const text = await res.text();
  if (!res.ok || res.headers.has('x-amz-function-error') || res.headers.has('x-amzn-errortype')) {
    throw new Error(`the worker's local run of import ${id} failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  }
}

let depsPromise: Promise<ImportDeps> | undefined;

/** The progress endpoint's dependencies: the roster import's, with the local drive where there is one. */
export function pollDeps(): Promise<ImportDeps> {
  depsPromise ??= importDeps().then((deps) => (deps.localDriveMs === null ? deps : { ...deps, driveJob: invokeWorker }));
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}
