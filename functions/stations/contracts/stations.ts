import * as z from 'zod/mini';
import type { OrgRef } from '../../kernel/contracts/common';
import { contract } from '../../kernel/contracts/contract';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { stationsErrors } from './errors';

/**
 * 职工驿站: union service stations kept by officials (服务中心, 驿站, 户外劳动者站点) and found by
 * members nearest first or by city. Coordinates are GCJ-02 (what WeChat's getLocation and
 * openLocation use with type gcj02, and what 高德 shows), in degrees.
 */

export const STATION_KINDS = ['center', 'post', 'outdoor'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const STATION_KIND_LABELS: Readonly<Record<StationKind, string>> = {
  center: '职工服务中心',
  post: '职工驿站',
  outdoor: '户外劳动者站点',
};

/** What a station offers, as members look for it. */
export const STATION_SERVICES = ['water', 'meals', 'charging', 'toilet', 'rest', 'first_aid', 'wifi', 'books', 'legal'] as const;
export type StationService = (typeof STATION_SERVICES)[number];
export const STATION_SERVICE_LABELS: Readonly<Record<StationService, string>> = {
  water: '饮水',
  meals: '热饭',
  charging: '充电',
  toilet: '卫生间',
  rest: '休息',
  first_aid: '急救药箱',
  wifi: '无线网络',
  books: '图书',
  legal: '法律咨询',
};

/** The cities and counties of Hainan by the 2-digit code the membership card carries (01–19). */
export const STATION_CITIES: ReadonlyArray<{ code: string; name: string }> = [
  ['01', '海口市'], ['02', '三亚市'], ['03', '三沙市'], ['04', '儋州市'], ['05', '五指山市'], ['06', '琼海市'], ['07', '文昌市'],
  ['08', '万宁市'], ['09', '东方市'], ['10', '定安县'], ['11', '屯昌县'], ['12', '澄迈县'], ['13', '临高县'], ['14', '白沙县'],
  ['15', '昌江县'], ['16', '乐东县'], ['17', '陵水县'], ['18', '保亭县'], ['19', '琼中县'],
].map(([code, name]) => ({ code: code as string, name: name as string }));
export const cityName = (code: string): string => STATION_CITIES.find((c) => c.code === code)?.name ?? `地区 ${code}`;

/** Hainan with the 南海 islands (三沙): a point outside is a typo or WGS-84/BD-09 mixed up. */
export const HAINAN_BOUNDS = { minLat: 3.5, maxLat: 20.3, minLng: 108.5, maxLng: 117.9 } as const;

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`));
const cityCode = () => z.string({ error: '请选择市县' }).check(z.refine((c) => STATION_CITIES.some((x) => x.code === c), '请选择海南省内的市县'));

export const locationSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    lat: z.number({ error: '请填写纬度' }).check(z.gte(HAINAN_BOUNDS.minLat, '坐标不在海南省内，请核对纬度'), z.lte(HAINAN_BOUNDS.maxLat, '坐标不在海南省内，请核对纬度')),
    lng: z.number({ error: '请填写经度' }).check(z.gte(HAINAN_BOUNDS.minLng, '坐标不在海南省内，请核对经度'), z.lte(HAINAN_BOUNDS.maxLng, '坐标不在海南省内，请核对经度')),
  }),
);
export type StationLocation = z.infer<typeof locationSchema>;

const stationFields = {
  name: text('站点名称', 40),
  kind: z.enum(STATION_KINDS, { error: '请选择站点类型' }),
  city: cityCode(),
  address: text('地址', 100),
  location: locationSchema,
  hours: text('开放时间', 40),
  services: z.array(z.enum(STATION_SERVICES, { error: '服务项目不正确' })).check(z.maxLength(STATION_SERVICES.length, '服务项目不正确')),
  phone: z.string({ error: '联系电话应为文字' }).check(z.trim(), z.regex(/^$|^[0-9()\-\s]{5,20}$/, '联系电话格式不正确')),
};

/** POST /api/admin/stations */
export const createStationRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({ orgId: z.string({ error: '请选择所属工会' }).check(z.minLength(1, '请选择所属工会')), ...stationFields }),
);
export type CreateStationRequest = z.infer<typeof createStationRequest>;

/** POST /api/admin/stations/{id}: the fields changed, against the version read; `removed` deletes it. */
export const updateStationRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    version: z.int({ error: '缺少版本号，请刷新后重试' }),
    name: z.optional(stationFields.name),
    kind: z.optional(stationFields.kind),
    city: z.optional(stationFields.city),
    address: z.optional(stationFields.address),
    location: z.optional(stationFields.location),
    hours: z.optional(stationFields.hours),
    services: z.optional(stationFields.services),
    phone: z.optional(stationFields.phone),
    removed: z.optional(z.literal(true)),
  }),
);
export type UpdateStationRequest = z.infer<typeof updateStationRequest>;

const coordinate = (label: string) => z.string().check(z.regex(/^-?\d{1,3}(\.\d{1,8})?$/, `${label}格式不正确`));

/** GET /api/stations: `lat` and `lng` (nearest first) or `city` (by name). */
export const stationListQuery = /* @__PURE__ */ contract(() =>
  z
    .strictObject({ city: z.optional(cityCode()), lat: z.optional(coordinate('纬度')), lng: z.optional(coordinate('经度')) })
    .check(
      z.refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '请同时提供经度和纬度', path: ['lat'] }),
      z.refine((q) => q.lat !== undefined || q.city !== undefined, { message: '请选择市县或允许获取位置', path: ['city'] }),
    ),
);
export type StationListQuery = z.infer<typeof stationListQuery>;

/** GET /api/admin/stations?city= */
export const adminStationListQuery = /* @__PURE__ */ contract(() => z.strictObject({ city: cityCode() }));

export interface Station {
  id: string;
  name: string;
  kind: StationKind;
  org: OrgRef;
  city: string;
  address: string;
  location: StationLocation;
  hours: string;
  services: StationService[];
  phone: string;
  /** Metres from the member (nearest-first answers only), else null. */
  distanceM: number | null;
  version: number;
  updatedAt: string;
}

export interface StationListResponse {
  /** `nearby`: within `radiusKm` of the member, nearest first (at most 50); `city`: the city's, by name. */
  mode: 'nearby' | 'city';
  radiusKm: number | null;
  items: Station[];
}

export interface AdminStation extends Station {
  /** Whether the caller may edit it (their org's subtree, or an admin). */
  canEdit: boolean;
}
export interface AdminStationListResponse {
  items: AdminStation[];
}
export interface StationResponse {
  station: AdminStation;
}

const E = stationsErrors;

export const stationsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'stationsList',
    method: 'GET',
    path: '/api/stations',
    auth: 'public',
    request: { query: stationListQuery },
    response: returns<StationListResponse>(),
    errors: [],
  }),
);

export const adminStationsList = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminStationsList',
    method: 'GET',
    path: '/api/admin/stations',
    auth: 'official',
    request: { query: adminStationListQuery },
    response: returns<AdminStationListResponse>(),
    errors: E('FORBIDDEN'),
  }),
);

export const adminStationsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminStationsCreate',
    method: 'POST',
    path: '/api/admin/stations',
    auth: 'official',
    request: { body: createStationRequest },
    response: returns<StationResponse>(),
    errors: E('FORBIDDEN', 'NOT_FOUND', 'STATION_CITY_OUTSIDE_ORG'),
  }),
);

export const adminStationsUpdate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminStationsUpdate',
    method: 'POST',
    path: '/api/admin/stations/{id}',
    auth: 'official',
    request: { body: updateStationRequest },
    response: returns<StationResponse>(),
    errors: E('FORBIDDEN', 'STATION_NOT_FOUND', 'STATION_CITY_OUTSIDE_ORG', 'STATION_CHANGED'),
  }),
);
