/**
 * Runs the WeChat build (dist/weapp) the way WeChat would, without WeChat DevTools:
 * WeChat's own component test tool (miniprogram-simulate, on j-component) renders the pages with
 * WeChat's official WXML compiler (wcc from miniprogram-compiler), the Taro app boots from
 * dist/weapp/app.js, and the mock `wx` is completed with what the app needs: wx.request through
 * fetch to a local server, an in-memory storage, wx.login returning a code.
 *
 * Must run in vitest's jsdom environment (the `weapp` project): Taro's taps need jsdom's
 * Event/CustomEvent, not Node's.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Simulate from 'miniprogram-simulate';

const nodeRequire = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The build under test; WEAPP_DIST points the tests at another build. */
export const DIST = path.resolve(ROOT, process.env.WEAPP_DIST ?? 'dist/weapp');

export type SimComponent = Simulate.Component<any, any, any>;
export type SimRootComponent = Simulate.RootComponent<any, any, any>;

type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
};

interface WxRequestOptions extends Callbacks {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  dataType?: string;
  responseType?: string;
  timeout?: number;
}

/** One wx.request the app made, as the app made it and as it was answered. */
export interface RecordedRequest {
  /** The URL the app asked for (before the origin was rewritten to the local server). */
  url: string;
  method: string;
  header: Record<string, string>;
  data: unknown;
  statusCode?: number;
  errMsg?: string;
}

/** A wx API call the app made that has no effect here (navigation, toasts, modals). */
export interface RecordedCall {
  api: string;
  options: unknown;
}

/** What the user has done about WeChat's privacy guide, and what the app answered WeChat. */
export interface PrivacyState {
  /** Whether the user agreed (then wx.requirePrivacyAuthorize succeeds without asking). */
  agreed: boolean;
  /** Calls of wx.requirePrivacyAuthorize. */
  requests: number;
  /** Every `resolve(…)` the app's onNeedPrivacyAuthorization listener made, in order. */
  resolutions: Array<{ event: string; buttonId?: string }>;
}

/** Where wx.env.USER_DATA_PATH points in the harness. */
export const USER_DATA_PATH = 'wxfile://usr';

/** Header the wx.request mock adds to every request, so a test server can tell boots apart. */
export const BOOT_HEADER = 'x-weapp-harness-boot';

export interface WeappHarness {
  /** Sequence number of this boot in the process (sent in BOOT_HEADER). */
  bootId: number;
  /** Current contents of wx storage (what the app saved with Taro.setStorage*). */
  storage: Map<string, unknown>;
  requests: RecordedRequest[];
  calls: RecordedCall[];
  /** Every console line from the WXML runtime (`WXMLRT_…`), e.g. missing templates. */
  wxmlRuntimeLines: string[];
  /** Codes handed out by the wx.login mock, in order. */
  loginCodes: string[];
  /** WeChat's privacy guide (wx.requirePrivacyAuthorize / wx.onNeedPrivacyAuthorization). */
  privacy: PrivacyState;
  /** Files written with wx.getFileSystemManager().writeFile, by path. */
  files: Map<string, string>;
  /** Mounts a page (path without extension, e.g. `pages/me/index`) and runs onLoad/onShow/onReady. */
  mountPage(pagePath: string, query?: Record<string, string>): SimRootComponent;
  /**
   * Detaches mounted pages and stops capturing console output. Calls the old bundle still makes
   * afterwards (late timers, answers in flight) are dropped: they never reach the next boot.
   */
  dispose(): void;
}

export interface BootOptions {
  /** Origin of the local API server; the origin of every wx.request URL is replaced by it. */
  apiOrigin: string;
  /** Storage the app finds at launch (e.g. a session token). */
  storage?: Record<string, unknown>;
  /** Makes the codes returned by wx.login; default `test-code-<n>`. */
  loginCode?: (n: number) => string;
  /** Path WeChat launches the app with (default: the first page of app.json). */
  launchPath?: string;
  /** Whether the user agreed to the privacy guide before this launch (default true). */
  privacyAgreed?: boolean;
}

type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };
type AppOptions = Record<string, unknown> & {
  onLaunch?: (opts: unknown) => void;
  onShow?: (opts: unknown) => void;
};

interface WxGlobal {
  [api: string]: unknown;
  webpackJsonp?: unknown;
}

const g = globalThis as unknown as Record<string, unknown> & { wx: WxGlobal };

let simulate: typeof Simulate | undefined;
/** simulate's own mock `wx`, copied before any boot adds to it. */
let simulatedWx: WxGlobal | undefined;
let boots = 0;

function loadSimulate(): typeof Simulate {
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    throw new Error('the weapp harness needs the jsdom environment (vitest project "weapp")');
  }
  // Loading it registers the built-in components, `Component`, `Behavior` and a mock `wx`.
  simulate ??= nodeRequire('miniprogram-simulate') as typeof Simulate;
  simulatedWx ??= { ...g.wx };
  return simulate;
}

/** WeChat passes `data` of a GET as a query string and JSON-encodes it otherwise. */
function encodeRequest(method: string, url: string, data: unknown, header: Record<string, string>) {
  const target = new URL(url);
  let body: string | undefined;
  if (data !== undefined && data !== null) {
    if (method === 'GET' || method === 'HEAD') {
      if (typeof data === 'object') {
        for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
          target.searchParams.append(k, typeof v === 'string' ? v : JSON.stringify(v));
        }
      } else {
        target.search += (target.search ? '&' : '') + String(data);
      }
    } else if (typeof data === 'string' || data instanceof ArrayBuffer) {
      body = typeof data === 'string' ? data : Buffer.from(data).toString();
    } else {
      const contentType = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      if (contentType?.includes('application/x-www-form-urlencoded')) {
        body = new URLSearchParams(data as Record<string, string>).toString();
      } else {
        body = JSON.stringify(data);
        if (!contentType) header['content-type'] = 'application/json';
      }
    }
  }
  return { target, body };
}

function call<T>(opts: Callbacks | undefined, ok: boolean, res: T & { errMsg: string }) {
  if (ok) opts?.success?.(res);
  else opts?.fail?.(res);
  opts?.complete?.(res);
}

function installWxMocks(wx: WxGlobal, h: WeappHarness, options: BootOptions, isLive: () => boolean) {
  const server = new URL(options.apiOrigin);
  let loginCount = 0;

  wx.request = (opts: WxRequestOptions) => {
    const controller = new AbortController();
    const task = {
      abort: () => controller.abort(),
      onHeadersReceived() {},
      offHeadersReceived() {},
      onChunkReceived() {},
      offChunkReceived() {},
    };
    if (!isLive()) return task;
    const method = (opts.method ?? 'GET').toUpperCase();
    const header: Record<string, string> = { ...(opts.header ?? {}) };
    const record: RecordedRequest = { url: opts.url, method, header: { ...header }, data: opts.data };
    h.requests.push(record);
    const run = async () => {
      // wx.request only takes absolute URLs: new URL() throws on a relative one, as WeChat fails it.
      const { target, body } = encodeRequest(method, opts.url, opts.data, header);
      target.protocol = server.protocol;
      target.host = server.host;
      const response = await fetch(target, {
        method,
        headers: { ...header, [BOOT_HEADER]: String(h.bootId) },
        body,
        signal: controller.signal,
      });
      const text = await response.text();
      let data: unknown = text;
      if ((opts.dataType ?? 'json') === 'json') {
        try {
          data = JSON.parse(text);
        } catch {
          // WeChat hands over the raw string when the body is not JSON.
        }
      }
      const responseHeader: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        responseHeader[k] = v;
      });
      record.statusCode = response.status;
      record.errMsg = 'request:ok';
      if (!isLive()) return;
      // Like WeChat: any HTTP status is a success; only transport errors fail.
      call(opts, true, { data, statusCode: response.status, header: responseHeader, cookies: [], errMsg: 'request:ok' });
    };
    run().catch((err: unknown) => {
      record.errMsg = `request:fail ${(err as Error).message}`;
      if (isLive()) call(opts, false, { errMsg: record.errMsg });
    });
    return task;
  };

  wx.login = (opts?: Callbacks) => {
    if (!isLive()) return;
    loginCount += 1;
    const code = (options.loginCode ?? ((n) => `test-code-${n}`))(loginCount);
    h.loginCodes.push(code);
    setTimeout(() => call(opts, true, { code, errMsg: 'login:ok' }), 0);
  };

  const { storage } = h;
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
  wx.setStorageSync = (key: string, data: unknown) => {
    storage.set(key, data);
  };
  wx.removeStorageSync = (key: string) => {
    storage.delete(key);
  };
  wx.clearStorageSync = () => storage.clear();
  wx.getStorageInfoSync = () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 });
  wx.getStorage = (opts: Callbacks & { key: string }) =>
    setTimeout(() =>
      storage.has(opts.key)
        ? call(opts, true, { data: storage.get(opts.key), errMsg: 'getStorage:ok' })
        : call(opts, false, { errMsg: 'getStorage:fail data not found' }),
    );
  wx.setStorage = (opts: Callbacks & { key: string; data: unknown }) => {
    storage.set(opts.key, opts.data);
    setTimeout(() => call(opts, true, { errMsg: 'setStorage:ok' }));
  };
  wx.removeStorage = (opts: Callbacks & { key: string }) => {
    storage.delete(opts.key);
    setTimeout(() => call(opts, true, { errMsg: 'removeStorage:ok' }));
  };
  wx.clearStorage = (opts?: Callbacks) => {
    storage.clear();
    setTimeout(() => call(opts, true, { errMsg: 'clearStorage:ok' }));
  };

  // WeChat's privacy guide: until the user agrees, a privacy API call is held and the app's
  // onNeedPrivacyAuthorization listener asked; its resolve({event}) lets the call go on or fails it.
  type PrivacyResolve = (option: { event: string; buttonId?: string }) => void;
  let privacyListener: ((resolve: PrivacyResolve, info: { referrer: string }) => void) | undefined;
  wx.onNeedPrivacyAuthorization = (listener: typeof privacyListener) => {
    privacyListener = listener;
  };
  wx.requirePrivacyAuthorize = (opts?: Callbacks) => {
    if (!isLive()) return;
    const { privacy } = h;
    privacy.requests += 1;
    const refuse = () => call(opts, false, { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
    if (privacy.agreed) {
      setTimeout(() => call(opts, true, { errMsg: 'requirePrivacyAuthorize:ok' }));
      return;
    }
    // Without a listener WeChat shows its own popup; the harness counts that as a refusal.
    if (!privacyListener) {
      setTimeout(refuse);
      return;
    }
    let settled = false;
    privacyListener(
      (option) => {
        if (!isLive()) return;
        privacy.resolutions.push(option);
        if (settled || option.event === 'exposureAuthorization') return;
        settled = true;
        if (option.event === 'agree') {
          privacy.agreed = true;
          setTimeout(() => call(opts, true, { errMsg: 'requirePrivacyAuthorize:ok' }));
        } else setTimeout(refuse);
      },
      { referrer: '' },
    );
  };

  // The file system of the mini-program's user folder, in memory.
  wx.env = { USER_DATA_PATH };
  wx.getFileSystemManager = () => ({
    writeFile(opts: Callbacks & { filePath: string; data: string }) {
      if (!isLive()) return;
      if (!opts.filePath.startsWith(`${USER_DATA_PATH}/`)) {
        setTimeout(() => call(opts, false, { errMsg: `writeFile:fail permission denied, open ${opts.filePath}` }));
        return;
      }
      h.files.set(opts.filePath, String(opts.data));
      setTimeout(() => call(opts, true, { errMsg: 'writeFile:ok' }));
    },
  });

  // Calls with no effect here are recorded so a test can assert on them.
  for (const api of [
    'navigateTo',
    'redirectTo',
    'switchTab',
    'reLaunch',
    'navigateBack',
    'showToast',
    'showLoading',
    'hideLoading',
    'showModal',
    'setNavigationBarTitle',
    'setClipboardData',
    'scanCode',
    'shareFileMessage',
  ]) {
    wx[api] = (opts?: Callbacks) => {
      if (!isLive()) return;
      h.calls.push({ api, options: opts });
      const res = api === 'showModal' ? { confirm: true, cancel: false } : {};
      setTimeout(() => call(opts, true, { ...res, errMsg: `${api}:ok` }));
    };
  }
}

/** Routes of the pages WeChat would have on its stack; the harness keeps them in mount order. */
interface PageInstance {
  route: string;
  options: Record<string, string>;
}

/**
 * Boots dist/weapp: defines what the WeChat base library provides (App, getApp, getCurrentPages,
 * Page), loads app.js (which pulls Taro's runtime and the vendor chunks) and calls onLaunch/onShow.
 * Booting again in the same process reloads the bundle from scratch.
 */
export function bootWeapp(options: BootOptions): WeappHarness {
  if (!existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`${DIST}/app.js is missing: run \`npm run build:weapp\` first`);
  }
  const sim = loadSimulate();

  const restoreConsole = captureWxmlRuntime();
  const mounted: SimRootComponent[] = [];
  let live = true;
  const h: WeappHarness = {
    bootId: (boots += 1),
    storage: new Map(Object.entries(options.storage ?? {})),
    requests: [],
    calls: [],
    wxmlRuntimeLines: restoreConsole.lines,
    loginCodes: [],
    privacy: { agreed: options.privacyAgreed ?? true, requests: 0, resolutions: [] },
    files: new Map(),
    mountPage: () => {
      throw new Error('unreachable');
    },
    dispose() {
      for (const page of mounted.splice(0)) page.detach();
      live = false;
      restoreConsole.restore();
    },
  };

  // Each boot gets its own `wx` (Taro keeps a reference to the one it found at load): a previous
  // bundle's late calls land in its own, disposed mocks. A fresh object also has no webpackJsonp,
  // so the new bundle does not find the previous one's chunk registry.
  const wx: WxGlobal = { ...simulatedWx };
  g.wx = wx;
  installWxMocks(wx, h, options, () => live);

  // A second boot must not find the first bundle's modules.
  for (const key of Object.keys(nodeRequire.cache)) {
    if (key.startsWith(DIST + path.sep)) delete nodeRequire.cache[key];
  }

  let app: AppOptions | undefined;
  const pageStack: PageInstance[] = [];
  g.App = (cfg: AppOptions) => {
    app = cfg;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pageStack;

  // WeChat's Page(): j-component only knows Component(), so a page becomes a component whose
  // lifetimes call the page's own hooks: attached → onLoad + onShow, ready → onReady,
  // detached → onUnload. Everything else on the page object (e.g. Taro's `eh`) becomes a method.
  let pending: { route: string; query: Record<string, string> } | undefined;
  g.Page = (cfg: PageOptions) => {
    const methods: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(cfg)) if (typeof v === 'function') methods[k] = v;
    const page = pending;
    if (!page) throw new Error('Page() called outside mountPage()');
    (g.Component as (o: unknown) => void)({
      data: cfg.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, any>) {
          this.route = page.route;
          this.__route__ = page.route;
          this.options = page.query;
          pageStack.push(this as unknown as PageInstance);
          this.onLoad?.({ ...page.query });
          this.onShow?.();
        },
        ready(this: Record<string, any>) {
          this.onReady?.();
        },
        detached(this: Record<string, any>) {
          this.onHide?.();
          this.onUnload?.();
          pageStack.splice(pageStack.indexOf(this as unknown as PageInstance), 1);
        },
      },
    });
  };

  nodeRequire(path.join(DIST, 'app.js'));
  if (!app) throw new Error('dist/weapp/app.js did not call App()');
  const appJson = nodeRequire(path.join(DIST, 'app.json')) as { pages: string[] };
  const launch = { path: options.launchPath ?? appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} };
  app.onLaunch?.call(app, launch);
  app.onShow?.call(app, launch);

  h.mountPage = (pagePath, query = {}) => {
    pending = { route: pagePath, query };
    let id: string;
    try {
      // rootPath must be the whole dist: wcc compiles every .wxml/.wxs together (base.wxml, utils.wxs).
      id = sim.load(path.join(DIST, pagePath), { rootPath: DIST });
    } finally {
      pending = undefined;
    }
    const page = sim.render(id) as SimRootComponent;
    const parent = document.createElement('div');
    document.body.appendChild(parent);
    page.attach(parent);
    mounted.push(page);
    return page;
  };
  return h;
}

/** Captures console lines of WeChat's WXML runtime (wcc output logs `WXMLRT_…` on template errors). */
function captureWxmlRuntime() {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      const text = args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
      if (text.startsWith('WXMLRT_')) lines.push(text);
      originals[i]!.apply(console, args);
    };
  });
  return {
    lines,
    restore() {
      methods.forEach((m, i) => {
        console[m] = originals[i]!;
      });
    },
  };
}

/** `Template … not found` lines: each means some node renders nothing in WeChat. */
export function missingTemplates(lines: string[]): string[] {
  return lines.filter((l) => /Template\b.*\bnot found/.test(l));
}

/** Polls until `check` returns a truthy value (or stops throwing); fails with the last error. */
export async function waitFor<T>(check: () => T, { timeout = 5000, interval = 20, message = '' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = check();
      if (value) return value as NonNullable<T>;
      last = new Error('condition not met');
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const reason = last instanceof Error ? last.message : String(last);
      throw new Error(`waitFor timed out after ${timeout} ms${message ? ` (${message})` : ''}: ${reason}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The rendered text of a page (or any node), whitespace collapsed. */
export function textOf(node: SimComponent | Element | undefined | null): string {
  const dom = node && 'dom' in node ? node.dom : (node as Element | null | undefined);
  return (dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types into an input as WeChat does: an `input` event with the value and the cursor at its end. */
export function typeInto(page: SimComponent, id: string, value: string): void {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`no input #${id}. Page: ${textOf(page).slice(0, 300)}`);
  node.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
}

/**
 * Taps a rendered node as WeChat would: built-in components are stubs here, so the `tap` event is
 * dispatched on the element and bubbles to Taro's `eh` handler through j-component.
 */
export function tap(page: SimComponent, selector: string): void {
  const target = page.querySelector(selector);
  if (!target) throw new Error(`nothing to tap: ${selector} not found. Rendered: ${textOf(page).slice(0, 300)}`);
  target.dispatchEvent('tap', { detail: { x: 0, y: 0 } });
}

/** Elements rendered for a WeChat built-in component, e.g. `image` → `<wx-image>`. */
export function builtins(page: SimComponent, name: string): Element[] {
  return [...(page.dom?.querySelectorAll(`wx-${name}`) ?? [])];
}
