import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYEE } from '../support/payee';
import { createDevWeChatPhone } from '../../functions/kernel/wechat';
import { ulid } from 'ulid';
import { createApplicationRequest } from '../../functions/applications/contracts/applications';
import { createCampaignRequest, subsidyAmount, subsidyFormSchema, yuanToFen, type SubsidyTier } from '../../functions/applications/contracts/subsidy';
import { BUILT_IN_YEARS } from '../../functions/applications/data/built-in-calendar';
import { openStepOf } from '../../functions/applications/domain/engine';
import type { Guard } from '../../functions/applications/domain/kinds';
import {
  campaignState,
  checkSubsidyForm,
  poolFor,
  poolsOf,
  reviewOrgIds,
  standingRefusal,
  type Campaign,
  type MemberStanding,
} from '../../functions/applications/domain/subsidy';
import type { Application } from '../../functions/applications/domain/types';
import { buildCalendar } from '../../functions/applications/domain/working-days';
import type { ApplicationStore, Change, ChangePart, Deps } from '../../functions/applications/services/ports';
import type { Org, StoredRole } from '../../functions/membership/domain/types';
import { fakeCampaignStore } from '../support/fake-campaigns';
import { fakeDeps } from '../support/fake-deps';
import { fakeProofStore } from '../support/fake-proofs';
import { refusalOf } from '../support/outcome';
import { loadDemoData } from '../../scripts/lib/demo-data';

/**
 * 补贴 (subsidy): the amount tiers and the fare in yuan, the contracts, eligibility and windows, the
 * review steps, and the use cases over fakes (what a submission and the final approval hand to the
 * store: guards, the payout effect, the amount kept with the form).
 */

const TIERS: SubsidyTier[] = [
  { minFareFen: 5_000, amountFen: 5_000 },
  { minFareFen: 20_000, amountFen: 10_000 },
  { minFareFen: 50_000, amountFen: 20_000 },
  { minFareFen: 100_000, amountFen: 30_000 },
];

const NOW = new Date('2026-01-20T04:00:00Z'); // 12:00 in China

const campaignOf = (overrides: Partial<Campaign> = {}): Campaign => ({
  id: ulid(),
  title: '农民工春节返乡交通补贴',
  description: '往返票价满50元可申请',
  owner: { id: 'hn', name: 'hn工会', path: ['hn'] },
  applyFrom: '2026-01-10T00:00:00.000Z',
  applyUntil: '2026-02-10T00:00:00.000Z',
  extendedAt: null,
  travelFrom: '2026-01-05',
  travelUntil: '2026-02-28',
  fareThresholdFen: 5_000,
  tiers: TIERS,
  places: 10,
  regionQuotas: { '01': 4, '02': 3 },
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'acc-province',
  creatorOrgId: 'hn',
  approval: 'approved',
  approvedBy: 'acc-province-2',
  approvedAt: '2026-01-02T00:00:00.000Z',
  version: 2,
  ...overrides,
});

describe('subsidyAmount and yuanToFen', () => {
  it('pays the amount of the highest bracket the fare reaches, nothing below the first', () => {
    expect(subsidyAmount(TIERS, 4_999)).toBe(0);
    expect(subsidyAmount(TIERS, 5_000)).toBe(5_000);
    expect(subsidyAmount(TIERS, 19_999)).toBe(5_000);
    expect(subsidyAmount(TIERS, 20_000)).toBe(10_000);
    expect(subsidyAmount(TIERS, 49_999)).toBe(10_000);
    expect(subsidyAmount(TIERS, 50_000)).toBe(20_000);
    expect(subsidyAmount(TIERS, 100_000)).toBe(30_000);
    expect(subsidyAmount(TIERS, 2_000_000)).toBe(30_000);
    expect(subsidyAmount([...TIERS].reverse(), 60_000)).toBe(20_000);
    expect(subsidyAmount([], 60_000)).toBe(0);
  });

  it('turns yuan with at most two decimals into fen, and refuses more decimals', () => {
    expect(yuanToFen(268.5)).toBe(26_850);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1_000)).toBe(100_000);
    expect(yuanToFen(19.999)).toBeNull();
    expect(yuanToFen(Number.NaN)).toBeNull();
  });
});

describe('the contracts', () => {
  const form = { campaignId: ulid(), travelDate: '2026-01-18', fromStation: '海口东站', toStation: '郑州站', fare: 856.5, proofKeys: ['k1'], payee: TEST_PAYEE };

  it('accepts a subsidy application and refuses bad fares, no or too many images, unknown fields', () => {
    expect(createApplicationRequest.safeParse({ kind: 'subsidy', form }).success).toBe(true);
    expect(subsidyFormSchema.safeParse({ ...form, fare: 12.345 }).success).toBe(false);
    expect(subsidyFormSchema.safeParse({ ...form, fare: 0 }).success).toBe(false);
    expect(subsidyFormSchema.safeParse({ ...form, proofKeys: [] }).success).toBe(false);
    expect(subsidyFormSchema.safeParse({ ...form, proofKeys: ['a', 'b', 'c', 'd'] }).success).toBe(false);
    expect(subsidyFormSchema.safeParse({ ...form, amountFen: 30_000 }).success).toBe(false);
  });

  const request = {
    title: '返乡交通补贴',
    description: '说明',
    orgId: 'hn',
    applyFrom: '2026-01-10T08:00:00+08:00',
    applyUntil: '2026-02-10T08:00:00+08:00',
    travelFrom: '2026-01-05',
    travelUntil: '2026-02-28',
    fareThresholdFen: 5_000,
    tiers: TIERS,
    places: 10_000,
    regionQuotas: { '01': 3_700 },
  };

  it('accepts a campaign and refuses a threshold under ¥50, unordered tiers, too many reserved places, reversed windows', () => {
    expect(createCampaignRequest.safeParse(request).success).toBe(true);
    const fieldOf = (r: unknown) => {
      const parsed = createCampaignRequest.safeParse(r);
      return parsed.success ? null : parsed.error.issues.map((i) => i.path.join('.'));
    };
    expect(fieldOf({ ...request, fareThresholdFen: 4_000, tiers: [{ minFareFen: 4_000, amountFen: 5_000 }] })).toContain('fareThresholdFen');
    expect(fieldOf({ ...request, tiers: [TIERS[1], TIERS[0]] })).toContain('tiers');
    expect(fieldOf({ ...request, tiers: TIERS.slice(1) })).toContain('tiers');
    expect(fieldOf({ ...request, regionQuotas: { '01': 9_000, '02': 1_001 } })).toContain('regionQuotas');
    expect(fieldOf({ ...request, applyUntil: '2026-01-01T00:00:00+08:00' })).toContain('applyUntil');
    expect(fieldOf({ ...request, travelUntil: '2026-01-01' })).toContain('travelUntil');
  });
});

describe('the demo campaign', () => {
  it('is a valid campaign of the province: the 2019 home-travel subsidy, open at seeding, with city quotas', () => {
    const [demo] = loadDemoData().campaigns ?? [];
    if (!demo) throw new Error('no demo campaign');
    const { id, window, ...fields } = demo;
    const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
    const parsed = createCampaignRequest.safeParse({
      ...fields,
      applyFrom: at(window.applyStartsInDays),
      applyUntil: at(window.applyStartsInDays + window.applyDays),
      travelFrom: at(window.travelStartsInDays).slice(0, 10),
      travelUntil: at(window.travelStartsInDays + window.travelDays).slice(0, 10),
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(demo).toMatchObject({ orgId: 'org-hainan', places: 10_000, regionQuotas: { '01': 3_700 }, fareThresholdFen: 5_000 });
    expect(demo.tiers.map((t) => t.amountFen)).toEqual([5_000, 10_000, 20_000, 30_000]);
    expect(window.applyStartsInDays).toBeLessThanOrEqual(0);
    expect(window.applyStartsInDays + window.applyDays).toBeGreaterThan(0);
  });
});

describe('campaign rules', () => {
  const standing = (overrides: Partial<MemberStanding> = {}): MemberStanding => ({
    unionPath: ['hn', 'hk', 'bus'],
    regionCode: '01',
    poolLeft: 4,
    openApplication: false,
    paid: false,
    ...overrides,
  });

  it('opens and closes with its window', () => {
    const c = campaignOf();
    expect(campaignState(c, new Date('2026-01-09T23:59:59Z'))).toBe('upcoming');
    expect(campaignState(c, NOW)).toBe('open');
    expect(campaignState(c, new Date('2026-02-10T00:00:00Z'))).toBe('ended');
  });

  it('splits the places into city quotas and the shared rest', () => {
    const c = campaignOf();
    expect(poolsOf(c)).toEqual([
      { pool: '01', total: 4 },
      { pool: '02', total: 3 },
      { pool: 'other', total: 3 },
    ]);
    expect(poolFor(c, '01')).toBe('01');
    expect(poolFor(c, '05')).toBe('other');
    expect(poolFor(c, null)).toBe('other');
    const allReserved = campaignOf({ places: 7 });
    expect(poolsOf(allReserved).map((p) => p.pool)).toEqual(['01', '02']);
    expect(poolFor(allReserved, '05')).toBeNull();
  });

  it('says why a member may not file, in the order a submission checks', () => {
    const c = campaignOf();
    expect(standingRefusal(c, standing(), NOW)).toBeNull();
    expect(standingRefusal(c, standing({ unionPath: null }), NOW)).toBe('NOT_BOUND');
    expect(standingRefusal(campaignOf({ owner: { id: 'sy', name: 'sy', path: ['hn', 'sy'] } }), standing(), NOW)).toBe('NOT_ELIGIBLE');
    expect(standingRefusal(campaignOf({ places: 7 }), standing({ regionCode: '05' }), NOW)).toBe('NOT_ELIGIBLE');
    expect(standingRefusal(c, standing({ paid: true }), NOW)).toBe('SUBSIDY_ALREADY_PAID');
    expect(standingRefusal(c, standing(), new Date('2026-01-01T00:00:00Z'))).toBe('SUBSIDY_NOT_STARTED');
    expect(standingRefusal(c, standing(), new Date('2026-03-01T00:00:00Z'))).toBe('SUBSIDY_ENDED');
    expect(standingRefusal(c, standing({ openApplication: true }), NOW)).toBe('APPLICATION_ALREADY_OPEN');
    expect(standingRefusal(c, standing({ poolLeft: 0 }), NOW)).toBe('SUBSIDY_QUOTA_EXHAUSTED');
  });

  it('checks the fare against the threshold and the travel date against the window and today (China)', () => {
    const c = campaignOf();
    expect(checkSubsidyForm(c, { fare: 268.5, travelDate: '2026-01-18' }, NOW)).toEqual({ fareFen: 26_850, amountFen: 10_000 });
    expect(checkSubsidyForm(c, { fare: 50, travelDate: '2026-01-20' }, NOW)).toEqual({ fareFen: 5_000, amountFen: 5_000 });
    const field = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (err) {
        return Object.keys((err as { fields?: Record<string, string> }).fields ?? {});
      }
    };
    expect(field(() => checkSubsidyForm(c, { fare: 49.99, travelDate: '2026-01-18' }, NOW))).toEqual(['fare']);
    expect(field(() => checkSubsidyForm(c, { fare: 100, travelDate: '2026-01-21' }, NOW))).toEqual(['travelDate']);
    expect(field(() => checkSubsidyForm(c, { fare: 100, travelDate: '2026-01-04' }, NOW))).toEqual(['travelDate']);
    // 23:30 on the 20th in China is still the 20th there.
    expect(checkSubsidyForm(c, { fare: 100, travelDate: '2026-01-21' }, new Date('2026-01-20T16:30:00Z')).fareFen).toBe(10_000);
  });

  it('is reviewed by the member’s union, then the org at depth 1 of its path', () => {
    expect(reviewOrgIds(['hn', 'hk', 'bus'])).toEqual(['bus', 'hk']);
    expect(reviewOrgIds(['hn', 'hk', 'district', 'bus'])).toEqual(['bus', 'hk']);
    expect(reviewOrgIds(['hn', 'direct'])).toEqual(['direct', 'hn']);
  });
});

// ---------------------------------------------------------------------------------------------
// The use cases over fakes

const ENV = { STAGE: 'test', TABLE_PREFIX: 'unit-', WECHAT_MODE: 'dev', LOCAL_SECRETS_FILE: '/nonexistent.json' };
let submitApplication: typeof import('../../functions/applications/services/submit').submitApplication;
let decideApplication: typeof import('../../functions/applications/services/review').decideApplication;
let cancelApplication: typeof import('../../functions/applications/services/review').cancelApplication;
let campaignsUc: typeof import('../../functions/applications/services/campaigns');

beforeAll(async () => {
  Object.assign(process.env, ENV);
  ({ submitApplication } = await import('../../functions/applications/services/submit'));
  ({ decideApplication, cancelApplication } = await import('../../functions/applications/services/review'));
  campaignsUc = await import('../../functions/applications/services/campaigns');
});

afterAll(() => {
  for (const key of Object.keys(ENV)) delete process.env[key];
});

const org = (id: string, parent: Org | null, kind: Org['kind'], regionCode: string | null = null): Org => ({
  id,
  name: `${id}工会`,
  parentId: parent?.id ?? null,
  kind,
  regionCode,
  workUnit: null,
  path: [...(parent?.path ?? []), id],
});
const province = org('hn', null, 'province');
const haikou = org('hk', province, 'city', '01');
const sanya = org('sy', province, 'city', '02');
const bus = org('bus', haikou, 'grassroots');
const hotel = org('hotel', sanya, 'grassroots');

/** An application store that checks a change's conditions as the transaction does (payouts through the campaign fake). */
function world() {
  const membership = fakeDeps({ orgs: [province, haikou, sanya, bus, hotel], now: NOW });
  const campaigns = fakeCampaignStore();
  const proofs = fakeProofStore();
  const apps = new Map<string, Application>();
  const guards = new Map<string, string>();
  const changes: Change[] = [];
  const key = (g: Guard) => JSON.stringify(g);
  const applications: ApplicationStore = {
    async get(id) {
      return apps.get(id) ?? null;
    },
    async listByApplicant(openid) {
      return [...apps.values()].filter((a) => a.applicant.openid === openid);
    },
    async listForSubtree() {
      return [];
    },
    async holder(guard) {
      return guards.get(key(guard)) ?? null;
    },
    async commit(change) {
      changes.push(change);
      const refused: ChangePart[] = [];
      const current = apps.get(change.after.id);
      if (change.before === null ? current : current?.version !== change.before.version) refused.push('application');
      if (change.decidedStepId && current && openStepOf(current)?.id !== change.decidedStepId) refused.push('application');
      if (change.claim.some((g) => guards.has(key(g)))) refused.push('claim');
      if (change.absent.some((g) => guards.has(key(g)))) refused.push('absent');
      const effect = change.effect;
      if (refused.length === 0 && effect?.type === 'record-payout') {
        const paid = campaigns.pay({ ...effect, createdAt: change.after.updatedAt });
        if (paid !== 'done') refused.push(paid);
      }
      if (refused.length > 0) return { kind: 'refused', parts: refused };
      apps.set(change.after.id, change.after);
      for (const g of change.claim) guards.set(key(g), change.after.id);
      for (const g of change.release) guards.delete(key(g));
      return { kind: 'done' };
    },
    async notices() {
      return [];
    },
  };
  const deps: Deps = {
    accounts: membership.deps.accounts,
    roster: membership.deps.roster,
    orgs: membership.deps.orgs,
    directory: { listByKind: async (kind) => [...membership.orgs.values()].filter((o) => o.kind === kind) },
    applications,
    calendar: { calendar: async () => buildCalendar(BUILT_IN_YEARS), putYear: async () => undefined },
    proofs: proofs.store,
    campaigns: campaigns.store,
    quotas: membership.deps.quotas,
    wechatPhone: createDevWeChatPhone(),
    officials: { grantersOf: async () => [] },
    idCrypto: membership.deps.idCrypto,
    tokens: membership.deps.tokens,
    newId: ulid,
    now: () => NOW,
  };
  const accountWith = async (roles: StoredRole[] = [], memberId: string | null = null) => {
    const openid = `acc-${ulid()}`;
    membership.accounts.set(openid, { openid, memberId, roles, createdAt: '2026-01-01T00:00:00Z' });
    return openid;
  };
  const member = async (orgId: string, card: string | null = null) => {
    const id = ulid();
    membership.members.set(id, {
      id,
      name: '林小海',
      sex: 'male',
      idHash: id,
      idMasked: '46**************11',
      phone: `139${String(membership.members.size).padStart(8, '0')}`,
      orgId,
      openid: null,
      cardNumber: card,
      cardIssuedAt: card ? '2026-01-01T00:00:00.000Z' : null,
    });
    return { id, openid: await accountWith([], id) };
  };
  return { deps, campaigns, proofs, apps, guards, changes, accountWith, member };
}

async function withCampaign(w: ReturnType<typeof world>, overrides: Partial<Campaign> = {}) {
  const campaign = campaignOf(overrides);
  await w.campaigns.store.create(campaign, null);
  return campaign;
}

async function file(w: ReturnType<typeof world>, openid: string, campaignId: string, fare = 268.5) {
  const { key } = await w.proofs.store.presign(openid, 'image/jpeg');
  return submitApplication(w.deps, openid, {
    kind: 'subsidy',
    form: { campaignId, travelDate: '2026-01-18', fromStation: '海口东站', toStation: '郑州站', fare, proofKeys: [key], payee: TEST_PAYEE },
  });
}

describe('filing a subsidy', () => {
  it('stores the amount, region and pool, steps at the union then the city, and holds the open guard', async () => {
    const w = world();
    const c = await withCampaign(w);
    const m = await w.member(bus.id);
    const { response } = await file(w, m.openid, c.id);
    const app = response.application;
    expect(app.kind).toBe('subsidy');
    expect(app.steps.map((s) => [s.name, s.org.id])).toEqual([
      ['单位工会初审', bus.id],
      ['市总工会复核', haikou.id],
    ]);
    expect(app.form).toMatchObject({ kind: 'subsidy', campaign: { id: c.id, title: c.title }, fareFen: 26_850, amountFen: 10_000, payout: null });
    expect(app.form.kind === 'subsidy' && app.form.proofUrls[0]).toMatch(/^https:\/\/proofs\.example\.test\//);
    const stored = w.apps.get(app.id);
    expect(stored?.form).toMatchObject({ regionCode: '01', pool: '01', amountFen: 10_000 });
    const proofKey = stored?.form.kind === 'subsidy' ? stored.form.proofKeys[0] : undefined;
    expect(w.changes[0]?.claim).toEqual([
      { type: 'open-subsidy', campaignId: c.id, memberId: m.id },
      { type: 'proof', key: proofKey },
    ]);
    expect(w.changes[0]?.absent).toEqual([{ type: 'subsidy-paid', campaignId: c.id, memberId: m.id }]);
  });

  it('refuses unbound accounts, members outside the owner, closed windows, a second open one, images not uploaded', async () => {
    const w = world();
    const c = await withCampaign(w, { owner: { id: 'hk', name: 'hk工会', path: ['hn', 'hk'] } });
    expect((await refusalOf(file(w, await w.accountWith(), c.id))).code).toBe('NOT_BOUND');
    const outside = await w.member(hotel.id);
    expect((await refusalOf(file(w, outside.openid, c.id))).code).toBe('NOT_ELIGIBLE');
    const m = await w.member(bus.id);
    await file(w, m.openid, c.id);
    expect((await refusalOf(file(w, m.openid, c.id))).code).toBe('APPLICATION_ALREADY_OPEN');
    const late = await withCampaign(w, { applyUntil: '2026-01-15T00:00:00.000Z' });
    expect((await refusalOf(file(w, m.openid, late.id))).code).toBe('SUBSIDY_ENDED');
    const other = await w.member(bus.id);
    const refusal = await refusalOf(
      submitApplication(w.deps, other.openid, {
        kind: 'subsidy',
        form: { campaignId: c.id, travelDate: '2026-01-18', fromStation: '海口东站', toStation: '郑州站', fare: 100, proofKeys: [(await w.proofs.store.presign(m.openid, 'image/jpeg')).key], payee: TEST_PAYEE },
      }),
    );
    expect(refusal.code).toBe('PROOF_INVALID');
    expect((await refusalOf(file(w, other.openid, c.id, 30))).fields).toHaveProperty('fare');
  });
});

describe('a proof image backs one application', () => {
  const withKey = (w: ReturnType<typeof world>, openid: string, campaignId: string, key: string) =>
    submitApplication(w.deps, openid, {
      kind: 'subsidy',
      form: { campaignId, travelDate: '2026-01-18', fromStation: '海口东站', toStation: '郑州站', fare: 268.5, proofKeys: [key], payee: TEST_PAYEE },
    });

  it('refuses a second application naming a key (another campaign, or after a withdrawal), saying which image', async () => {
    const w = world();
    const [c, d] = [await withCampaign(w), await withCampaign(w)];
    const m = await w.member(bus.id);
    const { key } = await w.proofs.store.presign(m.openid, 'image/jpeg');
    const { key: fresh } = await w.proofs.store.presign(m.openid, 'image/jpeg');
    const first = (await withKey(w, m.openid, c.id, key)).response.application.id;
    // The open application of the same campaign is the more useful answer.
    expect((await refusalOf(withKey(w, m.openid, c.id, key))).code).toBe('APPLICATION_ALREADY_OPEN');
    const reused = await refusalOf(
      submitApplication(w.deps, m.openid, {
        kind: 'subsidy',
        form: { campaignId: d.id, travelDate: '2026-01-18', fromStation: '海口东站', toStation: '郑州站', fare: 268.5, proofKeys: [fresh, key], payee: TEST_PAYEE },
      }),
    );
    expect([reused.code, reused.status, reused.message]).toEqual(['PROOF_ALREADY_USED', 409, '第 2 张证明图片已用于另一件申请，每张图片只能用于一件申请；请重新拍照上传后再提交']);
    expect(reused.fields).toEqual({ proofKeys: reused.message });
    // Withdrawing does not free the key: the proof stays part of that record.
    await cancelApplication(w.deps, m.openid, first);
    expect((await refusalOf(withKey(w, m.openid, c.id, key))).code).toBe('PROOF_ALREADY_USED');
    expect((await withKey(w, m.openid, c.id, fresh)).created).toBe(true);
  });
});

describe('deciding a subsidy', () => {
  it('records one payout and takes one place with the last approval; the member cannot file again', async () => {
    const w = world();
    const c = await withCampaign(w);
    const m = await w.member(bus.id, '4601011000000019');
    const [busOfficial, hkOfficial] = [await w.accountWith([{ type: 'official', orgId: bus.id }]), await w.accountWith([{ type: 'official', orgId: haikou.id }])];
    const { response } = await file(w, m.openid, c.id);
    const id = response.application.id;
    await decideApplication(w.deps, busOfficial, id, { step: 's1', decision: 'approve' });
    expect(w.changes.at(-1)?.effect).toBeNull();
    const done = await decideApplication(w.deps, hkOfficial, id, { step: 's2', decision: 'approve' });
    expect(done.application.status).toBe('approved');
    expect(done.application.form).toMatchObject({ payout: { status: 'pending', amountFen: 10_000 } });
    expect(w.changes.at(-1)?.effect).toEqual({
      type: 'record-payout',
      campaignId: c.id,
      memberId: m.id,
      applicationId: id,
      amountFen: 10_000,
      regionCode: '01',
      pool: '01',
      // The card given at filing, under the applicant's roster name; the number only as ciphertext.
      payee: { name: '林小海', bankName: TEST_PAYEE.bankName, accountMasked: '***************0128', accountCipher: expect.not.stringContaining('0128') },
    });
    expect(w.changes.at(-1)?.claim).toEqual([{ type: 'subsidy-paid', campaignId: c.id, memberId: m.id }]);
    expect((await w.campaigns.store.pools(c.id)).find((p) => p.pool === '01')).toMatchObject({ left: 3, used: 1, amountFen: 10_000 });
    expect((await refusalOf(file(w, m.openid, c.id))).code).toBe('SUBSIDY_ALREADY_PAID');
  });

  it('refuses the last approval when the city’s places are gone (SUBSIDY_QUOTA_EXHAUSTED), and then lets the official reject', async () => {
    const w = world();
    const c = await withCampaign(w, { places: 1, regionQuotas: { '01': 1 } });
    const hkOfficial = await w.accountWith([{ type: 'official', orgId: haikou.id }]);
    const busOfficial = await w.accountWith([{ type: 'official', orgId: bus.id }]);
    const [a, b] = [await w.member(bus.id), await w.member(bus.id)];
    const first = (await file(w, a.openid, c.id)).response.application.id;
    const second = (await file(w, b.openid, c.id)).response.application.id;
    // Two people: the union's official decides step 1, the city's step 2.
    for (const id of [first, second]) await decideApplication(w.deps, busOfficial, id, { step: 's1', decision: 'approve' });
    await decideApplication(w.deps, hkOfficial, first, { step: 's2', decision: 'approve' });
    expect((await refusalOf(decideApplication(w.deps, hkOfficial, second, { step: 's2', decision: 'approve' }))).code).toBe('SUBSIDY_QUOTA_EXHAUSTED');
    const rejected = await decideApplication(w.deps, hkOfficial, second, { step: 's2', decision: 'reject', comment: '名额已满' });
    expect(rejected.application.status).toBe('rejected');
    expect(w.campaigns.payouts.size).toBe(1);
  });

  it('a withdrawn subsidy releases its guard: the member may file again', async () => {
    const w = world();
    const c = await withCampaign(w);
    const m = await w.member(bus.id);
    const id = (await file(w, m.openid, c.id)).response.application.id;
    expect((await cancelApplication(w.deps, m.openid, id)).application.status).toBe('cancelled');
    expect((await file(w, m.openid, c.id)).created).toBe(true);
  });
});

describe('campaigns', () => {
  it('shows a member where they stand and the places left in their city', async () => {
    const w = world();
    const c = await withCampaign(w);
    const m = await w.member(bus.id);
    const { campaign } = await campaignsUc.getCampaign(w.deps, m.openid, c.id);
    expect(campaign.me).toEqual({ eligible: true, reason: null, regionCode: '01', quotaLeft: 4, applicationId: null });
    const id = (await file(w, m.openid, c.id)).response.application.id;
    expect((await campaignsUc.getCampaign(w.deps, m.openid, c.id)).campaign.me).toMatchObject({ eligible: false, reason: 'APPLICATION_ALREADY_OPEN', applicationId: id });
    const guest = await w.accountWith();
    expect((await campaignsUc.listOpenCampaigns(w.deps, guest)).items[0]?.me).toMatchObject({ eligible: false, reason: 'NOT_BOUND', quotaLeft: null });
  });

  it('lets officials create for their subtree only, lists it with figures, and extends once', async () => {
    const w = world();
    const request = {
      title: '返乡交通补贴',
      description: '说明',
      orgId: haikou.id,
      applyFrom: '2026-01-10T08:00:00+08:00',
      applyUntil: '2026-02-10T08:00:00+08:00',
      travelFrom: '2026-01-05',
      travelUntil: '2026-02-28',
      fareThresholdFen: 5_000,
      tiers: TIERS,
      places: 100,
      regionQuotas: { '01': 60 },
    };
    const sanyaOfficial = await w.accountWith([{ type: 'official', orgId: sanya.id }]);
    expect((await refusalOf(campaignsUc.createCampaign(w.deps, sanyaOfficial, request))).code).toBe('FORBIDDEN');
    const busOfficial = await w.accountWith([{ type: 'official', orgId: bus.id }]);
    expect((await refusalOf(campaignsUc.createCampaign(w.deps, busOfficial, { ...request, orgId: bus.id }))).code).toBe('INVALID_INPUT');
    const hkOfficial = await w.accountWith([{ type: 'official', orgId: haikou.id }]);
    const { campaign } = await campaignsUc.createCampaign(w.deps, hkOfficial, request);
    expect(campaign.figures).toEqual({
      used: 0,
      left: 100,
      byRegion: { '01': { quota: 60, used: 0, left: 60 } },
      otherRegions: { quota: 40, used: 0, left: 40 },
      payouts: 0,
      payoutAmountFen: 0,
    });
    expect((await campaignsUc.listAdminCampaigns(w.deps, sanyaOfficial)).items).toEqual([]);
    expect((await campaignsUc.listAdminCampaigns(w.deps, await w.accountWith([{ type: 'admin' }]))).items.map((c) => c.id)).toEqual([campaign.id]);
    expect((await refusalOf(campaignsUc.extendCampaign(w.deps, hkOfficial, campaign.id, '2026-02-01T00:00:00+08:00'))).code).toBe('INVALID_INPUT');
    const extended = await campaignsUc.extendCampaign(w.deps, hkOfficial, campaign.id, '2026-02-20T00:00:00+08:00');
    expect(extended.campaign).toMatchObject({ extended: true, applyUntil: '2026-02-20T00:00:00.000+08:00' });
    expect((await refusalOf(campaignsUc.extendCampaign(w.deps, hkOfficial, campaign.id, '2026-02-25T00:00:00+08:00'))).code).toBe('SUBSIDY_ALREADY_EXTENDED');
    expect((await refusalOf(campaignsUc.extendCampaign(w.deps, sanyaOfficial, campaign.id, '2026-02-25T00:00:00+08:00'))).code).toBe('NOT_FOUND');
  });
});
