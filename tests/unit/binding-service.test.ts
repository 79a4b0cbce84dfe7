import { describe, expect, it } from 'vitest';
import type { Org } from '../../functions/membership/domain/types';
import { bindMember } from '../../functions/membership/services/binding';
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
    expect(trace.split(' → ').filter((c) => c === 'quotas.add')).toHaveLength(2);
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
