/**
 * 补贴申请 end to end through the H5 build in Chromium, against the whole local stack (DynamoDB Local
 * seeded with demo/demo-data.json, s3rver with the proofs bucket, serverless-offline, the static
 * server proxying /api): a new account binds to a roster member of 海口椰城公交's union, files the
 * seeded home-travel subsidy with the form — the campaign's rules, the amount as the fare is typed,
 * a real JPEG picked from the "album" and sent by Taro.uploadFile straight to s3rver with the
 * presigned POST — then the union's official approves step 1, 海口市总工会's official step 2, and
 * the member sees 已通过 with the payout. The member rates it 不满意: 海口市总工会 finds the 回访 in
 * 差评回访, records it, and reads the month's figures in 满意度统计.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ApplicationResponse } from '../../functions/applications/contracts/applications';
import type { MemberCampaignListResponse } from '../../functions/applications/contracts/subsidy';
import type { UploadTicket } from '../../functions/applications/contracts/uploads';
import type { MeResponse } from '../../functions/membership/contracts/me';
import { openPhone, type PhoneBrowser } from './browser';
import { bindOnForm, confirmModal, isApi, logIn, openFromMe, openRoute, settled } from './journey';

const h5Url = inject('h5Url');
/** Pages read the API first: on a busy machine that takes more than expect.poll's default second. */
const POLL = { timeout: 15_000 };
const run = Date.now().toString(36);

interface RosterMember {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  orgId: string;
}
interface DemoData {
  members: RosterMember[];
  accounts: Array<{ openid: string; memberId?: string }>;
  campaigns: Array<{ id: string; title: string }>;
}

const demo = JSON.parse(readFileSync(join(__dirname, '../../demo/demo-data.json'), 'utf8')) as DemoData;
const BUS = { id: 'org-g-hk-bus', name: '海口椰城公共交通有限公司工会' };
const CAMPAIGN = demo.campaigns[0]!;
const preBound = new Set(demo.accounts.map((a) => a.memberId).filter(Boolean));
const free = demo.members.filter((m) => !preBound.has(m.id));
// The member journey binds the last two free members; this one takes a 公交 member from the front.
const reserved = new Set(free.slice(-2).map((m) => m.id));
const applicant = free.find((m) => m.orgId === BUS.id && !reserved.has(m.id) && m.name !== '王海涛')!;

const phones: PhoneBrowser[] = [];
afterAll(async () => {
  for (const p of phones.splice(0)) await p.close();
});

async function phone(): Promise<PhoneBrowser> {
  const opened = await openPhone();
  phones.push(opened);
  return opened;
}

const shot = (p: PhoneBrowser, name: string) => p.page.screenshot({ path: join('/tmp', `e2e-subsidy-${name}.png`), fullPage: true });

/** The date in China `days` from now: "2026-01-20". */
const chinaDate = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/** Opens the application from the official's 审核办理 queue and approves its open step. */
async function approveAs(page: Page, applicationId: string, stepName: string): Promise<ApplicationResponse['application']> {
  await openFromMe(page, h5Url, 'me-review');
  const card = page.locator(`#application-${applicationId}`);
  await card.waitFor();
  expect(await card.textContent()).toContain('补贴申请');
  await card.click();
  await page.locator('#decision-panel').waitFor();
  expect(await page.locator('#decision-panel').textContent()).toContain(stepName);
  expect(await page.locator('#decision-buttons').textContent()).toBe('同意驳回');
  // The reviewer sees what was filed, the ticket image included.
  expect(await page.locator('#application-amount').textContent()).toBe('¥100');
  await expect.poll(() => page.locator('#application-proofs img').count(), POLL).toBe(1);
  const deciding = page.waitForResponse(isApi(`/api/applications/${applicationId}/decisions`, 'POST'));
  await page.locator('#decision-approve').click();
  await confirmModal(page);
  const decided = await deciding;
  expect(decided.status()).toBe(200);
  await expect.poll(() => page.locator('#decision-notice').textContent(), POLL).toBe('已同意');
  return ((await decided.json()) as ApplicationResponse).application;
}

describe('补贴申请 journey (H5 in Chromium, images to s3rver)', () => {
  let member: PhoneBrowser;
  let haikou: PhoneBrowser;
  let applicationId = '';

  it('a member binds, opens 补贴申请 from 办事 and reads the campaign’s rules and where they stand', async () => {
    expect(applicant, 'a free roster member of 海口椰城公交').toBeDefined();
    member = await phone();
    const { page } = member;
    await logIn(page, h5Url, `e2e-subsidy-${run}`);
    const bound = (await (await bindOnForm(page, applicant)).json()) as MeResponse;
    expect(bound.member?.union).toEqual(BUS);

    await openRoute(page, h5Url, '/pages/services/index', 'services-page');
    await expect.poll(() => page.locator('#services-subsidy').textContent(), POLL).toContain('查看正在开展的补贴活动');
    const campaigns = page.waitForResponse(isApi('/api/subsidy-campaigns', 'GET'));
    await page.locator('#services-subsidy').click();
    const { items } = (await (await campaigns).json()) as MemberCampaignListResponse;
    const campaign = items.find((c) => c.id === CAMPAIGN.id)!;
    expect(campaign.me).toMatchObject({ eligible: true, reason: null, regionCode: '01' });

    await page.locator('#subsidy-form').waitFor();
    expect(await page.locator('#subsidy-campaign').textContent()).toContain(CAMPAIGN.title);
    expect(await page.locator('#subsidy-campaign-state').textContent()).toBe('申请中');
    expect(await page.locator('#subsidy-threshold').textContent()).toBe('往返票价满 ¥50');
    expect(await page.locator('#subsidy-tiers').textContent()).toContain('票价 ¥1000 及以上：补贴 ¥300');
    expect(await page.locator('#subsidy-quota').textContent()).toBe(`${campaign.me.quotaLeft} 个`);
    expect(await page.locator('#subsidy-eligibility').textContent()).toContain('您符合申请条件');
    await settled(page, '#subsidy-campaign');
    await shot(member, 'campaign');
    expect(member.errors).toEqual([]);
  });

  it('fills the form with inline checks and the live amount, uploads a real ticket image to s3rver and files', async () => {
    const { page } = member;
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/applications') posted += 1;
    });
    await page.locator('#subsidy-submit').click();
    await expect.poll(() => page.locator('#field-proofKeys-error').textContent(), POLL).toBe('请上传车票（机票）图片');
    expect(await page.locator('#field-fare-error').textContent()).toBe('请填写票价（元）');
    expect(posted).toBe(0);

    await page.locator('#subsidy-travelDate input').fill(chinaDate(-5));
    await page.locator('#subsidy-fromStation input').fill('广州南站');
    await page.locator('#subsidy-toStation input').fill('海口东站');
    await page.locator('#subsidy-fare input').fill('45');
    await expect.poll(() => page.locator('#field-fare-error').textContent(), POLL).toBe('票价未达到补贴门槛 ¥50，不能申请');
    await page.locator('#subsidy-fare input').fill('268.5');
    await expect.poll(() => page.locator('#subsidy-amount-value').textContent(), POLL).toBe('¥100');
    expect(await page.locator('#field-fare-error').count()).toBe(0);
    await page.locator('#subsidy-bankName input').fill('中国工商银行海口分行');
    await page.locator('#subsidy-accountNumber input').fill('6222021234567890123');
    await page.locator('#subsidy-submit').click();
    await expect.poll(() => page.locator('#field-accountNumber-error').textContent(), POLL).toBe('银行卡号校验不通过，请逐位核对（最后一位是校验位）');
    await page.locator('#subsidy-accountNumber input').fill('6222021234567890128');
    await expect.poll(() => page.locator('#field-accountNumber-error').count(), POLL).toBe(0);

    // A real JPEG (Chromium's own screenshot of the page), picked as from the album.
    const ticketImage = join(tmpdir(), `e2e-subsidy-ticket-${run}.jpg`);
    writeFileSync(ticketImage, await page.screenshot({ type: 'jpeg', quality: 60 }));
    const ticketAnswer = page.waitForResponse(isApi('/api/uploads', 'POST'));
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#subsidy-proofs-add').click();
    await (await chooser).setFiles(ticketImage);
    const ticketResponse = await ticketAnswer;
    expect(ticketResponse.status()).toBe(200);
    const ticket = (await ticketResponse.json()) as UploadTicket;
    expect(ticket.fields['Content-Type']).toBe('image/jpeg');
    // Taro.uploadFile posts the multipart form to s3rver, straight from the browser (CORS).
    const stored = await page.waitForResponse((r) => r.url().startsWith(ticket.url) && r.request().method() === 'POST');
    expect(stored.status()).toBeGreaterThanOrEqual(200);
    expect(stored.status()).toBeLessThan(300);
    await expect.poll(() => page.locator('.proof-upload__tile--done').count(), POLL).toBe(1);
    expect(await page.locator('#subsidy-proofs-add').textContent()).toContain('添加图片 1/3');
    await shot(member, 'form');

    const filing = page.waitForResponse(isApi('/api/applications', 'POST'));
    await page.locator('#subsidy-submit').click();
    const filed = await filing;
    expect(filed.status()).toBe(201);
    const { application } = (await filed.json()) as ApplicationResponse;
    applicationId = application.id;
    expect(application).toMatchObject({
      kind: 'subsidy',
      status: 'pending',
      form: { kind: 'subsidy', campaign: { id: CAMPAIGN.id }, fareFen: 26_850, amountFen: 10_000, fromStation: '广州南站', payout: null },
    });
    expect(application.steps.map((s) => s.org.id)).toEqual([BUS.id, 'org-haikou']);

    await page.waitForURL(new RegExp(`#/apply/application/index\\?id=${applicationId}`));
    await page.locator('#application-campaign').waitFor();
    expect(await page.locator('#application-amount').textContent()).toBe('¥100');
    expect(await page.locator('#application-journey').textContent()).toBe('广州南站 → 海口东站');
    expect(await page.locator('#step-s1').textContent()).toContain(BUS.name);
    // The ticket image comes back from s3rver through its presigned GET.
    const image = page.locator('#application-proofs img').first();
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), POLL).toBeGreaterThan(0);
    await settled(page, '#application-detail');
    await shot(member, 'filed');
    expect(member.errors).toEqual([]);
  });

  it('the union approves step 1 and 海口市总工会 step 2: one payout, and the member sees 已通过 with the amount', async () => {
    expect(applicationId, 'needs the filed subsidy').not.toBe('');
    const bus = await phone();
    await logIn(bus.page, h5Url, 'bus');
    const first = await approveAs(bus.page, applicationId, '单位工会初审');
    expect(first.status).toBe('pending');
    expect(first.steps[1]).toMatchObject({ status: 'open', org: { id: 'org-haikou' } });
    expect(bus.errors).toEqual([]);

    haikou = await phone();
    await logIn(haikou.page, h5Url, 'haikou');
    const last = await approveAs(haikou.page, applicationId, '市总工会复核');
    expect(last.status).toBe('approved');
    expect(last.form).toMatchObject({ kind: 'subsidy', payout: { amountFen: 10_000, status: 'pending' } });
    await shot(haikou, 'approved');
    expect(haikou.errors).toEqual([]);

    const { page } = member;
    const read = page.waitForResponse(isApi(`/api/applications/${applicationId}`, 'GET'));
    await openRoute(page, h5Url, `/apply/application/index?id=${applicationId}`, 'application-page');
    expect((await read).status()).toBe(200);
    await expect.poll(() => page.locator('#application-status').textContent(), POLL).toContain('已通过');
    expect(await page.locator('#application-payout').textContent()).toMatch(/^¥100 · 待发放/);
    expect(await page.locator('#step-s2').textContent()).toContain('已同意');
    await page.locator('#rating-form').waitFor();
    await settled(page, '#application-detail');
    await shot(member, 'paid');
    expect(member.errors).toEqual([]);
  });

  it('a 差评 opens a 回访 for 海口市总工会, which records it from 差评回访; 满意度统计 counts it', async () => {
    expect(applicationId, 'needs the approved subsidy').not.toBe('');
    const { page } = member;
    await page.locator('#rating-level-2').click();
    await expect.poll(() => page.locator('#rating-bad-note').textContent(), POLL).toBe('海口市总工会将在15个工作日内核实处理并回访答复您。');
    await page.locator('#rating-comment textarea').fill('票据审核要求没有提前说明');
    const rating = page.waitForResponse(isApi(`/api/applications/${applicationId}/rating`, 'POST'));
    await page.locator('#rating-submit').click();
    expect((await rating).status()).toBe(200);
    await expect.poll(() => page.locator('#application-follow-up').textContent(), POLL).toMatch(/^待回访：海口市总工会应于.+前答复$/);

    const official = haikou.page;
    const queue = official.waitForResponse((r) => isApi('/api/admin/applications', 'GET')(r) && r.url().includes('followUp=open'));
    await openFromMe(official, h5Url, 'me-follow-ups');
    expect((await queue).status()).toBe(200);
    const card = official.locator(`#follow-up-${applicationId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('补贴申请');
    expect(await card.textContent()).toContain(`申请人：${applicant.name} · 不满意`);
    expect(await card.textContent()).toMatch(/待回访：海口市总工会应于.+前答复/);
    await settled(official, '#follow-up-list');
    await shot(haikou, 'follow-ups');
    await card.click();
    await official.locator('#follow-up-panel').waitFor();
    await official.locator('#follow-up-submit').click();
    await expect.poll(() => official.locator('#field-note-error').textContent(), POLL).toBe('请填写回访情况（核实、整改及答复会员的情况）');
    const note = '已电话回访申请人，说明票据须载有本人身份证号，并在活动说明中补充了要求';
    await official.locator('#follow-up-note textarea').fill(note);
    const recording = official.waitForResponse(isApi(`/api/applications/${applicationId}/follow-up`, 'POST'));
    await official.locator('#follow-up-submit').click();
    await confirmModal(official);
    const recorded = await recording;
    expect(recorded.status()).toBe(200);
    expect(((await recorded.json()) as ApplicationResponse).application.followUp).toMatchObject({ status: 'done', note, onTime: true });
    await expect.poll(() => official.locator('#application-follow-up').textContent(), POLL).toContain(`回访情况：${note}`);
    expect(await official.locator('#follow-up-panel').count()).toBe(0);

    const figures = official.waitForResponse(isApi('/api/admin/satisfaction', 'GET'));
    await openFromMe(official, h5Url, 'me-satisfaction');
    const answer = (await (await figures).json()) as { formulas: { satisfactionRate: string; followUpOnTimeRate: string } };
    await official.locator('#satisfaction-table').waitFor();
    // Only this journey rates a subsidy: its column is exactly this 差评 and its 回访.
    expect(await official.locator('#satisfaction-rated-subsidy').textContent()).toBe('1');
    expect(await official.locator('#satisfaction-level-2-subsidy').textContent()).toBe('1');
    expect(await official.locator('#satisfaction-satisfaction-rate-subsidy').textContent()).toBe('0.00%');
    expect(await official.locator('#satisfaction-bad-subsidy').textContent()).toBe('1');
    expect(await official.locator('#satisfaction-followed-up-subsidy').textContent()).toBe('1');
    expect(await official.locator('#satisfaction-follow-up-rate-subsidy').textContent()).toBe('100.00%');
    expect(await official.locator('#satisfaction-formula-rate').textContent()).toBe(answer.formulas.satisfactionRate);
    expect(await official.locator('#satisfaction-formula-follow-up').textContent()).toBe(answer.formulas.followUpOnTimeRate);
    await settled(official, '#satisfaction-table');
    await shot(haikou, 'satisfaction');
    expect(haikou.errors).toEqual([]);
    expect(member.errors).toEqual([]);
  });
});
