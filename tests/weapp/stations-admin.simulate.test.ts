/**
 * 职工驿站维护 (workbench subpackage) in the WeChat build against the fake API: a city's stations with
 * 编辑 and 删除 only where the API says the official may; a new station checked field by field in
 * the contract's words before anything is sent, then created; an edit that sends only what changed,
 * against the version read; 删除 after the confirm sheet.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SESSION_TOKEN, startFakeApi, type FakeApi } from './fixtures/api';
import { bootWeapp, missingTemplates, tap, textOf, waitFor, type WeappHarness, typeInto as type } from './harness';

let api: FakeApi;
let harness: WeappHarness | undefined;

beforeAll(async () => {
  api = await startFakeApi({ qrTtlMs: 60_000 });
});
afterAll(() => api.close());
beforeEach(() => api.stationsAdmin.reset());
afterEach(() => {
  harness?.dispose();
  harness = undefined;
});

function boot(): WeappHarness {
  harness = bootWeapp({
    apiOrigin: api.origin,
    storage: { 'puhui.session': { token: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
  });
  return harness;
}


const writes = (h: WeappHarness) => api.servedTo(h).filter((s) => s.method === 'POST' && s.path.startsWith('/api/admin/stations'));

describe('职工驿站维护', () => {
  test('lists a city’s stations, checks and creates a new one, edits only what changed, deletes after confirming', async () => {
    const h = boot();
    const page = h.mountPage('workbench/stations/index');
    await waitFor(() => page.querySelector('#stations-admin-stn-demo-hk-01'), { message: 'the stations of 海口' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
    expect(textOf(page.querySelector('#stations-admin-stn-demo-hk-01'))).toContain('职工服务中心 · 海口市总工会');
    expect(textOf(page.querySelector('#stations-admin-stn-demo-hk-01'))).toContain('服务：饮水、休息');
    // Kept by a union above: no 编辑 or 删除.
    expect(page.querySelector('#stations-admin-edit-stn-demo-hk-03')).toBeFalsy();
    expect(textOf(page.querySelector('#stations-admin-stn-demo-hk-03'))).toContain('由上级或其他工会维护');

    // A new station: the fields checked before anything is sent, in plain words.
    tap(page, '#stations-admin-new');
    await waitFor(() => page.querySelector('#station-form'), { message: 'the form' });
    tap(page, '#station-save');
    await waitFor(() => page.querySelector('#station-name-error'), { message: 'checked' });
    expect(textOf(page.querySelector('#station-name-error'))).toBe('请填写站点名称');
    expect(textOf(page.querySelector('#station-kind-error'))).toBe('请选择站点类型');
    expect(textOf(page.querySelector('#station-lat-error'))).toBe('请填写纬度');
    expect(textOf(page.querySelector('#station-form-error'))).toBe('请按提示修改标红的内容');
    expect(writes(h)).toEqual([]);

    type(page, 'station-name', '滨海新村户外劳动者站点');
    tap(page, '#station-kind-outdoor');
    type(page, 'station-address', '海口市秀英区滨海大道 100 号');
    type(page, 'station-lat', '40.1');
    type(page, 'station-lng', '110.3');
    type(page, 'station-hours', '全天开放');
    tap(page, '#station-service-water');
    tap(page, '#station-service-charging');
    // The member's org search stands in where the account has no official role of its own.
    type(page, 'station-org-picker-input', '椰城');
    await waitFor(() => page.querySelector('#station-org-picker-option-org-g-hk-bus'), { message: 'a union found' });
    tap(page, '#station-org-picker-option-org-g-hk-bus');
    tap(page, '#station-save');
    await waitFor(() => page.querySelector('#station-lat-error'), { message: 'outside Hainan' });
    expect(textOf(page.querySelector('#station-lat-error'))).toBe('坐标不在海南省内，请核对纬度');
    type(page, 'station-lat', '20.01');
    await waitFor(() => !page.querySelector('#station-lat-error'), { message: 'the message goes once the field is changed' });
    tap(page, '#station-save');
    await waitFor(() => page.querySelector('#stations-admin-notice'), { message: 'created' });
    expect(textOf(page.querySelector('#stations-admin-notice'))).toBe('已新增“滨海新村户外劳动者站点”，会员在职工驿站中即可找到。');
    const created = writes(h)[0]!.body as Record<string, unknown>;
    expect(created).toMatchObject({ orgId: 'org-g-hk-bus', name: '滨海新村户外劳动者站点', kind: 'outdoor', city: '01', location: { lat: 20.01, lng: 110.3 }, services: ['water', 'charging'] });
    await waitFor(() => page.querySelector('#stations-admin-stn-new-4'), { message: 'listed' });

    // An edit sends the version read and only the field that changed.
    tap(page, '#stations-admin-edit-stn-demo-hk-01');
    await waitFor(() => page.querySelector('#station-form'), { message: 'the edit form' });
    type(page, 'station-hours', '周一至周六 08:30–18:00');
    await waitFor(() => textOf(page.querySelector('#station-form')).includes('编辑'), { message: 'typed' });
    tap(page, '#station-save');
    await waitFor(() => textOf(page.querySelector('#stations-admin-notice')).startsWith('已保存'), { message: 'saved' });
    expect(writes(h)[1]).toMatchObject({ path: '/api/admin/stations/stn-demo-hk-01', body: { version: 3, hours: '周一至周六 08:30–18:00' } });
    expect(Object.keys(writes(h)[1]!.body as object).sort()).toEqual(['hours', 'version']);
    await waitFor(() => textOf(page.querySelector('#stations-admin-stn-demo-hk-01')).includes('周一至周六'), { message: 'the list read again' });

    // 删除 asks first (the shared confirm sheet), then removes against the version read.
    tap(page, '#stations-admin-remove-stn-demo-hk-02');
    await waitFor(() => textOf(page.querySelector('#stations-admin-notice')).startsWith('已删除'), { message: 'deleted' });
    expect(h.calls.filter((c) => c.api === 'showModal').map((c) => (c.options as { title: string }).title)).toEqual(['删除站点']);
    expect(writes(h)[2]).toMatchObject({ path: '/api/admin/stations/stn-demo-hk-02', body: { version: 1, removed: true } });
    await waitFor(() => !page.querySelector('#stations-admin-stn-demo-hk-02'), { message: 'gone from the list' });
  });
});

describe('职工驿站 (the members’ finder, subpackage stations)', () => {
  test('a city’s stations by name without logging in; 附近 asks for the location (gcj02) only on the tap, nearest first; 去这里 opens WeChat’s map', async () => {
    harness = bootWeapp({ apiOrigin: api.origin });
    const h = harness;
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    const asked: Array<Record<string, unknown>> = [];
    const opened: Array<Record<string, unknown>> = [];
    wx.getLocation = (opts: Record<string, unknown> & { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      asked.push(opts);
      const res = { latitude: 20.031, longitude: 110.351, errMsg: 'getLocation:ok' };
      setTimeout(() => {
        opts.success?.(res);
        opts.complete?.(res);
      });
    };
    wx.openLocation = (opts: Record<string, unknown> & { success?: (r: unknown) => void }) => {
      opened.push(opts);
      setTimeout(() => opts.success?.({ errMsg: 'openLocation:ok' }));
    };
    const page = h.mountPage('stations/finder/index');
    await waitFor(() => page.querySelector('#station-stn-demo-hk-01'), { message: '海口’s stations' });
    expect(missingTemplates(h.wxmlRuntimeLines)).toEqual([]);
    expect(asked).toEqual([]);
    // By name in 海口: 国兴大道…, 海口市…, 省总工会…
    const order = (text: string) => ['国兴大道户外劳动者驿站', '海口市职工服务中心', '省总工会职工驿站'].map((name) => text.indexOf(name));
    const byName = order(textOf(page.querySelector('#stations-list')));
    expect(byName.every((at) => at >= 0) && [...byName].sort((a, b) => a - b)).toEqual(byName);

    tap(page, '#stations-nearby');
    await waitFor(() => api.servedTo(h).some((s) => s.path === '/api/stations' && s.query.includes('lat=')), { message: 'asked nearest first' });
    expect(asked.map((o) => o.type)).toEqual(['gcj02']);
    await waitFor(() => page.querySelector('#station-distance-stn-demo-hk-02'), { message: 'distances shown' });
    // Nearest first: the station 100 m away before the centre 1 km away.
    const list = textOf(page.querySelector('#stations-list'));
    expect(list.indexOf('国兴大道户外劳动者驿站')).toBeLessThan(list.indexOf('海口市职工服务中心'));

    tap(page, '#station-go-stn-demo-hk-02');
    await waitFor(() => opened.length === 1, { message: 'WeChat’s map opened' });
    expect(opened[0]).toMatchObject({ latitude: 20.03, longitude: 110.35, name: '国兴大道户外劳动者驿站' });
  });
});
