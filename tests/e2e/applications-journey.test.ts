/**
 * 会员关系转接 end to end through the H5 build in Chromium, against the whole local stack (DynamoDB
 * Local seeded with demo/demo-data.json, serverless-offline, the static server proxying /api): the
 * bound member 邢志强 (`member`, 儋州那大建筑工程有限公司工会, card region 04) files a transfer to a
 * grassroots union in 三亚 with the form; the provincial federation's official approves step 1 for
 * his union (an ancestor's decision); 三亚's official accepts step 2 for the target union while the
 * province's page, still open, then gets ALREADY_DECIDED; the member's card shows the new union and a
 * card number of region 02, and he rates the service. Then a new account applies to join with the
 * 入会 form.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ApplicationListResponse, ApplicationResponse } from '../../functions/applications/contracts/applications';
import type { ErrorBody } from '../../functions/kernel/contracts/errors';
import type { MeResponse } from '../../functions/membership/contracts/me';
import { makeIdNumber, makePhone } from '../support/ids';
import { openPhone, type PhoneBrowser } from './browser';
import { confirmModal, isApi, logIn, openFromMe, openRoute, settled } from './journey';

const h5Url = inject('h5Url');

/** demo/demo-data.json: 邢志强's union, the target union in another city and its federation. */
const FROM = { id: 'org-g-dz-construction', name: '儋州那大建筑工程有限公司工会' };
const TO = { id: 'org-g-sy-fishery', name: '三亚崖州湾渔业专业合作社工会' };
const REASON = '已与三亚崖州湾渔业专业合作社签订劳动合同，随工作调动转入该社工会';

const phones: PhoneBrowser[] = [];
afterAll(async () => {
  for (const phone of phones.splice(0)) await phone.close();
});

async function phone(): Promise<PhoneBrowser> {
  const opened = await openPhone();
  phones.push(opened);
  return opened;
}

const digits = (text: string | null) => (text ?? '').replace(/\s+/g, '');
const shot = (p: PhoneBrowser, name: string) => p.page.screenshot({ path: join('/tmp', `e2e-applications-${name}.png`), fullPage: true });

describe('会员关系转接 journey (H5 in Chromium)', () => {
  let member: PhoneBrowser;
  let province: PhoneBrowser;
  let applicationId = '';
  let oldCard = '';

  it('the member files a transfer with the form: inline checks, the union search, then two steps with deadlines', async () => {
    member = await phone();
    const { page } = member;
    await logIn(page, h5Url, 'member');
    oldCard = digits(await page.locator('#card-number').textContent());
    expect(oldCard.slice(2, 4), 'a card of 儋州 (04)').toBe('04');
    expect(await page.locator('#card-union').textContent()).toBe(FROM.name);

    await openRoute(page, h5Url, '/pages/services/index', 'services-page');
    await expect.poll(() => page.locator('#services-transfer').textContent()).toContain(`当前工会：${FROM.name}`);
    expect(await page.locator('#services-join').textContent()).toContain('您已是工会会员');
    expect(await page.locator('#services-subsidy').textContent()).toContain('查看正在开展的补贴活动');
    await shot(member, 'services');
    await page.locator('#services-transfer').click();
    await page.locator('#transfer-form').waitFor();
    expect(await page.locator('#transfer-current').textContent()).toBe(FROM.name);

    // Nothing is sent while the form is incomplete.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/applications') posted += 1;
    });
    await page.locator('#transfer-submit').click();
    await expect.poll(() => page.locator('#field-toOrgId-error').textContent()).toBe('请选择要转入的基层工会');
    expect(await page.locator('#field-reason-error').textContent()).toBe('请填写转会原因');
    expect(posted).toBe(0);

    const search = page.waitForResponse((r) => isApi('/api/orgs', 'GET')(r) && r.url().includes(encodeURIComponent('崖州湾')));
    await page.locator('#transfer-target-input input').fill('崖州湾');
    expect((await search).status()).toBe(200);
    const option = page.locator(`#transfer-target-option-${TO.id}`);
    await option.waitFor();
    expect(await option.textContent()).toContain('三亚市总工会');
    await option.click();
    await expect.poll(() => page.locator('#transfer-target-chosen').textContent()).toBe(TO.name);
    await page.locator('#transfer-reason textarea').fill(REASON);
    await expect.poll(() => page.locator('#field-reason-error').count()).toBe(0);
    await shot(member, 'transfer-form');

    const filing = page.waitForResponse(isApi('/api/applications', 'POST'));
    await page.locator('#transfer-submit').click();
    const filed = await filing;
    expect(filed.status()).toBe(201);
    const { application } = (await filed.json()) as ApplicationResponse;
    applicationId = application.id;
    expect(application.form).toMatchObject({ kind: 'transfer', from: FROM, to: TO, reason: REASON });

    // The new application's page: both steps, each with its union; the first one running with its deadline.
    await page.waitForURL(new RegExp(`#/apply/application/index\\?id=${applicationId}`));
    const first = page.locator('#step-s1');
    await first.waitFor();
    expect(await first.textContent()).toContain(FROM.name);
    expect(await first.textContent()).toMatch(/办理中.*\d{1,2}月\d{1,2}日（周[一二三四五六日]）前办结/s);
    expect(await page.locator('#step-s2').textContent()).toContain(TO.name);
    expect(await page.locator('#step-s2').textContent()).toContain('办理时限 5 个工作日');
    expect(await page.locator('#application-timeline').textContent()).toContain('申请人 提交申请');
    expect(await page.locator('#application-cancel').isVisible()).toBe(true);
    await shot(member, 'detail-filed');
    expect(member.errors).toEqual([]);
  });

  it('the provincial official finds it in the review queue and approves step 1 for the member’s union', async () => {
    expect(applicationId, 'needs the filed transfer').not.toBe('');
    province = await phone();
    const { page } = province;
    await logIn(page, h5Url, 'province');
    const queue = page.waitForResponse(isApi('/api/admin/applications', 'GET'));
    await openFromMe(page, h5Url, 'me-review');
    const { items } = (await (await queue).json()) as ApplicationListResponse;
    // The demo's transfer of 吴振华 is overdue: it comes first, with its mark.
    expect(items[0]?.currentStep?.overdue).toBe(true);
    expect(items.map((a) => a.id)).toContain(applicationId);
    const card = page.locator(`#application-${applicationId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('申请人：邢志强');
    expect(await page.locator('#queue-list .app-card').first().getAttribute('class')).toContain('app-card--overdue');
    expect(await page.locator('#queue-summary').textContent()).toMatch(/已超期（排在最前）/);
    await shot(province, 'queue');

    await card.click();
    await page.locator('#decision-panel').waitFor();
    expect(await page.locator('#decision-panel').textContent()).toContain('转出工会审核');
    expect(await page.locator('#decision-buttons').textContent()).toBe('同意驳回');
    // A rejection needs its reason: nothing is sent without one.
    await page.locator('#decision-reject').click();
    await expect.poll(() => page.locator('#field-comment-error').textContent()).toBe('请填写驳回原因');

    await page.locator('#decision-comment textarea').fill('经核实，同意转出');
    const deciding = page.waitForResponse(isApi(`/api/applications/${applicationId}/decisions`, 'POST'));
    await page.locator('#decision-approve').click();
    await confirmModal(page);
    const decided = await deciding;
    expect(decided.status()).toBe(200);
    const { application } = (await decided.json()) as ApplicationResponse;
    expect(application.steps[0]).toMatchObject({ status: 'approved', byAncestor: true, decidedBy: { role: 'ancestor', org: { id: 'org-hainan' } } });
    expect(application.steps[1]).toMatchObject({ status: 'open', org: TO });
    await expect.poll(() => page.locator('#decision-notice').textContent()).toBe('已同意');
    await expect.poll(() => page.locator('#step-s1').textContent()).toContain('海南省总工会（上级工会）');
    expect(await page.locator('#step-s1').textContent()).toContain('意见：经核实，同意转出');
    // The province is above the target union too, but nobody decides two steps of one application:
    // step 2 is not offered to the official who decided step 1.
    await expect.poll(() => page.locator('#decision-panel').count()).toBe(0);
    await shot(province, 'decided');
    expect(province.errors).toEqual([]);
  });

  it('三亚’s official accepts step 2; an administrator, deciding it a moment later, is told in Chinese', async () => {
    // The administrator opens the application while step 2 is still open.
    const admin = await phone();
    await logIn(admin.page, h5Url, 'admin');
    await openRoute(admin.page, h5Url, `/staff/application/index?id=${applicationId}`, 'decision-panel');
    expect(await admin.page.locator('#decision-panel').textContent()).toContain('转入工会接收');

    const sanya = await phone();
    const { page } = sanya;
    await logIn(page, h5Url, 'sanya');
    await openFromMe(page, h5Url, 'me-review');
    const card = page.locator(`#application-${applicationId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain(`当前环节：转入工会接收 · ${TO.name}`);
    await card.click();
    await page.locator('#decision-panel').waitFor();
    const deciding = page.waitForResponse(isApi(`/api/applications/${applicationId}/decisions`, 'POST'));
    await page.locator('#decision-approve').click();
    await confirmModal(page);
    const decided = await deciding;
    expect(decided.status()).toBe(200);
    expect(((await decided.json()) as ApplicationResponse).application.status).toBe('approved');
    await expect.poll(() => page.locator('#application-status').textContent()).toContain('已通过');
    expect(await page.locator('#decision-panel').count()).toBe(0);
    expect(await page.locator('#step-s2').textContent()).toContain('三亚市总工会（上级工会）');

    // The administrator's page still offers step 2: that decision comes second.
    const late = admin.page.waitForResponse(isApi(`/api/applications/${applicationId}/decisions`, 'POST'));
    await admin.page.locator('#decision-approve').click();
    await confirmModal(admin.page);
    const refused = await late;
    expect(refused.status()).toBe(409);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe('ALREADY_DECIDED');
    await expect.poll(() => admin.page.locator('#decision-notice').textContent()).toBe(body.error.message);
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/u);
    await expect.poll(() => admin.page.locator('#decision-panel').count()).toBe(0);
    await expect.poll(() => admin.page.locator('#application-status').textContent()).toContain('已通过');
    await shot(admin, 'already-decided');
    expect(sanya.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });

  it('the member’s card shows the new union and a card number of the new region; he rates the service', async () => {
    const { page } = member;
    const me = page.waitForResponse(isApi('/api/me', 'GET'));
    await openRoute(page, h5Url, '/pages/me/index', 'me-page');
    const { member: profile } = (await (await me).json()) as MeResponse;
    expect(profile?.union).toEqual(TO);
    await expect.poll(() => page.locator('#card-union').textContent()).toBe(TO.name);
    expect(await page.locator('#card-union-path').textContent()).toContain('三亚市总工会');
    // The card number comes with the next card QR (GET /api/me/card), a moment after the profile.
    await expect.poll(async () => digits(await page.locator('#card-number').textContent())).not.toBe(oldCard);
    const newCard = digits(await page.locator('#card-number').textContent());
    expect(profile?.card.number).toBe(newCard);
    expect(newCard.slice(2, 4), 'a card of 三亚 (02)').toBe('02');
    await shot(member, 'card');

    await page.locator('#me-applications').click();
    const card = page.locator(`#application-${applicationId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('已通过');
    expect(await card.textContent()).toContain('待评价');
    await settled(page, '#applications-list');
    await shot(member, 'mine');
    await card.click();
    await page.locator('#rating-form').waitFor();
    const rating = page.waitForResponse(isApi(`/api/applications/${applicationId}/rating`, 'POST'));
    await page.locator('#rating-level-4').click();
    await page.locator('#rating-comment textarea').fill('两级审核都很及时');
    await page.locator('#rating-form').scrollIntoViewIfNeeded();
    await shot(member, 'rating-form');
    await page.locator('#rating-submit').click();
    expect((await rating).status()).toBe(200);
    await expect.poll(() => page.locator('#application-rating').textContent()).toContain('满意');
    expect(await page.locator('#rating-form').count()).toBe(0);
    expect(await page.locator('#application-steps').textContent()).toMatch(/转入工会接收已同意/);
    await shot(member, 'rated');
    expect(member.errors).toEqual([]);
  });

  it('a new account applies to join: inline checks, birth date and sex read from the ID number, the union found by its work unit', async () => {
    const applicant = await phone();
    const { page } = applicant;
    await logIn(page, h5Url, `e2e-join-${Date.now().toString(36)}`);
    await openRoute(page, h5Url, '/pages/services/index', 'services-page');
    await expect.poll(() => page.locator('#services-join').textContent()).toContain('填写入会信息');
    expect(await page.locator('#services-transfer').textContent()).toContain('绑定会员身份后可办理');
    await page.locator('#services-join').click();
    await page.locator('#join-form').waitFor();

    // In steps: 下一步 checks the first step's fields and the ID number's own consent first.
    expect(await page.locator('#join-steps').textContent()).toContain('选择工会');
    await page.locator('#join-next').click();
    await expect.poll(() => page.locator('#field-name-error').textContent()).toBe('请填写姓名');
    expect(await page.locator('#join-id-consent-error').textContent()).toBe('请先阅读并同意身份证号的使用说明');
    expect(await page.locator('#join-form-error').textContent()).toBe('请按提示修改标红的内容');
    expect(await page.locator('#join-workUnit').count()).toBe(0);

    const idNumber = makeIdNumber('female');
    const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    await page.locator('#join-name input').fill('黎秀梅');
    await page.locator('#join-idNumber input').fill(idNumber);
    // Read from the ID number: the birth date typed in, 女 chosen.
    await expect.poll(() => page.locator('#join-birthDate input').inputValue()).toBe(birthDate);
    expect(await page.locator('#join-sex-female').getAttribute('aria-checked')).toBe('true');
    await page.locator('#join-sex-male').click();
    await expect.poll(() => page.locator('#field-sex-error').textContent()).toBe('性别与身份证号不一致');
    await page.locator('#join-sex-female').click();
    await expect.poll(() => page.locator('#field-sex-error').count()).toBe(0);
    await page.locator('#join-id-consent').click();
    // 黎族: one of the groups offered first (the picker holds all 56).
    await page.locator('#join-ethnicity-common-1').click();
    await page.locator('#join-politicalStatus-masses').click();
    await page.locator('#join-next').click();

    await page.locator('#join-employmentStatus-employed').click();
    await page.locator('#join-workUnit input').fill('海口椰城公共交通有限公司');
    await page.locator('#join-education-vocational').click();
    await page.locator('#join-skillLevel-junior').click();
    await page.locator('#join-migrantWorker-yes').click();
    await page.locator('#join-householdRegistration input').fill('海南省琼中黎族苗族自治县营根镇');
    await page.locator('#join-residence input').fill('海口市龙华区金盘路');
    await page.locator('#join-next').click();

    // The last step: the union, and the phone verified with the filing.
    await page.locator('#join-submit').click();
    await expect.poll(() => page.locator('#field-targetOrgId-error').textContent()).toBe('请选择要加入的工会');
    await page.locator('#join-mobile input').fill(makePhone());
    const search = page.waitForResponse(isApi('/api/orgs', 'GET'));
    await page.locator('#join-target-input input').fill('公交');
    expect((await search).status()).toBe(200);
    await page.locator('#join-target-option-org-g-hk-bus').click();
    await expect.poll(() => page.locator('#join-target-chosen').textContent()).toBe('海口椰城公共交通有限公司工会');
    await shot(applicant, 'join-form');

    const filing = page.waitForResponse(isApi('/api/applications', 'POST'));
    await page.locator('#join-submit').click();
    const filed = await filing;
    expect(filed.status()).toBe(201);
    const { application } = (await filed.json()) as ApplicationResponse;
    expect(application).toMatchObject({ kind: 'join', status: 'pending', form: { kind: 'join', birthDate, sex: 'female', ethnicity: '黎族' } });
    await page.waitForURL(new RegExp(`#/apply/application/index\\?id=${application.id}`));
    await expect.poll(() => page.locator('#step-s1').textContent()).toContain('海口椰城公共交通有限公司工会');
    expect(await page.locator('#step-s1').textContent()).toContain('入会审核');
    // The ID number is shown masked only.
    const shown = (await page.locator('#application-detail').textContent())!;
    expect(shown).not.toContain(idNumber);
    expect(shown).toContain(`${idNumber.slice(0, 2)}**************${idNumber.slice(-2)}`);
    await settled(page, '#application-detail');
    await shot(applicant, 'join-filed');
    expect(applicant.errors).toEqual([]);
  });
});
