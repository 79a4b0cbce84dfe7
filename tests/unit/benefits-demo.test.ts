import { describe, expect, it } from 'vitest';
import { createBenefitRequest } from '../../functions/benefits/contracts/benefits';
import { claimStateAt } from '../../functions/benefits/domain/benefit';
import { demoBenefitRequest, loadDemoData } from '../../scripts/lib/demo-data';

const data = loadDemoData();
const now = new Date();
const requests = data.benefits.map((b) => ({ demo: b, request: demoBenefitRequest(b, now) }));
const stateOf = ({ demo, request }: (typeof requests)[number]) =>
  claimStateAt(
    { status: demo.status, claimStartsAt: Date.parse(request.claimStartsAt), claimEndsAt: Date.parse(request.claimEndsAt) },
    demo.stock,
    now.getTime(),
  );

describe('the demo benefits', () => {
  it('are valid create requests once their windows are counted from now, with unique ids', () => {
    for (const { demo, request } of requests) {
      const parsed = createBenefitRequest.safeParse(request);
      expect(parsed.error?.issues ?? [], demo.id).toEqual([]);
      expect(request.claimStartsAt, demo.id).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+08:00$/);
    }
    expect(new Set(data.benefits.map((b) => b.id)).size).toBe(data.benefits.length);
  });

  it('refer to existing orgs and active merchants', () => {
    const orgs = new Set(data.orgs.map((o) => o.id));
    const active = new Set(data.merchants.filter((m) => m.status !== 'suspended').map((m) => m.id));
    for (const b of data.benefits) {
      expect(orgs.has(b.orgId), b.id).toBe(true);
      for (const m of b.merchantIds) expect(active.has(m), `${b.id} ${m}`).toBe(true);
    }
  });

  it('show an open hot benefit with city quotas, an upcoming one, an ended one and a draft', () => {
    const hot = requests.find((r) => stateOf(r) === 'open' && r.demo.stock >= 10_000);
    expect(hot?.demo.regionQuotas).toMatchObject({ '01': expect.any(Number), '02': expect.any(Number) });
    expect(hot?.demo.shards).toBeGreaterThan(1);
    expect(requests.filter((r) => r.demo.status === 'published').map(stateOf)).toContain('upcoming');
    expect(requests.map(stateOf)).toContain('ended');
    expect(data.benefits.map((b) => b.status)).toContain('draft');
  });

  it('give every active merchant a clerk to log in as', () => {
    const clerks = new Set(data.accounts.flatMap((a) => a.roles.flatMap((r) => (r.type === 'clerk' ? [r.merchantId] : []))));
    for (const m of data.merchants.filter((m) => m.status !== 'suspended')) expect(clerks.has(m.id), m.id).toBe(true);
  });
});
