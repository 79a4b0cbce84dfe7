/**
 * The member's journey through the H5 build in Chromium, against the whole local stack (DynamoDB
 * Local seeded with demo/demo-data.json, serverless-offline, the static server proxying /api):
 * demo log-in → real-name binding (a refusal, then success) → 我的 with the card and its QR.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import qrcode from 'qrcode-generator';
import type { Page, Response } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ErrorBody } from '../../functions/kernel/contracts/errors';
import type { CardResponse, MeResponse } from '../../functions/membership/contracts/me';
import { isValidCardNumber } from '../../functions/membership/domain/card-number';
import { openPhone, type PhoneBrowser } from './browser';

interface RosterMember {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  orgId: string;
}
interface DemoData {
  orgs: Array<{ id: string; name: string }>;
  members: RosterMember[];
  accounts: Array<{ openid: string; memberId?: string }>;
}

const demo = JSON.parse(readFileSync(join(__dirname, '../../demo/demo-data.json'), 'utf8')) as DemoData;
const preBound = new Set(demo.accounts.map((a) => a.memberId).filter(Boolean));
/** Roster members no demo account is bound to, from the end of the roster. */
const freeMembers = demo.members.filter((m) => !preBound.has(m.id)).reverse();
const memberToBind = freeMembers[0]!;
const memberForRefusal = freeMembers[1]!;

const h5Url = inject('h5Url');
const run = Date.now().toString(36);

let phone: PhoneBrowser | undefined;
afterEach(async () => {
  await phone?.close();
  phone = undefined;
});

function isApi(path: string, method: string) {
  return (response: Response) =>
    new URL(response.url()).pathname === path && response.request().method() === method;
}

async function logInAsNewDemoAccount(page: Page, name: string): Promise<void> {
  await page.goto(`${h5Url}/#/pages/me/index`);
  await page.locator('#me-login').click();
  await page.locator('#login-name input').fill(name);
  const login = page.waitForResponse(isApi('/api/auth/login', 'POST'));
  await page.locator('#login-submit').click();
  expect((await login).status()).toBe(200);
  // A new account is not bound yet: the app goes straight to the binding form.
  await page.locator('#binding-name input').waitFor();
}

async function fillBinding(page: Page, values: { name: string; idNumber: string; phone: string }) {
  await page.locator('#binding-name input').fill(values.name);
  await page.locator('#binding-id-number input').fill(values.idNumber);
  await page.locator('#binding-phone input').fill(values.phone);
  // The member agrees to the 会员信息授权说明 before the ID number is sent.
  await page.locator('#binding-consent').click();
  expect(await page.locator('#binding-consent').getAttribute('aria-checked')).toBe('true');
}

/** A phone number no roster member holds: what a hijacker who knows name and ID number would verify. */
function aStrangersPhone(): string {
  const taken = new Set(demo.members.map((m) => m.phone));
  for (let n = 13_000_000_000; ; n += 1) if (!taken.has(String(n))) return String(n);
}

describe('member journey (H5 in Chromium)', () => {
  it('checks the form inline and refuses, in Chinese, a binding with the right name and ID number but another phone', async () => {
    phone = await openPhone();
    const { page } = phone;
    await logInAsNewDemoAccount(page, `e2e-refused-${run}`);

    // Inline validation from the shared schema, before anything is sent.
    await page.locator('#binding-id-number input').fill('4601');
    await page.locator('#binding-id-number input').blur();
    await expect
      .poll(() => page.locator('.field-error[data-field="idNumber"]').textContent())
      .toBe('身份证号应为18位，最后一位可以是数字或X');

    await fillBinding(page, {
      name: memberForRefusal.name,
      idNumber: memberForRefusal.idNumber,
      phone: aStrangersPhone(),
    });
    expect(await page.locator('.field-error').count()).toBe(0);

    const binding = page.waitForResponse(isApi('/api/me/binding', 'POST'));
    await page.locator('#binding-submit').click();
    const response = await binding;
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('IDENTITY_NOT_MATCHED');

    // The member sees the server's message as is: Chinese, no code, no internals.
    const shown = page.locator('#form-error');
    await shown.waitFor();
    expect(await shown.textContent()).toBe(body.error.message);
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/u);
    // Still on the binding page, nothing bound.
    expect(await page.locator('#card-number').count()).toBe(0);
    expect(phone.errors).toEqual([]);
  });

  it('logs in as a new demo account, binds to a roster member and shows the card with a live QR', async () => {
    phone = await openPhone();
    const { page } = phone;
    await logInAsNewDemoAccount(page, `e2e-member-${run}`);

    await fillBinding(page, memberToBind);
    const binding = page.waitForResponse(isApi('/api/me/binding', 'POST'));
    const card = page.waitForResponse(isApi('/api/me/card', 'GET'));
    await page.locator('#binding-submit').click();
    const bound = (await (await binding).json()) as MeResponse;
    expect(bound.member?.id).toBe(memberToBind.id);

    // 我的: the card of exactly this member.
    const cardBody = (await (await card).json()) as CardResponse;
    await page.locator('#card-number').waitFor();
    const shownNumber = (await page.locator('#card-number').textContent())!;
    expect(shownNumber).toMatch(/^[\dX]{4}( [\dX]{4}){3}$/);
    expect(shownNumber.replace(/ /g, '')).toBe(cardBody.number);
    expect(isValidCardNumber(cardBody.number)).toBe(true);
    expect(await page.locator('#card-member-name').textContent()).toBe(memberToBind.name);
    const union = demo.orgs.find((o) => o.id === memberToBind.orgId)!;
    expect(await page.locator('#card-union').textContent()).toBe(union.name);
    expect(await page.locator('#card-union-path').textContent()).toContain('海南省总工会');

    // Personal data appears masked only.
    const pageText = (await page.locator('#me-page').textContent())!;
    expect(pageText).not.toContain(memberToBind.idNumber);
    expect(pageText).not.toContain(memberToBind.phone);
    expect(await page.locator('#me-id-number').textContent()).toMatch(/^\d{2}\*{14}[\dX]{2}$/);
    expect(await page.locator('#me-phone').textContent()).toMatch(/^1\d{2}\*{4}\d{4}$/);

    // The QR as laid out by Chromium encodes exactly the payload the API handed out.
    await page.locator('#card-qr .member-qr__run').first().waitFor();
    const drawn = await page.evaluate(() => {
      const root = document.querySelector('#card-qr')!;
      const rows = Array.from(root.querySelectorAll('.member-qr__row'));
      return rows.map((row) => {
        const rowBox = row.getBoundingClientRect();
        const cell = rowBox.height;
        const modules = Array.from({ length: rows.length }, () => false);
        for (const run of Array.from(row.querySelectorAll('.member-qr__run'))) {
          const box = run.getBoundingClientRect();
          const start = Math.round((box.left - rowBox.left) / cell);
          const length = Math.round(box.width / cell);
          for (let c = start; c < start + length; c += 1) modules[c] = true;
        }
        return modules;
      });
    });
    const qr = qrcode(0, 'M');
    qr.addData(cardBody.qr.payload, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    const expected = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
    expect(drawn).toEqual(expected);

    // The code fits a phone screen and sits fully in view.
    const box = (await page.locator('#card-qr').boundingBox())!;
    expect(box.width).toBeGreaterThan(150);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);

    await page.screenshot({ path: join('/tmp', 'e2e-member-card.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
  });
});
