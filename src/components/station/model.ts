import type { Station } from '../../../functions/stations/contracts/stations';

export { STATION_CITIES, STATION_KIND_LABELS, STATION_SERVICE_LABELS, cityName } from '../../../functions/stations/contracts/stations';

/** 350 米, 1.2 公里, 12 公里. */
export function distanceLabel(metres: number | null): string {
  if (metres === null) return '';
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} 米`;
  return metres < 10_000 ? `${(metres / 1000).toFixed(1)} 公里` : `${Math.round(metres / 1000)} 公里`;
}

/**
 * 去这里 in H5 (a browser has no wx.openLocation): 高德's route page to the station, GCJ-02
 * coordinates (what 高德 uses), the member's own position taken by 高德 itself.
 */
export function navigationUrl(s: Pick<Station, 'name' | 'location'>): string {
  return `https://uri.amap.com/navigation?to=${s.location.lng},${s.location.lat},${encodeURIComponent(s.name)}&mode=car&src=hainan-union&coordinate=gaode&callnative=0`;
}

/** The map's markers (weapp <Map>): one per station, its id the list's index. */
export function markersOf(items: Station[]) {
  return items.map((s, i) => ({ id: i, latitude: s.location.lat, longitude: s.location.lng, title: s.name, width: 28, height: 36, callout: { content: s.name, display: 'BYCLICK' as const, padding: 6, borderRadius: 6 } }));
}

/** The map's centre: the member, else the first station, else 海口. */
export function mapCentre(items: Station[], here: { lat: number; lng: number } | null): { lat: number; lng: number } {
  return here ?? items[0]?.location ?? { lat: 20.0258, lng: 110.3432 };
}

/**
 * WGS-84 → GCJ-02 (the published 国测局 offset; ≈ 300–500 m in Hainan). A browser's geolocation is
 * WGS-84 while the stations, WeChat's gcj02 and 高德 are GCJ-02: the H5 build converts, WeChat answers
 * gcj02 itself.
 */
export function wgs84ToGcj02(p: { lat: number; lng: number }): { lat: number; lng: number } {
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const x = p.lng - 105.0;
  const y = p.lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLng += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLng += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLng += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (p.lat / 180.0) * Math.PI;
  const magic = 1 - ee * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}
