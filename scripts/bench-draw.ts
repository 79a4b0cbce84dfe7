/**
 * `npm run bench:draw`: a scheduled draw's two costs, on this machine.
 *
 * (1) Entries per second on DynamoDB Local: a private local stack (DynamoDB Local in memory, the
 * demo data), a new scheduled draw on a benefit of the province, and `--entries` entries written by
 * `--clients` concurrent clients through the entry's own transaction (the draw's `entries` + 1 while
 * open, the entrant once, the ticket once — `draws.enter`, what POST /api/draws/{id}/entries commits
 * after its reads), then the close that reads them back, checks their number and seals the hash.
 * (2) The time to draw `--tickets` tickets (100,000 by default) by the published rule: the sorted
 * tickets' SHA-256 and one SHA-256 per ticket, the ranking per pool — in this process, as the
 * confirmation and `npm run draw:verify` compute it. It reports; it does not fail.
 *
 *   npm run bench:draw [-- --entries 2000 --clients 20 --tickets 100000]
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoData, demoBenefitRequest } from './lib/demo-data';
import { freePort } from './lib/ports';
import { ensureSecretsFile } from './lib/secrets-file';
import { startStack } from './lib/stack';

const { values: args } = parseArgs({
  options: { entries: { type: 'string', default: '2000' }, clients: { type: 'string', default: '20' }, tickets: { type: 'string', default: '100000' } },
});
const ENTRIES = Math.max(10, Number.parseInt(args.entries, 10) || 2_000);
const CLIENTS = Math.max(1, Math.min(100, Number.parseInt(args.clients, 10) || 20));
const TICKETS = Math.max(10, Number.parseInt(args.tickets, 10) || 100_000);
const ADMIN = 'dev-admin';
const PROVINCE = 'dev-province';
const DAY_MS = 86_400_000;

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN;

async function drawingTime() {
  const { newTicket } = await import('../functions/draws/domain/tickets');
  const { drawScheduled, ticketsHash } = await import('../functions/draws/domain/draw-rule');
  const pools = ['01', '02', '*'];
  const tickets = Array.from({ length: TICKETS }, (_, i) => ({ ticket: newTicket(), pool: pools[i % pools.length] as string }));
  const places = { '01': Math.floor(TICKETS / 30), '02': Math.floor(TICKETS / 60), '*': Math.floor(TICKETS / 20) };
  const t0 = performance.now();
  const hash = ticketsHash(tickets.map((t) => t.ticket));
  const t1 = performance.now();
  const result = drawScheduled('05 11 17 22 28 30 + 12', places, tickets);
  const t2 = performance.now();
  console.log(`(2) drawing ${TICKETS.toLocaleString('en')} tickets in 3 pools (${Object.values(places).reduce((a, b) => a + b, 0).toLocaleString('en')} places):`);
  console.log(`    tickets hash ${(t1 - t0).toFixed(0)} ms, ranking ${(t2 - t1).toFixed(0)} ms, total ${(t2 - t0).toFixed(0)} ms (hash ${hash.slice(0, 12)}…, ${result.winners.length} winners, ${result.waitlist.length} on the waiting list)`);
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'hainan-bench-draw-'));
  const secretsFile = join(tmp, 'secrets.json');
  ensureSecretsFile(secretsFile);
  console.log('starting DynamoDB Local and the demo data …');
  const stack = await startStack({ stage: 'local', secretsFile, dynamodb: { port: await freePort() }, seed: true });
  try {
    Object.assign(process.env, {
      STAGE: 'local',
      TABLE_PREFIX: stack.tablePrefix,
      DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
      LOCAL_SECRETS_FILE: secretsFile,
      WECHAT_MODE: 'dev',
      LOG_LEVEL: 'warn',
      AWS_REGION: process.env.AWS_REGION || 'cn-northwest-1',
    });
    const { productionDeps } = await import('../functions/draws/services/deps');
    const { productionDeps: benefitDeps } = await import('../functions/benefits/services/deps');
    const { seedDemoBenefit } = await import('../functions/benefits/services/demo');
    const { createDraw, closeDraw } = await import('../functions/draws/services/draw-admin');
    const { newTicket } = await import('../functions/draws/domain/tickets');
    const deps = await productionDeps();
    const { benefits } = await benefitDeps();
    const now = new Date();
    const data = loadDemoData();
    const template = data.benefits[0]!;
    const benefitId = `bnf-bench-draw-${Date.now().toString(36)}`;
    const request = demoBenefitRequest({ ...template, id: benefitId, status: 'draft', window: { claimStartsInDays: 0, claimDays: 1, useDaysAfterClaimEnds: 30 }, stock: ENTRIES, regionQuotas: {} }, now);
    const org = { id: 'org-hainan', path: ['org-hainan'] };
    await seedDemoBenefit(benefits, { id: benefitId, status: 'draft', request, org }, now);
    const { draw } = await createDraw(deps, ADMIN, benefitId, { kind: 'scheduled', places: { '*': Math.floor(ENTRIES / 10) }, seedSource: 'bench' });

    console.log(`(1) ${ENTRIES.toLocaleString('en')} entries, ${CLIENTS} clients, each one transaction (draw count, entrant, ticket) …`);
    let next = 0;
    let refused = 0;
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let n = next++; n < ENTRIES; n = next++) {
          const start = performance.now();
          const outcome = await deps.draws.enter(
            { drawId: draw.id, ticket: newTicket(), day: null, pool: '*', memberId: `bench-member-${n}`, regionCode: null, attemptId: null, outcome: 'entered', couponId: null, at: Date.now() },
            null,
          );
          latencies.push(performance.now() - start);
          if (outcome.kind !== 'done') refused += 1;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    console.log(`    ${(ENTRIES / seconds).toFixed(0)} entries/s (${seconds.toFixed(1)} s), p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms, refused ${refused}`);
    const later = { ...deps, now: () => new Date(now.getTime() + 2 * DAY_MS) };
    const c0 = performance.now();
    const closed = await closeDraw(later, PROVINCE, draw.id);
    console.log(`    close (read ${closed.draw.tickets.length.toLocaleString('en')} tickets, check their number, seal the hash): ${(performance.now() - c0).toFixed(0)} ms`);
    if (closed.draw.tickets.length !== ENTRIES - refused) console.log(`    MISMATCH: ${closed.draw.tickets.length} tickets sealed for ${ENTRIES - refused} entries`);
  } finally {
    await stack.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  await drawingTime();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
