import { describe, expect, it } from 'vitest';
import { BUILT_IN_YEARS } from '../../functions/applications/data/built-in-calendar';
import {
  authorityOver,
  canRead,
  cancel,
  checkDecision,
  decide,
  decisionsFor,
  isOverdue,
  newApplication,
  noticeOf,
  openStepOf,
  recordOrg,
  resubmit,
  type Authority,
  type Clock,
  type DecisionInput,
} from '../../functions/applications/domain/engine';
import { openGuards } from '../../functions/applications/domain/kinds';
import type { Actor, Application, JoinRecord, OrgOnStep } from '../../functions/applications/domain/types';
import { buildCalendar } from '../../functions/applications/domain/working-days';
import type { AppError } from '../../functions/kernel/errors';

/**
 * The application engine's rules over plain values: the state machine of both kinds, who may
 * decide (and how it is recorded), who may read, withdrawal, resubmission and the outbox notice.
 */
const calendar = buildCalendar(BUILT_IN_YEARS);
// Wednesday 30 September 2026, 10:00 in China: the National Day week follows.
const clock = (iso = '2026-09-30T02:00:00Z'): Clock => ({ now: new Date(iso), calendar });

const org = (id: string, path: string[]): OrgOnStep => ({ id, name: `${id}工会`, path: [...path, id] });
const province = org('hn', []);
const haikou = org('hk', province.path);
const sanya = org('sy', province.path);
const busUnion = org('bus', haikou.path);
const foodUnion = org('food', haikou.path);
const hotelUnion = org('hotel', sanya.path);

const official = (openid: string, orgId: string): Actor => ({ openid, roles: [{ type: 'official', orgId }] });
const admin: Actor = { openid: 'admin', roles: [{ type: 'admin' }] };
const member: Actor = { openid: 'member', roles: [] };

function transfer(from = busUnion, to = hotelUnion): Application {
  return newApplication(
    {
      id: '01TRANSFER',
      kind: 'transfer',
      applicant: { openid: member.openid, memberId: 'm1', name: '邢志强' },
      form: { kind: 'transfer', fromOrgId: from.id, toOrgId: to.id, reason: '工作调动' },
      orgs: [from, to],
      previousId: null,
    },
    clock(),
  );
}

const joinRecord: JoinRecord = {
  kind: 'join',
  name: '黎小燕',
  sex: 'female',
  ethnicity: '黎族',
  employmentStatus: 'platform',
  education: 'senior',
  skillLevel: 'none',
  mobile: '13800138000',
  householdRegistration: '海南省琼中县',
  residence: '海南省海口市龙华区',
  politicalStatus: 'masses',
  workUnit: '海口某外卖站点',
  targetOrgId: foodUnion.id,
  migrantWorker: true,
  idCipher: 'cipher',
  idHash: 'hash',
  idMasked: '46**************26',
};

function join(target = foodUnion): Application {
  return newApplication(
    { id: '01JOIN', kind: 'join', applicant: { openid: 'guest', memberId: null, name: '黎小燕' }, form: joinRecord, orgs: [target], previousId: null },
    clock(),
  );
}

const authority = (actor: Actor, app: Application, stepId: string): Authority => {
  const found = authorityOver(actor, app.steps.find((s) => s.id === stepId) as Application['steps'][number]);
  if (!found) throw new Error('no authority');
  return { as: found.as, org: found.orgId ? { id: found.orgId, name: `${found.orgId}工会` } : null };
};

function decideAs(actor: Actor, app: Application, input: Partial<DecisionInput> & { stepId: string }, at = clock()) {
  const full: DecisionInput = { decision: 'approve', comment: '', toOrg: null, ...input };
  return decide(app, full, actor, authority(actor, app, input.stepId), at);
}

function refusal(run: () => unknown): Pick<AppError, 'code' | 'fields'> {
  try {
    run();
  } catch (err) {
    const { code, fields } = err as AppError;
    return { code, ...(fields ? { fields } : {}) };
  }
  throw new Error('expected a refusal');
}

describe('a new application', () => {
  it('opens its first step with a deadline in working days; later steps wait', () => {
    const app = transfer();
    expect(app).toMatchObject({ status: 'pending', version: 1, previousId: null });
    expect(app.steps.map((s) => [s.id, s.org.id, s.status, s.dueDate])).toEqual([
      ['s1', 'bus', 'open', '2026-10-13'], // 5 working days after the 30th: Oct 8, 9, 10 (swapped Saturday), 12, 13
      ['s2', 'hotel', 'waiting', null],
    ]);
    expect(app.timeline).toEqual([
      { at: '2026-09-30T02:00:00.000Z', action: 'submitted', by: 'member', role: 'applicant', org: null, stepId: 's1', comment: null },
    ]);
    expect(openStepOf(app)?.id).toBe('s1');
    expect(openGuards(app)).toEqual([{ type: 'open-transfer', memberId: 'm1' }]);
    expect(openGuards(join())).toEqual([
      { type: 'open-join-id', idHash: 'hash' },
      { type: 'open-join-account', openid: 'guest' },
    ]);
  });
});

describe('a transfer', () => {
  it('goes from the current union to the target union and completes on acceptance', () => {
    const first = decideAs(official('o-bus', 'bus'), transfer(), { stepId: 's1', comment: '同意转出' });
    expect(first.completed).toBe(false);
    expect(first.after).toMatchObject({ status: 'pending', version: 2 });
    expect(first.after.steps.map((s) => s.status)).toEqual(['approved', 'open']);
    expect(first.after.steps[0]).toMatchObject({ decidedBy: 'o-bus', decidedAs: 'official', decidedByOrg: { id: 'bus' }, comment: '同意转出' });
    expect(first.after.steps[1]?.dueDate).toBe('2026-10-13');
    const second = decideAs(official('o-hotel', 'hotel'), first.after, { stepId: 's2' }, clock('2026-10-12T02:00:00Z'));
    expect(second.completed).toBe(true);
    expect(second.after).toMatchObject({ status: 'approved', version: 3 });
    expect(second.after.steps[1]).toMatchObject({ status: 'approved', comment: null, decidedAt: '2026-10-12T02:00:00.000Z' });
    expect(second.after.timeline.map((e) => e.action)).toEqual(['submitted', 'approved', 'approved']);
  });

  it('ends on a rejection at either step; the later step is skipped', () => {
    const rejected = decideAs(official('o-bus', 'bus'), transfer(), { stepId: 's1', decision: 'reject', comment: '合同未到期' });
    expect(rejected.after.status).toBe('rejected');
    expect(rejected.after.steps.map((s) => s.status)).toEqual(['rejected', 'skipped']);
    const accepted = decideAs(official('o-bus', 'bus'), transfer(), { stepId: 's1' }).after;
    const refused = decideAs(official('o-hotel', 'hotel'), accepted, { stepId: 's2', decision: 'reject', comment: '不在本单位工作' });
    expect(refused.after.status).toBe('rejected');
    expect(refused.completed).toBe(false);
  });

  it('cannot be forwarded, and a rejection needs a reason', () => {
    const app = transfer();
    expect(refusal(() => decideAs(official('o-bus', 'bus'), app, { stepId: 's1', decision: 'forward', comment: 'x', toOrg: foodUnion }))).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { decision: '该类申请不能转交其他工会' },
    });
    expect(refusal(() => decideAs(official('o-bus', 'bus'), app, { stepId: 's1', decision: 'reject' }))).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { comment: '请填写驳回原因' },
    });
    expect(refusal(() => decideAs(official('o-bus', 'bus'), app, { stepId: 's1', toOrg: foodUnion }))).toMatchObject({ fields: { toOrgId: '只有转交时才需选择工会' } });
  });

  it('is decided once: a decided step is ALREADY_DECIDED, a waiting one STEP_NOT_OPEN, an unknown one refused', () => {
    const app = transfer();
    const bus = official('o-bus', 'bus');
    const after = decideAs(bus, app, { stepId: 's1' }).after;
    expect(refusal(() => decideAs(bus, after, { stepId: 's1' })).code).toBe('ALREADY_DECIDED');
    expect(refusal(() => decideAs(official('o-hotel', 'hotel'), app, { stepId: 's2' })).code).toBe('STEP_NOT_OPEN');
    expect(refusal(() => checkDecision(app, { stepId: 's9', decision: 'approve', comment: '', toOrgId: null }, bus))).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { step: '该申请没有这个审核环节' },
    });
    expect(refusal(() => checkDecision(app, { stepId: 's9', decision: 'approve', comment: '', toOrgId: null }, member)).code).toBe('FORBIDDEN');
    const closed = cancel(app, member, clock());
    expect(refusal(() => decideAs(bus, closed, { stepId: 's1' })).code).toBe('ALREADY_DECIDED');
  });
});

describe('who may decide', () => {
  const app = transfer();
  const s1 = app.steps[0] as Application['steps'][number];

  it("the step's own officials, officials above it (recorded as such) and admins", () => {
    expect(authorityOver(official('a', 'bus'), s1)).toEqual({ as: 'official', orgId: 'bus' });
    expect(authorityOver(official('b', 'hk'), s1)).toEqual({ as: 'ancestor', orgId: 'hk' });
    expect(authorityOver(official('c', 'hn'), s1)).toEqual({ as: 'ancestor', orgId: 'hn' });
    expect(authorityOver(admin, s1)).toEqual({ as: 'admin', orgId: null });
    // Several roles: the step's own org wins over an ancestor, the nearest ancestor over the root.
    expect(authorityOver({ openid: 'd', roles: [{ type: 'official', orgId: 'hn' }, { type: 'official', orgId: 'hk' }] }, s1)).toEqual({ as: 'ancestor', orgId: 'hk' });
    const byCity = decideAs(official('b', 'hk'), app, { stepId: 's1' }).after;
    expect(byCity.steps[0]).toMatchObject({ decidedAs: 'ancestor', decidedByOrg: { id: 'hk' } });
    expect(byCity.timeline.at(-1)).toMatchObject({ role: 'ancestor', org: { id: 'hk', name: 'hk工会' } });
    expect(decideAs(admin, app, { stepId: 's1' }).after.steps[0]).toMatchObject({ decidedAs: 'admin', decidedByOrg: null });
  });

  it('nobody else: a sibling union, another city, a member, a clerk, and not the applicant', () => {
    for (const actor of [official('x', 'food'), official('y', 'sy'), official('z', 'hotel'), member, { openid: 'clerk', roles: [{ type: 'clerk' as const, merchantId: 'm' }] }]) {
      expect(authorityOver(actor, s1)).toBeNull();
      expect(refusal(() => checkDecision(app, { stepId: 's1', decision: 'approve', comment: '', toOrgId: null }, actor)).code).toBe('FORBIDDEN');
      expect(decisionsFor(app, actor)).toEqual([]);
    }
    // The union's own official filing their own transfer may not approve it.
    const own = { ...app, applicant: { ...app.applicant, openid: 'o-bus' } };
    expect(refusal(() => checkDecision(own, { stepId: 's1', decision: 'approve', comment: '', toOrgId: null }, official('o-bus', 'bus')))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(decisionsFor(own, official('o-bus', 'bus'))).toEqual([]);
    expect(decisionsFor(app, official('o-bus', 'bus'))).toEqual(['approve', 'reject']);
    expect(decisionsFor(join(), official('o-food', 'food'))).toEqual(['approve', 'reject', 'forward']);
  });
});

describe('who may read', () => {
  it('the applicant, officials of any org on its steps or above (waiting steps too), admins; nobody else', () => {
    const app = transfer();
    for (const actor of [member, official('a', 'bus'), official('b', 'hotel'), official('c', 'sy'), official('d', 'hn'), admin]) {
      expect(canRead(app, actor), actor.openid).toBe(true);
    }
    for (const actor of [official('e', 'food'), { openid: 'other', roles: [] }, { openid: 'clerk', roles: [{ type: 'clerk' as const, merchantId: 'x' }] }]) {
      expect(canRead(app, actor), actor.openid).toBe(false);
    }
  });
});

describe('a join', () => {
  it('is forwarded to another union with a reason: the step closes and one opens there', () => {
    const food = official('o-food', 'food');
    const forwarded = decideAs(food, join(), { stepId: 's1', decision: 'forward', comment: '工作单位属公交公司', toOrg: busUnion });
    expect(forwarded.completed).toBe(false);
    expect(forwarded.after.steps.map((s) => [s.id, s.org.id, s.status, s.forwardedTo])).toEqual([
      ['s1', 'food', 'forwarded', 'bus'],
      ['s2', 'bus', 'open', null],
    ]);
    expect(forwarded.after.timeline.at(-1)).toMatchObject({ action: 'forwarded', comment: '工作单位属公交公司', stepId: 's1' });
    expect(recordOrg(forwarded.after).id).toBe('bus');
    expect(noticeOf(forwarded.after)).toMatchObject({ version: 2, status: 'pending', action: 'forwarded', reviewerOrgId: 'bus' });
    // The union that forwarded it may no longer decide; the new one may.
    expect(refusal(() => decideAs(food, forwarded.after, { stepId: 's1' })).code).toBe('ALREADY_DECIDED');
    const approved = decideAs(official('o-bus', 'bus'), forwarded.after, { stepId: 's2' });
    expect(approved).toMatchObject({ completed: true, after: { status: 'approved' } });
    expect(noticeOf(approved.after)).toMatchObject({ version: 3, status: 'approved', action: 'approved', reviewerOrgId: null });
  });

  it('needs a reason and a different union to forward to', () => {
    const food = official('o-food', 'food');
    expect(refusal(() => decideAs(food, join(), { stepId: 's1', decision: 'forward', toOrg: busUnion })).fields).toEqual({ comment: '请填写转交原因' });
    expect(refusal(() => checkDecision(join(), { stepId: 's1', decision: 'forward', comment: '原因', toOrgId: null }, food)).fields).toEqual({
      toOrgId: '请选择转交的工会',
    });
    expect(refusal(() => decideAs(food, join(), { stepId: 's1', decision: 'forward', comment: '原因', toOrg: foodUnion })).fields).toEqual({
      toOrgId: '不能转交给本工会',
    });
  });

  it('is resubmitted while pending: the open step is withdrawn and a new one opens with a fresh deadline', () => {
    const app = join();
    const form = { ...joinRecord, targetOrgId: busUnion.id, workUnit: '海口椰城公共交通有限公司' };
    const after = resubmit(app, form, busUnion, '黎小燕', clock('2026-10-09T02:00:00Z'));
    expect(after.version).toBe(2);
    expect(after.form).toEqual(form);
    expect(after.steps.map((s) => [s.id, s.org.id, s.status, s.dueDate])).toEqual([
      ['s1', 'food', 'withdrawn', '2026-10-13'],
      ['s2', 'bus', 'open', '2026-10-15'], // from Friday the 9th: 10 (swapped Saturday), 12, 13, 14, 15
    ]);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'resubmitted', role: 'applicant', stepId: 's2' });
    expect(refusal(() => resubmit(cancel(app, { openid: 'guest', roles: [] }, clock()), form, busUnion, 'x', clock())).code).toBe('APPLICATION_NOT_PENDING');
  });
});

describe('withdrawal', () => {
  it('only by the applicant, only while pending', () => {
    const app = decideAs(official('o-bus', 'bus'), transfer(), { stepId: 's1' }).after;
    expect(refusal(() => cancel(app, official('o-bus', 'bus'), clock())).code).toBe('FORBIDDEN');
    const cancelled = cancel(app, member, clock());
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 3 });
    expect(cancelled.steps.map((s) => s.status)).toEqual(['approved', 'cancelled']);
    expect(recordOrg(cancelled).id).toBe('hotel');
    expect(noticeOf(cancelled)).toMatchObject({ status: 'cancelled', action: 'cancelled', stepId: 's2', reviewerOrgId: null });
    expect(refusal(() => cancel(cancelled, member, clock())).code).toBe('APPLICATION_NOT_PENDING');
    expect(recordOrg(cancel(transfer(), member, clock())).id).toBe('bus'); // the step reached, not the skipped one
  });
});

describe('deadlines', () => {
  it('a step is overdue after its last working day (in China)', () => {
    const step = transfer().steps[0] as Application['steps'][number];
    expect(step.dueDate).toBe('2026-10-13');
    expect(isOverdue(step, new Date('2026-10-13T15:59:00Z'))).toBe(false); // 23:59 on the 13th in China
    expect(isOverdue(step, new Date('2026-10-13T16:00:00Z'))).toBe(true);
    expect(isOverdue({ ...step, status: 'approved' }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});
