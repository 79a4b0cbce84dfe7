import { act, useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Station, StationListResponse } from '../../functions/stations/contracts/stations';
import { distanceM } from '../../functions/stations/domain/geo';
import { distanceLabel, navigationUrl, wgs84ToGcj02 } from '../../src/components/station/model';
import { flush, mount, type Mounted } from './render';

/**
 * 职工驿站 (stations/finder) on jsdom: a city's stations without asking for the location; 附近 asks
 * only when tapped, converts the browser's WGS-84 to GCJ-02 and lists nearest first with distances;
 * a refused location keeps the city list with a note; 去这里 opens 高德's route page.
 */
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => ({
  Button: ({ id, children, onClick }: { id?: string; children?: ReactNode; onClick?: () => void }) => (
    <button type='button' id={id} onClick={onClick}>
      {children}
    </button>
  ),
  Tag: ({ children }: { children?: ReactNode }) => <span className='tag'>{children}</span>,
}));
const taroCalls = vi.hoisted(() => ({ getLocation: vi.fn(), openLocation: vi.fn(), makePhoneCall: vi.fn(() => Promise.resolve()) }));
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = { ...actual, ...taroCalls, useLoad: (fn: (p: Record<string, string>) => void) => useEffect(() => fn({}), []) };
  return { ...taro, default: taro };
});
const api = vi.hoisted(() => ({ cityStations: vi.fn(), nearbyStations: vi.fn() }));
vi.mock('../../src/services/stations', () => api);

const station = (id: string, name: string, over: Partial<Station> = {}): Station => ({
  id,
  name,
  kind: 'post',
  org: { id: 'org-haikou', name: '海口市总工会' },
  city: '01',
  address: '海口市龙华区玉沙路 8 号',
  location: { lat: 20.0268, lng: 110.3196 },
  hours: '08:00–22:00',
  services: ['water', 'charging'],
  phone: '0898-68551201',
  distanceM: null,
  version: 1,
  updatedAt: '2026-12-01T08:00:00.000Z',
  ...over,
});
const byCity: StationListResponse = { mode: 'city', radiusKm: null, items: [station('s1', '国贸职工驿站'), station('s2', '骑楼老街职工驿站', { kind: 'outdoor' })] };
const near: StationListResponse = {
  mode: 'nearby',
  radiusKm: 25,
  items: [station('s1', '国贸职工驿站', { distanceM: 120 }), station('s3', '滨海大道户外劳动者服务站', { distanceM: 1_730, kind: 'outdoor', phone: '' })],
};

let page: Mounted | undefined;
const $ = (sel: string) => page!.container.querySelector(sel) as HTMLElement | null;
const text = () => page!.container.textContent ?? '';
const tap = (sel: string) => act(async () => $(sel)!.click());

async function open() {
  const { default: StationFinder } = await import('../../src/stations/finder/index');
  page = await mount(<StationFinder />);
  await flush();
}

beforeEach(() => {
  api.cityStations.mockResolvedValue(byCity);
  api.nearbyStations.mockResolvedValue(near);
});
afterEach(async () => {
  await page?.unmount();
  page = undefined;
  vi.clearAllMocks();
});

describe('职工驿站', () => {
  it('lists 海口 by name without asking for the location', async () => {
    await open();
    expect(api.cityStations).toHaveBeenCalledWith('01');
    expect(taroCalls.getLocation).not.toHaveBeenCalled();
    expect($('#stations-city')?.textContent).toContain('海口市');
    expect($('#stations-summary')?.textContent).toBe('海口市 2 个站点');
    expect($('#station-s1')?.textContent).toContain('国贸职工驿站');
    expect($('#station-s2')?.textContent).toContain('户外劳动者站点');
    expect($('#station-s1')?.textContent).toContain('饮水');
    expect($('#station-distance-s1')).toBeNull();
  });

  it('附近 asks for the location when tapped and lists nearest first with distances (WGS-84 converted to GCJ-02)', async () => {
    taroCalls.getLocation.mockResolvedValue({ latitude: 20.0291, longitude: 110.3142 });
    await open();
    await tap('#stations-nearby');
    await flush();
    expect(taroCalls.getLocation).toHaveBeenCalledWith({ type: 'wgs84' });
    const [[at]] = api.nearbyStations.mock.calls as [[{ lat: number; lng: number }]];
    expect(at).toEqual(wgs84ToGcj02({ lat: 20.0291, lng: 110.3142 }));
    expect($('#stations-summary')?.textContent).toBe('附近 25 公里内 2 个站点，由近到远');
    expect([...page!.container.querySelectorAll('[id^="station-s"]')].filter((e) => /^station-s\d$/.test(e.id)).map((e) => e.id)).toEqual(['station-s1', 'station-s3']);
    expect($('#station-distance-s1')?.textContent).toBe('120 米');
    expect($('#station-distance-s3')?.textContent).toBe('1.7 公里');
    expect($('#station-call-s3')).toBeNull();
  });

  it('keeps the city list and says why when the location is refused; an empty answer says so', async () => {
    taroCalls.getLocation.mockRejectedValue({ errMsg: 'getLocation:fail auth deny' });
    await open();
    await tap('#stations-nearby');
    await flush();
    expect($('#stations-note')?.textContent).toContain('未能获取您的位置');
    expect(api.nearbyStations).not.toHaveBeenCalled();
    expect($('#station-s1')).not.toBeNull();

    taroCalls.getLocation.mockResolvedValue({ latitude: 19.2, longitude: 109.6 });
    api.nearbyStations.mockResolvedValue({ mode: 'nearby', radiusKm: 25, items: [] });
    await tap('#stations-nearby');
    await flush();
    expect($('#stations-empty')?.textContent).toContain('附近 25 公里内暂无职工驿站');
  });

  it('去这里 opens 高德 route to the station in H5; 电话 dials', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    await open();
    await tap('#station-go-s1');
    expect(opened).toHaveBeenCalledWith(navigationUrl(byCity.items[0]!), '_blank', 'noopener');
    expect(opened.mock.calls[0]![0]).toContain('to=110.3196,20.0268,');
    await tap('#station-call-s1');
    expect(taroCalls.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '089868551201' });
    opened.mockRestore();
    expect(text()).not.toMatch(/undefined|null|NaN/);
  });
});

describe('the finder’s arithmetic', () => {
  it('says distances in 米 and 公里', () => {
    expect([distanceLabel(3), distanceLabel(348), distanceLabel(1_250), distanceLabel(23_400), distanceLabel(null)]).toEqual(['10 米', '350 米', '1.3 公里', '23 公里', '']);
  });

  it('shifts WGS-84 by the GCJ-02 offset: 300–700 m in Hainan, towards the north-east', () => {
    for (const p of [{ lat: 20.0268, lng: 110.3196 }, { lat: 18.2527, lng: 109.5042 }]) {
      const g = wgs84ToGcj02(p);
      expect(distanceM(p, g)).toBeGreaterThan(300);
      expect(distanceM(p, g)).toBeLessThan(700);
      expect(g.lng).toBeGreaterThan(p.lng);
    }
  });
});
