/**
 * The officials' workbench in the H5 build in Chromium, against the whole local stack: the Haikou
 * federation's official adds a union (组织与权限), finds it in 操作记录 (filtered by kind), finds a
 * roster member by phone in 会员服务 and reads their masked profile, and opens 统计. In 实名制录入 a
 * CSV with some bad rows, picked with the browser's file input, goes to the local S3 with the
 * presigned POST; the job is started and followed to its end (locally each progress poll of the page
 * drives it), its report read on the page with the reasons in Chinese; then a fresh account binds as
 * one of the newly imported members and is shown the membership card.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { makeIdNumber, makePhone } from '../support/ids';
import { openPhone, type PhoneBrowser } from './browser';
import { bindOnForm, isApi, logIn, openFromMe } from './journey';

const h5Url = inject('h5Url');
const run = Date.now().toString(36);

let phone: PhoneBrowser | undefined;
afterEach(async () => {
  await phone?.close();
  phone = undefined;
});

describe('workbench (H5 in Chromium)', () => {
  it('新增工会 → 操作记录 shows it; 会员服务 finds a member by phone, masked; 统计 opens with its charts drawn', async () => {
    phone = await openPhone();
    const { page } = phone;
    await logIn(page, h5Url, 'haikou');

    await openFromMe(page, h5Url, 'me-orgs');
    await page.locator('#org-new-parent-org-haikou').waitFor();
    const unionName = `海口测试工会${run}`;
    await page.locator('#org-new-name input').fill(unionName);
    const created = page.waitForResponse(isApi('/api/admin/orgs', 'POST'));
    await page.locator('#org-new-submit').click();
    expect((await created).status()).toBe(201);
    await expect.poll(() => page.locator('#org-new-result').innerText()).toContain(`已新增 ${unionName}`);

    await openFromMe(page, h5Url, 'me-audit');
    await page.locator('#audit-kind-org').waitFor();
    const filtered = page.waitForResponse((r) => isApi('/api/admin/audit', 'GET')(r) && r.url().includes('action=org'));
    await page.locator('#audit-kind-org').click();
    expect((await filtered).status()).toBe(200);
    const entry = page.locator('#audit-list .wb-card').filter({ hasText: unionName }).first();
    await entry.waitFor();
    expect(await entry.innerText()).toContain('新增工会');
    expect(await entry.innerText()).toContain('海口市总工会 干部 新增了工会「');
    expect(await entry.innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    // 操作记录 in plain words: no JSON, no raw milliseconds, no openid, no English field name or code.
    const trail = await page.locator('#audit-list').innerText();
    expect(trail).not.toMatch(/[{}"]/);
    expect(trail).not.toMatch(/\d{10,}/);
    expect(trail).not.toMatch(/dev-|\*{4}[a-z]/i);
    // (The test's union name carries a random Latin suffix: that is data, not an internal.)
    expect(trail.split(unionName).join('').replace(/受理编号 [0-9A-Z-]+/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    expect(await entry.innerText()).not.toContain('「—」');

    await openFromMe(page, h5Url, 'me-members');
    await page.locator('#members-q input').fill('15913646173');
    const found = page.waitForResponse(isApi('/api/admin/members', 'GET'));
    await page.locator('#members-search').click();
    expect((await found).status()).toBe(200);
    await page.locator('#members-list .wb-card').first().click();
    await page.locator('#member-identity').waitFor();
    expect(await page.locator('#member-identity').innerText()).toContain('王海涛');
    expect(await page.locator('#member-id-number').innerText()).toContain('46**************36');
    expect(await page.locator('#member-phone').innerText()).toContain('159****6173');

    await openFromMe(page, h5Url, 'me-stats');
    await page.locator('#stats-ready').waitFor();
    expect(await page.locator('#stats-scope').innerText()).toContain('海口市总工会');
    expect(await page.locator('#stats-joined .stats-bar').count()).toBe(12);
    // Each series is drawn once, as bars with their labels and figures as text: no canvas repeats it,
    // and no label runs into its bar or figure.
    expect(await page.locator('#stats-page canvas').count()).toBe(0);
    const overlaps = await page.locator('#stats-joined .stats-bar').evaluateAll((rows) =>
      rows.filter((row) => {
        const [label, track, value] = ['label', 'track', 'value'].map((part) => row.querySelector(`[class*="stats-bar__${part}"]`)!.getBoundingClientRect());
        return label!.right > track!.left + 0.5 || track!.right > value!.left + 0.5;
      }).length,
    );
    expect(overlaps).toBe(0);
    expect(phone.errors).toEqual([]);
  });

  it('实名制录入: a CSV with bad rows is imported, its report read on the page, and a new member binds and gets a card', async () => {
    phone = await openPhone();
    const { page } = phone;
    await logIn(page, h5Url, 'haikou');
    await openFromMe(page, h5Url, 'me-roster-import');
    await page.locator('#import-pick').waitFor();

    // Two new members of a Haikou union, then three rows the import refuses.
    const newcomers = [
      { name: '椰城新会员甲', idNumber: makeIdNumber('male'), phone: makePhone() },
      { name: '椰城新会员乙', idNumber: makeIdNumber('female'), phone: makePhone() },
    ];
    const valid = makeIdNumber();
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
    const csv = [
      '姓名,身份证号,手机号,工会编号',
      ...newcomers.map((m) => `${m.name},${m.idNumber},${m.phone},org-g-hk-bus`),
      `校验位错误,${wrongCheck},${makePhone()},org-g-hk-bus`,
      `重复身份证,${newcomers[0]!.idNumber},${makePhone()},org-g-hk-bus`,
      `三亚会员,${makeIdNumber()},${makePhone()},org-g-sy-hotel`,
    ].join('\r\n');
    const fileName = `名册-${run}.csv`;

    const chooser = page.waitForEvent('filechooser');
    await page.locator('#import-pick').click();
    await (await chooser).setFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`, 'utf8') });
    await expect.poll(() => page.locator('#import-picked').innerText()).toContain(fileName);

    const created = page.waitForResponse(isApi('/api/admin/roster-imports', 'POST'));
    const stored = page.waitForResponse((r) => r.request().method() === 'POST' && !new URL(r.url()).pathname.startsWith('/api/'));
    const started = page.waitForResponse(isApi(/^\/api\/admin\/roster-imports\/[^/]+\/start$/, 'POST'));
    await page.locator('#import-send').click();
    expect((await created).status()).toBe(201);
    expect((await stored).status()).toBeLessThan(300);
    expect((await started).status()).toBe(200);
    await page.locator('#import-job').waitFor();
    expect(await page.locator('#import-job').innerText()).toContain(fileName);

    // Locally each progress poll of the page drives the job a little: it ends on its own.
    await expect.poll(() => page.locator('#import-status').innerText(), { timeout: 30_000, interval: 500 }).toBe('导入完成');
    const count = (key: string) => page.locator(`#import-count-${key} .import-count__value`).innerText();
    expect(await count('read')).toBe('5');
    expect(await count('written')).toBe('2');
    expect(await count('refused')).toBe('3');
    expect(await count('changed')).toBe('0');

    // The row-level report on the page: the refused rows with their reasons in Chinese, IDs masked.
    await page.locator('#import-report').waitFor();
    expect(await page.locator('#import-report .panel__title').innerText()).toContain('共 3 行');
    const line = async (row: number) => {
      const shown = page.locator(`#import-line-${row}`);
      return { code: await shown.getAttribute('data-code'), text: await shown.innerText() };
    };
    const checkLine = await line(4);
    expect(checkLine.code).toBe('ID_CHECK_CHARACTER');
    expect(checkLine.text).toContain('校验位错误');
    expect(checkLine.text).toContain('未导入');
    expect(checkLine.text).toContain('身份证号校验位不正确，请核对是否录入有误');
    const duplicate = await line(5);
    expect(duplicate.code).toBe('DUPLICATE_ID_IN_FILE');
    expect(duplicate.text).toContain('身份证号与文件中前面的行重复（第 2 行）');
    const outside = await line(6);
    expect(outside.code).toBe('UNION_OUTSIDE_SCOPE');
    expect(outside.text).toContain('该工会不在您管理的范围内，不能导入');
    expect(await page.locator('#import-report .import-line').count()).toBe(3);
    const reportText = await page.locator('#import-report').innerText();
    for (const m of newcomers) expect(reportText).not.toContain(m.idNumber);
    expect(phone.errors).toEqual([]);
    await phone.close();
    phone = undefined;

    // A fresh WeChat account binds as the second newcomer (the demo phone field stands in for
    // WeChat's phone verification) and is shown its membership card.
    phone = await openPhone();
    const member = phone.page;
    const newcomer = newcomers[1]!;
    await logIn(member, h5Url, `e2e-imported-${run}`);
    await member.locator('#binding-name input').waitFor();
    expect((await bindOnForm(member, newcomer)).status()).toBe(200);
    await member.locator('#card-number').waitFor();
    expect(await member.locator('#card-number').innerText()).toMatch(/^[\dX]{4}( [\dX]{4}){3}$/);
    expect(await member.locator('#card-member-name').innerText()).toBe(newcomer.name);
    expect(await member.locator('#card-union').innerText()).toBe('海口椰城公共交通有限公司工会');
    expect(phone.errors).toEqual([]);
  }, 120_000); // two browsers and an import that may take several polls on busy cores
});
