import { describe, expect, it } from 'vitest';
import { devPhone, joinForm } from '../integration/applications/world';
import { makePhone } from '../support/ids';
import { call, loginAs, unique } from './client';

/**
 * Issue 13, item 6 over HTTP (serverless-offline + DynamoDB Local with the demo data): the review
 * filed 826 join resubmissions from one account in 116 s (the 829th answered 500: the item outgrew
 * 400 KB), blocked other people's ID numbers by filing first, and probed which ID numbers have open
 * or approved joins. Replayed: past 3 joins a day for one ID number and 5 filings a day for one
 * account the answer is 429 FILING_LIMIT_REACHED and nothing changes; another account filing an ID
 * number gets one 409 JOIN_NOT_ACCEPTED body whether that ID number's join is open or approved.
 */
const BUS = 'org-g-hk-bus';
const file = (token: string, form: unknown) => call('POST', '/api/applications', { token, json: { kind: 'join', form } });
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];

describe('filings in bulk (review, item 6)', () => {
  it('stops an account resubmitting a join past the day’s limits with a 429, and the application stays as it was', async () => {
    const token = await loginAs(unique('bulk'));
    const form = joinForm(BUS);
    const first = await file(token, form);
    expect(first.status, first.text).toBe(201);
    const id = first.body.application.id as string;
    for (let n = 2; n <= 3; n += 1) expect((await file(token, { ...form, residence: `海口市第${n}次` })).status).toBe(200);
    const before = await call('GET', `/api/applications/${id}`, { token });
    const answers = [];
    for (let n = 4; n <= 12; n += 1) answers.push(await file(token, form));
    for (const answer of answers) {
      expect(refusal(answer)).toEqual([429, 'FILING_LIMIT_REACHED']);
      expect(answer.body.error.message).toMatch(/今天提交.*次数已达上限.*明天再试/);
    }
    const after = await call('GET', `/api/applications/${id}`, { token });
    expect(after.body).toEqual(before.body);
    expect(answers.every((a) => a.status < 500)).toBe(true);
  });

  it('answers another account filing an ID number with one body, whether its join is open or approved', async () => {
    const owner = await loginAs(unique('owner'));
    const form = joinForm(BUS);
    const filed = await file(owner, form);
    expect(filed.status, filed.text).toBe(201);
    const squatter = await loginAs(unique('squatter'));
    const whileOpen = await file(squatter, { ...form, phoneCode: devPhone(makePhone()) });
    expect(refusal(whileOpen)).toEqual([409, 'JOIN_NOT_ACCEPTED']);
    const bus = await loginAs('bus');
    const decided = await call('POST', `/api/applications/${filed.body.application.id}/decisions`, { token: bus, json: { step: 's1', decision: 'approve', comment: '' } });
    expect(decided.status, decided.text).toBe(200);
    const prober = await loginAs(unique('prober'));
    const afterApproval = await file(prober, { ...form, phoneCode: devPhone(makePhone()) });
    expect(afterApproval.status).toBe(409);
    expect(afterApproval.body).toEqual(whileOpen.body);
    // A phone code WeChat did not issue is refused before anything is written.
    const typed = await file(await loginAs(unique('typed')), { ...joinForm(BUS), phoneCode: '13800138000' });
    expect(refusal(typed)).toEqual([400, 'PHONE_CODE_INVALID']);
  });
});
