import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * NutUI on demand (issue 15, item 9): the app carries the stylesheet of each NutUI component it
 * uses (src/styles/nutui.ts), not the library's whole stylesheet. A page importing a component whose
 * style is not listed would render unstyled; a listed style no page uses is weight for nothing.
 */
const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const STYLES = path.join(SRC, 'styles/nutui.ts');
const PACKAGES = path.join(ROOT, 'node_modules/@nutui/nutui-react-taro/dist/es/packages');

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(tsx?|jsx?)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The NutUI components named in `import { A, B } from '@nutui/nutui-react-taro'` across src/. */
function usedComponents(): Set<string> {
  const used = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@nutui\/nutui-react-taro'/g)) {
      if (/^import\s+type/.test(match[0])) continue;
      for (const name of (match[1] ?? '').split(',')) {
        const component = name.trim().split(/\s+as\s+/)[0];
        if (component && !component.startsWith('type ') && /^[A-Z]/.test(component)) used.add(component.toLowerCase());
      }
    }
  }
  return used;
}

describe('NutUI on demand', () => {
  const styles = readFileSync(STYLES, 'utf8');
  const listed = new Set([...styles.matchAll(/dist\/es\/packages\/([a-z]+)\/style\/css'/g)].map((m) => m[1] ?? ''));

  test('no file imports the whole NutUI stylesheet', () => {
    const whole = sources(SRC).filter((f) => /@nutui\/nutui-react-taro\/dist\/style(-[a-z]+)?\.(css|scss)/.test(readFileSync(f, 'utf8')));
    expect(whole.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  test('every NutUI component a page imports has its style listed, and only those', () => {
    const used = usedComponents();
    expect(used.size).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual([...used].sort());
    for (const component of listed) expect(existsSync(path.join(PACKAGES, component, 'style/css.js')), component).toBe(true);
  });
});
