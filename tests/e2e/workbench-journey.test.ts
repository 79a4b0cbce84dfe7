/**
 * The officials' workbench in the H5 build in Chromium, against the whole local stack: the Haikou
 * federation's official adds a union (组织与权限), finds it in 操作记录 (filtered by kind), finds a
 * roster member by phone in 会员服务 and reads their masked profile, and opens 统计. (The roster
 * import's journey waits for the local stack to run the import worker.)
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPhone, type PhoneBrowser } from './browser';
import { isApi, logIn, openFromMe } from './journey';

const h5Url = inject('h5Url');
const run = Date.now().toString(36);

let phone: PhoneBrowser | undefined;
afterEach(async () => {
  await phone?.close();
  phone = undefined;
});

describe('workbench (H5 in Chromium)', () => {
  it('新增工会 → 操作记录 shows it; 会员服务 finds a member by phone, masked; 统计 opens', async () => {
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
    expect(await entry.innerText()).toContain('海口市总工会 干部');

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
    expect(phone.errors).toEqual([]);
  });
});
