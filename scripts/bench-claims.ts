/**
 * `npm run bench:claims`: how fast claims go through, and that none is over-issued.
 *
 * Starts a private local stack (DynamoDB Local in memory, demo data, serverless-offline on free
 * ports, stage `local` so the functions log each claim that needed retries), binds 50 demo members
 * to 50 accounts, and runs 50 concurrent clients for a fixed time in four scenarios:
 *   (a) the claim endpoint through the whole API (HTTP → serverless-offline → the claim use case),
 *   (b) a bare loop of the same transaction with no API around it (the same use case and retry
 *       policy in this process, its reads answered from memory),
 * each on one stock item and on 8 shards; and, to show where (a) spends its time, (c) the use case
 * with its real reads (account, member, the member's count) in this process, without HTTP. Then a
 * sell-out: 50 clients on 300 units (4 shards)
 * through the API until everyone hears SOLD_OUT. Prints claims/s, p50/p99, conflicts, retries and
 * over-issued units (coupons beyond the units taken from the stock), and (a)/(b).
 *
 * DynamoDB Local serialises writes, so sharding shows no gain here; see README › Benefits for the
 * ceiling in AWS.
 *
 *   npm run bench:claims [-- --seconds 8 --clients 50]
 */
import { parseArgs } from 'node:util';
import { startBenchStack } from './lib/bench-stack';
import { demoBenefitRequest, loadDemoData, type DemoBenefit } from './lib/demo-data';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '8' }, clients: { type: 'string', default: '50' } },
});
const SECONDS = Math.min(60, Math.max(2, Number(args.seconds) || 8));
const CLIENTS = Math.min(100, Math.max(1, Number.parseInt(args.clients, 10) || 50));
const STAGE = 'local';

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};

interface RunResult {
  label: string;
  claims: number;
  seconds: number;
  latencies: number[];
  retries: number;
  conflicts: number;
  busy: number;
  overIssued: number;
}

const CONFLICTS = new Set(['TransactionConflict', 'TransactionConflictException']);

async function main() {
  // Lines the claim function logs (stage local logs at debug): retries per claim in (a).
  const serverRetries: string[][] = [];
  console.log('starting DynamoDB Local, demo data and serverless-offline …');
  const stack = await startBenchStack('claims', {
    stage: STAGE,
    onLine: (line) => {
      const at = line.indexOf('{"level"');
      if (at < 0 || !line.includes('"name":"claim"') || (!line.includes('transaction retried') && !line.includes('transaction gave up'))) return;
      try {
        serverRetries.push((JSON.parse(line.slice(at)) as { reasons?: string[] }).reasons ?? []);
      } catch {
        // not one of ours
      }
    },
  });
  const { secretsFile } = stack;
  try {
    Object.assign(process.env, {
      STAGE,
      TABLE_PREFIX: stack.tablePrefix,
      DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
      LOCAL_SECRETS_FILE: secretsFile,
      WECHAT_MODE: 'dev',
      LOG_LEVEL: 'warn',
      AWS_REGION: process.env.AWS_REGION || 'cn-northwest-1',
    });
    const { productionDeps: membershipDeps } = await import('../functions/membership/services/deps');
    const { productionDeps: benefitDeps, claimDeps } = await import('../functions/benefits/services/deps');
    const { claimBenefit } = await import('../functions/benefits/services/claims');
    const { createClaimStore } = await import('../functions/benefits/data/claim-store');
    const { sendTransaction, transactionFailure } = await import('../functions/kernel/data/transactions');
    const { seedDemoBenefit } = await import('../functions/benefits/services/demo');
    const { AppError } = await import('../functions/kernel/errors');
    const membership = await membershipDeps();
    const deps = await benefitDeps();
    const api = stack.apiUrl as string;

    // 50 bound members, each its own account, logged in through the API.
    const demo = loadDemoData();
    const taken = new Set(demo.accounts.flatMap((a) => (a.memberId ? [a.memberId] : [])));
    const members = demo.members.filter((m) => !taken.has(m.id)).slice(0, CLIENTS);
    const now = new Date();
    const clients = await Promise.all(
      members.map(async (m, i) => {
        const openid = `dev-bench-${i}`;
        await membership.accounts.createIfAbsent({ openid, roles: [] }, now);
        const member = await membership.roster.get(m.id);
        if (!member) throw new Error(`demo member ${m.id} missing`);
        await membership.roster.bind({ openid, member, now });
        const login = await fetch(`${api}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: `dev:bench-${i}` }),
        });
        return { openid, memberId: m.id, token: ((await login.json()) as { token: string }).token };
      }),
    );

    let benefitCount = 0;
    const newBenefit = async (stock: number, shards: number, perMemberLimit: number) => {
      benefitCount += 1;
      const spec: DemoBenefit = {
        id: `bench-${Date.now().toString(36)}-${benefitCount}`,
        title: '压测权益',
        description: '压测用',
        category: 'cinema',
        merchantIds: ['mch-yefeng-cinema'],
        faceValueFen: 100,
        priceFen: 0,
        stock,
        perMemberLimit,
        orgId: 'org-hainan',
        shards,
        status: 'published',
        window: { claimStartsInDays: -1, claimDays: 2, useDaysAfterClaimEnds: 1 },
      };
      await seedDemoBenefit(deps.benefits, { id: spec.id, status: 'published', request: demoBenefitRequest(spec, new Date()), org: { id: 'org-hainan', path: ['org-hainan'] } }, new Date());
      return spec.id;
    };

    /** Units taken from the stock against coupons the members hold: anything over is over-issued. */
    const overIssued = async (benefitId: string, shards: number, issued: number) => {
      const levels = await deps.claims.shardLevels(benefitId, shards);
      const taken = levels.reduce((s, l) => s + (l.total - l.left), 0);
      const held = (await Promise.all(clients.map((c) => deps.benefits.held(benefitId, c.memberId)))).reduce((s, n) => s + n, 0);
      if (held !== issued) console.warn(`  ! held counters ${held} ≠ coupons issued ${issued}`);
      return Math.max(issued, held) - taken;
    };

    const claimOverHttp = async (token: string, benefitId: string, requestId: string) => {
      const res = await fetch(`${api}/api/benefits/${benefitId}/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ requestId }),
      });
      const body = (await res.json()) as { error?: { code: string } };
      return { status: res.status, code: body.error?.code ?? null };
    };

    let requestSeq = 0;
    const nextRequestId = () => `bench${Date.now().toString(36)}${(requestSeq += 1).toString(36)}`;

    type Client = (typeof clients)[number];
    /**
     * Every client claims again and again until the time is up; a BUSY answer is retried with the
     * same requestId, as the app does. Latency is per claim, retries included.
     */
    const drive = async (claimOnce: (client: Client, requestId: string) => Promise<'created' | 'busy' | 'refused'>) => {
      const latencies: number[] = [];
      let claims = 0;
      let busy = 0;
      const started = performance.now();
      const end = started + SECONDS * 1000;
      await Promise.all(
        clients.map(async (c) => {
          while (performance.now() < end) {
            const rid = nextRequestId();
            const t0 = performance.now();
            let outcome = await claimOnce(c, rid);
            for (; outcome === 'busy'; outcome = await claimOnce(c, rid)) busy += 1;
            if (outcome === 'created') claims += 1;
            latencies.push(performance.now() - t0);
          }
        }),
      );
      return { claims, busy, latencies, seconds: (performance.now() - started) / 1000 };
    };

    /** (a) through the API. */
    const runApi = async (label: string, shards: number): Promise<RunResult> => {
      const benefitId = await newBenefit(1_000_000, shards, 100);
      // Warm-up: the first calls load the handler bundle and its secrets.
      const warm = (await claimOverHttp(clients[0]!.token, benefitId, nextRequestId())).status === 201 ? 1 : 0;
      serverRetries.length = 0;
      const run = await drive(async (c, rid) => {
        const answer = await claimOverHttp(c.token, benefitId, rid);
        if (answer.status === 503 && answer.code === 'BUSY') return 'busy';
        if (answer.status >= 500) throw new Error(`claim answered ${answer.status}`);
        return answer.status === 201 ? 'created' : 'refused';
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // the last log lines
      const reasons = serverRetries.flat();
      return {
        label,
        ...run,
        retries: reasons.length,
        conflicts: reasons.filter((r) => CONFLICTS.has(r)).length,
        overIssued: await overIssued(benefitId, shards, run.claims + warm),
      };
    };

    /**
     * (b) the same use case and transaction in this process, its reads answered from memory; with
     * `withReads`, (c): the reads go to DynamoDB as the claim function's do (same caches).
     */
    const runInProcess = async (label: string, shards: number, withReads = false): Promise<RunResult> => {
      const benefitId = await newBenefit(1_000_000, shards, 100);
      const benefit = await deps.benefits.get(benefitId);
      const union = await membership.orgs.getMany(['org-hainan']);
      const reasons: string[] = [];
      const counting = createClaimStore(async (items) => {
        try {
          await sendTransaction(items);
        } catch (err) {
          const failure = transactionFailure(err);
          if (failure?.kind === 'retry') reasons.push(failure.reason);
          throw err;
        }
      });
      const memberOf = new Map(clients.map((c) => [c.openid, c.memberId]));
      const inMemory = {
        ...deps,
        claims: counting,
        accounts: { ...deps.accounts, get: async (openid: string) => ({ openid, memberId: memberOf.get(openid) ?? null, roles: [], createdAt: '' }) },
        roster: {
          ...deps.roster,
          get: async (id: string) => ({ id, name: '压测', sex: 'male' as const, idHash: '', idMasked: '', phone: '', orgId: 'org-hainan', openid: null, cardNumber: '4601011000000001', cardIssuedAt: '' }),
        },
        orgs: { ...deps.orgs, getMany: async () => union },
        merchants: { ...deps.merchants, getMany: async (ids: string[]) => new Map(ids.map((id) => [id, { id, name: '', status: 'active' as const, agreements: [] }])) },
        benefits: { ...deps.benefits, get: async () => benefit, held: async () => 0 },
      };
      const useCaseDeps = withReads ? { ...(await claimDeps()), claims: counting } : inMemory;
      const run = await drive(async (c, rid) => {
        try {
          return (await claimBenefit(useCaseDeps, c.openid, benefitId, rid)).created ? 'created' : 'refused';
        } catch (err) {
          if (err instanceof AppError && err.code === 'BUSY') return 'busy';
          if (err instanceof AppError) return 'refused';
          throw err;
        }
      });
      return {
        label,
        ...run,
        retries: reasons.length,
        conflicts: reasons.filter((r) => CONFLICTS.has(r)).length,
        overIssued: await overIssued(benefitId, shards, run.claims),
      };
    };

    console.log(`${CLIENTS} concurrent clients, ${SECONDS} s per scenario, DynamoDB Local (in memory)\n`);
    const results: RunResult[] = [];
    const show = (r: RunResult) => {
      results.push(r);
      console.log(
        `${r.label.padEnd(24)} ${(r.claims / r.seconds).toFixed(1).padStart(8)} ${quantile(r.latencies, 0.5).toFixed(0).padStart(8)} ${quantile(r.latencies, 0.99).toFixed(0).padStart(8)} ${String(r.conflicts).padStart(10)} ${String(r.retries).padStart(8)} ${String(r.busy).padStart(6)} ${String(r.overIssued).padStart(12)}`,
      );
    };
    console.log(`${'scenario'.padEnd(24)} ${'claims/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'conflicts'.padStart(10)} ${'retries'.padStart(8)} ${'BUSY'.padStart(6)} ${'over-issued'.padStart(12)}`);
    // Warm-up, not measured: handler bundles, JIT, connection pools on both paths.
    const warmEnd = performance.now() + 2_000;
    const warmId = await newBenefit(1_000_000, 8, 100);
    await Promise.all(clients.map(async (c) => {
      while (performance.now() < warmEnd) await claimOverHttp(c.token, warmId, nextRequestId());
    }));
    show(await runApi('(a) API, 1 stock item', 1));
    show(await runInProcess('(b) bare, 1 stock item', 1));
    show(await runApi('(a) API, 8 shards', 8));
    show(await runInProcess('(b) bare, 8 shards', 8));
    show(await runInProcess('(c) use case + reads', 8, true));
    const withReads = results[4]!;

    console.log('');
    for (const [a, b, what] of [
      [results[0]!, results[1]!, '1 stock item'],
      [results[2]!, results[3]!, '8 shards'],
    ] as const) {
      const throughput = a.claims / a.seconds / (b.claims / b.seconds);
      const p99 = quantile(a.latencies, 0.99) / quantile(b.latencies, 0.99);
      console.log(`(a)/(b), ${what.padEnd(13)} throughput ${throughput.toFixed(2)} (aim ≥ 0.7)   p99 ${p99.toFixed(2)}× (aim ≤ 2×)`);
    }
    const rate = (r: RunResult) => r.claims / r.seconds;
    console.log(
      `where (a) spends it, 8 shards: the reads alone keep (c)/(b) at ${(rate(withReads) / rate(results[3]!)).toFixed(2)}; ` +
        `HTTP + serverless-offline take (a)/(c) to ${(rate(results[2]!) / rate(withReads)).toFixed(2)}`,
    );

    // Sell-out: everyone claims once (limit 1) until nothing is left; exactly the stock is issued.
    const SELL_OUT_STOCK = 300;
    const benefitId = await newBenefit(SELL_OUT_STOCK, 4, 1_000);
    let issued = 0;
    let soldOut = 0;
    const sellStarted = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        for (;;) {
          const answer = await claimOverHttp(c.token, benefitId, nextRequestId());
          if (answer.status === 201) issued += 1;
          else if (answer.code === 'SOLD_OUT') {
            soldOut += 1;
            return;
          } else if (answer.code !== 'BUSY') throw new Error(`sell-out: unexpected ${answer.status} ${answer.code}`);
        }
      }),
    );
    const over = await overIssued(benefitId, 4, issued);
    console.log(
      `\nsell-out through the API: ${SELL_OUT_STOCK} units over 4 shards, ${CLIENTS} clients → ${issued} issued, over-issued ${over}, ` +
        `${soldOut} clients told SOLD_OUT, in ${((performance.now() - sellStarted) / 1000).toFixed(1)} s`,
    );
    if ([...results].some((r) => r.overIssued !== 0) || over !== 0 || issued !== SELL_OUT_STOCK) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
