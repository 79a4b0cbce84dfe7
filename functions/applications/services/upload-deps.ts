import { objectStore } from '../../kernel/data/objects';
import { quotaStore } from '../../kernel/data/quota-store';
import { tokensOnDemand } from '../../kernel/credentials';
import { createProofStore } from '../data/proof-store';
import type { UploadDeps } from './uploads';

let depsPromise: Promise<UploadDeps> | undefined;

/** The production side effects of POST /api/uploads, built once per container. */
export function uploadDeps(): Promise<UploadDeps> {
  depsPromise ??= (async () => ({
    tokens: tokensOnDemand(),
    proofs: createProofStore({ objects: () => objectStore('proofs') }),
    quotas: quotaStore,
    now: () => new Date(),
  }))();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}
