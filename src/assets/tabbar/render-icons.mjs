/**
 * Renders the tab-bar icons (81×81 PNG, as WeChat asks) from the SVG paths below with the local
 * Chromium. Run by hand after changing an icon: `node src/assets/tabbar/render-icons.mjs`.
 * Not part of the build; the PNGs are committed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const COLORS = { normal: '#8a8f99', active: '#c8161d' };
const ICONS = {
  home: '<path d="M10 30 L32 12 L54 30 V54 H40 V40 H24 V54 H10 Z" />',
  benefits:
    '<rect x="10" y="24" width="44" height="10" rx="2" /><path d="M14 34 H50 V54 H14 Z" /><path d="M32 24 V54" /><path d="M32 24 C26 12 14 14 20 22 C22 24 28 24 32 24 C36 24 42 24 44 22 C50 14 38 12 32 24 Z" />',
  services:
    '<rect x="10" y="20" width="44" height="32" rx="4" /><path d="M24 20 V14 H40 V20" /><path d="M10 34 H54" />',
  me: '<circle cx="32" cy="22" r="10" /><path d="M12 54 C12 40 22 34 32 34 C42 34 52 40 52 54 Z" />',
};

const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'icons-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  viewport: { width: 81, height: 81 },
});
const page = browser.pages()[0] ?? (await browser.newPage());
for (const [name, shape] of Object.entries(ICONS)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 64 64" fill="none" stroke="${color}" stroke-width="4" stroke-linejoin="round" stroke-linecap="round">${shape}</svg>`;
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } });
    writeFileSync(join(here, `${name}${state === 'active' ? '-active' : ''}.png`), png);
  }
}
await browser.close();
