import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateLocalSecrets, upgradeLocalSecrets } from '../../functions/kernel/secrets';

const asJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Creates the LOCAL_SECRETS_FILE once. Never replaces a key it holds: the ID numbers stored in a
 * kept database are encrypted and hashed with these keys. A file of an older version is brought up
 * to date in place (a key it lacks added, e.g. couponSigningKey; cardPublicJwks derived from its
 * card key). Returns true when the file was created now.
 */
export function ensureSecretsFile(file: string): boolean {
  if (existsSync(file)) {
    const { secrets, added } = upgradeLocalSecrets(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
    if (added.length > 0) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, asJson(secrets), { mode: 0o600 });
      renameSync(tmp, file);
    }
    return false;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, asJson(generateLocalSecrets()), { mode: 0o600, flag: 'wx' });
  return true;
}
