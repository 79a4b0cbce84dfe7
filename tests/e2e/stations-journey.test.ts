/**
 * 职工驿站 end to end through the H5 build in Chromium, against the local stack with the demo's 20
 * stations: a visitor (no log-in) opens it from 首页, sees 海口's stations without being asked for the
 * location, taps 附近 with the browser's location mocked at 三亚解放路 (WGS-84, as a phone's GPS gives
 * it), gets 三亚's stations nearest first, and 去这里 opens 高德's route to the nearest one. At 320 px
 * nothing overflows.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { wgs84ToGcj02 } from '../../src/components/station/model';
import { openPhone, type PhoneBrowser } from './browser';
import { isApi, openRoute, settled } from './journey';

const h5Url = inject('h5Url');
const phones: PhoneBrowser[] = [];
afterAll(async () => {
  for (const phone of phones.splice(0)) await phone.close();
});

/** The WGS-84 point whose GCJ-02 is `gcj` (two fixed-point steps: the offset varies slowly). */
function gcjToWgs(gcj: { lat: number; lng: number }) {
  let wgs = gcj;
  for (let i = 0; i < 3; i += 1) {
    const back = wgs84ToGcj02(wgs);
    wgs = { lat: wgs.lat - (back.lat - gcj.lat), lng: wgs.lng - (back.lng - gcj.lng) };
  }
  return wgs;
}

describe('职工驿站', () => {
  it('a visitor finds the nearest station from a mocked location and gets a route to it', async () => {
    const phone = await openPhone();
    phones.push(phone);
    const { page, context } = phone;
    await openRoute(page, h5Url, '/pages/home/index', 'home-services');
    const byCity = page.waitForResponse(isApi('/api/stations', 'GET'));
    await page.locator('#home-service-stations').click();
    expect(new URL((await byCity).url()).search).toBe('?city=01');
    await settled(page, '#stations-page');
    await expect.poll(() => page.locator('#stations-summary').textContent()).toBe('海口市 12 个站点');
    await expect.poll(() => page.locator('#stations-list').textContent()).toContain('国贸职工驿站');

    // 附近, with the phone's location at 三亚解放路 (the station's GCJ-02 point, given as GPS would give it).
    const here = gcjToWgs({ lat: 18.2531, lng: 109.5046 });
    await context.grantPermissions(['geolocation'], { origin: new URL(h5Url).origin });
    await context.setGeolocation({ latitude: here.lat, longitude: here.lng });
    const nearby = page.waitForResponse(isApi('/api/stations', 'GET'));
    await page.locator('#stations-nearby').click();
    const query = new URL((await nearby).url()).searchParams;
    expect(Number(query.get('lat'))).toBeCloseTo(18.2531, 3);
    expect(Number(query.get('lng'))).toBeCloseTo(109.5046, 3);
    await expect.poll(() => page.locator('#stations-summary').textContent()).toMatch(/^附近 25 公里内 \d+ 个站点，由近到远$/);
    const cards = page.locator('#stations-list .station-card');
    await expect.poll(() => cards.first().locator('.station-card__name').textContent()).toBe('解放路职工驿站');
    expect(await cards.first().locator('.station-card__distance').textContent()).toMatch(/^\d+ 米$/);
    const names = await cards.locator('.station-card__name').allTextContents();
    expect(names).toContain('三亚湾户外劳动者服务站');
    expect(names.some((n) => n.includes('国贸') || n.includes('海口'))).toBe(false);

    // 去这里: 高德's route page to the station (a browser has no WeChat navigation).
    await page.evaluate(() => {
      const w = window as unknown as { opened: string[]; open: (url: string) => null };
      w.opened = [];
      w.open = (url: string) => (w.opened.push(url), null);
    });
    const go = cards.first().locator('[id^="station-go-"]');
    expect(await go.textContent()).toContain('去这里');
    await go.click();
    const opened = await page.evaluate(() => (window as unknown as { opened: string[] }).opened);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^https:\/\/uri\.amap\.com\/navigation\?to=109\.5042,18\.2527,/);

    // 320 px: nothing wider than the screen.
    await page.setViewportSize({ width: 320, height: 700 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(phone.errors).toEqual([]);
  });
});
