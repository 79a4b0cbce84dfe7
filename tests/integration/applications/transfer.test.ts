import { beforeAll, describe, expect, it } from 'vitest';
import { applicationKeys } from '../../../functions/applications/data/keys';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { applicationWorld, at, boundMember, rawItem, type ApplicationWorld } from './world';

/**
 * 会员关系转接 on DynamoDB Local: every path (accept, reject at either step, withdraw), the member's
 * union and card changing with the acceptance in one transaction, one open transfer at a time,
 * exactly one of two concurrent decisions, who may decide and read, and one outbox notice per change.
 */
let w: ApplicationWorld;

beforeAll(async () => {
  w = await applicationWorld('transfer');
}, 60_000);

const file = (openid: string, toOrgId: string, reason = '工作调动') => w.uc.submitApplication(w.deps, openid, { kind: 'transfer', form: { toOrgId, reason } });
const decideOn = (openid: string, id: string, step: string, decision: 'approve' | 'reject' | 'forward' = 'approve', comment = '') =>
  w.uc.decideApplication(w.deps, openid, id, { step, decision, comment });
const notices = (id: string) => w.deps.applications.notices(id);

describe('a transfer to another city', () => {
  it('is approved by the current union, accepted by the target, and moves the member with a new card region', async () => {
    const m = await boundMember(w, w.unions.bus.id, { withCard: true });
    const before = await w.membership.roster.get(m.memberId);
    expect(before?.cardNumber).toMatch(/^4601/);

    const filed = await file(m.openid, w.unions.hotel.id, '调往三亚工作');
    expect(filed.created).toBe(true);
    const id = filed.response.application.id;
    expect(filed.response.application).toMatchObject({
      kind: 'transfer',
      status: 'pending',
      currentStepId: 's1',
      form: { kind: 'transfer', from: { id: w.unions.bus.id }, to: { id: w.unions.hotel.id }, reason: '调往三亚工作' },
      can: { cancel: true, decide: [] },
    });
    expect(filed.response.application.steps.map((s) => [s.name, s.org.id, s.status])).toEqual([
      ['转出工会审核', w.unions.bus.id, 'open'],
      ['转入工会接收', w.unions.hotel.id, 'waiting'],
    ]);
    expect(filed.response.application.steps[0]?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The target union cannot accept before the current union has approved.
    expect((await refusalOf(decideOn(w.officials.hotel, id, 's2'))).code).toBe('STEP_NOT_OPEN');
    const first = await decideOn(w.officials.bus, id, 's1', 'approve', '同意转出');
    expect(first.application.steps.map((s) => s.status)).toEqual(['approved', 'open']);
    expect((await w.membership.roster.get(m.memberId))?.orgId).toBe(w.unions.bus.id); // nothing moves yet

    const done = await decideOn(w.officials.hotel, id, 's2', 'approve', '欢迎');
    expect(done.application).toMatchObject({ status: 'approved', currentStepId: null });
    const after = await w.membership.roster.get(m.memberId);
    expect(after).toMatchObject({ orgId: w.unions.hotel.id, cardNumber: null, cardIssuedAt: null });
    const raw = await rawItem('members', { id: { S: m.memberId } });
    expect(raw?.cardHistory?.L?.[0]?.M?.number?.S).toBe(before?.cardNumber);
    // The next read of the card issues one of 三亚 (02); the old number stays taken.
    const me = await w.uc.getMe(w.membership, m.openid);
    expect(me.member?.card.number).toMatch(/^4602/);
    expect(me.member?.union.id).toBe(w.unions.hotel.id);
    expect(await w.membership.roster.cardOwner(before?.cardNumber as string)).toBe(m.memberId);
    // The guard is released: a new transfer may be filed.
    expect(await rawItem('guards', { key: { S: applicationKeys.openTransfer(m.memberId) } })).toBeNull();
    expect((await notices(id)).map((n) => [n.version, n.status, n.action, n.reviewerOrgId])).toEqual([
      [1, 'pending', 'submitted', w.unions.bus.id],
      [2, 'pending', 'approved', w.unions.hotel.id],
      [3, 'approved', 'approved', null],
    ]);
  });

  it('keeps the card within the same city', async () => {
    const m = await boundMember(w, w.unions.bus.id, { withCard: true });
    const card = (await w.membership.roster.get(m.memberId))?.cardNumber;
    const id = (await file(m.openid, w.unions.food.id)).response.application.id;
    await decideOn(w.officials.bus, id, 's1');
    await decideOn(w.officials.food, id, 's2');
    expect(await w.membership.roster.get(m.memberId)).toMatchObject({ orgId: w.unions.food.id, cardNumber: card });
  });

  it('moves a member who has no card yet, and their first card is of the new region', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
    await decideOn(w.officials.bus, id, 's1');
    await decideOn(w.officials.hotel, id, 's2');
    expect((await w.uc.getMe(w.membership, m.openid)).member?.card.number).toMatch(/^4602/);
  });
});

describe('a refused or withdrawn transfer', () => {
  it('ends when the current union rejects it, with the reason; the member stays', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
    expect((await refusalOf(decideOn(w.officials.bus, id, 's1', 'reject'))).fields).toEqual({ comment: '请填写驳回原因' });
    const rejected = await decideOn(w.officials.bus, id, 's1', 'reject', '劳动合同尚未解除');
    expect(rejected.application.status).toBe('rejected');
    expect(rejected.application.steps.map((s) => s.status)).toEqual(['rejected', 'skipped']);
    expect(rejected.application.timeline.at(-1)).toMatchObject({ action: 'rejected', comment: '劳动合同尚未解除', role: 'official' });
    expect((await w.membership.roster.get(m.memberId))?.orgId).toBe(w.unions.bus.id);
    expect((await refusalOf(decideOn(w.officials.hotel, id, 's2'))).code).toBe('ALREADY_DECIDED');
    expect((await notices(id)).map((n) => n.status)).toEqual(['pending', 'rejected']);
  });

  it('ends when the target union rejects it', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
    await decideOn(w.officials.bus, id, 's1');
    const rejected = await decideOn(w.officials.hotel, id, 's2', 'reject', '本单位无此职工');
    expect(rejected.application.status).toBe('rejected');
    expect((await w.membership.roster.get(m.memberId))?.orgId).toBe(w.unions.bus.id);
  });

  it('is withdrawn by the member while pending, by nobody else, and not once closed', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const other = await boundMember(w, w.unions.bus.id);
    const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
    expect((await refusalOf(w.uc.cancelApplication(w.deps, other.openid, id))).code).toBe('NOT_FOUND');
    expect((await refusalOf(w.uc.cancelApplication(w.deps, w.officials.bus, id))).code).toBe('FORBIDDEN');
    await decideOn(w.officials.bus, id, 's1');
    const cancelled = await w.uc.cancelApplication(w.deps, m.openid, id);
    expect(cancelled.application).toMatchObject({ status: 'cancelled', can: { cancel: false, decide: [] } });
    expect(cancelled.application.steps.map((s) => s.status)).toEqual(['approved', 'cancelled']);
    expect((await refusalOf(w.uc.cancelApplication(w.deps, m.openid, id))).code).toBe('APPLICATION_NOT_PENDING');
    expect((await refusalOf(decideOn(w.officials.hotel, id, 's2'))).code).toBe('ALREADY_DECIDED');
    expect((await notices(id)).map((n) => [n.version, n.status, n.action])).toEqual([
      [1, 'pending', 'submitted'],
      [2, 'pending', 'approved'],
      [3, 'cancelled', 'cancelled'],
    ]);
    // Withdrawn: a new one may be filed.
    expect((await file(m.openid, w.unions.food.id)).created).toBe(true);
  });
});

describe('transfer rules', () => {
  it('one open transfer at a time, also when filed twice at once', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const outcomes = await Promise.all([file(m.openid, w.unions.hotel.id), file(m.openid, w.unions.food.id)].map((p) => outcomeOf(p)));
    expect(outcomes.sort()).toEqual(['APPLICATION_ALREADY_OPEN', 'accepted']);
    expect((await refusalOf(file(m.openid, w.unions.hotel.id))).code).toBe('APPLICATION_ALREADY_OPEN');
    expect((await w.uc.listMyApplications(w.deps, m.openid)).items).toHaveLength(1);
  });

  it('only for a bound member, only to another grassroots union', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const guest = (await w.membership.accounts.getOrCreate(`guest-${w.tag}`, new Date())).openid;
    expect((await refusalOf(file(guest, w.unions.hotel.id))).code).toBe('NOT_BOUND');
    expect((await refusalOf(file(m.openid, w.unions.bus.id))).fields).toEqual({ toOrgId: '您已是该工会的会员，请选择其他工会' });
    expect((await refusalOf(file(m.openid, w.sanya.id))).fields).toEqual({ toOrgId: '请选择要转入的基层工会' });
    expect((await refusalOf(file(m.openid, 'no-such-union'))).code).toBe('INVALID_INPUT');
    expect((await refusalOf(file('nobody-at-all', w.unions.hotel.id))).code).toBe('UNAUTHENTICATED');
  });
});

describe('deciding', () => {
  it('exactly one of two officials deciding at once wins; the other gets ALREADY_DECIDED', async () => {
    for (const [a, b] of [
      [w.officials.bus, w.officials.haikou],
      [w.officials.bus, w.officials.bus],
    ] as const) {
      const m = await boundMember(w, w.unions.bus.id);
      const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
      const outcomes = await Promise.all([
        outcomeOf(decideOn(a, id, 's1', 'approve')),
        outcomeOf(decideOn(b, id, 's1', 'reject', '不同意')),
      ]);
      expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'ALREADY_DECIDED')).toHaveLength(1);
      const app = await w.uc.getApplication(w.deps, m.openid, id);
      expect(app.application.timeline).toHaveLength(2);
      expect((await notices(id)).map((n) => n.version)).toEqual([1, 2]);
    }
  });

  it('the last step too: two acceptances at once move the member once', async () => {
    const m = await boundMember(w, w.unions.bus.id, { withCard: true });
    const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
    await decideOn(w.officials.bus, id, 's1');
    const outcomes = await Promise.all([w.officials.hotel, w.officials.sanya, w.admin].map((o) => outcomeOf(decideOn(o, id, 's2'))));
    expect(outcomes.sort()).toEqual(['ALREADY_DECIDED', 'ALREADY_DECIDED', 'accepted']);
    const raw = await rawItem('members', { id: { S: m.memberId } });
    expect(raw?.cardHistory?.L).toHaveLength(1);
    expect((await notices(id)).map((n) => n.status)).toEqual(['pending', 'pending', 'approved']);
  });

  it('officials of the step org or above (recorded as such) and admins; a wrong-org official is refused', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
    // A sibling union, another city, the target union (not its step), the member themselves.
    for (const wrong of [w.officials.food, w.officials.sanya, w.officials.hotel, m.openid]) {
      expect((await refusalOf(decideOn(wrong, id, 's1'))).code, wrong).toBe('FORBIDDEN');
    }
    const byCity = await decideOn(w.officials.haikou, id, 's1', 'approve', '市总代为审核');
    expect(byCity.application.steps[0]).toMatchObject({
      status: 'approved',
      byAncestor: true,
      decidedBy: { role: 'ancestor', org: { id: w.haikou.id, name: w.haikou.name } },
    });
    const byAdmin = await decideOn(w.admin, id, 's2');
    expect(byAdmin.application.steps[1]).toMatchObject({ byAncestor: false, decidedBy: { role: 'admin', org: null } });
    expect((await w.membership.roster.get(m.memberId))?.orgId).toBe(w.unions.hotel.id);
  });

  it('refuses an acceptance when the member was moved meanwhile, and writes nothing', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
    await decideOn(w.officials.bus, id, 's1');
    const { rosterTransactionItems } = await import('../../../functions/membership');
    const { runTransaction } = await import('../../../functions/kernel/data/transactions');
    await runTransaction([
      rosterTransactionItems.moveToOrg({ memberId: m.memberId, fromOrgId: w.unions.bus.id, toOrgId: w.unions.food.id, retireCard: null, at: new Date() }),
    ]);
    expect((await refusalOf(decideOn(w.officials.hotel, id, 's2'))).code).toBe('APPLICATION_STALE');
    expect((await w.uc.getApplication(w.deps, m.openid, id)).application.status).toBe('pending');
    expect((await notices(id))).toHaveLength(2);
  });
});

describe('reading', () => {
  it('the applicant, officials of both unions and above, admins; another member and other officials get NOT_FOUND', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m.openid, w.unions.hotel.id)).response.application.id;
    for (const who of [m.openid, w.officials.bus, w.officials.hotel, w.officials.haikou, w.officials.sanya, w.officials.province, w.admin]) {
      expect((await w.uc.getApplication(w.deps, who, id)).application.id).toBe(id);
    }
    const other = await boundMember(w, w.unions.bus.id);
    for (const who of [other.openid, w.officials.food]) {
      expect((await refusalOf(w.uc.getApplication(w.deps, who, id))).code).toBe('NOT_FOUND');
    }
    expect((await w.uc.getApplication(w.deps, w.officials.bus, id)).application.can).toEqual({ cancel: false, decide: ['approve', 'reject'], rate: false, followUp: false });
    expect((await w.uc.getApplication(w.deps, w.officials.hotel, id)).application.can.decide).toEqual([]);
    expect((await refusalOf(w.uc.getApplication(w.deps, m.openid, '01ARZ3NDEKTSV4RRFFQ69G5FAV'))).code).toBe('NOT_FOUND');
  });

  it("lists the member's own newest first, and each official's queue of their subtree, overdue first then oldest", async () => {
    const m1 = await boundMember(w, w.unions.food.id);
    const m2 = await boundMember(w, w.unions.food.id);
    const m3 = await boundMember(w, w.unions.food.id);
    // Filed on 1 and 10 September (overdue since 8 and 17 September) and now (not overdue).
    const late = (await w.uc.submitApplication(at(w.deps, '2026-09-10T02:00:00Z'), m1.openid, { kind: 'transfer', form: { toOrgId: w.unions.hotel.id, reason: '调动' } }))
      .response.application.id;
    const later = (await w.uc.submitApplication(at(w.deps, '2026-09-01T02:00:00Z'), m2.openid, { kind: 'transfer', form: { toOrgId: w.unions.hotel.id, reason: '调动' } }))
      .response.application.id;
    const fresh = (await file(m3.openid, w.unions.bus.id)).response.application.id;
    const queue = await w.uc.listQueue(w.deps, w.officials.food, {});
    const ids = queue.items.map((a) => a.id).filter((i) => [late, later, fresh].includes(i));
    expect(ids).toEqual([later, late, fresh]);
    expect(queue.items.find((a) => a.id === later)?.currentStep).toMatchObject({ overdue: true, dueDate: '2026-09-08', org: { id: w.unions.food.id } });
    expect(queue.items.find((a) => a.id === fresh)?.currentStep?.overdue).toBe(false);
    for (const who of [w.officials.haikou, w.officials.province, w.admin]) {
      const seen = (await w.uc.listQueue(w.deps, who, { kind: 'transfer' })).items.map((a) => a.id);
      expect(seen, who).toEqual(expect.arrayContaining([late, later, fresh]));
    }
    for (const who of [w.officials.bus, w.officials.sanya, w.officials.hotel]) {
      expect((await w.uc.listQueue(w.deps, who, {})).items.map((a) => a.id), who).not.toContain(late);
    }
    expect((await w.uc.listQueue(w.deps, w.officials.food, { kind: 'join' })).items.map((a) => a.id)).not.toContain(late);
    // Approved by the food union: it moves to the hotel union's queue.
    await decideOn(w.officials.food, late, 's1');
    expect((await w.uc.listQueue(w.deps, w.officials.hotel, {})).items.map((a) => a.id)).toContain(late);
    expect((await w.uc.listQueue(w.deps, w.officials.food, {})).items.map((a) => a.id)).not.toContain(late);
    await decideOn(w.officials.hotel, late, 's2', 'reject', '不同意');
    expect((await w.uc.listQueue(w.deps, w.officials.sanya, { status: 'rejected' })).items.map((a) => a.id)).toContain(late);
    expect((await w.uc.listQueue(w.deps, w.officials.sanya, {})).items.map((a) => a.id)).not.toContain(late);
    expect((await w.uc.listMyApplications(w.deps, m1.openid)).items).toMatchObject([{ id: late, status: 'rejected', kind: 'transfer' }]);
    expect((await refusalOf(w.uc.listQueue(w.deps, m1.openid, {}))).code).toBe('FORBIDDEN');
  });
});
