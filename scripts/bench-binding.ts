/**
 * `npm run bench:binding`: does the binding endpoint's answer time tell what the roster holds?
 *
 * Starts a private local stack (DynamoDB Local in memory, demo data, serverless-offline on free
 * ports) and sends refused bindings of three kinds, interleaved: a phone no member holds; a member's
 * phone with a wrong name; a member's phone with a wrong ID number. Each goes from a fresh account (the
 * per-account limit is 5 an hour) and all from 127.0.0.1, so at most 99 probes fit the per-address
 * window. Prints the median and p90 of each kind and the spread between medians. It reports; it does
 * not fail.
 *
 *   npm run bench:binding [-- --rounds 30]
 */
import { parseArgs } from 'node:util';
import { startBenchStack } from './lib/bench-stack';
import { loadDemoData } from './lib/demo-data';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '30' } } });
const rounds = Math.min(33, Math.max(3, Number.parseInt(args.rounds, 10) || 30));

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};

async function main() {
  const stack = await startBenchStack('binding', { stage: 'test' });
  try {
    const api = stack.apiUrl as string;
    const post = async (path: string, body: unknown, token?: string) => {
      const started = performance.now();
      const res = await fetch(`${api}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { ms: performance.now() - started, status: res.status, text };
    };
    const demo = loadDemoData();
    const bound = new Set(demo.accounts.flatMap((a) => (a.memberId ? [a.memberId] : [])));
    const members = demo.members.filter((m) => !bound.has(m.id)).slice(-rounds);
    const kinds = {
      'phone nobody holds': (i: number) => ({ name: '张三', idNumber: members[i]!.idNumber, phoneCode: `dev-phone:1300000${String(i).padStart(4, '0')}` }),
      "member's phone, wrong name": (i: number) => ({ name: '王不对', idNumber: members[i]!.idNumber, phoneCode: `dev-phone:${members[i]!.phone}` }),
      "member's phone, wrong ID": (i: number) => ({
        name: members[i]!.name,
        idNumber: members[(i + 1) % members.length]!.idNumber,
        phoneCode: `dev-phone:${members[i]!.phone}`,
      }),
    } as const;
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    const answers = new Set<string>();
    // Warm the handlers up (first calls load bundles and fetch secrets).
    for (let i = 0; i < 3; i += 1) await post('/api/auth/login', { code: `dev:warm-${i}` });
    for (let i = 0; i < rounds; i += 1) {
      for (const [kind, body] of Object.entries(kinds)) {
        const login = await post('/api/auth/login', { code: `dev:bench-${Date.now().toString(36)}-${i}-${kind.length}` });
        const token = JSON.parse(login.text).token as string;
        const answer = await post('/api/me/binding', { ...body(i), consent: true }, token);
        if (i > 0) samples[kind]!.push(answer.ms); // the first round is warm-up for the binding handler
        answers.add(`${answer.status} ${answer.text}`);
      }
    }
    console.log(`binding refusals over HTTP (serverless-offline + DynamoDB Local), ${rounds - 1} per kind:`);
    const medians: number[] = [];
    for (const [kind, ms] of Object.entries(samples)) {
      medians.push(quantile(ms, 0.5));
      console.log(`  ${kind.padEnd(30)} median ${quantile(ms, 0.5).toFixed(1)} ms   p90 ${quantile(ms, 0.9).toFixed(1)} ms`);
    }
    console.log(`  spread between medians: ${(Math.max(...medians) - Math.min(...medians)).toFixed(1)} ms`);
    console.log(`  distinct answers (status + body): ${answers.size}${answers.size === 1 ? ' — identical' : ''}`);
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
