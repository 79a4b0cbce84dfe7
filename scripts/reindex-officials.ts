/**
 * `npm run officials:reindex`: builds the officials index (which accounts are officials of an org)
 * from the roles stored in the accounts — once, on a stage whose accounts were written before the
 * index existed; afterwards every writer of roles keeps it (functions/membership/data/official-store.ts).
 * Configure it like the functions of the stage it works on (STAGE, TABLE_PREFIX, AWS_REGION in AWS;
 * the local stack's values otherwise, as `npm start` prints them). It scans the accounts and the
 * index once; every write is conditional on the account as it is then, so it is safe beside live
 * traffic and safe to run again.
 */
export {};

async function main() {
  const { reindexOfficials } = await import('../functions/membership/data/official-store');
  const report = await reindexOfficials();
  console.log(`officials:reindex — ${report.accounts} accounts read, ${report.added} index items added, ${report.removed} removed (role no longer held)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
