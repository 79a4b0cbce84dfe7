import { beforeAll, describe, expect, it } from 'vitest';
import type { JoinForm } from '../../../functions/applications/contracts/applications';
import { applicationKeys } from '../../../functions/applications/data/keys';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { makePhone } from '../../support/ids';
import { account, applicationWorld, boundMember, devPhone, joinForm, memberHolding, phoneOf, rawItem, type ApplicationWorld } from './world';

/**
 * 入会 on DynamoDB Local: approve (the applicant enters the roster in the decision's transaction,
 * ID number encrypted as membership does it, then binds and gets a card), reject with a reason,
 * forward with a reason, withdraw, resubmit while pending and after a rejection but never after an
 * approval, one open join per person, concurrent decisions, refusals that write nothing, and one
 * outbox notice per change.
 */
let w: ApplicationWorld;

beforeAll(async () => {
  w = await applicationWorld('join');
}, 60_000);

const guest = () => account(w, 'guest');
const apply = (openid: string, form: JoinForm) => w.uc.submitApplication(w.deps, openid, { kind: 'join', form });
const decideOn = (openid: string, id: string, step: string, decision: 'approve' | 'reject' | 'forward' = 'approve', comment = '', toOrgId?: string) =>
  w.uc.decideApplication(w.deps, openid, id, { step, decision, comment, ...(toOrgId ? { toOrgId } : {}) });
const notices = (id: string) => w.deps.applications.notices(id);

describe('a join', () => {
  it('is approved: the applicant enters the roster of that union (ID encrypted), then binds and gets a card', async () => {
    const openid = await guest();
    const form = joinForm(w.unions.bus.id);
    const filed = await apply(openid, form);
    expect(filed.created).toBe(true);
    const app = filed.response.application;
    expect(app).toMatchObject({
      kind: 'join',
      status: 'pending',
      applicant: { name: '黎小燕' },
      form: { kind: 'join', idNumberMasked: `${form.idNumber.slice(0, 2)}**************${form.idNumber.slice(-2)}`, birthDate: form.birthDate, targetOrg: { id: w.unions.bus.id } },
    });
    expect(JSON.stringify(app)).not.toContain(form.idNumber);
    const stored = await rawItem('applications', { id: { S: app.id } });
    expect(JSON.stringify(stored)).not.toContain(form.idNumber);
    expect(JSON.stringify(stored)).not.toContain(form.birthDate);

    const approved = await decideOn(w.officials.bus, app.id, 's1', 'approve', '欢迎加入工会');
    expect(approved.application.status).toBe('approved');
    const memberId = await w.membership.roster.findIdByIdHash(w.membership.idCrypto.hash(form.idNumber));
    expect(memberId).not.toBeNull();
    const member = await w.membership.roster.get(memberId as string);
    expect(member).toMatchObject({ name: '黎小燕', orgId: w.unions.bus.id, phone: phoneOf(form), sex: 'female', openid: null });
    const raw = await rawItem('members', { id: { S: memberId as string } });
    expect(w.membership.idCrypto.decrypt(raw?.idCipher?.S as string, memberId as string)).toBe(form.idNumber);
    expect(await w.membership.roster.phoneOwner(phoneOf(form))).toBe(memberId);
    expect(await rawItem('guards', { key: { S: applicationKeys.joined(w.membership.idCrypto.hash(form.idNumber)) } })).not.toBeNull();
    // The member's ID guard, written in the same transaction (the roster import finds members by it).
    expect((await rawItem('guards', { key: { S: `member#id#${w.membership.idCrypto.hash(form.idNumber)}` } }))?.owner?.S).toBe(memberId);
    expect(await rawItem('guards', { key: { S: applicationKeys.openJoinByAccount(openid) } })).toBeNull();

    // The applicant binds as in the skeleton and gets a card of 海口.
    const { bindMember } = await import('../../../functions/membership/services/binding');
    const me = await bindMember(w.membership, openid, { name: form.name, idNumber: form.idNumber, phoneCode: form.phoneCode, consent: true }, '10.9.9.9');
    expect(me.member).toMatchObject({ id: memberId, union: { id: w.unions.bus.id } });
    expect(me.member?.card.number).toMatch(/^4601/);
    expect((await notices(app.id)).map((n) => [n.version, n.status, n.action])).toEqual([
      [1, 'pending', 'submitted'],
      [2, 'approved', 'approved'],
    ]);
  });

  it('is rejected with a reason, and may then be filed again: a new application naming the rejected one', async () => {
    const openid = await guest();
    const form = joinForm(w.unions.food.id);
    const id = (await apply(openid, form)).response.application.id;
    expect((await refusalOf(decideOn(w.officials.food, id, 's1', 'reject'))).fields).toEqual({ comment: '请填写驳回原因' });
    const rejected = await decideOn(w.officials.food, id, 's1', 'reject', '请补充工作单位的全称');
    expect(rejected.application).toMatchObject({ status: 'rejected', steps: [{ status: 'rejected', comment: '请补充工作单位的全称' }] });
    expect(await w.membership.roster.findIdByIdHash(w.membership.idCrypto.hash(form.idNumber))).toBeNull();

    const again = await apply(openid, { ...form, workUnit: '海南椰香食品有限公司' });
    expect(again.created).toBe(true);
    expect(again.response.application).toMatchObject({ status: 'pending', previousId: id, form: { workUnit: '海南椰香食品有限公司' } });
    expect(again.response.application.id).not.toBe(id);
    const mine = await w.uc.listMyApplications(w.deps, openid);
    expect(mine.items.map((a) => [a.id, a.status])).toEqual([
      [again.response.application.id, 'pending'],
      [id, 'rejected'],
    ]);
  });

  it('is resubmitted while pending: same application, the form replaced, a new step at the union it names', async () => {
    const openid = await guest();
    const form = joinForm(w.unions.food.id);
    const first = await apply(openid, form);
    const id = first.response.application.id;
    const second = await apply(openid, { ...form, targetOrgId: w.unions.bus.id, workUnit: '海口椰城公共交通有限公司' });
    expect(second.created).toBe(false);
    expect(second.response.application).toMatchObject({ id, status: 'pending', currentStepId: 's2', form: { targetOrg: { id: w.unions.bus.id } } });
    expect(second.response.application.steps.map((s) => [s.org.id, s.status])).toEqual([
      [w.unions.food.id, 'withdrawn'],
      [w.unions.bus.id, 'open'],
    ]);
    // The old step can no longer be decided; the new one can.
    expect((await refusalOf(decideOn(w.officials.food, id, 's1'))).code).toBe('ALREADY_DECIDED');
    expect((await w.uc.getApplication(w.deps, w.officials.food, id)).application.can.decide).toEqual([]);
    expect((await refusalOf(decideOn(w.officials.bus, id, 's1'))).code).toBe('FORBIDDEN');
    expect((await refusalOf(decideOn(w.officials.haikou, id, 's1'))).code).toBe('ALREADY_DECIDED');
    // A different ID number in the new form: an account files joins for one ID number only (the
    // first join bound them), answered as any other join the account may not file; nothing changes.
    const newId = joinForm(w.unions.bus.id);
    const third = await refusalOf(apply(openid, { ...form, idNumber: newId.idNumber, birthDate: newId.birthDate, targetOrgId: w.unions.bus.id }));
    expect(third.code).toBe('JOIN_NOT_ACCEPTED');
    expect(await w.deps.applications.holder({ type: 'open-join-id', idHash: w.membership.idCrypto.hash(form.idNumber) })).toBe(id);
    expect(await rawItem('guards', { key: { S: applicationKeys.openJoinById(w.membership.idCrypto.hash(newId.idNumber)) } })).toBeNull();
    await decideOn(w.officials.bus, id, 's2');
    expect(await w.membership.roster.findIdByIdHash(w.membership.idCrypto.hash(form.idNumber))).not.toBeNull();
    expect((await notices(id)).map((n) => n.action)).toEqual(['submitted', 'resubmitted', 'approved']);
  });

  it('is never filed again after an approval, by this account or another with the same ID number', async () => {
    const openid = await guest();
    const form = joinForm(w.unions.food.id);
    const id = (await apply(openid, form)).response.application.id;
    await decideOn(w.officials.food, id, 's1');
    expect((await refusalOf(apply(openid, form))).code).toBe('ALREADY_MEMBER');
    // Another account: the one answer that tells nothing about the ID number (review, item 6).
    expect((await refusalOf(apply(await guest(), { ...form, phoneCode: devPhone(makePhone()) }))).code).toBe('JOIN_NOT_ACCEPTED');
  });

  it('is forwarded to another union with a reason; the union it went to approves it', async () => {
    const openid = await guest();
    const form = joinForm(w.unions.food.id);
    const id = (await apply(openid, form)).response.application.id;
    expect((await refusalOf(decideOn(w.officials.food, id, 's1', 'forward', '', w.unions.bus.id))).fields).toEqual({ comment: '请填写转交原因' });
    expect((await refusalOf(decideOn(w.officials.food, id, 's1', 'forward', '原因'))).fields).toEqual({ toOrgId: '请选择转交的工会' });
    expect((await refusalOf(decideOn(w.officials.food, id, 's1', 'forward', '原因', w.haikou.id))).fields).toEqual({ toOrgId: '请选择要转交的基层工会' });
    const forwarded = await decideOn(w.officials.food, id, 's1', 'forward', '申请人在公交公司工作', w.unions.hotel.id);
    expect(forwarded.application.steps.map((s) => [s.org.id, s.status, s.forwardedTo?.id ?? null])).toEqual([
      [w.unions.food.id, 'forwarded', w.unions.hotel.id],
      [w.unions.hotel.id, 'open', null],
    ]);
    expect((await w.uc.listQueue(w.deps, w.officials.hotel, { kind: 'join' })).items.map((a) => a.id)).toContain(id);
    expect((await w.uc.listQueue(w.deps, w.officials.food, {})).items.map((a) => a.id)).not.toContain(id);
    await decideOn(w.officials.hotel, id, 's2', 'approve');
    const memberId = await w.membership.roster.findIdByIdHash(w.membership.idCrypto.hash(form.idNumber));
    expect((await w.membership.roster.get(memberId as string))?.orgId).toBe(w.unions.hotel.id);
    expect((await notices(id)).map((n) => [n.action, n.reviewerOrgId])).toEqual([
      ['submitted', w.unions.food.id],
      ['forwarded', w.unions.hotel.id],
      ['approved', null],
    ]);
  });

  it('is withdrawn by the applicant; then a new one may be filed', async () => {
    const openid = await guest();
    const form = joinForm(w.unions.food.id);
    const id = (await apply(openid, form)).response.application.id;
    expect((await w.uc.cancelApplication(w.deps, openid, id)).application.status).toBe('cancelled');
    expect((await refusalOf(decideOn(w.officials.food, id, 's1'))).code).toBe('ALREADY_DECIDED');
    const again = await apply(openid, form);
    expect(again).toMatchObject({ created: true, response: { application: { previousId: id } } });
  });
});

describe('join rules', () => {
  it('one open join per person: another account with the same ID number is refused while it is pending', async () => {
    const form = joinForm(w.unions.food.id);
    await apply(await guest(), form);
    const refused = await refusalOf(apply(await guest(), { ...form, phoneCode: devPhone(makePhone()) }));
    expect(refused.code).toBe('JOIN_NOT_ACCEPTED');
  });

  it('an account filing twice at once ends with one pending application', async () => {
    const openid = await guest();
    const outcomes = await Promise.all([apply(openid, joinForm(w.unions.food.id)), apply(openid, joinForm(w.unions.bus.id))].map((p) => outcomeOf(p)));
    expect(outcomes.filter((o) => o === 'accepted').length).toBeGreaterThanOrEqual(1);
    const mine = await w.uc.listMyApplications(w.deps, openid);
    expect(mine.items.filter((a) => a.status === 'pending')).toHaveLength(1);
  });

  it('not for a member, and only to a grassroots union', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    expect((await refusalOf(apply(m.openid, joinForm(w.unions.food.id)))).code).toBe('ALREADY_MEMBER');
    expect((await refusalOf(apply(await guest(), joinForm(w.haikou.id)))).fields).toEqual({ targetOrgId: '请选择要加入的基层工会' });
    expect((await refusalOf(apply(await guest(), joinForm('no-such-union')))).code).toBe('INVALID_INPUT');
  });

  it('refuses an approval when the phone belongs to a member, or the ID number is in the roster; nothing is written', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    // The phone was free when the join was filed; a member holds it by the time of the approval.
    const phone = makePhone();
    const samePhone = (await apply(await guest(), joinForm(w.unions.food.id, { phoneCode: devPhone(phone) }))).response.application.id;
    await memberHolding(w, w.unions.bus.id, phone);
    expect((await refusalOf(decideOn(w.officials.food, samePhone, 's1'))).code).toBe('APPLICANT_PHONE_IN_USE');
    const inRoster = joinForm(w.unions.food.id, { idNumber: m.idNumber, birthDate: `${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`, sex: Number(m.idNumber[16]) % 2 ? 'male' : 'female' });
    const sameId = (await apply(await guest(), inRoster)).response.application.id;
    expect((await refusalOf(decideOn(w.officials.food, sameId, 's1'))).code).toBe('ALREADY_MEMBER');
    for (const id of [samePhone, sameId]) {
      expect((await w.uc.getApplication(w.deps, w.officials.food, id)).application.status).toBe('pending');
      expect(await notices(id)).toHaveLength(1);
    }
    // The official rejects it instead.
    expect((await decideOn(w.officials.food, samePhone, 's1', 'reject', '手机号已被其他会员使用，请核实')).application.status).toBe('rejected');
  });

  it('refuses an approval when the ID number entered the roster after the check (its ID guard taken): nothing written', async () => {
    const form = joinForm(w.unions.food.id);
    const id = (await apply(await guest(), form)).response.application.id;
    // An import (or another join) wrote the ID number's guard between the look-up and the decision.
    const { GuardModel } = await import('../../../functions/kernel/data/guard-model');
    await GuardModel.create({ key: `member#id#${w.membership.idCrypto.hash(form.idNumber)}`, owner: 'someone-else' });
    expect((await refusalOf(decideOn(w.officials.food, id, 's1'))).code).toBe('ALREADY_MEMBER');
    expect((await w.uc.getApplication(w.deps, w.officials.food, id)).application.status).toBe('pending');
    expect(await w.membership.roster.phoneOwner(phoneOf(form))).toBeNull();
  });

  it('exactly one of an approval and a forward made at once', async () => {
    const form = joinForm(w.unions.food.id);
    const id = (await apply(await guest(), form)).response.application.id;
    const outcomes = await Promise.all([
      outcomeOf(decideOn(w.officials.food, id, 's1', 'approve')),
      outcomeOf(decideOn(w.officials.haikou, id, 's1', 'forward', '转交公交公司', w.unions.bus.id)),
    ]);
    expect(outcomes.sort()).toEqual(['ALREADY_DECIDED', 'accepted']);
    const app = (await w.uc.getApplication(w.deps, w.admin, id)).application;
    const member = await w.membership.roster.findIdByIdHash(w.membership.idCrypto.hash(form.idNumber));
    expect(app.status === 'approved').toBe(member !== null);
    expect(await notices(id)).toHaveLength(2);
  });

  it('is read by the applicant and the reviewing unions, not by another account or another union', async () => {
    const openid = await guest();
    const id = (await apply(openid, joinForm(w.unions.food.id))).response.application.id;
    for (const who of [openid, w.officials.food, w.officials.haikou, w.admin]) expect((await w.uc.getApplication(w.deps, who, id)).application.id).toBe(id);
    for (const who of [await guest(), w.officials.bus, w.officials.sanya]) {
      expect((await refusalOf(w.uc.getApplication(w.deps, who, id))).code).toBe('NOT_FOUND');
    }
  });

  it('refuses filings past the day\'s limits and writes nothing (review, item 6: 826 resubmissions in 116 s)', async () => {
    const openid = await guest();
    const form = joinForm(w.unions.food.id);
    const id = (await apply(openid, form)).response.application.id;
    for (let n = 2; n <= 3; n += 1) expect((await apply(openid, { ...form, residence: `海口市第${n}次` })).created).toBe(false);
    const before = await w.deps.applications.get(id);
    for (let n = 4; n <= 8; n += 1) expect((await refusalOf(apply(openid, form))).code, `filing ${n}`).toBe('FILING_LIMIT_REACHED');
    expect(await w.deps.applications.get(id)).toEqual(before);
    // One 待办 a day for the union: the same-day resubmissions' notices name no reviewing union.
    expect((await notices(id)).map((n) => [n.action, n.reviewerOrgId])).toEqual([
      ['submitted', w.unions.food.id],
      ['resubmitted', null],
      ['resubmitted', null],
    ]);
  });

  it('binds an ID number to the account that files first: of two accounts filing it at once, one is admitted to file', async () => {
    const form = joinForm(w.unions.food.id);
    const [a, b] = [await guest(), await guest()];
    const outcomes = await Promise.all([apply(a, form), apply(b, { ...form, phoneCode: devPhone(makePhone()) })].map((p) => outcomeOf(p)));
    expect(outcomes.sort()).toEqual(['JOIN_NOT_ACCEPTED', 'accepted']);
    const owner = await w.deps.applications.holder({ type: 'join-id-owner', idHash: w.membership.idCrypto.hash(form.idNumber) });
    expect([a, b]).toContain(owner);
    const loser = owner === a ? b : a;
    expect((await w.uc.listMyApplications(w.deps, loser)).items).toEqual([]);
    expect(await w.deps.applications.holder({ type: 'join-account-id', openid: loser })).toBeNull();
  });

  it('takes the phone WeChat verified, not a typed one: another member\'s phone or a bad code is refused, nothing written', async () => {
    const m = await boundMember(w, w.unions.bus.id);
    const openid = await guest();
    // A member's phone: the one answer of a join this account may not file.
    expect((await refusalOf(apply(openid, joinForm(w.unions.food.id, { phoneCode: devPhone(m.phone) })))).code).toBe('JOIN_NOT_ACCEPTED');
    expect((await refusalOf(apply(openid, joinForm(w.unions.food.id, { phoneCode: 'not-a-wechat-code' })))).code).toBe('PHONE_CODE_INVALID');
    expect((await w.uc.listMyApplications(w.deps, openid)).items).toEqual([]);
    const form = joinForm(w.unions.food.id);
    const filed = await apply(openid, form);
    expect((await w.deps.applications.get(filed.response.application.id))?.form).toMatchObject({ kind: 'join', mobile: phoneOf(form) });
  });
});
