/**
 * 长辈版 in the WeChat build (issue 15, item 4): the switch on 我的 puts 长辈版's token set on every
 * page root at once, is remembered in wx storage for the next launch, and the labels screen readers
 * read (aria-label) reach WeChat's nodes through Taro's templates (config/accessibility-plugin.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startFakeApi, type FakeApi } from './fixtures/api';
import { bootWeapp, DIST, missingTemplates, tap, textOf, waitFor, type SimComponent, type WeappHarness } from './harness';

let api: FakeApi;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: 60_000 });
});
afterAll(() => api.close());
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

const MODE_KEY = 'puhui.display-mode';

function boot(storage?: Record<string, unknown>): WeappHarness {
  harness = bootWeapp({ apiOrigin: api.origin, storage });
  return harness;
}

/** The node's classes (j-component prefixes each with the component's scope, `main--`). */
const classesOf = (page: SimComponent, id: string) =>
  (page.querySelector(`#${id}`)?.dom?.className ?? '').split(/\s+/).map((c) => c.replace(/^main--/, ''));

interface TaroNode {
  nn: string;
  uid?: string;
  cn?: TaroNode[];
  [attribute: string]: unknown;
}

/** The node Taro sent WeChat for the element with this id (the page's setData tree). */
function nodeOf(page: SimComponent, uid: string): TaroNode | undefined {
  const walk = (nodes: TaroNode[] = []): TaroNode | undefined => {
    for (const node of nodes) {
      if (node.uid === uid) return node;
      const found = walk(node.cn);
      if (found) return found;
    }
    return undefined;
  };
  return walk((page as unknown as { instance: { data: { root: { cn: TaroNode[] } } } }).instance.data.root.cn);
}

/**
 * What WeChat's screen reader would read on that node: the template Taro renders it with must bind
 * aria-label (j-component draws no aria attribute, so the binding is read from base.wxml) to the
 * attribute that holds the label in the node's data.
 */
function ariaLabelOf(page: SimComponent, uid: string): string | null {
  const node = nodeOf(page, uid);
  if (!node) return null;
  const base = readFileSync(path.join(DIST, 'base.wxml'), 'utf8');
  const template = new RegExp(`<template name="tmpl_0_${node.nn}">\\s*<[a-z-]+ ([^>]*)>`).exec(base)?.[1] ?? '';
  const binding = /aria-label="\{\{i\.([a-zA-Z0-9]+)/.exec(template)?.[1];
  return binding && typeof node[binding] === 'string' ? (node[binding] as string) : null;
}

describe('长辈版 in the WeChat build', () => {
  test('the switch on 我的 turns 长辈版 on for every open page, says its state and is remembered', async () => {
    const h = boot();
    const me = h.mountPage('pages/me/index');
    const services = h.mountPage('pages/services/index');
    const row = await waitFor(() => me.querySelector('#display-mode')?.dom, { message: '长辈版 switch on 我的' });
    expect(textOf(row)).toContain('长辈版');
    expect(ariaLabelOf(me, 'display-mode')).toBe('长辈版，已关闭');
    expect(classesOf(me, 'me-page')).not.toContain('page--elder');

    tap(me, '#display-mode');
    await waitFor(() => classesOf(me, 'me-page').includes('page--elder'), { message: '我的 in 长辈版' });
    await waitFor(() => ariaLabelOf(me, 'display-mode') === '长辈版，已开启', { message: 'the switch says it is on' });
    // NutUI's Switch drawn on: its knob moved to the open side, the track no longer 'close'.
    expect(classesOf(me, 'display-mode-switch')).not.toContain('nut-switch-close');
    expect(me.querySelector('#display-mode-switch')?.dom?.innerHTML).toContain('nut-switch-button-open');
    // The 办事 tab was open already: it follows at once.
    await waitFor(() => classesOf(services, 'services-page').includes('page--elder'), { message: '办事 in 长辈版' });
    expect(h.storage.get(MODE_KEY)).toBe('elder');

    tap(me, '#display-mode');
    await waitFor(() => !classesOf(me, 'me-page').includes('page--elder'), { message: 'back to the standard display' });
    expect(h.storage.get(MODE_KEY)).toBe('standard');
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
  });

  test('a launch with 长辈版 remembered opens every page large', async () => {
    const h = boot({ [MODE_KEY]: 'elder' });
    const services = h.mountPage('pages/services/index');
    await waitFor(() => classesOf(services, 'services-page').includes('page--elder'), { message: '办事 in 长辈版' });
    const login = h.mountPage('pages/login/index');
    await waitFor(() => classesOf(login, 'login-page').includes('page--elder'), { message: '登录 in 长辈版' });
  });
});
