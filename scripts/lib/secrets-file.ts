import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateLocalSecrets } from '../../functions/kernel/secrets';

/**
 * Creates the LOCAL_SECRETS_FILE once. Never overwrites: the ID numbers stored in a kept database
 * are encrypted and hashed with these keys. Returns true when the file was created now.
 */
export function ensureSecretsFile(file: string): boolean {
  if (existsSync(file)) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(generateLocalSecrets(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return true;
}
