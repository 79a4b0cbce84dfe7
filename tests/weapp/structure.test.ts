/**
 * Structural gate over the WeChat build (dist/weapp): what WeChat DevTools or the upload would
 * refuse, or what would break on a phone, checked without WeChat. Run after `npm run build:weapp`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { Parser as HtmlParser } from 'htmlparser2';
import postcss from 'postcss';
import { beforeAll, describe, expect, test } from 'vitest';
import { DIST, ROOT } from './harness';

const nodeRequire = createRequire(import.meta.url);

const MiB = 1024 * 1024;
/** WeChat's limits: each package (main and every subpackage) 2 MiB, everything together 20 MiB. */
const PACKAGE_LIMIT = 2 * MiB;
const TOTAL_LIMIT = 20 * MiB;
/**
 * Our own budget for the main package (what every member downloads before the first page): 700 KiB
 * (issue 15, item 9), kept by loading NutUI's styles on demand (src/styles/nutui.ts), fewer template
 * levels and the privacy pages in a subpackage.
 */
const MAIN_PACKAGE_BUDGET = 700 * 1024;
/** Pages only clerks and officials open: they belong in a subpackage, not in the main package. */
const STAFF_PAGE = /^staff\//;
/** What the tab bar must offer, in this order. */
const TAB_TEXTS = ['首页', '普惠', '办事', '我的'];
/**
 * With `setting.es6` and `setting.enhance` off, WeChat ships the JS as it is: the phone's own engine
 * must parse it. ES2017 is what every JavaScriptCore WeChat still runs on understands; ES2018+
 * syntax (object spread, `?.`, `??`) breaks on older iOS.
 */
const UNTRANSPILED_MAX_ECMA = 2017;

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> };
  usingComponents?: Record<string, string>;
}

interface ProjectConfig {
  miniprogramRoot?: string;
  setting?: { es6?: boolean; enhance?: boolean };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** A path in WXML/JSON/WXSS: absolute ones start at the mini-program root, others at the file's folder. */
function resolveRef(fromFile: string, ref: string): string {
  return ref.startsWith('/') ? path.join(DIST, ref) : path.join(path.dirname(path.join(DIST, fromFile)), ref);
}

let files: string[] = [];
let appJson: AppJson;
let subPackages: Array<{ root: string; pages: string[] }> = [];

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'app.json'))) {
    throw new Error(`${DIST}/app.json is missing: run \`npm run build:weapp\` first`);
  }
  files = listFiles(DIST);
  appJson = readJson<AppJson>(path.join(DIST, 'app.json'));
  subPackages = appJson.subPackages ?? appJson.subpackages ?? [];
});

describe('weapp build structure', () => {
  test('project.config.json points WeChat at the folder holding app.json', () => {
    // The copy Taro writes into the output (opened when dist/weapp itself is imported) and the
    // project's own (opened when the repository is imported) must both lead to app.json.
    // The root one only concerns the repository's own build (not a WEAPP_DIST elsewhere).
    const ownBuild = !path.relative(ROOT, DIST).startsWith('..');
    const configs = [path.join(DIST, 'project.config.json'), ...(ownBuild ? [path.join(ROOT, 'project.config.json')] : [])].filter(existsSync);
    expect(configs.length, 'no project.config.json in dist/weapp nor at the root').toBeGreaterThan(0);
    for (const file of configs) {
      const { miniprogramRoot = '' } = readJson<ProjectConfig>(file);
      const root = path.resolve(path.dirname(file), miniprogramRoot);
      expect(existsSync(path.join(root, 'app.json')), `${path.relative(ROOT, file)}: miniprogramRoot "${miniprogramRoot}" has no app.json`).toBe(true);
      if (file.startsWith(DIST)) expect(root).toBe(path.resolve(DIST));
    }
  });

  test('ready to upload: appid from TARO_APP_ID, base library, lazy code loading, sitemap, location declared, no demo log-ins', () => {
    const project = readJson<ProjectConfig & { appid?: string; libVersion?: string }>(path.join(DIST, 'project.config.json'));
    // Taro writes TARO_APP_ID (when set at build time) over the root file's placeholder appid.
    expect(project.appid).toBe(process.env.TARO_APP_ID || readJson<{ appid: string }>(path.join(ROOT, 'project.config.json')).appid);
    // DevTools debugs on the minimum base library we claim: 2.32.3 (the privacy guide, __usePrivacyCheck__).
    const [major = 0, minor = 0] = (project.libVersion ?? '').split('.').map(Number);
    expect(major * 100 + minor, `libVersion ${project.libVersion}`).toBeGreaterThanOrEqual(232);
    const app = appJson as AppJson & { lazyCodeLoading?: string; sitemapLocation?: string; requiredPrivateInfos?: string[]; permission?: Record<string, { desc: string }> };
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(app.sitemapLocation).toBe('sitemap.json');
    const sitemap = readJson<{ rules: Array<{ action: string; page: string }> }>(path.join(DIST, 'sitemap.json'));
    expect(sitemap.rules.at(-1)).toEqual({ action: 'disallow', page: '*' });
    expect(sitemap.rules.filter((r) => r.action === 'allow').map((r) => r.page)).toContain('stations/finder/index');
    expect(app.requiredPrivateInfos).toEqual(['getLocation']);
    expect(app.permission?.['scope.userLocation']?.desc).toMatch(/职工驿站/);
    // The demo accounts are listed by local H5 builds only.
    const js = files.filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('\n');
    expect(js).not.toContain('clerk-closed');
  });

  test('every page of pages, subPackages and the tab bar has .js, .json and .wxml', () => {
    const pages = [
      ...appJson.pages,
      ...subPackages.flatMap((p) => p.pages.map((page) => path.posix.join(p.root, page))),
      ...(appJson.tabBar?.list ?? []).map((t) => t.pagePath),
    ];
    expect(appJson.pages.length).toBeGreaterThan(0);
    const missing = pages.flatMap((page) =>
      ['.js', '.json', '.wxml'].filter((ext) => !existsSync(path.join(DIST, page + ext))).map((ext) => page + ext),
    );
    expect(missing).toEqual([]);
  });

  test('the tab bar offers 首页/普惠/办事/我的, all in the main package', () => {
    const list = appJson.tabBar?.list ?? [];
    expect(list.map((t) => t.text)).toEqual(TAB_TEXTS);
    for (const tab of list) {
      expect(appJson.pages, `tab page ${tab.pagePath} must be a main-package page`).toContain(tab.pagePath);
      expect(subPackages.some((p) => tab.pagePath.startsWith(p.root.replace(/\/?$/, '/')))).toBe(false);
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        if (icon) expect(existsSync(path.join(DIST, icon)), `tab icon ${icon}`).toBe(true);
      }
    }
  });

  test('every usingComponents path resolves to a component with .js, .json and .wxml', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of files.filter((f) => f.endsWith('.json') && f !== 'project.config.json')) {
      const json = readJson<{ usingComponents?: Record<string, string> }>(path.join(DIST, file));
      for (const [tag, ref] of Object.entries(json.usingComponents ?? {})) {
        if (ref.startsWith('plugin://')) continue;
        checked += 1;
        const target = resolveRef(file, ref);
        const absent = ['.js', '.json', '.wxml'].filter((ext) => !existsSync(target + ext));
        if (absent.length) broken.push(`${file}: <${tag}> → ${ref} (missing ${absent.join(', ')})`);
      }
    }
    console.log(`[weapp] usingComponents checked: ${checked}`);
    expect(checked).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  test('every <import>, <include> and <wxs src> in WXML resolves', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of files.filter((f) => f.endsWith('.wxml'))) {
      const parser = new HtmlParser(
        {
          onopentag(name, attrs) {
            const src = attrs.src;
            if (!['import', 'include', 'wxs'].includes(name) || src === undefined) return;
            checked += 1;
            // WeChat lets <import>/<include> omit the extension; a <wxs src> names its file.
            const target = resolveRef(file, src);
            const candidates = name === 'wxs' ? [target] : [target, `${target}.wxml`];
            if (!candidates.some((c) => existsSync(c) && statSync(c).isFile())) broken.push(`${file}: <${name} src="${src}">`);
          },
        },
        { xmlMode: true, lowerCaseTags: true, recognizeSelfClosing: true },
      );
      parser.end(readFileSync(path.join(DIST, file), 'utf8'));
    }
    console.log(`[weapp] WXML references checked: ${checked}`);
    expect(checked).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  test('every WXSS @import resolves', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.wxss'))) {
      const root = postcss.parse(readFileSync(path.join(DIST, file), 'utf8'), { from: file });
      root.walkAtRules('import', (rule) => {
        const ref = rule.params.trim().replace(/^url\((.*)\)$/, '$1').replace(/^["']|["']$/g, '');
        const target = resolveRef(file, ref);
        if (![target, `${target}.wxss`].some((c) => existsSync(c))) broken.push(`${file}: @import ${rule.params}`);
      });
    }
    expect(broken).toEqual([]);
  });

  test("WeChat's own compilers accept every WXML (wcc) and WXSS (wcsc) file", () => {
    const compiler = nodeRequire('miniprogram-compiler') as { wxmlToJs(root: string, o?: object): string };
    const wcsc = nodeRequire('miniprogram-compiler/src/wcsc') as (root: string, f: string[], o?: object) => unknown;
    // wcc throws with its own message on a WXML error.
    expect(() => compiler.wxmlToJs(DIST, { maxBuffer: 64 * MiB })).not.toThrow();
    const wxss = files.filter((f) => f.endsWith('.wxss')).map((f) => f.slice(0, -'.wxss'.length));
    // wcsc returns (does not throw) an Error carrying the compiler's message.
    const result = wcsc(DIST, wxss, { maxBuffer: 64 * MiB });
    expect(result instanceof Error ? result.message : '').toBe('');
  });

  test('every shipped JS file parses', () => {
    const errors: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      try {
        acorn.parse(readFileSync(path.join(DIST, file), 'utf8'), { ecmaVersion: 'latest', sourceType: 'script' });
      } catch (err) {
        errors.push(`${file}: ${(err as Error).message}`);
      }
    }
    expect(errors).toEqual([]);
  });

  test(`shipped JS needs no syntax newer than ES${UNTRANSPILED_MAX_ECMA} unless WeChat is told to transpile it`, () => {
    const { setting = {} } = readJson<ProjectConfig>(path.join(DIST, 'project.config.json'));
    const transpiledByWeChat = setting.es6 === true || setting.enhance === true;
    const tooNew: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(path.join(DIST, file), 'utf8');
      try {
        acorn.parse(source, { ecmaVersion: UNTRANSPILED_MAX_ECMA, sourceType: 'script' });
      } catch (err) {
        const { loc } = err as { loc?: { line: number; column: number } };
        const offset = (err as { pos?: number }).pos ?? 0;
        tooNew.push(`${file}:${loc?.line}:${loc?.column} ${(err as Error).message} near \`${source.slice(Math.max(0, offset - 40), offset + 40)}\``);
      }
    }
    if (tooNew.length) console.log(`[weapp] JS above ES${UNTRANSPILED_MAX_ECMA}:\n  ${tooNew.join('\n  ')}`);
    if (!transpiledByWeChat) expect(tooNew).toEqual([]);
  });

  test('no eval( or new Function( in shipped JS (only the guarded Function("return this"))', () => {
    const findings = files.filter((f) => f.endsWith('.js')).flatMap((f) => findDynamicCode(f, readFileSync(path.join(DIST, f), 'utf8')));
    expect(findings).toEqual([]);
  });

  test('the dynamic-code check flags what WeChat refuses and lets the webpack guard through', () => {
    const flagged = (code: string) => findDynamicCode('sample.js', code).length;
    expect(flagged('var g; try { g = this || new Function("return this")(); } catch (e) { g = window; }')).toBe(0);
    expect(flagged('obj.eval = 1; Function.prototype.call.bind(f); x instanceof Function;')).toBe(0);
    expect(flagged('eval("1+1")')).toBe(1);
    expect(flagged('(0, eval)("1")')).toBe(1);
    expect(flagged('new Function("a", "return a")')).toBe(1);
    expect(flagged('Function("return 1")()')).toBe(1);
    expect(flagged('var F = Function; new F("")')).toBe(1);
    expect(flagged('globalThis.eval("x")')).toBe(1);
    expect(flagged('setTimeout("go()", 10)')).toBe(1);
  });

  test('no source maps shipped', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const linked = files.filter((f) => /\.(js|wxss)$/.test(f) && /[#@]\s*sourceMappingURL=/.test(readFileSync(path.join(DIST, f), 'utf8')));
    expect(linked).toEqual([]);
  });

  test('package sizes: main and each subpackage ≤ 2 MiB, all ≤ 20 MiB', () => {
    // project.config.json configures DevTools; it is not part of any package.
    const shipped = files.filter((f) => f !== 'project.config.json' && f !== 'project.private.config.json');
    const sizeOf = (f: string) => statSync(path.join(DIST, f)).size;
    const roots = subPackages.map((p) => p.root.replace(/^\/|\/?$/g, '') + '/');
    const sizes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])]);
    for (const f of shipped) {
      const owner = roots.find((r) => f.startsWith(r)) ?? 'main';
      sizes.set(owner, sizes.get(owner)! + sizeOf(f));
    }
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const biggest = [...shipped].sort((a, b) => sizeOf(b) - sizeOf(a)).slice(0, 5);
    console.log(
      [
        `[weapp] package sizes (limit ${kib(PACKAGE_LIMIT)} each, ${kib(TOTAL_LIMIT)} total):`,
        ...[...sizes].map(([name, bytes]) => `  ${name.padEnd(24)} ${kib(bytes).padStart(12)}  (${((bytes / PACKAGE_LIMIT) * 100).toFixed(1)} % of 2 MiB)`),
        `  ${'total'.padEnd(24)} ${kib(total).padStart(12)}`,
        `  largest files: ${biggest.map((f) => `${f} ${kib(sizeOf(f))}`).join(', ')}`,
      ].join('\n'),
    );
    for (const [name, bytes] of sizes) expect(bytes, `${name} package`).toBeLessThanOrEqual(PACKAGE_LIMIT);
    expect(total).toBeLessThanOrEqual(TOTAL_LIMIT);
  });

  test('the main package stays within its 700 KiB budget; staff pages live in a subpackage', () => {
    const shipped = files.filter((f) => f !== 'project.config.json' && f !== 'project.private.config.json');
    const roots = subPackages.map((p) => p.root.replace(/^\/|\/?$/g, '') + '/');
    const main = shipped.filter((f) => !roots.some((r) => f.startsWith(r)));
    const bytes = main.reduce((sum, f) => sum + statSync(path.join(DIST, f)).size, 0);
    console.log(`[weapp] main package ${kib(bytes)} (budget ${kib(MAIN_PACKAGE_BUDGET)})`);
    expect(bytes, `main package ${kib(bytes)}`).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET);
    expect(appJson.pages.filter((p) => STAFF_PAGE.test(p))).toEqual([]);
    const staff = subPackages.filter((p) => STAFF_PAGE.test(p.root.replace(/^\//, '') + '/'));
    expect(staff.flatMap((p) => p.pages).length, 'staff subpackage pages').toBeGreaterThan(0);
  });
});

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'global', 'self', 'wx']);

/**
 * Code built from strings at run time, which WeChat refuses: `eval`, the Function constructor
 * (called, constructed or aliased), `window.eval`-style access, string timers. The only allowed
 * form is webpack's global-object probe `new Function("return this")`, guarded by try/catch.
 */
function findDynamicCode(file: string, source: string): string[] {
  const findings: string[] = [];
  const ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
  const report = (node: acorn.Node, why: string) =>
    findings.push(`${file}@${node.start}: ${why}: \`${source.slice(node.start, Math.min(node.end, node.start + 80))}\``);
  const isReturnThis = (args: acorn.Node[]) =>
    args.length === 1 && args[0]!.type === 'Literal' && (args[0] as acorn.Literal).value === 'return this';
  walk.ancestor(ast, {
    Identifier(node, _state, ancestors) {
      const id = node as acorn.Identifier;
      const parent = ancestors[ancestors.length - 2] as acorn.AnyNode | undefined;
      if (id.name === 'eval') return report(id, 'eval');
      if (id.name !== 'Function' || !parent) return;
      if ((parent.type === 'NewExpression' || parent.type === 'CallExpression') && parent.callee === id) {
        if (!isReturnThis(parent.arguments)) report(parent, 'Function constructor');
        return;
      }
      // `var F = Function` / `x = Function` hides the constructor behind another name.
      if ((parent.type === 'VariableDeclarator' && parent.init === id) || (parent.type === 'AssignmentExpression' && parent.right === id)) {
        report(parent, 'Function constructor aliased');
      }
    },
    MemberExpression(node) {
      const m = node as acorn.MemberExpression;
      const name = m.property.type === 'Identifier' && !m.computed ? m.property.name : m.property.type === 'Literal' ? m.property.value : undefined;
      if (m.object.type === 'Identifier' && GLOBAL_OBJECTS.has(m.object.name) && (name === 'eval' || name === 'Function')) {
        report(m, `${m.object.name}.${String(name)}`);
      }
    },
    CallExpression(node) {
      const c = node as acorn.CallExpression;
      const callee = c.callee.type === 'Identifier' ? c.callee.name : '';
      const first = c.arguments[0];
      if ((callee === 'setTimeout' || callee === 'setInterval') && first && (first.type === 'Literal' || first.type === 'TemplateLiteral')) {
        report(c, `${callee} with code in a string`);
      }
    },
  });
  return findings;
}
