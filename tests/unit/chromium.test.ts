/**
 * Which Chromium the browser tests launch (tests/e2e/browser.ts), and a real launch of the one that
 * comes with `npm install` (@sparticuz/chromium) even where Debian's is installed, so the fallback a
 * machine without apt's Chromium depends on cannot rot unnoticed.
 */
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import packaged from '@sparticuz/chromium';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  SYSTEM_CHROMIUM,
  chooseChromium,
  npmChromiumArgs,
  openPhone,
  type PhoneBrowser,
} from '../e2e/browser';

describe('chooseChromium', () => {
  it("uses Debian's Chromium when it is installed", () => {
    const choice = chooseChromium({ override: undefined, exists: (path) => path === SYSTEM_CHROMIUM });
    expect(choice).toEqual({ kind: 'path', executablePath: SYSTEM_CHROMIUM, source: 'system' });
  });

  it('falls back to the npm Chromium when it is not', () => {
    expect(chooseChromium({ override: undefined, exists: () => false })).toEqual({ kind: 'npm' });
  });

  it('follows CHROMIUM_PATH: a path, or "npm" even where Debian\'s is installed', () => {
    const everywhere = () => true;
    expect(chooseChromium({ override: '/opt/chromium/chrome', exists: everywhere })).toEqual({
      kind: 'path',
      executablePath: '/opt/chromium/chrome',
      source: 'CHROMIUM_PATH',
    });
    expect(chooseChromium({ override: 'npm', exists: everywhere })).toEqual({ kind: 'npm' });
    expect(chooseChromium({ override: '', exists: everywhere })).toMatchObject({ source: 'system' });
  });
});

describe('npmChromiumArgs', () => {
  const args = npmChromiumArgs(packaged.args);

  it('keeps our closed-network flags and adds the package flags once', () => {
    expect(args.slice(0, CHROMIUM_ARGS.length)).toEqual(CHROMIUM_ARGS);
    expect(args).toEqual(expect.arrayContaining(['--disable-background-networking', '--no-pings', '--no-zygote']));
    expect(new Set(args).size).toBe(args.length);
  });

  it('leaves out the Lambda flags that change what a page may do or replace Playwright’s', () => {
    expect(packaged.args).toContain('--disable-web-security'); // what is being filtered is really there
    for (const arg of args) {
      expect(arg).not.toMatch(
        /^--(single-process|disable-web-security|allow-running-insecure-content|disable-site-isolation-trials|(disable|enable)-features=.*|headless=.*)$/,
      );
    }
  });
});

/** The pinned package version, e.g. 153.0.0: it ships Chromium of the same major version (153.x). */
const pinned = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
}).devDependencies['@sparticuz/chromium']!;
const major = pinned.split('.')[0]!;

describe('the npm Chromium (@sparticuz/chromium), launched like the e2e tests do', () => {
  let phone: PhoneBrowser | undefined;
  const servers: Server[] = [];
  afterAll(async () => {
    await phone?.close();
    for (const server of servers) server.close();
  });

  /** A loopback HTTP server; returns its origin. */
  async function listen(handler: RequestListener): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('opens a page with Chinese text and reads it back', { timeout: 120_000 }, async () => {
    phone = await openPhone({ kind: 'npm' });
    expect(phone.executablePath).not.toBe(SYSTEM_CHROMIUM);
    expect(phone.executablePath).toMatch(/node_modules\/\.cache\/sparticuz-chromium-[^/]+\/chromium$/);
    expect(phone.executablePath).toContain(`sparticuz-chromium-${pinned}/`);
    expect(phone.context.browser()?.version()).toMatch(new RegExp(`^${major}\\.`));

    const html =
      '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
      '<h1 id="title">海南工会云 · 普惠</h1>';
    await phone.page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    expect(await phone.page.locator('#title').textContent()).toBe('海南工会云 · 普惠');
    expect(await phone.page.evaluate(() => [window.innerWidth, navigator.language])).toEqual([375, 'zh-CN']);
    expect(phone.errors).toEqual([]);
  });

  it('keeps the same-origin rule: another origin is readable only with CORS headers', { timeout: 60_000 }, async () => {
    phone ??= await openPhone({ kind: 'npm' });
    // Two loopback origins (ports): the page comes from one and reads from the other.
    const page = await listen((_request, response) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end('<!doctype html><p>page</p>');
    });
    const api = await listen((request, response) => {
      if (request.url === '/open') response.setHeader('Access-Control-Allow-Origin', page);
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end('会员数据');
    });

    await phone.page.goto(`${page}/`);
    const read = (url: string) =>
      phone!.page.evaluate((target) => fetch(target).then((r) => r.text(), (e: Error) => `refused: ${e.name}`), url);
    expect(await read(`${api}/open`)).toBe('会员数据');
    expect(await read(`${api}/closed`)).toBe('refused: TypeError');
  });
});
