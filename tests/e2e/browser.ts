import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), used when it is there. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags that keep Chromium headless, quiet and off the network (see STACK.md); used for both Chromiums. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Which Chromium the browser tests launch. `CHROMIUM_PATH` overrides: a path, or `npm` for the one
 * that comes with `npm install` (@sparticuz/chromium). Without it: Debian's if installed, else npm's.
 */
export type ChromiumChoice =
  | { kind: 'path'; executablePath: string; source: 'CHROMIUM_PATH' | 'system' }
  | { kind: 'npm' };

export function chooseChromium({
  override = process.env.CHROMIUM_PATH,
  exists = existsSync,
}: { override?: string; exists?: (path: string) => boolean } = {}): ChromiumChoice {
  if (override === 'npm') return { kind: 'npm' };
  if (override) return { kind: 'path', executablePath: override, source: 'CHROMIUM_PATH' };
  if (exists(SYSTEM_CHROMIUM)) return { kind: 'path', executablePath: SYSTEM_CHROMIUM, source: 'system' };
  return { kind: 'npm' };
}

/**
 * Flags of @sparticuz/chromium (made for AWS Lambda) left out here:
 * - `--single-process`: a Lambda workaround; Playwright and Debian's Chromium run multi-process, and
 *   the npm build does too on Debian (verified);
 * - `--disable-web-security`, `--allow-running-insecure-content`, `--disable-site-isolation-trials`:
 *   they switch off same-origin/CORS and mixed-content checks that a phone's browser applies;
 * - `--disable-features=` / `--enable-features=`: Chromium keeps one value per switch, so these would
 *   replace the list Playwright passes (which turns off Translate, OptimizationHints, …);
 * - `--headless=…`: Playwright adds `--headless` itself.
 */
const NPM_CHROMIUM_ARGS_LEFT_OUT = [
  /^--single-process$/,
  /^--disable-web-security$/,
  /^--allow-running-insecure-content$/,
  /^--disable-site-isolation-trials$/,
  /^--(disable|enable)-features=/,
  /^--headless(=|$)/,
];

/** Our flags plus the package's, without the ones above and without repeats. */
export function npmChromiumArgs(packageArgs: readonly string[]): string[] {
  const kept = packageArgs.filter(
    (arg) => !CHROMIUM_ARGS.includes(arg) && !NPM_CHROMIUM_ARGS_LEFT_OUT.some((pattern) => pattern.test(arg)),
  );
  return [...CHROMIUM_ARGS, ...kept];
}

const packageRequire = createRequire(import.meta.url);
/** The child that unpacks: the package's own executablePath(), writing into $TMPDIR. */
const UNPACK_SCRIPT =
  'const { default: c } = await import(process.env.SPARTICUZ_ENTRY); process.stdout.write(await c.executablePath());';

/**
 * The npm Chromium, unpacked once per version into node_modules/.cache/sparticuz-chromium-<version>/.
 * The package itself unpacks into a fixed /tmp/chromium, not atomically (a parallel test process or an
 * interrupted run would then launch a half-written binary), so it runs in a child process whose
 * TMPDIR is a private staging folder that is renamed into place when complete; a process that loses
 * the race drops its copy and uses the winner's.
 */
async function unpackNpmChromium(): Promise<string> {
  // The package's root: the nearest folder above its entry (build/cjs/… or build/…) whose package.json
  // is the package's own (build/cjs/ holds one of its own, {"type": "commonjs"}, without a version).
  const entry = packageRequire.resolve('@sparticuz/chromium');
  const manifest = (dir: string) =>
    existsSync(join(dir, 'package.json')) ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }) : null;
  let packageDir = dirname(entry);
  while (manifest(packageDir)?.name !== '@sparticuz/chromium') {
    if (dirname(packageDir) === packageDir) throw new Error('找不到 @sparticuz/chromium 的 package.json');
    packageDir = dirname(packageDir);
  }
  const { version } = manifest(packageDir) as { version: string };
  const cacheDir = join(packageDir, '..', '..', '.cache');
  const target = join(cacheDir, `sparticuz-chromium-${version}`);
  const binary = join(target, 'chromium');
  if (existsSync(binary)) return binary;

  mkdirSync(cacheDir, { recursive: true });
  // Copies left by interrupted runs (≈ 210 MB each); a recent one may still be in use.
  for (const name of readdirSync(cacheDir)) {
    const leftover = join(cacheDir, name);
    if (name.startsWith(`${basename(target)}.partial-`) && Date.now() - statSync(leftover).mtimeMs > 10 * 60_000) {
      rmSync(leftover, { recursive: true, force: true });
    }
  }
  const staging = mkdtempSync(`${target}.partial-`);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', UNPACK_SCRIPT], {
      env: { ...process.env, TMPDIR: staging, SPARTICUZ_ENTRY: pathToFileURL(entry).href },
    });
    if (stdout !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium 解压到了意外的位置：${stdout}`);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}

let npmChromium: Promise<string> | undefined;
/** Path of the npm Chromium, unpacking it on first use (≈ 3–7 s on 2 busy cores, once per version). */
export function npmChromiumPath(): Promise<string> {
  npmChromium ??= unpackNpmChromium().catch((error: unknown) => {
    npmChromium = undefined;
    throw error;
  });
  return npmChromium;
}

/** Executable and flags for a choice; unpacks the npm Chromium when that is the one. */
export async function chromiumLaunchOptions(
  choice: ChromiumChoice = chooseChromium(),
): Promise<{ executablePath: string; args: string[] }> {
  if (choice.kind === 'path') return { executablePath: choice.executablePath, args: CHROMIUM_ARGS };
  const { default: packaged } = await import('@sparticuz/chromium');
  return { executablePath: await npmChromiumPath(), args: npmChromiumArgs(packaged.args) };
}

export interface PhoneBrowser {
  context: BrowserContext;
  page: Page;
  /** The Chromium binary that was launched. */
  executablePath: string;
  /** Page errors and console errors seen so far (a broken render shows up here first). */
  errors: string[];
  close: () => Promise<void>;
}

/** A fresh Chromium profile with a phone-sized viewport (375×812, like an iPhone X). */
export async function openPhone(choice: ChromiumChoice = chooseChromium()): Promise<PhoneBrowser> {
  const { executablePath, args } = await chromiumLaunchOptions(choice);
  const profile = mkdtempSync(join(tmpdir(), 'hainan-union-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args,
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A refused request is logged by the browser as a failed resource load: that one is expected.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return {
    context,
    page,
    executablePath,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
