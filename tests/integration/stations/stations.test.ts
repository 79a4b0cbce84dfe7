import { beforeAll, describe, expect, it } from 'vitest';
import type { CreateStationRequest } from '../../../functions/stations/contracts/stations';
import { CELL_DEGREES, distanceM } from '../../../functions/stations/domain/geo';
import type { Deps } from '../../../functions/stations/services/ports';
import { account, benefitWorld, boundMember, official, type BenefitWorld } from '../../support/benefits';
import { outcomeOf } from '../../support/draws';

/** 职工驿站 on DynamoDB Local: nearest first through the grid cells, by city, and who keeps which station. */

let world: BenefitWorld;
let deps: Deps;
let uc: typeof import('../../../functions/stations/services/stations');

beforeAll(async () => {
  world = await benefitWorld('stations');
  deps = await (await import('../../../functions/stations/services/deps')).productionDeps();
  uc = await import('../../../functions/stations/services/stations');
}, 60_000);

const KM_LAT = 1 / 111.195; // degrees of latitude per km
const kmLng = (lat: number) => 1 / (111.195 * Math.cos((lat * Math.PI) / 180));

function request(orgId: string, name: string, at: { lat: number; lng: number }, city = '01'): CreateStationRequest {
  return { orgId, name, kind: 'post', city, address: '测试路 1 号', location: at, hours: '08:00–22:00', services: ['water', 'charging'], phone: '0898-66000000' };
}

describe('members find stations', () => {
  it('nearest first within 25 km, across grid cells, and a city by name', async () => {
    // A point of this run's own, in the interior (no other test places stations there), 1 km
    // below a cell's northern and 1 km left of its eastern edge: neighbours lie in other cells.
    const row = 77 + Math.floor(Math.random() * 2); // 19.25–19.75° N
    const col = 438 + Math.floor(Math.random() * 3); // 109.50–110.25° E
    const here = { lat: (row + 1) * CELL_DEGREES - KM_LAT, lng: (col + 1) * CELL_DEGREES - kmLng(19.5) };
    const officer = await official(world, world.cities.haikou.id);
    const offsets: Array<[string, number, number]> = [
      ['北 24 公里', 24, 0],
      ['东 3 公里', 0, 3],
      ['西南 0.5 公里', -0.35, -0.35],
      ['南 30 公里', -30, 0],
      ['东北 10 公里', 7, 7],
    ];
    const ids = new Map<string, string>();
    for (const [label, north, east] of offsets) {
      const at = { lat: here.lat + north * KM_LAT, lng: here.lng + east * kmLng(here.lat) };
      const { station } = await uc.createStation(deps, officer, request(world.unions.haikou.id, `${world.tag}${label}`, at));
      ids.set(station.id, label);
    }
    const answer = await uc.listStations(deps, { lat: here.lat.toFixed(6), lng: here.lng.toFixed(6) });
    expect(answer).toMatchObject({ mode: 'nearby', radiusKm: 25 });
    const mine = answer.items.filter((s) => ids.has(s.id));
    expect(mine.map((s) => ids.get(s.id))).toEqual(['西南 0.5 公里', '东 3 公里', '东北 10 公里', '北 24 公里']);
    expect(mine.map((s) => Math.round((s.distanceM ?? 0) / 100) / 10)).toEqual([0.5, 3, 9.9, 24]);
    // Every answer is sorted by distance, not only this run's stations.
    const distances = answer.items.map((s) => s.distanceM as number);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(answer.items.every((s) => distanceM(here, s.location) <= 25_000)).toBe(true);
    expect(mine[0]).toMatchObject({ org: { id: world.unions.haikou.id, name: world.unions.haikou.name }, services: ['water', 'charging'] });

    // Without location: the city's stations by name, with no distance.
    const city = await uc.listStations(deps, { city: '01' });
    expect(city.mode).toBe('city');
    const inCity = city.items.filter((s) => ids.has(s.id));
    expect(inCity).toHaveLength(5);
    expect(inCity.every((s) => s.distanceM === null)).toBe(true);
    const names = city.items.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });
});

describe('officials keep the stations of their subtree', () => {
  it('creates within the subtree and its city only; edits against the version read; removes', async () => {
    const haikou = await official(world, world.cities.haikou.id);
    const sanya = await official(world, world.cities.sanya.id);
    const union = await official(world, world.unions.haikou.id);
    const province = await official(world, world.province.id);
    const member = await boundMember(world, world.unions.haikou.id);
    const at = { lat: 20.03, lng: 110.33 };

    expect(await outcomeOf(uc.createStation(deps, member.openid, request(world.unions.haikou.id, 'x', at)))).toBe('FORBIDDEN');
    expect(await outcomeOf(uc.createStation(deps, sanya, request(world.unions.haikou.id, 'x', at)))).toBe('FORBIDDEN');
    expect(await outcomeOf(uc.createStation(deps, union, request(world.cities.haikou.id, 'x', at)))).toBe('FORBIDDEN');
    // A 海口 union's station lies in 海口; the province's anywhere.
    expect(await outcomeOf(uc.createStation(deps, haikou, request(world.unions.haikou.id, 'x', at, '02')))).toBe('STATION_CITY_OUTSIDE_ORG');
    expect(await outcomeOf(uc.createStation(deps, haikou, request('no-such-org', 'x', at)))).toBe('NOT_FOUND');
    const { station: provincial } = await uc.createStation(deps, province, request(world.province.id, `${world.tag}省级站`, { lat: 18.25, lng: 109.5 }, '02'));
    const { station } = await uc.createStation(deps, union, request(world.unions.haikou.id, `${world.tag}公司驿站`, at));
    expect(station).toMatchObject({ version: 1, canEdit: true, city: '01' });

    // 三亚's official sees 三亚's stations, may edit none of 海口's, nor the province's.
    const sanyaList = await uc.adminListStations(deps, sanya, '02');
    expect(sanyaList.items.find((s) => s.id === provincial.id)).toMatchObject({ canEdit: false });
    expect(await outcomeOf(uc.updateStation(deps, sanya, station.id, { version: 1, name: '改名' }))).toBe('FORBIDDEN');
    expect(await outcomeOf(uc.updateStation(deps, union, provincial.id, { version: 1, name: '改名' }))).toBe('FORBIDDEN');
    expect(await outcomeOf(uc.adminListStations(deps, member.openid, '01'))).toBe('FORBIDDEN');
    expect((await uc.adminListStations(deps, haikou, '01')).items.find((s) => s.id === station.id)).toMatchObject({ canEdit: true });
    expect(await outcomeOf(uc.updateStation(deps, haikou, station.id, { version: 1, city: '02' }))).toBe('STATION_CITY_OUTSIDE_ORG');

    // Two officials editing the same version: one edit lands, the other is told to reload.
    const outcomes = await Promise.all([
      outcomeOf(uc.updateStation(deps, union, station.id, { version: 1, hours: '24 小时' })),
      outcomeOf(uc.updateStation(deps, haikou, station.id, { version: 1, phone: '0898-66999999' })),
    ]);
    expect(outcomes.sort()).toEqual(['STATION_CHANGED', 'ok']);
    const stored = await deps.stations.get(station.id);
    expect(stored?.version).toBe(2);
    // Moving it moves it between cells: found near its new place, not the old.
    const moved = { lat: 20.0, lng: 110.2 };
    await uc.updateStation(deps, haikou, station.id, { version: 2, location: moved, services: ['toilet'] });
    const near = await uc.listStations(deps, { lat: '20.0', lng: '110.2' });
    expect(near.items.find((s) => s.id === station.id)).toMatchObject({ distanceM: 0, services: ['toilet'], version: 3 });

    expect(await outcomeOf(uc.updateStation(deps, haikou, station.id, { version: 2, removed: true }))).toBe('STATION_CHANGED');
    await uc.updateStation(deps, haikou, station.id, { version: 3, removed: true });
    expect(await deps.stations.get(station.id)).toBeNull();
    expect((await uc.listStations(deps, { lat: '20.0', lng: '110.2' })).items.map((s) => s.id)).not.toContain(station.id);
    expect(await outcomeOf(uc.updateStation(deps, haikou, station.id, { version: 3, name: 'x' }))).toBe('STATION_NOT_FOUND');

    // An admin keeps every station.
    const admin = await account(world.membership, `${world.tag}-stations-admin`, [{ type: 'admin' }]);
    const { station: renamed } = await uc.updateStation(deps, admin, provincial.id, { version: 1, name: `${world.tag}省级站（新址）` });
    expect(renamed).toMatchObject({ version: 2, canEdit: true });
  });
});
