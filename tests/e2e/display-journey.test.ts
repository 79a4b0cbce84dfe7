/**
 * How the app reads on a phone (issue 15, items 4 and 12), in the H5 build in Chromium against the
 * whole local stack: 长辈版 switched on in 我的 (computed font sizes and tap-target heights, kept
 * after a reload), and every page at 320 px wide without horizontal overflow, a wrapped card number
 * or a broken status pill — the subpackages too (职工驿站 and its 维护, 我的订单, draws, 补贴发放, 题库, 开奖).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPhone, type PhoneBrowser } from './browser';
import { logIn, openRoute } from './journey';

const h5Url = inject('h5Url');

let phone: PhoneBrowser | undefined;
afterEach(async () => {
  await phone?.close();
  phone = undefined;
});

/** Computed CSS pixels of the first element matching the selector. */
const px = (page: Page, selector: string, property: 'font-size' | 'height' | 'min-height') =>
  page.locator(selector).first().evaluate((el, prop) => parseFloat(getComputedStyle(el).getPropertyValue(prop)), property);

/** Waits until the page Taro slid in has arrived and nothing on it says 正在加载. */
async function settle(page: Page, rootId: string): Promise<void> {
  await expect.poll(async () => (await page.locator(`#${rootId}`).boundingBox())?.x ?? 99, { timeout: 10_000 }).toBeLessThan(1);
  await page
    .waitForFunction((id) => !document.getElementById(id)?.innerText.includes('正在加载'), rootId, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle').catch(() => undefined);
}

/**
 * What runs past the right edge of a 320 px screen on the page shown: the widest scroll width from
 * the page's root up to the document (Taro's H5 page container scrolls, so the document alone stays
 * 320 px wide while the page inside it scrolls sideways), and each element whose box leaves the
 * viewport outside a scroller or clip inside the page that is meant to hold it (a tab row).
 */
function overflowOf(page: Page, rootId: string) {
  return page.evaluate((id) => {
    const root = document.getElementById(id)!;
    const width = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || (box.right <= width + 0.5 && box.left >= -0.5)) continue;
      let held = false;
      for (let up = el.parentElement; up && up !== root; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') held = true;
      }
      if (!held) offenders.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    // A pill or a card number that wrapped onto a second line.
    const wrapped = [...root.querySelectorAll<HTMLElement>('.status-tag, .nut-tag, #card-number, .benefit-badge, .app-tag')]
      .filter((el) => {
        const lines = el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '0');
        return Number.isFinite(lines) && lines >= 1.9;
      })
      .map((el) => `${el.className} 「${el.innerText}」`);
    let scrollWidth = 0;
    for (let up: HTMLElement | null = root; up; up = up.parentElement) scrollWidth = Math.max(scrollWidth, up.scrollWidth);
    return { scrollWidth, offenders: offenders.slice(0, 5), wrapped };
  }, rootId);
}

/** The id of the first item a list answers (GET path), read with the session the page holds. */
async function firstId(page: Page, path: string, pick: (body: Record<string, unknown>) => string | undefined): Promise<string | undefined> {
  const body = await page.evaluate(async (url) => {
    const raw = localStorage.getItem('puhui.session');
    const stored = raw ? (JSON.parse(raw) as { data?: { token?: string }; token?: string }) : null;
    const token = stored?.data?.token ?? stored?.token ?? '';
    const answer = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    return answer.ok ? ((await answer.json()) as Record<string, unknown>) : {};
  }, path);
  return pick(body);
}

const firstOf = (key: string) => (body: Record<string, unknown>) => (body[key] as Array<{ id: string }> | undefined)?.[0]?.id;

/** The demo's draws (demo/demo-draws.json): the question bank, the instant draw's and the scheduled draw's benefits. */
const DEMO_DRAWS = JSON.parse(readFileSync(new URL('../../demo/demo-draws.json', import.meta.url), 'utf8')) as {
  bank: { id: string };
  instant: { benefitId: string };
  scheduled: { benefitId: string };
};

/** The ids of the demo's two draws, as their benefits' pages name them. */
async function demoDraws(page: Page): Promise<{ instant: string; scheduled: string }> {
  const drawOf = (body: Record<string, unknown>) => (body.draw as { id: string } | null | undefined)?.id;
  const instant = await firstId(page, `/api/benefits/${DEMO_DRAWS.instant.benefitId}`, drawOf);
  const scheduled = await firstId(page, `/api/benefits/${DEMO_DRAWS.scheduled.benefitId}`, drawOf);
  expect({ instant, scheduled }, 'the demo draws').toEqual({ instant: expect.any(String), scheduled: expect.any(String) });
  return { instant: instant!, scheduled: scheduled! };
}

describe('长辈版 (H5 in Chromium)', () => {
  it('switched on in 我的: text ≥ 18 px, secondary ≥ 16 px, buttons ≥ 44 px, the main action ≥ 60 px, on every page and after a reload', async () => {
    phone = await openPhone();
    const { page } = phone;
    await logIn(page, h5Url, 'member');
    await openRoute(page, h5Url, '/pages/me/index', 'me-page');
    await settle(page, 'me-page');
    // Standard display first: the secondary grey is readable (≥ 4.5:1) but the text is small.
    expect(await px(page, '#me-page', 'font-size')).toBeLessThan(18);

    await page.locator('#display-mode').click();
    await expect.poll(() => page.locator('#me-page').getAttribute('class')).toContain('page--elder');
    expect(await page.locator('#display-mode').getAttribute('aria-label')).toBe('长辈版，已开启');
    expect(await px(page, '#me-page', 'font-size')).toBeGreaterThanOrEqual(18);
    expect(await px(page, '#me-page .me-row__label, #me-page .muted', 'font-size')).toBeGreaterThanOrEqual(16);
    expect(await px(page, '#display-mode', 'height')).toBeGreaterThanOrEqual(60);
    expect(await px(page, '#me-logout', 'height')).toBeGreaterThanOrEqual(44);

    // Remembered: a reload (a new launch) opens large, and so does every page.
    await page.reload();
    for (const [route, root] of [
      ['/pages/services/index', 'services-page'],
      ['/pages/benefits/index', 'benefits-page'],
      ['/pages/applications/index', 'applications-page'],
      ['/apply/transfer/index', 'transfer-page'],
    ] as const) {
      await openRoute(page, h5Url, route, root);
      await settle(page, root);
      expect(await page.locator(`#${root}`).getAttribute('class'), route).toContain('page--elder');
      expect(await px(page, `#${root}`, 'font-size'), route).toBeGreaterThanOrEqual(18);
      for (const el of await page.locator(`#${root} .muted, #${root} .form-field__hint, #${root} .app-card__meta`).all()) {
        if (await el.isVisible()) expect(await el.evaluate((n) => parseFloat(getComputedStyle(n).fontSize)), `${route} secondary`).toBeGreaterThanOrEqual(16);
      }
      for (const button of await page.locator(`#${root} .nut-button`).all()) {
        if (await button.isVisible()) expect((await button.boundingBox())!.height, `${route} button`).toBeGreaterThanOrEqual(44);
      }
      for (const main of await page.locator(`#${root} .nut-button-block.nut-button-primary`).all()) {
        if (await main.isVisible()) expect((await main.boundingBox())!.height, `${route} main action`).toBeGreaterThanOrEqual(60);
      }
    }

    // And off again: the standard sizes come back.
    await openRoute(page, h5Url, '/pages/me/index', 'me-page');
    await page.locator('#display-mode').click();
    await expect.poll(() => page.locator('#me-page').getAttribute('class')).not.toContain('page--elder');
    expect(await px(page, '#me-page', 'font-size')).toBeLessThan(18);
    expect(phone.errors).toEqual([]);
  });
});

describe('320 px wide (H5 in Chromium)', () => {
  /** Opens each route at 320 × 640 and collects what overflows or wraps. */
  async function check(page: Page, routes: ReadonlyArray<readonly [string, string]>): Promise<Record<string, unknown>> {
    const problems: Record<string, unknown> = {};
    for (const [route, root] of routes) {
      await openRoute(page, h5Url, route, root);
      await settle(page, root);
      const found = await overflowOf(page, root);
      if (found.scrollWidth > 320 || found.offenders.length > 0 || found.wrapped.length > 0) problems[route] = found;
    }
    return problems;
  }

  it('a member’s pages', async () => {
    phone = await openPhone();
    const { page } = phone;
    await page.setViewportSize({ width: 320, height: 640 });
    await openRoute(page, h5Url, '/pages/login/index', 'login-page');
    expect(await check(page, [['/pages/login/index', 'login-page']])).toEqual({});
    // The check sees what it is for: a block 400 px wide and a pill broken over two lines.
    await page.locator('#login-page').evaluate((root) => {
      const wide = document.createElement('div');
      wide.id = 'too-wide';
      wide.style.width = '400px';
      wide.style.height = '10px';
      const pill = document.createElement('span');
      pill.className = 'status-tag';
      pill.style.cssText = 'display:inline-block;width:20px;line-height:20px';
      pill.textContent = '审核中审核中';
      root.append(wide, pill);
    });
    const seen = await overflowOf(page, 'login-page');
    expect(seen.scrollWidth).toBeGreaterThan(320);
    expect(seen.offenders.join()).toContain('div#too-wide');
    expect(seen.wrapped.join()).toContain('审核中');
    await page.locator('#too-wide').evaluate((el) => {
      el.nextElementSibling?.remove();
      el.remove();
    });
    // 吴振华 (hotel): a bound member with the demo's transfer application in progress.
    await logIn(page, h5Url, 'hotel');
    const benefit = await firstId(page, '/api/benefits', firstOf('items'));
    const application = await firstId(page, '/api/me/applications', firstOf('items'));
    expect({ benefit, application }, 'a benefit and an application of 吴振华 to open').toEqual({ benefit: expect.any(String), application: expect.any(String) });
    const draws = await demoDraws(page);
    const routes = [
      ['/pages/home/index', 'home-page'],
      ['/pages/benefits/index', 'benefits-page'],
      ['/pages/services/index', 'services-page'],
      ['/pages/me/index', 'me-page'],
      ['/pages/card/index', 'card-page'],
      ['/pages/messages/index', 'messages-page'],
      ['/pages/coupons/index', 'coupons-page'],
      ['/pages/applications/index', 'applications-page'],
      [`/apply/application/index?id=${application}`, 'application-page'],
      [`/pages/benefit/index?id=${benefit}`, 'benefit-page'],
      ['/apply/transfer/index', 'transfer-page'],
      ['/apply/join/index', 'join-page'],
      ['/pages/binding/index', 'binding-page'],
      ['/apply/subsidy/index', 'subsidy-page'],
      ['/privacy/index', 'privacy-page'],
      ['/privacy/document/index?id=member-consent', 'privacy-document-page'],
      ['/privacy/export/index', 'privacy-export-page'],
      ['/privacy/closing/index', 'account-closing-page'],
      // The subpackages a member opens: 职工驿站, 我的订单, a draw's public page and its 答题.
      ['/stations/finder/index', 'stations-page'],
      ['/orders/list/index', 'orders-page'],
      [`/draws/draw/index?id=${draws.scheduled}`, 'draw-page'],
      [`/draws/quiz/index?drawId=${draws.instant}`, 'quiz-page'],
    ] as const;
    expect(await check(page, routes)).toEqual({});
    expect(phone.errors).toEqual([]);
  });

  it('an official’s and a clerk’s pages', async () => {
    phone = await openPhone();
    const { page } = phone;
    await page.setViewportSize({ width: 320, height: 640 });
    // The province's official: every benefit and application of the demo lies in their subtree.
    await logIn(page, h5Url, 'province');
    const benefit = await firstId(page, '/api/admin/benefits', firstOf('items'));
    const application = await firstId(page, '/api/admin/applications', firstOf('items'));
    const member = await firstId(page, '/api/admin/members?q=%E7%8E%8B', firstOf('items'));
    const routes = [
      ['/workbench/desk/index', 'desk-page'],
      ['/staff/benefits/index', 'staff-benefits-page'],
      ['/staff/benefit-edit/index', 'staff-benefit-edit-page'],
      ['/staff/applications/index', 'staff-applications-page'],
      ['/staff/follow-ups/index', 'staff-follow-ups-page'],
      ['/staff/satisfaction/index', 'staff-satisfaction-page'],
      ['/staff/campaigns/index', 'staff-campaigns-page'],
      ['/workbench/audit/index', 'audit-page'],
      ['/workbench/roster-import/index', 'roster-import-page'],
      ['/workbench/members/index', 'members-page'],
      ['/workbench/orgs/index', 'orgs-page'],
      ['/workbench/stats/index', 'stats-page'],
      ...(benefit ? ([[`/staff/benefit/index?id=${benefit}`, 'staff-benefit-page']] as const) : []),
      ...(application ? ([[`/staff/application/index?id=${application}`, 'staff-application-page']] as const) : []),
      ...(member ? ([[`/workbench/member/index?id=${member}`, 'member-page']] as const) : []),
      // 补贴发放, the draws' 题库 and 开奖, 职工驿站维护.
      ['/workbench/payouts/index', 'payouts-page'],
      ['/workbench/question-banks/index', 'banks-page'],
      [`/workbench/question-bank/index?id=${DEMO_DRAWS.bank.id}`, 'bank-page'],
      [`/workbench/draw-admin/index?benefitId=${DEMO_DRAWS.scheduled.benefitId}`, 'draw-admin-page'],
      ['/workbench/stations/index', 'stations-admin-page'],
    ] as const;
    expect({ benefit, application, member }, 'a benefit, an application and a member to open').toEqual({
      benefit: expect.any(String),
      application: expect.any(String),
      member: expect.any(String),
    });
    expect(await check(page, routes)).toEqual({});

    await logIn(page, h5Url, 'clerk', { stay: true });
    expect(await check(page, [['/staff/redeem/index', 'redeem-page']])).toEqual({});
    expect(phone.errors).toEqual([]);
  });
});
