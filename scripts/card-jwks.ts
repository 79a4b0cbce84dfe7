/**
 * `npx tsx scripts/card-jwks.ts <card-keys.pem>`: prints the `card-public-jwks` parameter's value for
 * the card signing key(s) in the file (PKCS#8 PEM, one or more keys, as `card-signing-key` holds
 * them), so an operator publishes the public half without giving the key-set function the private one
 * (README › Deploying › Secrets). Only the public coordinates are printed.
 */
import { readFileSync } from 'node:fs';
import { publicJwksJson } from '../functions/kernel/jwks';

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx scripts/card-jwks.ts <card-keys.pem>');
  process.exit(2);
}
process.stdout.write(`${publicJwksJson(readFileSync(file, 'utf8'))}\n`);
