import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (scripts/lib/ is two levels below it). */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
