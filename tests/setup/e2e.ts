import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { H5_DIST } from '../../scripts/lib/h5-build';
import { chooseChromium, npmChromiumPath } from '../e2e/browser';
import { setupTestStack } from './stack';

/**
 * Global setup of the `e2e` project: the api stack plus the H5 build served over it. The build is
 * not made here (`npm test` runs `npm run build:h5` first). Without Debian's Chromium the npm one is
 * unpacked here, once, before the test files launch it.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(H5_DIST, 'index.html'))) {
    throw new Error(`找不到 H5 构建产物 ${H5_DIST}/index.html：请先执行 npm run build:h5（npm test 会先构建它）。`);
  }
  if (chooseChromium().kind === 'npm') await npmChromiumPath();
  return setupTestStack(project, { h5: true });
}
