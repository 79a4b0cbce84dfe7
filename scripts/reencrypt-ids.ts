/**
 * `npm run roster:reencrypt`: after rotating the ID encryption key, re-encrypts every roster ID number
 * under the current key. Configure it like the functions of the stage it works on (STAGE,
 * TABLE_PREFIX, AWS_REGION and SECRETS_SSM_PATH in AWS; the local stack's values otherwise, as
 * `npm start` prints them). Safe to run beside live traffic and to run again.
 */
async function main() {
  const { productionDeps } = await import('../functions/membership/services/deps');
  const { reencryptIds } = await import('../functions/membership/data/roster-maintenance');
  const deps = await productionDeps();
  const report = await reencryptIds(deps.idCrypto);
  console.log(
    `roster:reencrypt — ${report.scanned} scanned, ${report.reencrypted} re-encrypted under ${deps.idCrypto.currentKeyId}, ${report.skipped} changed meanwhile (run again), ${report.unknownKey} under a key not configured`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
