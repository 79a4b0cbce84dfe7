/**
 * npm run draw:verify -- <drawId> [--base http://127.0.0.1:3000] [--file answer.json] [--ticket T]
 *
 * Recomputes a draw from its public answer alone (GET /api/draws/{id}, no log-in), with nothing of
 * this project's code: the rules below are the published ones, written out again, so anyone may copy
 * this file and check. Exit code 0 when every check holds, 1 when one fails.
 *
 * Scheduled (报名后统一抽签):
 *   ticketsHash = SHA-256 hex of the tickets sorted ascending, joined with "\n";
 *   score(t)    = SHA-256 hex of `${seed}\n${pool}\n${t}`; in each pool, tickets by score ascending:
 *                 the first places[pool] win, the rest wait in that order (pools in ascending order).
 * Instant (答题即抽):
 *   each day: SHA-256 hex of the published secret = the commitment published before the day;
 *   a ticket (YYYYMMDD-…) wins by the rule when the first 8 hex digits of HMAC-SHA256(secret, ticket)
 *   read as a number are below floor(winRate × 2³²); every winner must be such a ticket (a ticket the
 *   rule makes a winner may still have won nothing: its member had had 2 wins that day, or no place
 *   was left).
 * Pages: the answer's lists come in pages (`page: {number, size, pages, tickets, winners, waitlist}`);
 * every page `?page=0 … pages-1` is read and the lists joined in page order before the checks, and
 * the joined lists must have the announced totals. `--file` takes one answer or an array of pages.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

interface PublicDraw {
  id: string;
  kind: 'instant' | 'scheduled';
  status: 'open' | 'closed' | 'drawn';
  ticketsHash: string | null;
  seedSource: string | null;
  seed: string | null;
  places: Record<string, number>;
  tickets: Array<{ ticket: string; pool: string }>;
  winners: string[];
  waitlist: string[];
  days?: Array<{ day: string; winRate: number; commitment: string; secret: string | null }>;
  page?: { number: number; size: number; pages: number; tickets: number; winners: number; waitlist: number };
}

/**
 * The pages of one answer joined into whole lists (in page order). Throws when they disagree: pages
 * of different draws or states, a page missing, or lists shorter or longer than the totals announced.
 */
export function joinPages(pages: readonly PublicDraw[]): PublicDraw {
  const first = pages[0];
  if (!first) throw new Error('没有读到任何一页');
  const whole: PublicDraw = { ...first, tickets: [], winners: [], waitlist: [] };
  pages.forEach((p, i) => {
    if (p.id !== first.id || p.status !== first.status || p.ticketsHash !== first.ticketsHash || p.seed !== first.seed) throw new Error(`第 ${i + 1} 页与第 1 页不是同一状态的抽签，请重新读取`);
    if (p.page && p.page.number !== i) throw new Error(`第 ${i + 1} 页的页码为 ${p.page.number}`);
    whole.tickets.push(...p.tickets);
    whole.winners.push(...p.winners);
    whole.waitlist.push(...p.waitlist);
  });
  const totals = first.page;
  if (totals) {
    if (pages.length !== totals.pages) throw new Error(`公布共 ${totals.pages} 页，读到 ${pages.length} 页`);
    for (const list of ['tickets', 'winners', 'waitlist'] as const) {
      if (whole[list].length !== totals[list]) throw new Error(`${list} 公布共 ${totals[list]} 项，各页合计 ${whole[list].length} 项`);
    }
  }
  return whole;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const asc = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export interface Check {
  ok: boolean;
  line: string;
}

export function verify(draw: PublicDraw, ticket?: string): Check[] {
  const checks: Check[] = [];
  const check = (ok: boolean, line: string) => checks.push({ ok, line });
  if (draw.kind === 'scheduled') {
    if (draw.status === 'open') return [{ ok: true, line: '报名中：名单尚未封存，暂无可复核的内容' }];
    const sorted = draw.tickets.map((t) => t.ticket).sort(asc);
    const hash = sha256(sorted.join('\n'));
    check(hash === draw.ticketsHash, `名单哈希 ${hash} ${hash === draw.ticketsHash ? '与公布的一致' : `与公布的 ${draw.ticketsHash} 不一致`}（${sorted.length} 张签）`);
    if (draw.status !== 'drawn' || draw.seed === null) return [...checks, { ok: true, line: '已封存名单，尚未开奖' }];
    const byPool = new Map<string, string[]>();
    for (const t of draw.tickets) {
      const list = byPool.get(t.pool);
      if (list) list.push(t.ticket);
      else byPool.set(t.pool, [t.ticket]);
    }
    const winners: string[] = [];
    const waitlist: string[] = [];
    for (const pool of [...byPool.keys()].sort(asc)) {
      const ranked = byPool
        .get(pool)!
        .map((t) => ({ t, s: sha256(`${draw.seed}\n${pool}\n${t}`) }))
        .sort((a, b) => asc(a.s, b.s) || asc(a.t, b.t))
        .map((r) => r.t);
      const n = Math.max(0, draw.places[pool] ?? 0);
      winners.push(...ranked.slice(0, n));
      waitlist.push(...ranked.slice(n));
      checks.push({ ok: true, line: `名额池 ${pool}：${ranked.length} 张签，${Math.min(n, ranked.length)} 个名额` });
    }
    check(same(winners, draw.winners), `中签 ${winners.length} 张：${same(winners, draw.winners) ? '与公布的一致' : '与公布的不一致'}`);
    check(same(waitlist, draw.waitlist), `候补 ${waitlist.length} 张：${same(waitlist, draw.waitlist) ? '与公布的顺序一致' : '与公布的不一致'}`);
    if (ticket) {
      const w = winners.indexOf(ticket);
      const q = waitlist.indexOf(ticket);
      check(w >= 0 || q >= 0, w >= 0 ? `签号 ${ticket}：中签` : q >= 0 ? `签号 ${ticket}：候补第 ${q + 1} 位` : `签号 ${ticket}：不在名单中`);
    }
    return checks;
  }
  const days = draw.days ?? [];
  for (const day of days) {
    if (day.secret === null) {
      checks.push({ ok: true, line: `${day.day}：已公布承诺值 ${day.commitment}，密钥次日公布` });
      continue;
    }
    const commitment = sha256(day.secret);
    check(commitment === day.commitment, `${day.day}：密钥的 SHA-256 ${commitment === day.commitment ? '与事先公布的承诺值一致' : `${commitment} 与承诺值 ${day.commitment} 不一致`}`);
  }
  const secretOf = (t: string) => days.find((d) => d.day.replaceAll('-', '') === t.slice(0, 8))?.secret ?? null;
  const winsByRule = (t: string) => {
    const secret = secretOf(t);
    const day = days.find((d) => d.day.replaceAll('-', '') === t.slice(0, 8));
    if (!secret || !day) return null;
    const value = Number.parseInt(createHmac('sha256', secret).update(t, 'utf8').digest('hex').slice(0, 8), 16);
    return value < Math.floor(day.winRate * 2 ** 32);
  };
  const ruleWinners = draw.tickets.filter((t) => winsByRule(t.ticket) === true).map((t) => t.ticket);
  const bad = draw.winners.filter((t) => winsByRule(t) !== true);
  check(bad.length === 0, `已公布的 ${draw.tickets.length} 张签中按规则可中签 ${ruleWinners.length} 张；公布的中签 ${draw.winners.length} 张${bad.length === 0 ? '均符合规则' : `中有 ${bad.length} 张不符合规则：${bad.join(', ')}`}`);
  if (ticket) {
    const wins = winsByRule(ticket);
    checks.push({ ok: true, line: wins === null ? `签号 ${ticket}：当日密钥尚未公布` : `签号 ${ticket}：按规则${wins ? '中签' : '未中签'}${draw.winners.includes(ticket) ? '（已获得名额）' : ''}` });
  }
  return checks;
}

async function main(args: string[]): Promise<number> {
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const base = option('--base') ?? `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`;
  const file = option('--file');
  const ticket = option('--ticket');
  const id = args.find((a) => !a.startsWith('--'));
  const pages: PublicDraw[] = [];
  if (file) {
    const read = JSON.parse(readFileSync(file, 'utf8')) as { draw: PublicDraw } | Array<{ draw: PublicDraw }>;
    pages.push(...(Array.isArray(read) ? read : [read]).map((a) => a.draw));
  } else {
    if (!id) {
      console.error('用法：npm run draw:verify -- <抽签编号> [--base http://127.0.0.1:3000] [--ticket 签号]');
      return 2;
    }
    for (let n = 0; n < (pages[0]?.page?.pages ?? 1); n += 1) {
      const url = `${base.replace(/\/$/, '')}/api/draws/${encodeURIComponent(id)}${n > 0 ? `?page=${n}` : ''}`;
      const response = await fetch(url);
      if (!response.ok) {
        console.error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
        return 2;
      }
      pages.push(((await response.json()) as { draw: PublicDraw }).draw);
    }
  }
  const draw = joinPages(pages);
  if (pages.length > 1) console.log(`共读取 ${pages.length} 页`);
  console.log(`抽签 ${draw.id}（${draw.kind === 'scheduled' ? '报名后统一抽签' : '答题即抽'}，状态 ${draw.status}）`);
  if (draw.seed) console.log(`种子：${draw.seed}（来源：${draw.seedSource}）`);
  const checks = verify(draw, ticket);
  for (const c of checks) console.log(`${c.ok ? '✓' : '✗'} ${c.line}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(failed === 0 ? '复核通过' : `复核未通过：${failed} 项不一致`);
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && /draw-verify\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
