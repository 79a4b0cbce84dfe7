/**
 * `npm run roster:reencrypt`: after rotating the ID encryption key, re-encrypts every roster ID number
 * under the current key. Configure it like the functions of the stage it works on (STAGE,
 * TABLE_PREFIX, AWS_REGION and SECRETS_SSM_PATH in AWS; the local stack's values otherwise, as
 * `npm start` prints them). It reads id-encryption-key and id-encryption-previous-keys only (the
 * operator needs ssm:GetParameters on those two; SECRET_NAMES, when set, must list both). Safe to run
 * beside live traffic and to run again.
 */
async function main() {
  process.env.SECRET_NAMES ??= 'id-encryption-key,id-encryption-previous-keys';
  const { productionIdCrypto } = await import('../functions/kernel/credentials');
  const { reencryptIds } = await import('../functions/membership/data/roster-maintenance');
  const idCrypto = await productionIdCrypto();
  const current = idCrypto.currentKeyId; // a ConfigError naming the key now, before any scan, when it is not granted
  const report = await reencryptIds(idCrypto);
  console.log(
    `roster:reencrypt — ${report.scanned} scanned, ${report.reencrypted} re-encrypted under ${current}, ${report.skipped} changed meanwhile (run again), ${report.unknownKey} under a key not configured`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
