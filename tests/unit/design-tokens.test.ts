import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * One design system (issue 15, item 9): colours and type sizes are named once, in
 * src/styles/tokens.scss, and every other stylesheet uses them (var(--…)), so 长辈版's token set
 * reaches every page and a colour keeps its role (red only for errors).
 */
const SRC = path.resolve(__dirname, '../../src');
const TOKENS = path.join(SRC, 'styles/tokens.scss');

const stylesheets = readdirSync(SRC, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.scss'))
  .map((e) => path.join(e.parentPath, e.name))
  .filter((file) => file !== TOKENS);

/** Each `line: text` of the stylesheets matching the pattern, comments left out. */
function find(pattern: RegExp): string[] {
  return stylesheets.flatMap((file) =>
    readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${path.relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('design tokens', () => {
  test('there are stylesheets to check, and the token file defines both sets', () => {
    expect(stylesheets.length).toBeGreaterThan(20);
    const tokens = readFileSync(TOKENS, 'utf8');
    for (const name of ['--color-danger', '--text-secondary', '--font-body', '--tap-main']) expect(tokens).toContain(`${name}:`);
    expect(tokens).toMatch(/\.page--elder\s*\{/);
  });

  test('no stylesheet but the token file names a colour', () => {
    expect(find(/#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b/)).toEqual([]);
  });

  test('font sizes come from the type scale', () => {
    expect(find(/font-size:\s*\d/)).toEqual([]);
  });
});
