import { ulid } from 'ulid';
import { config, secrets } from '../../kernel/config';
import { createIdCrypto } from '../../kernel/id-crypto';
import { previousIdKeys } from '../../kernel/secrets';
import { accountStore, orgDirectory, orgStore, productionTokens, rosterImportItems, rosterImportStore } from '../../membership';
import { importFileStore } from '../data/import-files';
import { importJobStore } from '../data/import-job-store';
import type { ImportDeps } from './ports';

let depsPromise: Promise<ImportDeps> | undefined;

/** How long a progress poll drives a job locally (below the API functions' 10 s limit). */
const LOCAL_DRIVE_MS = 3_000;

/** The real side effects of the roster import, built once per container. */
export function importDeps(): Promise<ImportDeps> {
  depsPromise ??= (async () => {
    const s = await secrets();
    return {
      accounts: accountStore,
      orgs: orgStore,
      orgDirectory,
      roster: rosterImportStore,
      rosterChange: (change) => rosterImportItems.changeContact(change) as { items: unknown[]; parts: string[] },
      jobs: importJobStore,
      files: importFileStore,
      idCrypto: createIdCrypto({ encryptionKey: s.idEncryptionKey, previousEncryptionKeys: previousIdKeys(s), hashKey: s.idHashKey }),
      tokens: await productionTokens(),
      now: () => new Date(),
      newId: ulid,
      localDriveMs: ['local', 'test'].includes(config().stage) ? LOCAL_DRIVE_MS : null,
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}
