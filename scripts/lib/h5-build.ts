import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths';
import { startProcess, type ManagedProcess } from './processes';
import { StackStartError } from './errors';

export const H5_DIST = join(projectRoot, 'dist', 'h5');

/** What the H5 build is made from (the app compiles the shared contracts and domain rules too). */
const BUILD_INPUTS = ['src', 'config', 'types', 'functions', '.env', '.env.production', 'babel.config.js', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the H5 build must run, or null when dist/h5 is newer than everything it is built from. */
export function h5BuildReason(dist = H5_DIST): string | null {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return `${dist} 不存在`;
  const built = statSync(index).mtimeMs;
  const changed = BUILD_INPUTS.find((p) => newestMtime(join(projectRoot, p)) > built);
  return changed ? `${changed} 比现有构建新` : null;
}

export interface H5Build {
  process: ManagedProcess;
  done: Promise<void>;
}

/** `npm run build:h5` as a child process (stoppable with the rest of the stack). */
export function buildH5(onLine?: (line: string) => void): H5Build {
  const build = startProcess('npm', ['run', 'build:h5'], {
    name: 'H5 build',
    cwd: projectRoot,
    env: { ...process.env, FORCE_COLOR: '0', CI: 'true' },
    keepLines: 400,
    ...(onLine && { onLine: (line: string) => onLine(line) }),
  });
  const done = build.exited.then((code) => {
    if (code !== 0 || !existsSync(join(H5_DIST, 'index.html'))) {
      const errors = build.recentOutput().split('\n').filter((l) => /error|错误|cannot|failed/i.test(l)).slice(0, 8);
      throw new StackStartError(`H5 构建失败（npm run build:h5 退出码 ${code}），完整输出见上方 [h5] 行：\n${errors.join('\n')}`);
    }
  });
  return { process: build, done };
}
