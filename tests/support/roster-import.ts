import { expect } from 'vitest';
import { pointAtTestStack } from './stack-env';
import type { Org } from '../../functions/membership/domain/types';
import type { IdCrypto } from '../../functions/kernel/id-crypto';
import type { ImportDeps } from '../../functions/workbench/services/ports';
import type { ImportFormat } from '../../functions/workbench/contracts/roster-import';

/** What the roster import's integration tests share: an org of a test tree, an upload, a look-up by ID number. */

export const orgOf = (id: string, name: string, parent: Org | null, kind: Org['kind'], regionCode: string | null = null): Org => ({
  id,
  name,
  parentId: parent?.id ?? null,
  kind,
  regionCode,
  workUnit: kind === 'grassroots' ? name.replace(/工会$/, '') : null,
  path: [...(parent?.path ?? []), id],
});

/** Creates a job and uploads `bytes` with its presigned POST, as a browser would; the job's id. */
export async function uploadImport(deps: ImportDeps, openid: string, bytes: Uint8Array, format: ImportFormat, fileName = `名册.${format}`): Promise<string> {
  const { createImport } = await import('../../functions/workbench/services/import-jobs');
  const { job, upload: ticket } = await createImport(deps, openid, { fileName, format });
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName);
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return job.id;
}

/** The roster members with this ID number (the byIdHash index). */
export async function memberIdsOf(crypto: IdCrypto, idNumber: string): Promise<string[]> {
  const { MemberModel } = await import('../../functions/membership/data/models/member');
  const hits = await MemberModel.query('idHash').eq(crypto.hash(idNumber)).using('byIdHash').exec();
  return hits.map((h) => h.id);
}

/**
 * The roster import's real side effects in the test process, pointed at the stack the test project
 * started (its provided endpoints): the worker's runs are the test's own (no progress poll drives a job).
 */
export async function inProcessImportDeps(): Promise<ImportDeps> {
  pointAtTestStack();
  const { importDeps } = await import('../../functions/workbench/services/deps');
  return { ...(await importDeps()), localDriveMs: null };
}
