/**
 * `npm run screenshots`: the README's pictures of the main screens, taken in the H5 build at 390 px
 * (a common phone's width) in both display modes, standard and 长辈版. Starts a private local stack
 * as the browser tests do (in-memory DynamoDB Local with the demo seed, serverless-offline, the H5
 * build served over it, all on free ports), logs in demo accounts in Chromium and writes PNGs to
 * docs/screenshots/<screen>-<mode>.png. Builds the H5 app first when it is missing or stale.
 *
 * Builds and browser runs share dist/: run it as `flock /tmp/dist.lock npm run screenshots` where
 * others build on the same tree. Chromium draws Chinese with the system's fonts: without a CJK font
 * (Debian: `apt-get install fonts-noto-cjk`) every character would be a box, so the script stops first.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../tests/e2e/browser';
import { buildH5, H5_DIST, h5BuildReason } from './lib/h5-build';
import { projectRoot } from './lib/paths';
import { freePort } from './lib/ports';
import { ensureSecretsFile } from './lib/secrets-file';
import { startStack, type Stack } from './lib/stack';

const OUT = join(projectRoot, 'docs', 'screenshots');
const WIDTH = 390;
const HEIGHT = 844;
/** A picture over this size is reported (the README shows 18 of them). */
const MAX_BYTES = 120 * 1024;

type Mode = 'standard' | 'elder';
const MODES: readonly Mode[] = ['standard', 'elder'];

/** One screen: the account it is taken as, how to reach it, and the element that says it is there. */
interface Screen {
  name: string;
  title: string;
  account: string;
  /** The hash route, or a function that opens the screen from a page already shown. */
  route: (ids: DemoIds) => string;
  shown: string;
  /** A step after the route opened (e.g. tapping 出示会员码). */
  then?: (page: Page) => Promise<void>;
}

interface DemoIds {
  benefit: string;
  application: string;
}

const SCREENS: readonly Screen[] = [
  { name: 'home', title: '首页', account: 'hotel', route: () => '/pages/home/index', shown: 'home-benefits' },
  {
    name: 'card',
    title: '出示会员码（全屏）',
    account: 'hotel',
    route: () => '/pages/home/index',
    shown: 'card-code-qr',
    then: async (page) => {
      // Once 首页 knows the member (before that, 出示会员码 leads to log-in).
      await page.locator('#home-member-name').waitFor({ state: 'visible', timeout: 10_000 });
      await page.locator('#home-show-card').click();
    },
  },
  { name: 'benefits', title: '普惠', account: 'hotel', route: () => '/pages/benefits/index', shown: 'benefits-page' },
  { name: 'benefit', title: '权益详情', account: 'hotel', route: (ids) => `/pages/benefit/index?id=${encodeURIComponent(ids.benefit)}`, shown: 'benefit-page' },
  { name: 'messages', title: '消息中心', account: 'hotel', route: () => '/pages/messages/index', shown: 'messages-page' },
  { name: 'services', title: '办事', account: 'hotel', route: () => '/pages/services/index', shown: 'services-page' },
  {
    name: 'application',
    title: '办理进度（转会）',
    account: 'hotel',
    route: (ids) => `/apply/application/index?id=${encodeURIComponent(ids.application)}`,
    shown: 'application-page',
  },
  { name: 'desk', title: '工作台（干部）', account: 'province', route: () => '/workbench/desk/index', shown: 'desk-pending-count' },
  { name: 'redeem', title: '核销（商户核销员）', account: 'clerk', route: () => '/staff/redeem/index', shown: 'redeem-page' },
];

const log = (message: string) => console.log(`[screenshots] ${message}`);

async function logIn(page: Page, h5Url: string, name: string): Promise<void> {
  await page.goto(`${h5Url}/#/pages/login/index`);
  await page.locator('#login-name input').fill(name);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login' && r.request().method() === 'POST');
  await page.locator('#login-submit').click();
  if ((await answer).status() !== 200) throw new Error(`演示账号 ${name} 登录失败`);
  await page.waitForURL(/#\/(pages\/(me|binding)|staff\/redeem|workbench\/desk)\/index/);
}

/** The demo's display mode on this device, as 我的's switch stores it (then a fresh app). */
async function setMode(page: Page, h5Url: string, mode: Mode): Promise<void> {
  await page.evaluate((m) => localStorage.setItem('puhui.display-mode', JSON.stringify({ data: m })), mode);
  await page.goto(`${h5Url}/#/pages/me/index`);
  await page.reload();
  await page.locator('#me-page').waitFor({ state: 'visible' });
}

/** An id the API answers with, asked with the session the app stored. */
async function firstId(page: Page, path: string): Promise<string> {
  const id = await page.evaluate(async (url) => {
    const raw = localStorage.getItem('puhui.session');
    const stored = raw ? (JSON.parse(raw) as { data?: { token?: string } }) : null;
    const answer = await fetch(url, { headers: { Authorization: `Bearer ${stored?.data?.token ?? ''}` } });
    const body = (await answer.json()) as { items?: Array<{ id: string }> };
    return body.items?.[0]?.id ?? '';
  }, path);
  if (!id) throw new Error(`${path} 没有返回可展示的条目`);
  return id;
}

/** Opens a hash route; Taro's router may still be busy with the page before, so up to three times. */
async function open(page: Page, h5Url: string, route: string, shown: string, then?: (page: Page) => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await page.goto(`${h5Url}/#${route}`);
    await page.reload();
    if (then) await then(page).catch(() => undefined);
    const ok = await page
      .locator(`#${shown}`)
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (ok) break;
    if (attempt === 3) throw new Error(`${route} 没有打开（当前 ${page.url()}）`);
  }
  // Taro slides the page in; then nothing says 正在加载 and the network is quiet.
  await page.waitForFunction(() => !document.body.innerText.includes('正在加载'), undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(600);
}

/** Whether fontconfig knows a font for Chinese (Chromium on Linux draws text with those). */
function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  if (!hasChineseFont()) {
    throw new Error('没有找到中文字体，截图中的汉字会显示为方框：请先安装，例如 Debian/Ubuntu 上 apt-get install fonts-noto-cjk');
  }
  const reason = h5BuildReason();
  if (reason) {
    log(`构建 H5（${reason}）…`);
    await buildH5().done;
  }
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'hainan-union-screenshots-'));
  const secretsFile = join(tmp, 'secrets.json');
  ensureSecretsFile(secretsFile);
  let stack: Stack | undefined;
  const profile = join(tmp, 'chromium');
  // Ctrl-C stops the stack it started (DynamoDB Local, the API, the H5 server) before leaving.
  const interrupted = () => void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const apiPort = await freePort();
    log('启动本地环境（内存中的 DynamoDB Local、演示数据、本地 API、H5 服务）…');
    stack = await startStack({
      stage: 'test',
      secretsFile,
      dynamodb: { port: await freePort() },
      s3: { port: await freePort(), directory: join(tmp, 's3') },
      seed: true,
      api: { port: apiPort, lambdaPort: await freePort(), esbuildWorkFolder: `.local/esbuild/screenshots-${apiPort}`, removeWorkFolderAtStop: true },
      h5: { root: H5_DIST, port: await freePort() },
      wechatPay: { port: await freePort() },
    });
    const h5Url = stack.h5Url!;
    const { executablePath, args } = await chromiumLaunchOptions();
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args,
      viewport: { width: WIDTH, height: HEIGHT },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const written: string[] = [];
    try {
      let account = '';
      let ids: DemoIds | undefined;
      for (const screen of SCREENS) {
        if (screen.account !== account) {
          await page.evaluate(() => localStorage.clear()).catch(() => undefined);
          await logIn(page, h5Url, screen.account);
          account = screen.account;
          if (account === 'hotel' && !ids) ids = { benefit: await firstId(page, '/api/benefits'), application: await firstId(page, '/api/me/applications') };
        }
        for (const mode of MODES) {
          await setMode(page, h5Url, mode);
          await open(page, h5Url, screen.route(ids ?? { benefit: '', application: '' }), screen.shown, screen.then);
          const file = join(OUT, `${screen.name}-${mode}.png`);
          await page.screenshot({ path: file, scale: 'css', animations: 'disabled', caret: 'hide' });
          const bytes = statSync(file).size;
          written.push(`${screen.name}-${mode}.png`);
          log(`${screen.title}（${mode === 'elder' ? '长辈版' : '标准'}）→ docs/screenshots/${screen.name}-${mode}.png，${(bytes / 1024).toFixed(0)} KB${bytes > MAX_BYTES ? '（超过 120 KB）' : ''}`);
        }
      }
    } finally {
      await context.close();
    }
    log(`完成：${written.length} 张截图。`);
  } finally {
    await stack?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
