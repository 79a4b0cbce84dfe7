import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Org } from '../../functions/membership/domain/types';
import { addressKey, BINDING_ATTEMPTS_PER_HOUR, bindMember } from '../../functions/membership/services/binding';
import { bindingOf } from '../support/binding';
import { fakeDeps } from '../support/fake-deps';
import { refusalOf } from '../support/outcome';

const union: Org = { id: 'g', name: '测试公司工会', parentId: 'c', kind: 'grassroots', regionCode: null, workUnit: null, path: ['p', 'c', 'g'] };
const city: Org = { id: 'c', name: '测试市总工会', parentId: 'p', kind: 'city', regionCode: '01', workUnit: null, path: ['p', 'c'] };
const province: Org = { id: 'p', name: '测试省总工会', parentId: null, kind: 'province', regionCode: null, workUnit: null, path: ['p'] };

async function world() {
  const w = fakeDeps({ orgs: [province, city, union] });
  const wang = { name: '王海燕', idNumber: '460106199003071224', phone: '13876001001', orgId: 'g' };
  const lin = { name: '林小海', idNumber: '460106198807150013', phone: '13976002002', orgId: 'g' };
  await w.deps.roster.createIfAbsent(wang, w.deps.idCrypto, new Date());
  await w.deps.roster.createIfAbsent(lin, w.deps.idCrypto, new Date());
  return { ...w, wang, lin };
}

describe('binding use case, counted', () => {
  it('does the same reads and writes on every refusal of identity, whatever the roster holds', async () => {
    const { wang, lin, ...w } = await world();
    const probes = {
      'phone nobody holds': bindingOf(wang, { phone: '13700000000' }),
      'member phone, wrong name': bindingOf(wang, { name: '王海' }),
      'member phone, wrong ID number': bindingOf(wang, { idNumber: '460106199003071208' }),
      "right name and ID, another member's phone": bindingOf(wang, { phone: lin.phone }),
    };
    const traces = new Map<string, string>();
    let n = 0;
    for (const [label, probe] of Object.entries(probes)) {
      n += 1;
      const openid = `dev-probe-${n}`;
      await w.deps.accounts.getOrCreate(openid, new Date());
      w.calls.length = 0;
      const refusal = await refusalOf(bindMember(w.deps, openid, probe, '10.0.0.9'));
      expect(refusal.code, label).toBe('IDENTITY_NOT_MATCHED');
      traces.set(label, w.calls.join(' → '));
    }
    expect(new Set(traces.values()).size, [...traces].map(([k, v]) => `${k}: ${v}`).join('\n')).toBe(1);
    // And that trace reads the phone guard and exactly one member item, then counts the refusal.
    const trace = [...traces.values()][0] as string;
    expect(trace.split(' → ').filter((c) => c === 'roster.get')).toHaveLength(1);
    expect(trace.split(' → ').filter((c) => c === 'roster.phoneOwner')).toHaveLength(1);
    // One platform-wide counter; nothing is counted per address (no lock keyed on it).
    expect(trace.split(' → ').filter((c) => c === 'quotas.add')).toHaveLength(1);
    expect(trace).not.toContain('roster.bind');
  });

  it('binds by the verified phone and never changes the roster phone', async () => {
    const { wang, ...w } = await world();
    await w.deps.accounts.getOrCreate('dev-wang', new Date());
    const me = await bindMember(w.deps, 'dev-wang', bindingOf(wang), '10.0.0.9');
    expect(me.member?.name).toBe('王海燕');
    const stored = [...w.members.values()].find((m) => m.name === '王海燕');
    expect(stored).toMatchObject({ openid: 'dev-wang', phone: wang.phone });
  });
});

describe('binding limits (issue 13, item 10)', () => {
  afterEach(() => vi.restoreAllMocks());

  /** What the use case logs while `fn` runs, as parsed JSON lines. */
  async function logged(fn: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    await fn();
    vi.restoreAllMocks();
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('keep the per-account limits, and no count of failures per address locks anyone out', async () => {
    const { wang, ...w } = await world();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const nat = '203.0.113.7';
    // 150 failures from one address (30 accounts, 5 each: the per-account limit)…
    for (let a = 0; a < 30; a += 1) {
      const openid = `dev-nat-${a}`;
      await w.deps.accounts.getOrCreate(openid, new Date());
      for (let i = 0; i < BINDING_ATTEMPTS_PER_HOUR; i += 1) {
        expect((await refusalOf(bindMember(w.deps, openid, bindingOf(wang, { name: `错${i}` }), nat))).code).toBe('IDENTITY_NOT_MATCHED');
      }
      // …each account stops at its own limit, even with the right details…
      if (a === 0) expect((await refusalOf(bindMember(w.deps, openid, bindingOf(wang), nat))).code).toBe('TOO_MANY_ATTEMPTS');
    }
    // …and a worker behind the same address binds.
    await w.deps.accounts.getOrCreate('dev-wang', new Date());
    expect((await bindMember(w.deps, 'dev-wang', bindingOf(wang), nat)).member?.name).toBe('王海燕');
  });

  it('log each refusal for the alarms with a keyed hash of the address bucket, never the address', async () => {
    const { wang, ...w } = await world();
    await w.deps.accounts.getOrCreate('dev-probe', new Date());
    const lines = await logged(() => refusalOf(bindMember(w.deps, 'dev-probe', bindingOf(wang, { name: '王海' }), '203.0.113.7')));
    const line = lines.find((l) => l.metric === 'BindingRefused');
    expect(line).toMatchObject({ metric: 'BindingRefused', code: 'IDENTITY_NOT_MATCHED', source: addressKey(w.deps, '203.0.113.7') });
    expect(String(line?.source)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(JSON.stringify(lines)).not.toContain('203.0.113');
    // One key per IPv4 address, per IPv6 /64; different addresses, different keys.
    expect(addressKey(w.deps, '203.0.113.8')).not.toBe(addressKey(w.deps, '203.0.113.7'));
    expect(addressKey(w.deps, '2001:db8:1:2::1')).toBe(addressKey(w.deps, '2001:db8:1:2:9:9:9:9'));
    expect(addressKey(w.deps, '2001:db8:1:3::1')).not.toBe(addressKey(w.deps, '2001:db8:1:2::1'));
    // Keyed: another deployment's key gives another hash (an IPv4 address cannot be found by trying all 2³²).
    const other = fakeDeps({ orgs: [province, city, union] });
    expect(addressKey(other.deps, '203.0.113.7')).not.toBe(addressKey(w.deps, '203.0.113.7'));
  });
});
