/**
 * 会员实名绑定 (pages/binding/index) of the WeChat build: the phone number is proven with WeChat's
 * 手机号快速验证 — `<button open-type="getPhoneNumber">` — and only its code reaches the API.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { bindingRequest } from '../../functions/membership/contracts/me';
import { bootWeapp, builtins, missingTemplates, textOf, waitFor, type SimComponent, type WeappHarness } from './harness';

const VALID_ID = '11010519491231002X';

let server: Server;
let origin: string;
const bindings: unknown[] = [];
let harness: WeappHarness | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && req.url === '/api/me/binding') {
        bindings.push(JSON.parse(raw));
        res.statusCode = 400;
        res.end(JSON.stringify({ error: { code: 'IDENTITY_NOT_MATCHED', message: '姓名、身份证号与微信验证的手机号不属于同一位会员' } }));
        return;
      }
      res.end(JSON.stringify({ roles: [], member: null }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

/** Built-in components are stubs under simulate: send their events as WeChat would. */
function input(page: SimComponent, selector: string, value: string) {
  const node = page.querySelector(`${selector} input`) ?? page.querySelector(selector);
  if (!node) throw new Error(`no input ${selector}`);
  node.dispatchEvent('input', { detail: { value } });
}


const phoneAnswer = (page: SimComponent, detail: Record<string, string>) =>
  page.querySelector('#binding-submit')!.dispatchEvent('getphonenumber', { detail });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('会员实名绑定 in the WeChat build', () => {
  test('asks WeChat to verify the phone only once the form is valid, and sends only the code WeChat gives', async () => {
    harness = bootWeapp({
      apiOrigin: origin,
      storage: { 'puhui.session': { token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
    });
    const page = harness.mountPage('pages/binding/index');
    await waitFor(() => page.querySelector('#binding-submit'), { message: 'binding form' });
    // No phone field in WeChat: the number comes from WeChat, not from typing.
    expect(page.querySelector('#binding-phone')).toBeFalsy();
    expect(builtins(page, 'input')).toHaveLength(2);

    // Before the form is valid the button is a plain one: a tap shows what is missing, and no
    // getPhoneNumber answer is listened to (a verification is billed and its code single-use).
    phoneAnswer(page, { errMsg: 'getPhoneNumber:ok', code: 'too-early' });
    page.querySelector('#binding-submit')!.dispatchEvent('tap', { detail: { x: 0, y: 0 } });
    await waitFor(() => textOf(page).includes('请填写身份证号') && textOf(page).includes('请阅读并勾选同意'), {
      message: 'inline errors after tap',
    });
    await pause(200);
    expect(bindings).toEqual([]);

    input(page, '#binding-name', '王海涛');
    input(page, '#binding-id-number', VALID_ID);
    page.querySelector('#binding-consent')!.dispatchEvent('tap', { detail: { x: 0, y: 0 } });
    await waitFor(() => !textOf(page).includes('请填写身份证号') && !textOf(page).includes('请阅读并勾选同意'), {
      message: 'form valid',
    });

    phoneAnswer(page, { errMsg: 'getPhoneNumber:fail user deny' });
    await waitFor(() => textOf(page).includes('需要验证您在工会登记的手机号'), { message: 'declined verification explained' });
    phoneAnswer(page, { errMsg: 'getPhoneNumber:ok', code: 'wx-phone-code-123' });
    await waitFor(() => bindings.length === 1, { message: 'POST /api/me/binding' });
    expect(bindings[0]).toEqual({ name: '王海涛', idNumber: VALID_ID, phoneCode: 'wx-phone-code-123', consent: true });
    expect(bindingRequest.safeParse(bindings[0]).success).toBe(true);
    // The server's refusal is shown as it came.
    await waitFor(() => textOf(page).includes('不属于同一位会员'), { message: 'refusal shown' });
    expect(missingTemplates(harness.wxmlRuntimeLines)).toEqual([]);
  });
});
