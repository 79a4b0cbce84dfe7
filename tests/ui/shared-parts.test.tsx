import { act, useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmSheet } from '../../src/components/confirm-sheet';
import { FormField } from '../../src/components/form-field';
import { Page } from '../../src/components/page';
import { ListStatus, PagedList, usePagedList, type Page as ListPage } from '../../src/components/paged-list';
import { PageState, gateOf } from '../../src/components/page-state';
import { StatusTag } from '../../src/components/status-tag';
import { isElderMode, readDisplayMode, saveDisplayMode } from '../../src/services/display-mode';
import { ApiError } from '../../src/services/request';
import { flush, mount, type Mounted } from './render';

/**
 * The shared page parts every page draws with (issue 15, item 9): page state, paged list, form field,
 * status tag, confirm sheet, and the page root that carries 长辈版's token set.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => import('./nutui-stub'));
const taro = vi.hoisted(() => ({ storage: new Map<string, unknown>(), showModal: vi.fn(), navigateTo: vi.fn() }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const mocked = {
    ...actual,
    getStorageSync: (key: string) => taro.storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void taro.storage.set(key, value),
    showModal: taro.showModal,
    navigateTo: taro.navigateTo,
  };
  return { ...mocked, default: mocked };
});

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
  taro.storage.clear();
  vi.clearAllMocks();
});

const text = (selector: string) => mounted!.container.querySelector(selector)?.textContent ?? null;
const click = async (selector: string) => {
  const node = mounted!.container.querySelector<HTMLElement>(selector);
  expect(node, selector).not.toBeNull();
  await act(async () => node!.click());
};

describe('PageState', () => {
  it('loading, then a failure with its message and a retry', async () => {
    const retry = vi.fn();
    mounted = await mount(<PageState id='x' gate={{ kind: 'loading' }} onRetry={retry} />);
    expect(text('#x-loading')).toBe('正在加载…');
    expect(mounted.container.querySelector('#x-retry')).toBeNull();

    await mounted.rerender(<PageState id='x' gate={gateOf(new ApiError('NOT_FOUND', '申请不存在', 404))} onRetry={retry} />);
    expect(text('#x-error')).toBe('申请不存在');
    expect(mounted.container.querySelector('.page-state__error')).not.toBeNull();
    await click('#x-retry');
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('offline is told as the network (not red), the session running out as 请先登录', async () => {
    mounted = await mount(<PageState id='x' gate={gateOf(new ApiError('NETWORK_ERROR', 'x', 0))} onRetry={() => undefined} />);
    expect(text('#x-error')).toBe('网络连接失败，请检查网络后重试');
    expect(mounted.container.querySelector('.page-state__offline')).not.toBeNull();
    expect(mounted.container.querySelector('.page-state__error')).toBeNull();

    await mounted.rerender(<PageState id='x' gate={gateOf(new ApiError('TOKEN_EXPIRED', '登录已过期', 401))} loginHint='登录后查看' />);
    expect(text('#x-anonymous')).toContain('请先登录');
    expect(text('#x-anonymous')).toContain('登录后查看');
    await click('#x-login');
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('empty with its text and an action', async () => {
    mounted = await mount(<PageState id='x' gate={{ kind: 'empty', text: '还没有办理记录' }} emptyAction={<a id='x-start'>去办理</a>} />);
    expect(text('#x-empty')).toContain('还没有办理记录');
    expect(text('#x-start')).toBe('去办理');
  });

  it('an unknown failure says the fallback, never a blank', () => {
    expect(gateOf(new Error(''))).toEqual({ kind: 'error', message: '加载失败，请稍后再试' });
  });
});

describe('ListStatus and PagedList', () => {
  const base = { id: 'l', emptyText: '暂无记录', onRetry: () => undefined };

  it('a failure wins over loading and empty; then loading; then empty', async () => {
    mounted = await mount(<ListStatus {...base} loading error='加载失败' empty />);
    expect(text('#l-error')).toBe('加载失败');
    await mounted.rerender(<ListStatus {...base} loading error='' empty />);
    expect(text('#l-loading')).toBe('正在加载…');
    expect(mounted.container.querySelector('#l-empty')).toBeNull();
    await mounted.rerender(<ListStatus {...base} loading={false} error='' empty />);
    expect(text('#l-empty')).toBe('暂无记录');
  });

  it('加载更多 while a next page exists, the end text after the last', async () => {
    const more = vi.fn();
    mounted = await mount(<ListStatus {...base} loading={false} error='' empty={false} hasMore onMore={more} endText='没有更多了' />);
    await click('#l-more');
    expect(more).toHaveBeenCalledTimes(1);
    expect(mounted.container.querySelector('#l-end')).toBeNull();
    await mounted.rerender(<ListStatus {...base} loading={false} error='' empty={false} endText='没有更多了' />);
    expect(mounted.container.querySelector('#l-more')).toBeNull();
    expect(text('#l-end')).toBe('没有更多了');
  });

  it('usePagedList appends the next page, and PagedList draws items then 加载更多', async () => {
    const pages: Record<string, ListPage<string>> = { first: { items: ['甲', '乙'], nextCursor: 'c2' }, c2: { items: ['丙'], nextCursor: null } };
    const fetchPage = vi.fn(async (_filter: string, cursor?: string) => pages[cursor ?? 'first']!);
    function Harness() {
      const { list, load } = usePagedList(fetchPage);
      useEffect(() => void load('all'), [load]);
      return (
        <PagedList
          {...base}
          listId='l-items'
          list={list}
          endText='没有更多了'
          onMore={() => void load('all', list.nextCursor ?? undefined)}
          renderItem={(item) => (
            <span key={item} className='item'>
              {item}
            </span>
          )}
        />
      );
    }
    mounted = await mount(<Harness />);
    await flush();
    expect([...mounted.container.querySelectorAll('#l-items .item')].map((n) => n.textContent)).toEqual(['甲', '乙']);
    await click('#l-more');
    await flush();
    expect([...mounted.container.querySelectorAll('#l-items .item')].map((n) => n.textContent)).toEqual(['甲', '乙', '丙']);
    expect(fetchPage).toHaveBeenLastCalledWith('all', 'c2');
    expect(text('#l-end')).toBe('没有更多了');
  });
});

describe('FormField and StatusTag', () => {
  it('a field shows its label and hint, and its message once it has one', async () => {
    mounted = await mount(
      <FormField label='姓名' field='name' hint='与身份证一致'>
        <input />
      </FormField>,
    );
    expect(text('#field-name .form-field__label')).toBe('姓名');
    expect(text('#field-name .form-field__hint')).toBe('与身份证一致');
    expect(mounted.container.querySelector('#field-name-error')).toBeNull();
    await mounted.rerender(
      <FormField label='姓名' field='name' error='请填写姓名' errorId='binding-name-error'>
        <input />
      </FormField>,
    );
    expect(text('#binding-name-error')).toBe('请填写姓名');
    expect(mounted.container.querySelector('#field-name')!.className).toContain('form-field--error');
  });

  it('a status tag carries its colour role', async () => {
    mounted = await mount(
      <StatusTag id='t' tone='progress'>
        审核中
      </StatusTag>,
    );
    expect(mounted.container.querySelector('#t')!.className).toBe('status-tag status-tag--progress');
    expect(text('#t')).toBe('审核中');
  });
});

describe('长辈版 and the confirm sheet', () => {
  it('the switch is remembered and every mounted page root takes the 长辈版 token set at once', async () => {
    expect(readDisplayMode()).toBe('standard');
    mounted = await mount(
      <Page id='p' className='me-page'>
        内容
      </Page>,
    );
    const classes = () => [...mounted!.container.querySelector('#p')!.classList].sort();
    expect(classes()).toEqual(['me-page', 'page']);
    await act(async () => saveDisplayMode('elder'));
    expect(classes()).toEqual(['me-page', 'page', 'page--elder']);
    expect(isElderMode()).toBe(true);
    expect(taro.storage.get('puhui.display-mode')).toBe('elder');
    await act(async () => saveDisplayMode('standard'));
    expect(classes()).toEqual(['me-page', 'page']);
  });

  it('a page opened in 长辈版 starts large', async () => {
    taro.storage.set('puhui.display-mode', 'elder');
    mounted = await mount(<Page id='p'>内容</Page>);
    expect(mounted.container.querySelector('#p')!.className).toBe('page page--elder');
  });

  it('confirmSheet asks with our words and colours and answers the choice', async () => {
    taro.showModal.mockResolvedValueOnce({ confirm: true, cancel: false }).mockResolvedValueOnce({ confirm: false, cancel: true });
    await expect(confirmSheet({ title: '注销账号', content: '注销后不可恢复', danger: true })).resolves.toBe(true);
    expect(taro.showModal).toHaveBeenLastCalledWith({ title: '注销账号', content: '注销后不可恢复', confirmText: '确定', cancelText: '取消', confirmColor: '#cf1322' });
    await expect(confirmSheet({ title: '撤回申请', content: '确定撤回？', confirmText: '撤回' })).resolves.toBe(false);
    expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ confirmText: '撤回', confirmColor: '#c8161d' }));
  });
});
