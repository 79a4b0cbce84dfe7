import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFunctions, type FunctionEntry } from '../../scripts/lib/functions-list';
import { projectRoot } from '../../scripts/lib/paths';
import { isEndpoint, protocolErrors, type EndpointDeclaration } from '../../functions/kernel/contracts/endpoint';
import type { ErrorEntry } from '../../functions/kernel/contracts/errors';

/**
 * One declaration per endpoint (functions/<capability>/contracts, kernel/contracts/endpoint.ts): the
 * serverless configuration routes exactly the declared function, method and path; every refusal a
 * declaration lists is in a catalogue; the mini-program types no API path of its own.
 */

/** Every module of every contracts/ folder, by its path from the project root. */
const contractModules: Record<string, Record<string, unknown>> = Object.fromEntries(
  await Promise.all(
    filesUnder(join(projectRoot, 'functions'))
      .filter((file) => /\/functions\/[^/]+\/contracts\/[^/]+\.ts$/.test(file))
      .map(async (file) => [relative(projectRoot, file), (await import(file)) as Record<string, unknown>] as const),
  ),
);

interface Declared {
  declaration: EndpointDeclaration;
  /** Its export's name and module, e.g. `benefitsClaim` of functions/benefits/contracts/benefits.ts. */
  exportName: string;
  module: string;
  capability: string;
}

const declarations: Declared[] = Object.entries(contractModules).flatMap(([module, exports]) =>
  Object.entries(exports).flatMap(([exportName, value]) =>
    isEndpoint(value) ? [{ declaration: value, exportName, module, capability: module.split('/')[1] as string }] : [],
  ),
);

/** A catalogue: an export whose every value is the entry of its own key. */
const isCatalogue = (value: unknown): value is Record<string, ErrorEntry> =>
  !!value &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0 &&
  Object.entries(value).every(([key, entry]) => !!entry && typeof entry === 'object' && (entry as ErrorEntry).code === key && 'status' in entry);

const catalogues = Object.entries(contractModules).flatMap(([module, exports]) =>
  Object.entries(exports).flatMap(([name, value]) => (isCatalogue(value) ? [{ name: `${module} ${name}`, entries: Object.values(value) }] : [])),
);

/** The functions and their routes, as the serverless configuration declares them. */
const functions = listFunctions();

const routesOf = (fn: FunctionEntry) =>
  (fn.events ?? []).flatMap((event) => (event.httpApi ? [{ method: event.httpApi.method.toUpperCase(), path: event.httpApi.path }] : []));

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

describe('the endpoint declarations', () => {
  it('are found in the capabilities’ contracts, one per function name', () => {
    expect(declarations.length).toBeGreaterThan(50);
    const names = declarations.map((d) => d.declaration.functionName);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('never share a method and path', () => {
    const routes = declarations.map((d) => `${d.declaration.method} ${d.declaration.path}`);
    expect(routes.filter((route, i) => routes.indexOf(route) !== i)).toEqual([]);
  });

  it('agree with the serverless configuration: each routed function is declared with its method and path, and each declaration is routed', () => {
    expect(functions.length, 'listFunctions() found no functions').toBeGreaterThan(0);
    expect(functions.some((fn) => fn.events !== undefined), 'listFunctions() gives no events').toBe(true);
    const routed = functions.flatMap((fn) => routesOf(fn).map((route) => ({ name: fn.name, handler: fn.handler, ...route })));
    const byName = new Map(declarations.map((d) => [d.declaration.functionName, d.declaration]));
    const problems: string[] = [];
    for (const fn of functions) {
      const routes = routesOf(fn);
      const declaration = byName.get(fn.name);
      if (routes.length === 0) {
        if (declaration) problems.push(`${fn.name}: declared (${declaration.method} ${declaration.path}) but has no httpApi event`);
        continue;
      }
      if (!declaration) {
        problems.push(`${fn.name}: routed (${routes.map((r) => `${r.method} ${r.path}`).join(', ')}) but not declared in any contracts/`);
        continue;
      }
      if (routes.length !== 1 || routes[0]?.method !== declaration.method || routes[0]?.path !== declaration.path) {
        problems.push(`${fn.name}: routed ${routes.map((r) => `${r.method} ${r.path}`).join(', ')}, declared ${declaration.method} ${declaration.path}`);
      }
    }
    for (const { declaration } of declarations) {
      if (!routed.some((r) => r.name === declaration.functionName)) problems.push(`${declaration.functionName}: declared but no such routed function`);
    }
    expect(problems).toEqual([]);
  });

  it('live in the contracts of the capability whose handler builds its function from it', () => {
    const problems: string[] = [];
    for (const { declaration, exportName, module, capability } of declarations) {
      const fn = functions.find((f) => f.name === declaration.functionName);
      if (!fn) continue; // reported above
      const handlerFile = `${fn.handler.replace(/\.[^./]+$/, '')}.ts`;
      if (!handlerFile.startsWith(`functions/${capability}/api/`)) problems.push(`${exportName} (${module}) routes to ${handlerFile}`);
      const source = readFileSync(join(projectRoot, handlerFile), 'utf8');
      if (!new RegExp(`\\bendpoint\\(\\s*${exportName}\\b`).test(source)) problems.push(`${handlerFile} is not built with endpoint(${exportName}, …)`);
    }
    expect(problems).toEqual([]);
  });

  it('say who may call them, and list the refusal of anybody else', () => {
    const problems: string[] = [];
    for (const { declaration } of declarations) {
      const callers = typeof declaration.auth === 'string' ? [declaration.auth] : declaration.auth;
      const codes = declaration.errors.map((e) => e.code);
      if (callers.length === 0) problems.push(`${declaration.functionName}: nobody may call it`);
      // A role the use case checks is refused with FORBIDDEN, a member's binding with NOT_BOUND.
      if (callers.some((c) => c === 'clerk' || c === 'official' || c === 'admin') && !codes.includes('FORBIDDEN')) {
        problems.push(`${declaration.functionName}: for ${callers.join(' or ')} but does not list FORBIDDEN`);
      }
      if (callers.includes('member') && !codes.includes('NOT_BOUND')) problems.push(`${declaration.functionName}: for members but does not list NOT_BOUND`);
      if (callers.includes('public') && callers.length > 1) problems.push(`${declaration.functionName}: public and something else`);
    }
    expect(problems).toEqual([]);
  });

  it('list refusals of a catalogue with a 4xx or 5xx status and a Chinese message, none implied by their shape already', () => {
    const known = new Map(catalogues.flatMap((c) => c.entries.map((entry) => [entry.code, entry] as const)));
    const problems: string[] = [];
    for (const { declaration } of declarations) {
      const implied = new Set(protocolErrors(declaration).map((e) => e.code));
      const codes = declaration.errors.map((e) => e.code);
      for (const entry of declaration.errors) {
        if (known.get(entry.code) !== entry) problems.push(`${declaration.functionName}: ${entry.code} is not its catalogue's entry`);
        if (implied.has(entry.code)) problems.push(`${declaration.functionName}: ${entry.code} is implied by its shape already`);
      }
      if (new Set(codes).size !== codes.length) problems.push(`${declaration.functionName}: a code listed twice`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the error catalogues', () => {
  it('each hold their codes with a 4xx or 5xx status and a message a member reads in Chinese', () => {
    expect(catalogues.map((c) => c.name).sort()).toEqual(
      expect.arrayContaining([
        'functions/kernel/contracts/errors.ts KERNEL_ERRORS',
        'functions/membership/contracts/errors.ts MEMBERSHIP_ERRORS',
        'functions/benefits/contracts/errors.ts BENEFITS_ERRORS',
        'functions/applications/contracts/errors.ts APPLICATIONS_ERRORS',
        'functions/workbench/contracts/errors.ts WORKBENCH_ERRORS',
      ]),
    );
    for (const { name, entries } of catalogues) {
      for (const { code, status, message } of entries) {
        expect(code, name).toMatch(/^[A-Z][A-Z_]+$/);
        expect(status >= 400 && status < 600, `${name} ${code} ${status}`).toBe(true);
        expect(message, `${name} ${code}`).toMatch(HAS_CHINESE);
      }
    }
  });

  it('never define a code twice', () => {
    const codes = catalogues.flatMap((c) => c.entries.map((e) => e.code));
    expect(codes.filter((code, i) => codes.indexOf(code) !== i)).toEqual([]);
  });

  it('leave to the kernel only what several capabilities (or the kernel itself) refuse with', () => {
    const kernel = catalogues.find((c) => c.name.startsWith('functions/kernel/'))?.entries.map((e) => e.code) ?? [];
    // Each kernel code is thrown by the kernel or by more than one capability (functions/**, tests excluded).
    const sources = filesUnder(join(projectRoot, 'functions')).filter((f) => f.endsWith('.ts') && !f.includes('/contracts/'));
    const throwers = new Map<string, Set<string>>();
    for (const file of sources) {
      const owner = relative(join(projectRoot, 'functions'), file).split('/')[0] as string;
      const text = readFileSync(file, 'utf8');
      for (const code of kernel) {
        if (new RegExp(`'${code}'`).test(text)) throwers.set(code, (throwers.get(code) ?? new Set()).add(owner));
      }
    }
    const capabilityOnly = kernel.filter((code) => {
      const owners = throwers.get(code) ?? new Set<string>();
      return owners.size === 1 && !owners.has('kernel');
    });
    expect(capabilityOnly).toEqual([]);
  });
});

describe('the mini-program', () => {
  it('types no API path: it calls every endpoint through its declaration', () => {
    const offenders = filesUnder(join(projectRoot, 'src'))
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/['"`]\/api\//.test(line) ? [`${relative(projectRoot, file)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
