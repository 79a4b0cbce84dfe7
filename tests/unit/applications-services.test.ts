import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { BUILT_IN_YEARS } from '../../functions/applications/data/built-in-calendar';
import { openStepOf, type Notice } from '../../functions/applications/domain/engine';
import type { Guard } from '../../functions/applications/domain/kinds';
import { JOIN_ID_CONSENT_VERSION } from '../../functions/applications/contracts/applications';
import type { Application } from '../../functions/applications/domain/types';
import { buildCalendar } from '../../functions/applications/domain/working-days';
import type { ApplicationStore, Change, ChangePart, Deps } from '../../functions/applications/services/ports';
import type { Org, RosterMember, StoredRole } from '../../functions/membership/domain/types';
import { createDevWeChatPhone } from '../../functions/kernel/wechat';
import { fakeDeps } from '../support/fake-deps';
import { fakeProofStore } from '../support/fake-proofs';
import { fakeCampaignStore } from '../support/fake-campaigns';
import { makeIdNumber } from '../support/ids';
import { refusalOf } from '../support/outcome';

/**
 * The use cases over fakes: what a submission and a decision hand to the store (guards, effect,
 * notice), how a refused change is read, and which subtrees an official's queue asks for.
 */
// The use cases import membership's public entry, which loads the data layer's configuration.
const ENV = { STAGE: 'test', TABLE_PREFIX: 'unit-', WECHAT_MODE: 'dev', LOCAL_SECRETS_FILE: '/nonexistent.json' };
let decideApplication: typeof import('../../functions/applications/services/review').decideApplication;
let listQueue: typeof import('../../functions/applications/services/reading').listQueue;
let submitApplication: typeof import('../../functions/applications/services/submit').submitApplication;

beforeAll(async () => {
  Object.assign(process.env, ENV);
  ({ decideApplication } = await import('../../functions/applications/services/review'));
  ({ listQueue } = await import('../../functions/applications/services/reading'));
  ({ submitApplication } = await import('../../functions/applications/services/submit'));
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
const food = org('food', haikou, 'grassroots');
const hotel = org('hotel', sanya, 'grassroots');

/** An in-memory store that checks a change's conditions as the DynamoDB transaction does. */
function fakeStore(members: Map<string, RosterMember>) {
  const apps = new Map<string, Application>();
  const guards = new Map<string, string>();
  const notices: Notice[] = [];
  const changes: Change[] = [];
  const key = (g: Guard) => JSON.stringify(g);
  /** Refusals to answer instead of checking (a lost race, simulated). */
  const forced: ChangePart[][] = [];
  const store: ApplicationStore = {
    async get(id) {
      return apps.get(id) ?? null;
    },
    async listByApplicant(openid) {
      return [...apps.values()].filter((a) => a.applicant.openid === openid).reverse();
    },
    async listForSubtree(path, status) {
      return [...apps.values()].filter((a) => a.status === status && a.steps.some((s) => s.org.path.includes(path.at(-1) as string)));
    },
    async holder(guard) {
      return guards.get(key(guard)) ?? null;
    },
    async commit(change) {
      changes.push(change);
      const refused: ChangePart[] = [...(forced.shift() ?? [])];
      const current = apps.get(change.after.id);
      if (change.before === null ? current : current?.version !== change.before.version) refused.push('application');
      if (change.decidedStepId && current && openStepOf(current)?.id !== change.decidedStepId) refused.push('application');
      if (change.claim.some((g) => guards.has(key(g)))) refused.push('claim');
      if (change.release.some((g) => guards.get(key(g)) !== change.after.id)) refused.push('release');
      if (change.absent.some((g) => guards.has(key(g)))) refused.push('absent');
      if ((change.own ?? []).some(({ guard, owner }) => guards.has(key(guard)) && guards.get(key(guard)) !== owner)) refused.push('owner');
      const effect = change.effect;
      if (effect?.type === 'move-member' && members.get(effect.memberId)?.orgId !== effect.fromOrgId) refused.push('member');
      if (effect?.type === 'add-member' && [...members.values()].some((m) => m.phone === effect.phone)) refused.push('phone');
      if (refused.length > 0) return { kind: 'refused', parts: [...new Set(refused)] };
      apps.set(change.after.id, change.after);
      notices.push(change.notice);
      for (const g of change.claim) guards.set(key(g), change.after.id);
      for (const g of change.release) guards.delete(key(g));
      for (const { guard, owner } of change.own ?? []) guards.set(key(guard), owner);
      if (effect?.type === 'move-member') {
        const m = members.get(effect.memberId) as RosterMember;
        members.set(m.id, { ...m, orgId: effect.toOrgId, ...(effect.retireCard ? { cardNumber: null, cardIssuedAt: null } : {}) });
      }
      return { kind: 'done' };
    },
    async notices(id) {
      return notices.filter((n) => n.applicationId === id);
    },
  };
  return { store, apps, guards, changes, forced };
}

function world() {
  const membership = fakeDeps({ orgs: [province, haikou, sanya, bus, food, hotel], now: new Date('2026-11-27T02:00:00Z') });
  const clock = { now: membership.deps.now() };
  const fake = fakeStore(membership.members);
  const deps: Deps = {
    accounts: membership.deps.accounts,
    roster: membership.deps.roster,
    orgs: membership.deps.orgs,
    directory: { listByKind: async (kind) => [...membership.orgs.values()].filter((o) => o.kind === kind) },
    applications: fake.store,
    calendar: { calendar: async () => buildCalendar(BUILT_IN_YEARS), putYear: async () => undefined },
    proofs: fakeProofStore().store,
    campaigns: fakeCampaignStore().store,
    quotas: membership.deps.quotas,
    wechatPhone: createDevWeChatPhone(),
    officials: { grantersOf: async () => [] },
    idCrypto: membership.deps.idCrypto,
    tokens: membership.deps.tokens,
    newId: ulid,
    now: () => clock.now,
  };
  const accountWith = async (roles: StoredRole[] = [], memberId: string | null = null) => {
    const openid = `acc-${ulid()}`;
    membership.accounts.set(openid, { openid, memberId, roles, createdAt: '2026-01-01T00:00:00Z' });
    return openid;
  };
  const member = async (orgId: string, card: string | null) => {
    const id = ulid();
    membership.members.set(id, {
      id,
      name: '林小海',
      sex: 'male',
      idHash: id,
      idMasked: '46**************11',
      phone: `139${id.slice(-8).replace(/\D/g, '1').padStart(8, '0')}`,
      orgId,
      openid: null,
      cardNumber: card,
      cardIssuedAt: card ? '2026-01-01T00:00:00.000Z' : null,
    });
    return { id, openid: await accountWith([], id) };
  };
  const officialOf = (orgId: string) => accountWith([{ type: 'official', orgId }]);
  /** The next day (the filing limits count per day). */
  const nextDay = () => void (clock.now = new Date(clock.now.getTime() + 86_400_000));
  return { deps, fake, membership, accountWith, member, officialOf, nextDay };
}

const fileTransfer = (deps: Deps, openid: string, toOrgId: string) =>
  submitApplication(deps, openid, { kind: 'transfer', form: { toOrgId, reason: '工作调动' } }).then((r) => r.response.application.id);

describe('a transfer, as the use cases hand it to the store', () => {
  it('is filed holding the member guard, with the first notice for the current union', async () => {
    const w = world();
    const m = await w.member(bus.id, null);
    await fileTransfer(w.deps, m.openid, hotel.id);
    expect(w.fake.changes[0]).toMatchObject({
      before: null,
      decidedStepId: null,
      claim: [{ type: 'open-transfer', memberId: m.id }],
      release: [],
      effect: null,
      notice: { version: 1, status: 'pending', action: 'submitted', reviewerOrgId: bus.id, applicantOpenid: m.openid },
    });
  });

  it('retires the card only when the region changes (or a member without a card changes region)', async () => {
    const w = world();
    const cases: Array<[string, string | null, RosterMember['orgId'], unknown]> = [
      [bus.id, '46010112345678X', hotel.id, { number: '46010112345678X', issuedAt: '2026-01-01T00:00:00.000Z' }],
      [bus.id, '46010112345679X', food.id, null],
      [bus.id, null, hotel.id, { number: null, issuedAt: null }],
      [bus.id, null, food.id, null],
    ];
    for (const [from, card, to, retireCard] of cases) {
      const m = await w.member(from, card);
      const id = await fileTransfer(w.deps, m.openid, to);
      await decideApplication(w.deps, await w.officialOf(from), id, { step: 's1', decision: 'approve' });
      await decideApplication(w.deps, await w.officialOf(to), id, { step: 's2', decision: 'approve' });
      const last = w.fake.changes.at(-1) as Change;
      expect(last.effect, `${card} → ${to}`).toEqual({ type: 'move-member', memberId: m.id, fromOrgId: from, toOrgId: to, retireCard });
      expect(last.release).toEqual([{ type: 'open-transfer', memberId: m.id }]);
      expect(last.decidedStepId).toBe('s2');
    }
  });

  it('answers ALREADY_DECIDED when another decision won the race, and decides again when only the version moved', async () => {
    const w = world();
    const m = await w.member(bus.id, null);
    const id = await fileTransfer(w.deps, m.openid, hotel.id);
    const official = await w.officialOf(bus.id);
    // Somebody else decides between this decision's read and its write.
    const realGet = w.deps.applications.get;
    let reads = 0;
    const racing: Deps = {
      ...w.deps,
      applications: {
        ...w.deps.applications,
        get: async (key) => {
          reads += 1;
          const read = await realGet(key);
          if (reads === 1) await decideApplication(w.deps, await w.officialOf(haikou.id), id, { step: 's1', decision: 'reject', comment: '不同意' });
          return read;
        },
      },
    };
    expect((await refusalOf(decideApplication(racing, official, id, { step: 's1', decision: 'approve' }))).code).toBe('ALREADY_DECIDED');
    expect(reads).toBe(2);
    expect(w.fake.apps.get(id)?.status).toBe('rejected');

    const other = await w.member(bus.id, null);
    const second = await fileTransfer(w.deps, other.openid, hotel.id);
    w.fake.forced.push(['application']); // refused once although nothing changed: read again, decide again
    expect((await decideApplication(w.deps, official, second, { step: 's1', decision: 'approve' })).application.steps[0]?.status).toBe('approved');
  });

  it('reads a refusal of the roster as APPLICATION_STALE, and refuses callers without authority before writing', async () => {
    const w = world();
    const m = await w.member(bus.id, null);
    const id = await fileTransfer(w.deps, m.openid, hotel.id);
    await decideApplication(w.deps, await w.officialOf(bus.id), id, { step: 's1', decision: 'approve' });
    const before = w.fake.changes.length;
    for (const who of [m.openid, await w.officialOf(food.id), await w.accountWith([{ type: 'clerk', merchantId: 'x' }])]) {
      expect((await refusalOf(decideApplication(w.deps, who, id, { step: 's2', decision: 'approve' }))).code).toBe('FORBIDDEN');
    }
    expect(w.fake.changes.length).toBe(before);
    // Refused by the roster on every reread (CHANGE_ATTEMPTS): stale indeed.
    w.fake.forced.push(['member'], ['member'], ['member']);
    expect((await refusalOf(decideApplication(w.deps, await w.officialOf(hotel.id), id, { step: 's2', decision: 'approve' }))).code).toBe('APPLICATION_STALE');
  });

  it('reads the application again after one refusal of the roster (a race another decision won): then decides on what is there', async () => {
    const w = world();
    const m = await w.member(bus.id, null);
    const id = await fileTransfer(w.deps, m.openid, hotel.id);
    await decideApplication(w.deps, await w.officialOf(bus.id), id, { step: 's1', decision: 'approve' });
    w.fake.forced.push(['member']);
    const { application } = await decideApplication(w.deps, await w.officialOf(hotel.id), id, { step: 's2', decision: 'approve' });
    expect(application.status).toBe('approved');
  });
});

describe('a join, as the use cases hand it to the store', () => {
  it('is approved with the decrypted ID number for membership to encrypt, the joined guard, and the approving union', async () => {
    const w = world();
    const openid = await w.accountWith();
    const idNumber = makeIdNumber('male');
    const form = {
      name: '王小川',
      sex: 'male' as const,
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      ethnicity: '汉族',
      employmentStatus: 'employed' as const,
      idNumber,
      education: 'college' as const,
      skillLevel: 'none' as const,
      phoneCode: 'dev-phone:13912345678',
      householdRegistration: '海南省海口市',
      residence: '海南省海口市',
      politicalStatus: 'masses' as const,
      workUnit: '椰香食品',
      targetOrgId: food.id,
      migrantWorker: false,
      idConsentVersion: JOIN_ID_CONSENT_VERSION as typeof JOIN_ID_CONSENT_VERSION,
    };
    const filed = await submitApplication(w.deps, openid, { kind: 'join', form });
    const id = filed.response.application.id;
    expect(JSON.stringify(w.fake.apps.get(id))).not.toContain(idNumber);
    // The form's own consent for the ID number is kept with the application: the version agreed to and when.
    expect(w.fake.apps.get(id)?.form).toMatchObject({ idConsent: { version: JOIN_ID_CONSENT_VERSION, at: w.deps.now().toISOString() } });
    expect(w.fake.apps.get(id)?.form).not.toHaveProperty('idConsentVersion');
    expect(filed.response.application.form).toMatchObject({ idConsent: { version: JOIN_ID_CONSENT_VERSION } });
    expect(w.fake.changes[0]).toMatchObject({ absent: [{ type: 'joined', idHash: w.deps.idCrypto.hash(idNumber) }] });
    await decideApplication(w.deps, await w.officialOf(haikou.id), id, { step: 's1', decision: 'forward', comment: '转公交', toOrgId: bus.id });
    const approved = await decideApplication(w.deps, await w.officialOf(bus.id), id, { step: 's2', decision: 'approve' });
    expect(approved.application.status).toBe('approved');
    const last = w.fake.changes.at(-1) as Change;
    expect(last.effect).toMatchObject({ type: 'add-member', name: '王小川', idNumber, phone: '13912345678', orgId: bus.id });
    expect(last.claim).toEqual([{ type: 'joined', idHash: w.deps.idCrypto.hash(idNumber) }]);
    expect(last.release.map((g) => g.type).sort()).toEqual(['open-join-account', 'open-join-id']);
    expect(JSON.stringify(approved)).not.toContain(idNumber);
  });
});

describe("an official's queue", () => {
  it('asks once per subtree: nested roles once, an admin the province federations', async () => {
    const w = world();
    const asked: string[][] = [];
    const deps: Deps = {
      ...w.deps,
      applications: { ...w.deps.applications, listForSubtree: async (path) => (asked.push([...path]), []) },
    };
    await listQueue(deps, await w.accountWith([{ type: 'official', orgId: haikou.id }, { type: 'official', orgId: bus.id }, { type: 'official', orgId: hotel.id }]), {});
    expect(asked).toEqual([haikou.path, hotel.path]);
    asked.length = 0;
    await listQueue(deps, await w.accountWith([{ type: 'admin' }]), { status: 'approved' });
    expect(asked).toEqual([province.path]);
    expect((await refusalOf(listQueue(deps, await w.accountWith(), {}))).code).toBe('FORBIDDEN');
  });
});

/** A join form for `idNumber` (male) to 椰香食品's union. */
function joinFormOf(idNumber: string, overrides: Record<string, unknown> = {}) {
  return {
    name: '王小川',
    sex: 'male' as const,
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    ethnicity: '汉族',
    employmentStatus: 'employed' as const,
    idNumber,
    education: 'college' as const,
    skillLevel: 'none' as const,
    phoneCode: 'dev-phone:13912345678',
    householdRegistration: '海南省海口市',
    residence: '海南省海口市',
    politicalStatus: 'masses' as const,
    workUnit: '椰香食品',
    targetOrgId: food.id,
    migrantWorker: false,
    idConsentVersion: JOIN_ID_CONSENT_VERSION as typeof JOIN_ID_CONSENT_VERSION,
    ...overrides,
  };
}

describe('filings in bulk (review, item 6)', () => {
  it('keeps a join bounded over 1,000 resubmissions: the first and the last 40 timeline entries, the last 3 withdrawn steps', async () => {
    const { TIMELINE_KEPT, WITHDRAWN_STEPS_KEPT } = await import('../../functions/applications/domain/engine');
    const w = world();
    const openid = await w.accountWith();
    const form = joinFormOf(makeIdNumber('male'));
    const id = (await submitApplication(w.deps, openid, { kind: 'join', form })).response.application.id;
    let sizeAt50 = 0;
    for (let n = 2; n <= 1000; n += 1) {
      // The limits allow 3 joins a day for one ID number: a day passes every 3 filings.
      if ((n - 1) % 3 === 0) w.nextDay();
      const targetOrgId = n % 2 === 0 ? bus.id : food.id;
      const again = await submitApplication(w.deps, openid, { kind: 'join', form: { ...form, targetOrgId, residence: '海'.repeat(100) } });
      expect(again.created).toBe(false);
      if (n === 50) sizeAt50 = JSON.stringify(w.fake.apps.get(id)).length;
    }
    const app = w.fake.apps.get(id) as Application;
    expect(app.version).toBe(1000);
    expect(app.timeline).toHaveLength(TIMELINE_KEPT + 1);
    expect(app.timeline[0]?.action).toBe('submitted');
    expect(app.timelineOmitted).toBe(1000 - (TIMELINE_KEPT + 1));
    expect(app.steps.filter((s) => s.status === 'withdrawn')).toHaveLength(WITHDRAWN_STEPS_KEPT);
    expect(openStepOf(app)?.id).toBe('s1000');
    const size = JSON.stringify(app).length;
    // Bounded: no bigger than after 50 filings give or take the entries' lengths, and far below 400 KB.
    expect(size).toBeLessThan(sizeAt50 * 1.2);
    expect(Buffer.byteLength(JSON.stringify(app), 'utf8')).toBeLessThan(64 * 1024);
  });

  it('refuses filings past 3 a day for one ID number and 5 a day for one account, writing nothing', async () => {
    const w = world();
    const openid = await w.accountWith();
    const form = joinFormOf(makeIdNumber('male'));
    for (let n = 1; n <= 3; n += 1) await submitApplication(w.deps, openid, { kind: 'join', form });
    const written = w.fake.changes.length;
    for (let n = 4; n <= 5; n += 1) {
      const refused = await refusalOf(submitApplication(w.deps, openid, { kind: 'join', form }));
      expect([refused.code, refused.message]).toEqual(['FILING_LIMIT_REACHED', '该身份证号今天提交入会申请的次数已达上限，请明天再试']);
    }
    const sixth = await refusalOf(submitApplication(w.deps, openid, { kind: 'join', form }));
    expect([sixth.code, sixth.message]).toEqual(['FILING_LIMIT_REACHED', '今天提交申请的次数已达上限（每个微信账号每天 5 次），请明天再试']);
    expect(w.fake.changes.length).toBe(written);
    // A member's transfers count too; the next day the account files again.
    w.nextDay();
    expect((await submitApplication(w.deps, openid, { kind: 'join', form })).created).toBe(false);
  });

  it('binds an ID number and an account to each other at the first join: anyone else gets one answer, open, approved or not', async () => {
    const w = world();
    const first = await w.accountWith();
    const other = await w.accountWith();
    const idNumber = makeIdNumber('male');
    const id = (await submitApplication(w.deps, first, { kind: 'join', form: joinFormOf(idNumber) })).response.application.id;
    // The review's attack the other way round: another account files first with someone else's ID number.
    const whileOpen = await refusalOf(submitApplication(w.deps, other, { kind: 'join', form: joinFormOf(idNumber) }));
    expect(whileOpen.code).toBe('JOIN_NOT_ACCEPTED');
    // The first account files for one ID number only.
    const otherId = await refusalOf(submitApplication(w.deps, first, { kind: 'join', form: joinFormOf(makeIdNumber('male')) }));
    expect([otherId.code, otherId.message]).toEqual([whileOpen.code, whileOpen.message]);
    await decideApplication(w.deps, await w.officialOf(food.id), id, { step: 's1', decision: 'approve' });
    w.nextDay();
    const afterApproval = await refusalOf(submitApplication(w.deps, other, { kind: 'join', form: joinFormOf(idNumber) }));
    expect([afterApproval.code, afterApproval.message]).toEqual([whileOpen.code, whileOpen.message]);
    // A join filed before ID numbers were bound (no binding yet, its open guard held): the same answer.
    const legacy = makeIdNumber('male');
    const holder = await w.accountWith();
    await submitApplication(w.deps, holder, { kind: 'join', form: joinFormOf(legacy) });
    for (const k of [...w.fake.guards.keys()]) if (k.includes('"join-id-owner"') || k.includes('"join-account-id"')) w.fake.guards.delete(k);
    const third = await w.accountWith();
    const legacyAnswer = await refusalOf(submitApplication(w.deps, third, { kind: 'join', form: joinFormOf(legacy) }));
    expect([legacyAnswer.code, legacyAnswer.message]).toEqual([whileOpen.code, whileOpen.message]);
    // Nothing of theirs was written: no application from `other` or `third`.
    expect([...w.fake.apps.values()].filter((a) => a.applicant.openid === other || a.applicant.openid === third)).toEqual([]);
  });

  it('tells a union\'s officials of an application once a day: same-day resubmissions to the same union tell nobody', async () => {
    const { recipientsOf } = await import('../../functions/applications/services/sender');
    const w = world();
    const openid = await w.accountWith();
    const form = joinFormOf(makeIdNumber('male'));
    await submitApplication(w.deps, openid, { kind: 'join', form });
    await submitApplication(w.deps, openid, { kind: 'join', form });
    await submitApplication(w.deps, openid, { kind: 'join', form: { ...form, targetOrgId: bus.id } });
    w.nextDay();
    await submitApplication(w.deps, openid, { kind: 'join', form: { ...form, targetOrgId: bus.id } });
    await submitApplication(w.deps, openid, { kind: 'join', form: { ...form, targetOrgId: bus.id } });
    const notices = w.fake.changes.map((c) => c.notice);
    expect(notices.map((n) => [n.action, n.reviewerOrgId])).toEqual([
      ['submitted', food.id],
      ['resubmitted', null],
      ['resubmitted', bus.id],
      ['resubmitted', bus.id],
      ['resubmitted', null],
    ]);
    const officials = { officialsOf: async (orgId: string) => [`official-of-${orgId}`] };
    const told = await Promise.all(notices.map(async (n) => (await recipientsOf(n, officials)).map((r) => r.key)));
    expect(told).toEqual([[`todo:official-of-${food.id}`], [], [`todo:official-of-${bus.id}`], [`todo:official-of-${bus.id}`], []]);
  });
});
