import { ulid } from 'ulid';
import { secrets } from '../../kernel/config';
import { createIdCrypto } from '../../kernel/id-crypto';
import { previousIdKeys } from '../../kernel/secrets';
import { accountStore, orgDirectory, orgStore, productionTokens, rosterImportItems, rosterImportStore } from '../../membership';
import { importFileStore } from '../data/import-files';
import { importJobStore } from '../data/import-job-store';
import type { ImportDeps } from './ports';

let depsPromise: Promise<ImportDeps> | undefined;

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
    };
  })();
  depsPromise.catch(() => {
    depsPromise = undefined;
  });
  return depsPromise;
}
