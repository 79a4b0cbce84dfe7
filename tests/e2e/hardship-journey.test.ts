/**
 * 困难帮扶 end to end through the H5 build in Chromium, against the whole local stack (DynamoDB Local
 * seeded with demo/demo-data.json, s3rver with the proofs bucket, serverless-offline, the static
 * server proxying /api). The admin grants the 帮扶 role (the API: there is no page for it) to two
 * officials of 海口椰城公交's union and one of 海口市总工会, and sets 海口's 低保 standard on the
 * 低保标准 page. A member binds, runs the self-check from 办事 (the arithmetic shown), files the
 * application in its five steps with real JPEG proofs sent to s3rver, and reads the progress; 初审
 * and 入户核查 (recorded from the phone with photos) are decided by two officials of the union,
 * 帮扶中心审核 by 海口市总工会, the case stands in the public 公示 with the name masked; when its
 * days have passed (the journey moves the case's 公示 dates into the past in DynamoDB Local: nobody
 * decides 公示, time does), the admin approves (审批), and the member sees the file's category, the
 * aid paid once a second person confirms it, and the re-check date.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { CaseResponse, FileResponse, SelfCheckResponse } from '../../functions/hardship/contracts/hardship';
import type { MeResponse } from '../../functions/membership/contracts/me';
import { call, loginAs } from '../api/client';
import { loadDemoData } from '../../scripts/lib/demo-data';
import { openPhone, type PhoneBrowser } from './browser';
import { bindOnForm, confirmModal, isApi, logIn, openRoute, settled } from './journey';

const h5Url = inject('h5Url');
const POLL = { timeout: 15_000 };
const run = Date.now().toString(36);

const BUS = { id: 'org-g-hk-bus', name: '海口椰城公共交通有限公司工会' };
const HAIKOU = { id: 'org-haikou', name: '海口市总工会' };
const demo = loadDemoData();
const preBound = new Set(demo.accounts.flatMap((a) => (a.memberId ? [a.memberId] : [])));
const free = demo.members.filter((m) => !preBound.has(m.id));
// The last free member of 公交's union (the subsidy journey takes the first; the member journey the roster's last two).
const applicant = free.filter((m) => m.orgId === BUS.id).at(-1)!;
/** Fictitious, valid GB 11643 numbers for the household's other members. */
const SPOUSE_ID = '460203199110203244';
const CARD = '6222021234567890128';

const phones: PhoneBrowser[] = [];
afterAll(async () => {
  for (const p of phones.splice(0)) await p.close();
});
async function phone(): Promise<PhoneBrowser> {
  const opened = await openPhone();
  phones.push(opened);
  return opened;
}
const shot = (p: PhoneBrowser, name: string) => p.page.screenshot({ path: join('/tmp', `e2e-hardship-${name}.png`), fullPage: true });

/** A real JPEG (Chromium's screenshot of the page), picked from the "album" for the upload tile `addId`. */
async function pickImage(page: Page, addId: string, name: string): Promise<void> {
  const file = join(tmpdir(), `e2e-hardship-${name}-${run}.jpg`);
  writeFileSync(file, await page.screenshot({ type: 'jpeg', quality: 50 }));
  const done = await page.locator('.proof-upload__tile--done').count();
  const chooser = page.waitForEvent('filechooser');
  await page.locator(`#${addId}`).click();
  await (await chooser).setFiles(file);
  await expect.poll(() => page.locator('.proof-upload__tile--done').count(), POLL).toBe(done + 1);
}

/** Grants the 帮扶 role of `orgId` to the demo account `name` (logged in once first), as the admin. */
async function grantHardship(adminToken: string, name: string, orgId: string): Promise<void> {
  await loginAs(name);
  const granted = await call('POST', '/api/admin/roles', { token: adminToken, json: { openid: `dev-${name}`, role: { type: 'hardship', orgId } } });
  expect(granted.status, granted.text).toBe(200);
}

/** Time passes for 公示: its dates moved `daysAgo` back in the stored case (DynamoDB Local). */
async function movePublicity(caseId: string, start: number, end: number): Promise<void> {
  const ddb = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const TableName = `${inject('tablePrefix')}hardship`;
  const Key = { pk: { S: `case#${caseId}` }, sk: { S: 'case' } };
  const { Item } = await ddb.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }));
  expect(Item, 'the stored case').toBeDefined();
  const body = JSON.parse(Item!.body!.S!) as { publicity: { startDate: string; endDate: string } | null; app: { steps: Array<{ id: string; dueDate: string | null }> } };
  expect(body.publicity, 'the case is in 公示').not.toBeNull();
  const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  body.publicity = { ...body.publicity!, startDate: day(start), endDate: day(end) };
  body.app.steps = body.app.steps.map((s) => (s.id === 's4' ? { ...s, dueDate: day(end) } : s));
  await ddb.send(new PutItemCommand({ TableName, Item: { ...Item!, body: { S: JSON.stringify(body) } } }));
  ddb.destroy();
}

/** A page opened on a fresh app (a reload: one page on Taro's stack, so its ids are unique). */
async function openFresh(page: Page, route: string, shownId: string): Promise<void> {
  await page.goto(`${h5Url}/#${route}`);
  await page.reload();
  await page.locator(`#${shownId}`).waitFor({ state: 'visible' });
}

/** An official opens the case from 我的 › 困难帮扶 (the queue of their subtree). */
async function openFromQueue(page: Page, caseId: string, stepName: string): Promise<void> {
  await openFresh(page, '/pages/me/index', 'me-page');
  await page.locator('#me-hardship').click();
  const row = page.locator(`#hardship-queue-${caseId}`);
  await row.waitFor();
  expect(await row.textContent()).toContain(stepName);
  await row.click();
  await page.locator('#hardship-decision').waitFor();
}

/** Decides the open step on the case page shown. */
async function decide(page: Page, caseId: string, stepName: string, options: { category?: string; comment?: string } = {}): Promise<CaseResponse['case']> {
  await page.locator('#hardship-decision').waitFor();
  expect(await page.locator('#hardship-decision').textContent()).toContain(`办理：${stepName}`);
  if (options.category) await page.locator(`#hardship-decision-category-${options.category}`).click();
  if (options.comment) await page.locator('#hardship-decision-comment textarea').fill(options.comment);
  const deciding = page.waitForResponse(isApi(`/api/hardship/cases/${caseId}/decisions`, 'POST'));
  await page.locator('#hardship-decision-approve').click();
  await confirmModal(page);
  const decided = await deciding;
  expect(decided.status(), await decided.text()).toBe(200);
  await expect.poll(() => page.locator('#hardship-case-notice').textContent(), POLL).toBe('已同意');
  return ((await decided.json()) as CaseResponse).case;
}

async function decideFromQueue(page: Page, caseId: string, stepName: string, options: { category?: string; comment?: string } = {}): Promise<CaseResponse['case']> {
  await openFromQueue(page, caseId, stepName);
  return decide(page, caseId, stepName, options);
}

/**
 * What runs past the right edge of a 320 px screen on the page shown (as display-journey measures
 * it): the widest scroll width from the page's root up, and elements whose box leaves the viewport
 * outside a scroller that holds them.
 */
function overflowAt320(page: Page, rootId: string) {
  return page.evaluate((id) => {
    const root = document.getElementById(id)!;
    const width = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || (box.right <= width + 0.5 && box.left >= -0.5)) continue;
      let held = false;
      for (let up = el.parentElement; up && up !== root; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') held = true;
      if (!held) offenders.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`);
    }
    let scrollWidth = 0;
    for (let up: HTMLElement | null = root; up; up = up.parentElement) scrollWidth = Math.max(scrollWidth, up.scrollWidth);
    return { width, scrollWidth, offenders: offenders.slice(0, 5) };
  }, rootId);
}

describe('困难帮扶 journey (H5 in Chromium, proofs to s3rver)', () => {
  let member: PhoneBrowser;
  let caseId = '';
  let adminToken = '';

  it('the admin grants the 帮扶 role and sets 海口’s 低保 standard on its page', async () => {
    expect(applicant, 'a free roster member of 海口椰城公交').toBeDefined();
    adminToken = await loginAs('admin');
    await grantHardship(adminToken, 'bus', BUS.id);
    await grantHardship(adminToken, `e2e-visit-${run}`, BUS.id);
    await grantHardship(adminToken, 'haikou', HAIKOU.id);

    const admin = await phone();
    await logIn(admin.page, h5Url, 'admin');
    await openFresh(admin.page, '/hardship/standards/index', 'hardship-standards-page');
    await admin.page.locator('#hardship-standards-list').waitFor();
    await admin.page.locator('#hardship-standard-monthly input').fill('1080');
    await admin.page.locator('#hardship-standard-source input').fill('海府〔2026〕8号');
    const saving = admin.page.waitForResponse(isApi('/api/admin/hardship/standards', 'POST'));
    await admin.page.locator('#hardship-standard-save').click();
    expect((await saving).status()).toBe(200);
    await expect.poll(() => admin.page.locator('#hardship-standard-01').textContent(), POLL).toBe('海口市¥1080/人·月');
    await settled(admin.page, '#hardship-standards-page');
    expect(admin.errors).toEqual([]);
  });

  it('a member binds, opens 困难帮扶 from 办事 and runs the self-check: the category with the arithmetic', async () => {
    member = await phone();
    const { page } = member;
    await logIn(page, h5Url, `e2e-hardship-${run}`);
    const bound = (await (await bindOnForm(page, applicant)).json()) as MeResponse;
    expect(bound.member?.union).toEqual(BUS);

    await openRoute(page, h5Url, '/pages/services/index', 'services-page');
    await page.locator('#services-hardship').click();
    await page.locator('#hardship-check-form').waitFor();
    await expect.poll(() => page.locator('#hardship-region').textContent(), POLL).toBe('海口市 ▾');
    await page.locator('#hardship-income-0 input').fill('30000');
    await page.locator('#hardship-income-add').click();
    await page.locator('#hardship-income-1 input').fill('0');
    await page.locator('#hardship-medical input').fill('6000');
    const checking = page.waitForResponse(isApi('/api/hardship/self-check', 'POST'));
    await page.locator('#hardship-check').click();
    const checked = await checking;
    expect(checked.status()).toBe(200);
    expect(checked.request().headers().authorization).toBeUndefined();
    const answer = (await checked.json()) as SelfCheckResponse;
    // (30000 − 6000) ÷ 12 ÷ 2 = 1000 a month, below 1080.
    expect(answer).toMatchObject({ category: 'deep', monthlyPerCapitaFen: 100_000, minimumLivingFen: 108_000 });
    await expect.poll(() => page.locator('#hardship-result-category').textContent(), POLL).toBe('深度困难');
    for (const line of answer.arithmetic) expect(await page.locator('#hardship-arithmetic').textContent()).toContain(line);
    await settled(page, '#hardship-self-check');
    await shot(member, 'self-check');
    expect(member.errors).toEqual([]);
  });

  it('files the application in five steps with real proofs sent to s3rver, and reads its progress', async () => {
    const { page } = member;
    await page.locator('#hardship-apply').click();
    await page.locator('#hardship-member-0').waitFor();
    // 本人: the name from the binding; the rest typed.
    await page.locator('#hardship-member-0-idNumber input').fill(applicant.idNumber);
    await page.locator('#hardship-member-0-health-chronic').click();
    await page.locator('#hardship-member-0-income input').fill('2500');
    await page.locator('#hardship-member-0-school input').fill('海口椰城公共交通有限公司');
    await page.locator('#hardship-member-add').click();
    await page.locator('#hardship-member-1-name input').fill('李秀梅');
    await page.locator('#hardship-member-1-relation-spouse').click();
    await page.locator('#hardship-member-1-idNumber input').fill(SPOUSE_ID);
    await page.locator('#hardship-member-1-health-serious').click();
    await page.locator('#hardship-member-1-income input').fill('0');
    const keeping = page.waitForResponse(isApi('/api/hardship/draft', 'POST'));
    await page.locator('#hardship-next').click();
    expect((await keeping).status()).toBe(200);

    await page.locator('#hardship-housing-rented').click();
    await page.locator('#hardship-housing-area input').fill('45');
    await page.locator('#hardship-address input').fill('海口市美兰区海甸岛五西路');
    expect(await page.locator('#hardship-apply-region').textContent()).toBe('海口市 ▾');
    await page.locator('#hardship-main-cause-6').click();
    await page.locator('#hardship-migrant-no').click();
    await page.locator('#hardship-statement textarea').fill('配偶患尿毒症，每周透析三次，自付费用高。');
    await page.locator('#hardship-next').click();

    await page.locator('#hardship-aid-medical').click();
    await page.locator('#hardship-rigid input').fill('36000');
    await page.locator('#hardship-other-income input').fill('0');
    await page.locator('#hardship-bank input').fill('中国工商银行海口分行');
    await page.locator('#hardship-account input').fill('6222021234567890123');
    await expect.poll(() => page.locator('#field-payee-accountNumber-error').textContent(), POLL).toContain('校验');
    await page.locator('#hardship-account input').fill(CARD);
    await expect.poll(() => page.locator('#field-payee-accountNumber-error').count(), POLL).toBe(0);
    await page.locator('#hardship-next').click();

    // Serious illness: income proofs, the diagnosis and three months of bills.
    await page.locator('#hardship-proofs-income').waitFor();
    await page.locator('#hardship-next').click();
    await expect.poll(() => page.locator('#field-proofs-error').textContent(), POLL).toBe('请上传：收入证明、诊断证明、医疗票据');
    const ticket = page.waitForResponse(isApi('/api/uploads', 'POST'));
    await pickImage(page, 'hardship-proofs-income-add', 'income');
    expect((await ticket).status()).toBe(200);
    await pickImage(page, 'hardship-proofs-diagnosis-add', 'diagnosis');
    await pickImage(page, 'hardship-proofs-medical-bills-add', 'bills');
    await page.locator('#hardship-next').click();

    await page.locator('#hardship-consent').waitFor();
    await page.locator('#hardship-submit').click();
    await expect.poll(() => page.locator('#hardship-form-error').textContent(), POLL).toBe('请阅读并同意家庭经济状况核对授权');
    await page.locator('#hardship-consent').click();
    await shot(member, 'consent');
    const filing = page.waitForResponse(isApi('/api/hardship/cases', 'POST'));
    await page.locator('#hardship-submit').click();
    const filed = await filing;
    expect(filed.status(), await filed.text()).toBe(201);
    const { case: c } = (await filed.json()) as CaseResponse;
    caseId = c.id;
    expect(c).toMatchObject({ status: 'pending', currentStep: 'review', org: BUS });
    expect(c.form.members.map((m) => m.idNumberMasked)).toEqual([`${applicant.idNumber.slice(0, 2)}**************${applicant.idNumber.slice(-2)}`, '46**************44']);
    expect(c.form.proofs.map((p) => p.kind).sort()).toEqual(['diagnosis', 'income', 'medical-bills']);

    await page.waitForURL(new RegExp(`#/hardship/case/index\\?id=${caseId}`));
    await page.locator('#hardship-case-steps').waitFor();
    expect(await page.locator('#hardship-step-review').textContent()).toMatch(/基层工会初审办理中海口椰城公共交通有限公司工会.+前办结/);
    expect(await page.locator('#hardship-case-status').textContent()).toBe('办理中');
    expect(await page.locator('#hardship-household').textContent()).not.toContain(applicant.idNumber);
    await settled(page, '#hardship-case-page');
    await shot(member, 'filed');
    expect(member.errors).toEqual([]);
  });

  it('初审 by the union, 入户核查 recorded from the phone and decided by a second official, 审核 by 海口市总工会', async () => {
    expect(caseId, 'needs the filed case').not.toBe('');
    const bus = await phone();
    await logIn(bus.page, h5Url, 'bus');
    const reviewed = await decideFromQueue(bus.page, caseId, '基层工会初审', { comment: '材料齐全' });
    expect(reviewed.currentStep).toBe('visit');
    expect(bus.errors).toEqual([]);

    const visitor = await phone();
    const { page } = visitor;
    await logIn(page, h5Url, `e2e-visit-${run}`);
    await openFromQueue(page, caseId, '入户核查');
    await page.locator('#hardship-case-visit-record').click();
    await page.locator('#hardship-visit-form').waitFor();
    await page.locator('#hardship-visit-met input').fill(`申请人${applicant.name}、配偶李秀梅`);
    await page.locator('#hardship-visit-notes textarea').fill('租住45平方米，配偶透析属实');
    await pickImage(page, 'hardship-visit-signed-add', 'signed');
    await pickImage(page, 'hardship-visit-authorisation-add', 'authorisation');
    const recording = page.waitForResponse(isApi(`/api/hardship/cases/${caseId}/visit`, 'POST'));
    await page.locator('#hardship-visit-submit').click();
    expect((await recording).status()).toBe(200);
    await page.locator('#hardship-case-visit').waitFor();
    expect(await page.locator('#hardship-case-visit').textContent()).toContain('配偶李秀梅');
    // Back on the case (navigateBack): the visit step decided there.
    const visited = await decide(page, caseId, '入户核查', { comment: '入户核查属实' });
    expect(visited.currentStep).toBe('center');
    await shot(visitor, 'visit');
    expect(visitor.errors).toEqual([]);

    const haikou = await phone();
    await logIn(haikou.page, h5Url, 'haikou');
    const centred = await decideFromQueue(haikou.page, caseId, '帮扶中心审核', { category: 'deep' });
    expect(centred.currentStep).toBe('publicity');
    expect(centred.publicity).not.toBeNull();
    expect(haikou.errors).toEqual([]);
  });

  it('公示 shows the case with the name masked; once its days have passed, the admin approves (审批)', async () => {
    expect(caseId, 'needs the case in 公示').not.toBe('');
    await movePublicity(caseId, -4, 0);
    const visitor = await phone();
    await openFresh(visitor.page, '/hardship/publicity/index', 'hardship-publicity-page');
    const row = visitor.page.locator(`#hardship-publicity-${caseId}`);
    await row.waitFor();
    const shown = (await row.textContent()) ?? '';
    expect(shown).toContain('深度困难');
    expect(shown).toContain(BUS.name);
    expect(shown).not.toContain(applicant.name);
    expect(shown).toContain(`${applicant.name.slice(0, 1)}*`);
    await settled(visitor.page, '#hardship-publicity-page');
    await shot(visitor, 'publicity');
    expect(visitor.errors).toEqual([]);

    await movePublicity(caseId, -6, -1);
    const admin = await phone();
    await logIn(admin.page, h5Url, 'admin');
    const approved = await decideFromQueue(admin.page, caseId, '审批', { comment: '同意认定为深度困难职工' });
    expect(approved).toMatchObject({ status: 'approved', category: 'deep', currentStep: null });
    expect(approved.fileId).not.toBeNull();

    // Aid recorded against the file by one person, marked paid by another (the API: the file page is the officials').
    const bus = await loginAs('bus');
    const recorded = await call<FileResponse>('POST', `/api/admin/hardship/files/${approved.fileId}/payments`, { token: bus, json: { aid: 'medical', amountFen: 300_000, note: '医疗救助' } });
    expect(recorded.status, recorded.text).toBe(201);
    const payment = recorded.body.file.payments.at(-1)!;
    const same = await call('POST', `/api/admin/hardship/files/${approved.fileId}/payments/${payment.id}/confirm`, { token: bus });
    expect(same.status).toBe(403);
    expect(same.body.error.code).toBe('HARDSHIP_SAME_PERSON');
    const haikouToken = await loginAs('haikou');
    const confirmed = await call<FileResponse>('POST', `/api/admin/hardship/files/${approved.fileId}/payments/${payment.id}/confirm`, { token: haikouToken });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(admin.errors).toEqual([]);
  });

  it('the member sees the file: category, the aid paid and the yearly re-check', async () => {
    const { page } = member;
    await openFresh(page, `/hardship/case/index?id=${caseId}`, 'hardship-case-page');
    await expect.poll(() => page.locator('#hardship-case-status').textContent(), POLL).toBe('已建档');
    await page.locator('#hardship-my-file').waitFor();
    expect(await page.locator('#hardship-my-file').textContent()).toContain('深度困难');
    expect(await page.locator('#hardship-my-payments').textContent()).toContain('医疗救助 ¥3000');
    expect(await page.locator('#hardship-my-payments').textContent()).toContain('已发放');
    expect(await page.locator('#hardship-my-recheck').textContent()).toMatch(/^\d{4}年\d+月\d+日前，工会将上门或电话复核家庭情况$/);
    await settled(page, '#hardship-case-page');
    await shot(member, 'aid');
    expect(member.errors).toEqual([]);
  });

  it('at 320 px wide the member’s hardship pages do not overflow', async () => {
    const { page } = member;
    await page.setViewportSize({ width: 320, height: 640 });
    const problems: Record<string, unknown> = {};
    for (const [route, root] of [
      ['/hardship/self-check/index', 'hardship-self-check'],
      ['/hardship/apply/index', 'hardship-apply-page'],
      [`/hardship/case/index?id=${caseId}`, 'hardship-case-page'],
      ['/hardship/mine/index', 'hardship-mine-page'],
      ['/hardship/publicity/index', 'hardship-publicity-page'],
    ] as const) {
      await openFresh(page, route, root);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const found = await overflowAt320(page, root);
      expect(found.width).toBe(320);
      if (found.scrollWidth > 320 || found.offenders.length > 0) problems[route] = found;
    }
    expect(problems).toEqual({});
  });
});
