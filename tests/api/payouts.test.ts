import { beforeAll, describe, expect, it } from 'vitest';
import { receiptNumber } from '../../functions/applications/contracts/receipt';
import { bindingOf } from '../support/binding';
import { jpegImage } from '../support/images';
import { OTHER_CARD, TEST_CARD, TEST_CARD_BAD_CHECK, TEST_PAYEE } from '../support/payee';
import { call, demoMember, loginAs, unique } from './client';

/**
 * 补贴发放 over HTTP, who may call each endpoint: the paying federation's officers (a campaign of
 * the province: `province`, `admin`) list, batch, download, enter results; a second of them
 * confirms; officials below (haikou) do not see the campaign's payouts; members and visitors are
 * refused. The card is refused with a wrong check digit, masked in every answer but the bank file.
 *
 * Demo accounts: province, haikou, admin, bus (admin and province decide the two steps). Roster member
 * bound here: demo member 150 (reserved).
 */
const tokens: Record<string, string> = {};
const as = (who: string) => tokens[who] as string;
const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body?.error?.code];
const DAY_MS = 86_400_000;
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

let campaignId: string;
let memberToken: string;
let applicationId: string;

beforeAll(async () => {
  for (const who of ['province', 'haikou', 'admin', 'bus']) tokens[who] = await loginAs(who);
  const created = await call('POST', '/api/admin/subsidy-campaigns', {
    token: as('province'),
    json: {
      title: unique('发放测试'),
      description: '往返票价满50元可申请',
      orgId: 'org-hainan',
      applyFrom: new Date(Date.now() - DAY_MS).toISOString(),
      applyUntil: new Date(Date.now() + 10 * DAY_MS).toISOString(),
      travelFrom: chinaDate(Date.now() - 20 * DAY_MS),
      travelUntil: chinaDate(Date.now() + 20 * DAY_MS),
      fareThresholdFen: 5_000,
      tiers: [{ minFareFen: 5_000, amountFen: 10_000 }],
      places: 10,
    },
  });
  expect(created.status, created.text).toBe(201);
  campaignId = created.body.campaign.id;
  expect((await call('POST', `/api/admin/subsidy-campaigns/${campaignId}/approval`, { token: as('admin') })).status).toBe(200);

  memberToken = await loginAs(unique('payee'));
  expect((await call('POST', '/api/me/binding', { token: memberToken, json: bindingOf(demoMember(180)) })).status).toBe(200);
  const ticket = await call('POST', '/api/uploads', { token: memberToken, json: { contentType: 'image/jpeg' } });
  const form = new FormData();
  for (const [field, value] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(field, value);
  form.append('file', new Blob([jpegImage() as Uint8Array<ArrayBuffer>]), 'ticket.jpg');
  expect((await fetch(ticket.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const subsidy = (payee: object) => ({ kind: 'subsidy', form: { campaignId, travelDate: chinaDate(Date.now() - 3 * DAY_MS), fromStation: '海口站', toStation: '南宁东站', fare: 120, proofKeys: [ticket.body.key], payee } });
  const wrong = await call('POST', '/api/applications', { token: memberToken, json: subsidy({ ...TEST_PAYEE, accountNumber: TEST_CARD_BAD_CHECK }) });
  expect(refusal(wrong)).toEqual([400, 'INVALID_INPUT']);
  expect(JSON.stringify(wrong.body.error.fields)).toContain('银行卡号校验不通过');
  const filed = await call('POST', '/api/applications', { token: memberToken, json: subsidy(TEST_PAYEE) });
  expect(filed.status, filed.text).toBe(201);
  applicationId = filed.body.application.id;
  expect(filed.body.application.form.payee).toEqual({ bankName: TEST_PAYEE.bankName, accountMasked: '***************0128' });
  expect(filed.text).not.toContain(TEST_CARD);
  for (const [who, step] of [['admin', 's1'], ['province', 's2']] as const) {
    const decided = await call('POST', `/api/applications/${applicationId}/decisions`, { token: as(who), json: { step, decision: 'approve' } });
    expect(decided.status, decided.text).toBe(200);
  }
}, 90_000);

describe('补贴发放 over HTTP', () => {
  it('lets the paying federation’s officers batch, download, enter results; a second one confirms; the member reads 已发放', async () => {
    const payouts = (token?: string) => call('GET', `/api/admin/subsidy-campaigns/${campaignId}/payouts`, { token });
    expect(refusal(await payouts())).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await payouts(memberToken))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await payouts(as('haikou')))).toEqual([404, 'NOT_FOUND']);
    const listed = await payouts(as('province'));
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toMatchObject({ counts: { pending: 1 }, canOperate: true });
    expect(listed.text).not.toContain(TEST_CARD);

    const create = (who: string) => call('POST', '/api/admin/payout-batches', { token: as(who), json: { campaignId } });
    expect(refusal(await create('haikou'))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await call('POST', '/api/admin/payout-batches', { token: memberToken, json: { campaignId } }))).toEqual([403, 'FORBIDDEN']);
    const batch = await create('province');
    expect(batch.status, batch.text).toBe(201);
    const id = batch.body.batch.id as string;
    expect(batch.body.batch.lines.map((l: { reference: string }) => l.reference)).toEqual([receiptNumber(applicationId)]);
    expect(batch.text).not.toContain(TEST_CARD);
    expect(refusal(await create('province'))).toEqual([409, 'NO_PENDING_PAYOUTS']);

    const file = (token: string) => call('GET', `/api/admin/payout-batches/${id}/file`, { token });
    expect(refusal(await file(as('haikou')))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await file(memberToken))).toEqual([403, 'FORBIDDEN']);
    const bankFile = await file(as('province'));
    expect(bankFile.status).toBe(200);
    expect(bankFile.body.file.content).toContain(`,${TEST_CARD},${TEST_PAYEE.bankName},100.00,${receiptNumber(applicationId)}`);

    const lines = [{ reference: receiptNumber(applicationId), result: 'paid' }];
    const mark = (who: string, version: number) => call('POST', `/api/admin/payout-batches/${id}/results`, { token: as(who), json: { version, lines } });
    expect(refusal(await mark('haikou', batch.body.batch.version))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await mark('province', batch.body.batch.version + 7))).toEqual([409, 'BATCH_CHANGED']);
    const marked = await mark('province', batch.body.batch.version);
    expect(marked.status, marked.text).toBe(200);
    const confirm = (who: string) => call('POST', `/api/admin/payout-batches/${id}/confirmation`, { token: as(who), json: { version: marked.body.batch.version } });
    const same = await confirm('province');
    expect(refusal(same)).toEqual([403, 'BATCH_SAME_PERSON']);
    expect(same.body.error.message).toBe('发放结果须由回填人以外的另一位财务人员复核确认');
    expect(refusal(await confirm('bus'))).toEqual([404, 'NOT_FOUND']);
    const confirmed = await confirm('admin');
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(refusal(await confirm('admin'))).toEqual([409, 'BATCH_ALREADY_CONFIRMED']);

    const seen = await call('GET', `/api/applications/${applicationId}`, { token: memberToken });
    expect(seen.body.application.form.payout).toMatchObject({ status: 'paid', paidOn: chinaDate(Date.now()), canChangePayee: false });
    const change = await call('POST', `/api/applications/${applicationId}/payee`, { token: memberToken, json: { bankName: '中国银行', accountNumber: OTHER_CARD } });
    expect(refusal(change)).toEqual([409, 'PAYEE_NOT_CHANGEABLE']);
    expect(refusal(await call('POST', `/api/applications/${applicationId}/payee`, { token: as('province'), json: { bankName: '中国银行', accountNumber: OTHER_CARD } }))).toEqual([404, 'NOT_FOUND']);
  });
});
