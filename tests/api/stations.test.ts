import { beforeAll, describe, expect, it } from 'vitest';
import { call, loginAs, unique } from './client';

/**
 * 职工驿站 over HTTP, on the demo data (20 stations in 海口 and 三亚): nearest first without log-in,
 * a city's stations, the refusals of bad coordinates, and who may create and edit a station.
 */
const GUOMAO = { lat: 20.0268, lng: 110.3196 };

let haikou: string;
let sanya: string;
let bus: string;
let member: string;
beforeAll(async () => {
  [haikou, sanya, bus, member] = (await Promise.all(['haikou', 'sanya', 'bus', 'member'].map(loginAs))) as [string, string, string, string];
});

const station = (overrides: Record<string, unknown> = {}) => ({
  orgId: 'org-haikou',
  name: unique('测试驿站'),
  kind: 'outdoor',
  city: '01',
  address: '海口市龙华区测试路 1 号',
  location: { lat: 20.03, lng: 110.32 },
  hours: '24 小时',
  services: ['water', 'charging'],
  phone: '',
  ...overrides,
});

describe('GET /api/stations, without log-in', () => {
  it('answers the stations within 25 km nearest first, with their distance', async () => {
    const answer = await call('GET', `/api/stations?lat=${GUOMAO.lat}&lng=${GUOMAO.lng}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ mode: 'nearby', radiusKm: 25 });
    const items = answer.body.items as Array<{ name: string; city: string; distanceM: number }>;
    expect(items[0]).toMatchObject({ name: '国贸职工驿站', distanceM: 0, kind: 'post', org: { id: 'org-haikou', name: '海口市总工会' } });
    expect(Object.keys(items[0]!).sort()).toEqual(['address', 'city', 'distanceM', 'hours', 'id', 'kind', 'location', 'name', 'org', 'phone', 'services', 'updatedAt', 'version']);
    expect(items.length).toBeGreaterThanOrEqual(11);
    expect(items.every((s) => s.city === '01' && s.distanceM <= 25_000)).toBe(true);
    const distances = items.map((s) => s.distanceM);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('answers a city by name when the member gives no location', async () => {
    const answer = await call('GET', '/api/stations?city=02');
    expect(answer.status).toBe(200);
    expect(answer.body.mode).toBe('city');
    const names = (answer.body.items as Array<{ name: string; distanceM: null }>).map((s) => s.name);
    expect(names).toHaveLength(8);
    expect(names).toContain('亚龙湾户外劳动者服务站');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });

  it('refuses a list without a city or location, half a location, and a city outside Hainan', async () => {
    for (const query of ['', '?lat=20.02', '?city=99', '?lat=abc&lng=110']) {
      const answer = await call('GET', `/api/stations${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('INVALID_INPUT');
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('officials keep the stations of their subtree', () => {
  it('refuses members and visitors', async () => {
    expect((await call('POST', '/api/admin/stations', { json: station() })).status).toBe(401);
    const refused = await call('POST', '/api/admin/stations', { token: member, json: station() });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: '只有工会干部可以维护职工驿站' });
    expect((await call('GET', '/api/admin/stations?city=01', { token: member })).status).toBe(403);
  });

  it('creates, edits against the version read, refuses other subtrees and cities, removes', async () => {
    const outside = await call('POST', '/api/admin/stations', { token: haikou, json: station({ location: { lat: 39.9, lng: 116.4 } }) });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields['location.lat']).toBe('坐标不在海南省内，请核对纬度');
    const wrongCity = await call('POST', '/api/admin/stations', { token: haikou, json: station({ city: '02' }) });
    expect(wrongCity.status).toBe(403);
    expect(wrongCity.body.error.code).toBe('STATION_CITY_OUTSIDE_ORG');
    expect((await call('POST', '/api/admin/stations', { token: sanya, json: station() })).status).toBe(403);

    const created = await call('POST', '/api/admin/stations', { token: haikou, json: station() });
    expect(created.status).toBe(201);
    const { id, version } = created.body.station;
    expect(created.body.station).toMatchObject({ version: 1, canEdit: true, org: { name: '海口市总工会' } });

    const bySanya = await call('POST', `/api/admin/stations/${id}`, { token: sanya, json: { version, name: '改名' } });
    expect(bySanya.status).toBe(403);
    const byBus = await call('POST', `/api/admin/stations/${id}`, { token: bus, json: { version, name: '改名' } });
    expect(byBus.status).toBe(403);
    const edited = await call('POST', `/api/admin/stations/${id}`, { token: haikou, json: { version, hours: '08:00–20:00' } });
    expect(edited.status).toBe(200);
    expect(edited.body.station).toMatchObject({ version: 2, hours: '08:00–20:00' });
    const stale = await call('POST', `/api/admin/stations/${id}`, { token: haikou, json: { version, hours: '09:00–18:00' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STATION_CHANGED', message: '该站点刚被其他工作人员修改，请刷新后重新编辑' });

    const list = await call('GET', '/api/admin/stations?city=01', { token: bus });
    const editable = (list.body.items as Array<{ id: string; name: string; canEdit: boolean }>).filter((s) => s.canEdit).map((s) => s.name);
    expect(editable).toEqual(['椰城公交南港站点司机之家']);

    expect((await call('POST', `/api/admin/stations/${id}`, { token: haikou, json: { version: 2, removed: true } })).status).toBe(200);
    const gone = await call('POST', `/api/admin/stations/${id}`, { token: haikou, json: { version: 2, name: '改名' } });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('STATION_NOT_FOUND');
  });
});
