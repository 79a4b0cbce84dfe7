import { ulid } from 'ulid';
import { config } from '../../kernel/config';
import { productionIdCrypto, sessionTokensOnDemand } from '../../kernel/credentials';
import { accountStore, orgDirectory, orgStore, rosterImportItems, rosterImportStore } from '../../membership';
import { importFileStore } from '../data/import-files';
import { importJobStore } from '../data/import-job-store';
import { withheldStore } from '../data/withheld-store';
import { withheldAlertThreshold } from './import-withheld';
import type { ImportDeps } from './ports';

let depsPromise: Promise<ImportDeps> | undefined;

/** How long a progress poll drives a job locally (below the API functions' 10 s limit). */
const LOCAL_DRIVE_MS = 3_000;

/**
 * The real side effects of the roster import, built once per container. The ID crypto holds the ID
 * keys this function is granted: running an import (the worker; locally also a progress poll)
 * hashes and encrypts ID numbers, the endpoints do not. Session tokens read session-secret on first use.
 */
export function importDeps(): Promise<ImportDeps> {
  depsPromise ??= (async () => {
    return {
      accounts: accountStore,
      orgs: orgStore,
      orgDirectory,
      roster: rosterImportStore,
      rosterChange: (change) => rosterImportItems.changeContact(change) as { items: unknown[]; parts: string[] },
      jobs: importJobStore,
      files: importFileStore,
      withheld: withheldStore,
      withheldAlertThreshold: withheldAlertThreshold(),
      idCrypto: await productionIdCrypto(),
      tokens: sessionTokensOnDemand(),
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
