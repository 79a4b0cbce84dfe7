/**
 * `npm run roster:backfill-id-guards`: gives every roster member the ID guard (`member#id#<hash>`)
 * that members created before every writer wrote one lack, then marks the roster complete, after
 * which the roster import finds members by ID number from the guards alone (no `byIdHash` query per
 * row: README › Roster import › Scale). Configure it like the functions of the stage it works on
 * (STAGE, TABLE_PREFIX, AWS_REGION and SECRETS_SSM_PATH in AWS; the local stack's values otherwise, as
 * `npm start` prints them). It needs no secret: the guards are keyed by the hash stored with each
 * member. Safe beside live traffic and to run again; members sharing an ID number are listed, not
 * touched, and leave the roster unmarked until an official resolves them.
 */
export {};

async function main() {
  process.env.SECRET_NAMES ??= '';
  const { backfillIdGuards } = await import('../functions/membership/data/roster-maintenance');
  const report = await backfillIdGuards();
  console.log(
    `roster:backfill-id-guards — ${report.scanned} members scanned, ${report.written} ID guards written, ${report.conflicts.length} sharing an ID number with another member` +
      (report.conflicts.length > 0 ? ` (${report.conflicts.slice(0, 20).join(', ')}${report.conflicts.length > 20 ? ', …' : ''}); the roster is not marked complete` : '; the roster is marked complete'),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
