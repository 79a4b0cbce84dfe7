import { beforeAll, describe, expect, it } from 'vitest';
import { JOIN_ID_CONSENT_VERSION } from '../../functions/applications/contracts/applications';
import { bindingOf } from '../support/binding';
import { makeIdNumber, makePhone } from '../support/ids';
import { call, demoMember, loginAs, unique } from './client';

/**
 * The applications API (工会业务一网通办) over HTTP (serverless-offline + DynamoDB Local with the
 * demo data): every endpoint, who may call it, bad input, and never a 5xx.
 *
 * Demo accounts used: admin; officials province (全省), haikou (海口市总), sanya (三亚市总), bus
 * (海口椰城公交工会), hotel (三亚鹿岭酒店工会); member (bound, 儋州); guest (not bound); clerk.
 * Roster members bound here: demo members 150–169 (reserved for this file), each to a new log-in.
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

beforeAll(async () => {
  for (const who of ['admin', 'province', 'haikou', 'sanya', 'bus', 'hotel', 'member', 'guest', 'clerk']) tokens[who] = await loginAs(who);
}, 60_000);

/** A demo roster member (150 + index) bound to a new log-in, with its card issued. */
async function boundMember(index: number) {
  const m = demoMember(150 + index);
  const token = await loginAs(unique('apl'));
  const bound = await call('POST', '/api/me/binding', { token, json: bindingOf(m) });
  expect(bound.status, bound.text).toBe(200);
  return { token, member: m };
}

function joinForm(targetOrgId: string, overrides: Record<string, unknown> = {}) {
  const idNumber = makeIdNumber('male');
  return {
    name: '王小川',
    sex: 'male',
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    ethnicity: '汉族',
    employmentStatus: 'platform',
    idNumber,
    education: 'college',
    skillLevel: 'junior',
    // The development stand-in for WeChat's 手机号快速验证 code (local and test stages only).
    phoneCode: `dev-phone:${makePhone()}`,
    householdRegistration: '湖南省衡阳市',
    residence: '海南省海口市美兰区',
    politicalStatus: 'cyl',
    workUnit: '海口某网约车平台',
    targetOrgId,
    migrantWorker: false,
    idConsentVersion: JOIN_ID_CONSENT_VERSION,
    ...overrides,
  };
}

const transfer = (token: string, toOrgId: string, reason = '工作调动') =>
  call('POST', '/api/applications', { token, json: { kind: 'transfer', form: { toOrgId, reason } } });
const decide = (token: string, id: string, json: Record<string, unknown>) => call('POST', `/api/applications/${id}/decisions`, { token, json });

describe('POST /api/applications', () => {
  it('files a transfer (201) and refuses a second one while it is open', async () => {
    const { token, member } = await boundMember(0);
    const filed = await transfer(token, 'org-g-sy-hotel', '调往三亚工作');
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body.application).toMatchObject({
      kind: 'transfer',
      status: 'pending',
      applicant: { name: member.name },
      form: { kind: 'transfer', from: { id: member.orgId }, to: { id: 'org-g-sy-hotel', name: '三亚鹿岭度假酒店有限公司工会' }, reason: '调往三亚工作' },
      currentStepId: 's1',
      overdue: false,
      can: { cancel: true, decide: [] },
    });
    expect(filed.body.application.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(filed.body.application.steps).toHaveLength(2);
    expect(filed.body.application.createdAt).toMatch(/\+08:00$/);
    expect(refusal(await transfer(token, 'org-g-hk-bus'))).toEqual([409, 'APPLICATION_ALREADY_OPEN']);
  });

  it('refuses transfers to the own union, to a federation, by an unbound account and anonymously', async () => {
    const { token, member } = await boundMember(1);
    const own = await transfer(token, member.orgId);
    expect(refusal(own)).toEqual([400, 'INVALID_INPUT']);
    expect(own.body.error.fields).toEqual({ toOrgId: '您已是该工会的会员，请选择其他工会' });
    expect(refusal(await transfer(token, 'org-haikou'))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await transfer(as('guest'), 'org-g-hk-bus'))).toEqual([403, 'NOT_BOUND']);
    expect(refusal(await call('POST', '/api/applications', { json: { kind: 'transfer', form: { toOrgId: 'org-g-hk-bus', reason: 'x' } } }))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('files a join (201) for an account that is not a member; filing again while pending resubmits it (200)', async () => {
    const token = await loginAs(unique('join'));
    const form = joinForm('org-g-hk-food');
    const filed = await call('POST', '/api/applications', { token, json: { kind: 'join', form } });
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body.application.form).toMatchObject({ kind: 'join', targetOrg: { id: 'org-g-hk-food', name: '海南椰香食品有限公司工会' }, birthDate: form.birthDate });
    // The form's own consent for the ID number, recorded by the server with the application: the version and the time of filing.
    const consentAt = Date.parse(filed.body.application.form.idConsent.at);
    expect(filed.body.application.form.idConsent.version).toBe(JOIN_ID_CONSENT_VERSION);
    expect(Math.abs(consentAt - Date.now())).toBeLessThan(60_000);
    expect(filed.text).not.toContain(form.idNumber);
    const again = await call('POST', '/api/applications', { token, json: { kind: 'join', form: { ...form, targetOrgId: 'org-g-hk-bus' } } });
    expect(again.status, again.text).toBe(200);
    expect(again.body.application).toMatchObject({ id: filed.body.application.id, currentStepId: 's2', form: { targetOrg: { id: 'org-g-hk-bus' } } });
    expect(refusal(await call('POST', '/api/applications', { token: as('member'), json: { kind: 'join', form: joinForm('org-g-hk-food') } }))).toEqual([409, 'ALREADY_MEMBER']);
  });

  it('refuses bad bodies field by field, in Chinese', async () => {
    const token = await loginAs(unique('badjoin'));
    const form = joinForm('org-g-hk-food');
    const cases: Array<[unknown, string[]]> = [
      [{}, ['kind']],
      [{ kind: 'hardship', form: {} }, ['kind']],
      [{ kind: 'transfer' }, ['form']],
      [{ kind: 'transfer', form: { toOrgId: 'org-g-hk-bus' } }, ['form.reason']],
      [{ kind: 'transfer', form: { toOrgId: 'org-g-hk-bus', reason: 'x'.repeat(201) } }, ['form.reason']],
      [{ kind: 'transfer', form: { toOrgId: 'org-g-hk-bus', reason: '调动', fromOrgId: 'org-hainan' } }, ['form.fromOrgId']],
      [{ kind: 'transfer', form: { toOrgId: 'org-g-hk-bus', reason: '调动' }, admin: true }, ['admin']],
      [{ kind: 'join', form: { ...form, sex: 'female' } }, ['form.sex']],
      [{ kind: 'join', form: { ...form, birthDate: '1990-01-01' } }, ['form.birthDate']],
      [{ kind: 'join', form: { ...form, idNumber: '460106199001011230' } }, ['form.idNumber']],
      [{ kind: 'join', form: { ...form, phoneCode: '' } }, ['form.phoneCode']],
      [{ kind: 'join', form: { ...form, mobile: '13800138000' } }, ['form.mobile']], // a typed phone is no field of the form
      [{ kind: 'join', form: { ...form, ethnicity: '汉' } }, ['form.ethnicity']],
      [{ kind: 'join', form: { ...form, education: 'phd' } }, ['form.education']],
      [{ kind: 'join', form: { name: '王小川' } }, ['form.sex']],
      // No consent for the ID number, or consent to a text that is no longer shown: refused.
      [{ kind: 'join', form: { ...form, idConsentVersion: undefined } }, ['form.idConsentVersion']],
      [{ kind: 'join', form: { ...form, idConsentVersion: 'join-id-2020-01' } }, ['form.idConsentVersion']],
    ];
    for (const [json, fields] of cases) {
      const answer = await call('POST', '/api/applications', { token, json });
      expect(refusal(answer), JSON.stringify(json).slice(0, 80)).toEqual([400, 'INVALID_INPUT']);
      expect(Object.keys(answer.body.error.fields), JSON.stringify(json).slice(0, 80)).toEqual(expect.arrayContaining(fields));
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(refusal(await call('POST', '/api/applications', { token, raw: '{"kind":' }))).toEqual([400, 'INVALID_JSON']);
    expect(refusal(await call('POST', '/api/applications', { token, json: { kind: 'join', form: { ...form, residence: '海'.repeat(20_000) } } }))).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
    expect(refusal(await call('POST', '/api/applications', { token, raw: 'kind=join', headers: { 'content-type': 'text/plain' } }))).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});

describe('a whole transfer over HTTP', () => {
  it('the current union side approves, the target union accepts, and the card shows the new union', async () => {
    const { token, member } = await boundMember(15); // 海南椰香食品有限公司工会 (海口)
    expect(member.orgId).toBe('org-g-hk-food');
    const card = await call('GET', '/api/me/card', { token });
    expect(card.body.number).toMatch(/^4601/);
    const id = (await transfer(token, 'org-g-sy-hotel')).body.application.id as string;

    expect(refusal(await decide(as('sanya'), id, { step: 's1', decision: 'approve' }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await decide(as('bus'), id, { step: 's1', decision: 'approve' }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await decide(token, id, { step: 's1', decision: 'approve' }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await decide(as('hotel'), id, { step: 's2', decision: 'approve' }))).toEqual([409, 'STEP_NOT_OPEN']);
    const first = await decide(as('haikou'), id, { step: 's1', decision: 'approve', comment: '同意转出' });
    expect(first.status, first.text).toBe(200);
    expect(first.body.application.steps[0]).toMatchObject({ status: 'approved', byAncestor: true, decidedBy: { role: 'ancestor', org: { id: 'org-haikou', name: '海口市总工会' } } });
    expect(refusal(await decide(as('haikou'), id, { step: 's1', decision: 'approve' }))).toEqual([409, 'ALREADY_DECIDED']);
    const done = await decide(as('hotel'), id, { step: 's2', decision: 'approve', comment: '欢迎' });
    expect(done.body.application).toMatchObject({ status: 'approved', currentStepId: null });

    const me = await call('GET', '/api/me', { token });
    expect(me.body.member.union).toEqual({ id: 'org-g-sy-hotel', name: '三亚鹿岭度假酒店有限公司工会' });
    const newCard = await call('GET', '/api/me/card', { token });
    expect(newCard.body).toMatchObject({ unionName: '三亚鹿岭度假酒店有限公司工会' });
    expect(newCard.body.number).toMatch(/^4602/);
    expect(newCard.body.number).not.toBe(card.body.number);
  });

  it('of two decisions sent at once, exactly one is taken', async () => {
    const { token } = await boundMember(5); // 三沙
    const id = (await transfer(token, 'org-g-sy-hotel')).body.application.id as string;
    const answers = await Promise.all([
      decide(as('province'), id, { step: 's1', decision: 'approve' }),
      decide(as('admin'), id, { step: 's1', decision: 'reject', comment: '材料不全' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error.code).toBe('ALREADY_DECIDED');
    const read = await call('GET', `/api/applications/${id}`, { token });
    expect(read.body.application.timeline).toHaveLength(2);
  });
});

describe('a whole join over HTTP', () => {
  it('is forwarded, approved, and the new member binds and shows a card', async () => {
    const token = await loginAs(unique('newcomer'));
    const form = joinForm('org-g-hk-food');
    const id = (await call('POST', '/api/applications', { token, json: { kind: 'join', form } })).body.application.id as string;
    expect(refusal(await decide(as('haikou'), id, { step: 's1', decision: 'forward', comment: '', toOrgId: 'org-g-hk-bus' }))).toEqual([400, 'INVALID_INPUT']);
    const forwarded = await decide(as('haikou'), id, { step: 's1', decision: 'forward', comment: '申请人在公交公司工作', toOrgId: 'org-g-hk-bus' });
    expect(forwarded.status, forwarded.text).toBe(200);
    expect(forwarded.body.application.steps.map((s: { org: { id: string }; status: string }) => [s.org.id, s.status])).toEqual([
      ['org-g-hk-food', 'forwarded'],
      ['org-g-hk-bus', 'open'],
    ]);
    expect(refusal(await decide(as('bus'), id, { step: 's2', decision: 'reject' }))).toEqual([400, 'INVALID_INPUT']);
    const approved = await decide(as('bus'), id, { step: 's2', decision: 'approve', comment: '欢迎入会' });
    expect(approved.body.application.status).toBe('approved');
    expect(refusal(await call('POST', '/api/applications', { token, json: { kind: 'join', form } }))).toEqual([409, 'ALREADY_MEMBER']);
    const bound = await call('POST', '/api/me/binding', { token, json: bindingOf({ name: form.name, idNumber: form.idNumber, phone: form.phoneCode.replace('dev-phone:', '') }) });
    expect(bound.status, bound.text).toBe(200);
    expect(bound.body.member).toMatchObject({ union: { id: 'org-g-hk-bus' } });
    expect(bound.body.member.card.number).toMatch(/^4601/);
  });
});

describe('GET /api/applications/{id}', () => {
  it('answers the applicant and the officials of its unions and above; anyone else gets 404', async () => {
    const { token } = await boundMember(6); // 万宁
    const id = (await transfer(token, 'org-g-sy-hotel')).body.application.id as string;
    for (const who of [token, as('hotel'), as('sanya'), as('province'), as('admin')]) {
      const answer = await call('GET', `/api/applications/${id}`, { token: who });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.application.id).toBe(id);
    }
    expect((await call('GET', `/api/applications/${id}`, { token: as('province') })).body.application.can.decide).toEqual(['approve', 'reject']);
    expect((await call('GET', `/api/applications/${id}`, { token: as('hotel') })).body.application.can.decide).toEqual([]);
    for (const who of ['member', 'guest', 'clerk', 'bus', 'haikou']) {
      expect(refusal(await call('GET', `/api/applications/${id}`, { token: as(who) })), who).toEqual([404, 'NOT_FOUND']);
    }
    expect(refusal(await call('GET', `/api/applications/${id}`))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await call('GET', '/api/applications/not-an-id', { token }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('GET', '/api/applications/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token }))).toEqual([404, 'NOT_FOUND']);
  });
});

describe('POST /api/applications/{id}/decisions', () => {
  it('refuses bad bodies and callers who may not decide', async () => {
    const { token } = await boundMember(7); // 教科文卫体 industry union
    const id = (await transfer(token, 'org-g-sy-hotel')).body.application.id as string;
    for (const json of [{}, { step: 's1' }, { step: 'one', decision: 'approve' }, { step: 's1', decision: 'maybe' }, { step: 's1', decision: 'approve', extra: 1 }, { step: 's1', decision: 'approve', comment: 'x'.repeat(201) }]) {
      expect(refusal(await decide(as('province'), id, json)), JSON.stringify(json)).toEqual([400, 'INVALID_INPUT']);
    }
    expect(refusal(await decide(as('province'), id, { step: 's1', decision: 'forward', comment: '转交', toOrgId: 'org-g-hk-bus' }))).toEqual([400, 'INVALID_INPUT']);
    expect(refusal(await decide(as('province'), id, { step: 's9', decision: 'approve' }))).toEqual([400, 'INVALID_INPUT']);
    for (const who of ['member', 'guest', 'clerk', 'bus', 'sanya', 'hotel']) {
      expect(refusal(await decide(as(who), id, { step: 's1', decision: 'approve' })), who).toEqual([403, 'FORBIDDEN']);
    }
    expect(refusal(await call('POST', `/api/applications/${id}/decisions`, { json: { step: 's1', decision: 'approve' } }))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await decide(as('admin'), '01ARZ3NDEKTSV4RRFFQ69G5FAV', { step: 's1', decision: 'approve' }))).toEqual([404, 'NOT_FOUND']);
  });
});

describe('POST /api/applications/{id}/cancel', () => {
  it('lets the applicant withdraw while pending; others are refused', async () => {
    const { token } = await boundMember(8);
    const id = (await transfer(token, 'org-g-sy-hotel')).body.application.id as string;
    expect(refusal(await call('POST', `/api/applications/${id}/cancel`, { token: as('member') }))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('POST', `/api/applications/${id}/cancel`, { token: as('hotel') }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('POST', `/api/applications/${id}/cancel`))).toEqual([401, 'UNAUTHENTICATED']);
    const cancelled = await call('POST', `/api/applications/${id}/cancel`, { token });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.application).toMatchObject({ status: 'cancelled', can: { cancel: false } });
    expect(refusal(await call('POST', `/api/applications/${id}/cancel`, { token }))).toEqual([409, 'APPLICATION_NOT_PENDING']);
    expect(refusal(await decide(as('hotel'), id, { step: 's2', decision: 'approve' }))).toEqual([409, 'ALREADY_DECIDED']);
    expect((await transfer(token, 'org-g-sy-hotel')).status).toBe(201);
  });
});

describe('GET /api/me/applications', () => {
  it("lists the caller's own, newest first", async () => {
    const { token } = await boundMember(9);
    const first = (await transfer(token, 'org-g-sy-hotel')).body.application.id;
    await call('POST', `/api/applications/${first}/cancel`, { token });
    const second = (await transfer(token, 'org-g-hk-bus')).body.application.id;
    const mine = await call('GET', '/api/me/applications', { token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [second, 'pending'],
      [first, 'cancelled'],
    ]);
    expect(mine.body.items[0]).toMatchObject({ kind: 'transfer', currentStep: { id: 's1', name: '转出工会审核', overdue: false } });
    expect((await call('GET', '/api/me/applications', { token: await loginAs(unique('empty')) })).body).toEqual({ items: [] });
    expect(refusal(await call('GET', '/api/me/applications'))).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('GET /api/admin/applications', () => {
  it("is each official's queue of their subtree, filtered by status and kind; members and clerks are refused", async () => {
    const { token } = await boundMember(10);
    const id = (await transfer(token, 'org-g-sy-hotel')).body.application.id as string;
    const joinId = (await call('POST', '/api/applications', { token: await loginAs(unique('q')), json: { kind: 'join', form: joinForm('org-g-sy-hotel') } })).body
      .application.id as string;
    const ids = async (who: string, query = '') => {
      const answer = await call('GET', `/api/admin/applications${query}`, { token: as(who) });
      expect(answer.status, answer.text).toBe(200);
      return answer.body.items.map((a: { id: string }) => a.id) as string[];
    };
    expect(await ids('hotel')).toContain(joinId);
    expect(await ids('hotel')).not.toContain(id); // at the member's current union first
    expect(await ids('province')).toEqual(expect.arrayContaining([id, joinId]));
    expect(await ids('admin', '?status=pending&kind=join')).toContain(joinId);
    expect(await ids('admin', '?status=pending&kind=join')).not.toContain(id);
    expect(await ids('sanya', '?kind=transfer')).not.toContain(joinId);
    expect(await ids('province', '?status=approved')).not.toContain(id);
    for (const who of ['member', 'guest', 'clerk']) {
      expect(refusal(await call('GET', '/api/admin/applications', { token: as(who) })), who).toEqual([403, 'FORBIDDEN']);
    }
    for (const query of ['?status=done', '?kind=hardship', '?page=2']) {
      expect(refusal(await call('GET', `/api/admin/applications${query}`, { token: as('admin') })), query).toEqual([400, 'INVALID_INPUT']);
    }
    expect(refusal(await call('GET', '/api/admin/applications'))).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('GET /api/orgs', () => {
  it('finds grassroots unions by name or work unit for the forms', async () => {
    const found = await call('GET', `/api/orgs?q=${encodeURIComponent('公交')}`, { token: as('guest') }); // 公共交通, abbreviated
    expect(found.status).toBe(200);
    expect(found.body.items).toContainEqual({
      id: 'org-g-hk-bus',
      name: '海口椰城公共交通有限公司工会',
      workUnit: '海口椰城公共交通有限公司',
      parent: { id: 'org-haikou', name: '海口市总工会' },
    });
    const all = await call('GET', `/api/orgs?q=${encodeURIComponent('工会')}`, { token: as('guest') });
    expect(all.body.items).toHaveLength(20);
    expect(all.body.items.every((o: { id: string }) => o.id.startsWith('org-g-'))).toBe(true);
    for (const query of ['', '?q=', `?q=${'工'.repeat(31)}`, '?q=x&kind=city']) {
      expect(refusal(await call('GET', `/api/orgs${query}`, { token: as('guest') })), query).toEqual([400, 'INVALID_INPUT']);
    }
    expect(refusal(await call('GET', '/api/orgs?q=x'))).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('junk', () => {
  it('never answers junk with a 5xx', async () => {
    const token = as('member');
    const junk = ['', ' ', '{}', '[]', '"x"', '1e999', '{"kind":{"$gt":""}}', '\u0000', '{"kind":"join","form":[]}', '{"step":null,"decision":[]}'];
    for (const path of ['/api/applications', '/api/applications/01ARZ3NDEKTSV4RRFFQ69G5FAV/decisions', '/api/applications/01ARZ3NDEKTSV4RRFFQ69G5FAV/cancel']) {
      for (const raw of junk) {
        const answer = await call('POST', path, { raw, token });
        expect(answer.status, `${path} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${path} ${raw}`).toBeLessThan(500);
      }
    }
  });
});
