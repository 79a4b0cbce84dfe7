import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

/**
 * What `npm run package` (osls compose over infra/serverless-compose.yml) writes for a stage, read
 * without AWS credentials: every stack's template and its function zips, from a copy of the project
 * in a temporary directory (node_modules linked), so a run never shares `.esbuild/` or
 * `.serverless/` with a developer's `npm run package` or `npm start` in the working tree.
 */

const run = promisify(execFile);
export const root = resolve(__dirname, '../..');
const serverlessBin = join(dirname(createRequire(__filename).resolve('serverless/package.json')), 'bin/serverless.js');

/** Not copied into the packaging directory: dependencies, build output, caches, VCS. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', '.esbuild', '.serverless', '.taro-cache', '.swc', '.local', 'coverage']);

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Stack {
  /** The compose service: platform, api, or a capability. */
  name: string;
  /** Its folder, relative to the project root. */
  path: string;
  template: Json;
  /** Where its `.serverless/` (template and zips) was written. */
  packageDir: string;
}

export interface ComposeFile {
  services: Record<string, { path: string; dependsOn?: string | string[] }>;
}

export const composeFile = (): ComposeFile =>
  parse(readFileSync(join(root, 'infra', 'serverless-compose.yml'), 'utf8')) as ComposeFile;

export interface Packaged {
  workDir: string;
  stacks: Stack[];
  seconds: number;
  /** Runs osls in the copy's root (the local aggregate). */
  serverless(args: string[], env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }>;
  remove(): void;
}

export async function packageStacks(stage: string, env: NodeJS.ProcessEnv): Promise<Packaged> {
  const workDir = mkdtempSync(join(tmpdir(), 'hainan-infra-'));
  const service = join(workDir, 'service');
  // Build output at any depth too: each stack packages into its own folder's .serverless/.
  cpSync(root, service, { recursive: true, filter: (src) => !NOT_COPIED.has(basename(src)) });
  symlinkSync(join(root, 'node_modules'), join(service, 'node_modules'), 'dir');
  const baseEnv = {
    ...process.env,
    ...env,
    ESBUILD_WORK_FOLDER: '.esbuild',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  };
  const serverless = (args: string[], extra: NodeJS.ProcessEnv = {}, cwd = service) =>
    run(process.execPath, [serverlessBin, ...args], { cwd, env: { ...baseEnv, ...extra }, maxBuffer: 64 * 1024 * 1024 });

  const started = Date.now();
  await serverless(['package', '--stage', stage], {}, join(service, 'infra'));
  const seconds = (Date.now() - started) / 1000;

  const stacks = Object.entries(composeFile().services).map(([name, { path }]) => {
    const packageDir = join(service, 'infra', path, '.serverless');
    const template = JSON.parse(readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8')) as Json;
    return { name, path: join('infra', path).replace(/^infra\/\.\.\//, ''), template, packageDir };
  });
  return {
    workDir,
    stacks,
    seconds,
    serverless: (args, extra) => serverless(args, extra),
    remove: () => rmSync(workDir, { recursive: true, force: true }),
  };
}

export const resourcesOf = (template: Json) => Object.entries(template.Resources as Record<string, Json>);
export const resourcesOfType = (template: Json, type: string) => resourcesOf(template).filter(([, r]) => r.Type === type);
export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
