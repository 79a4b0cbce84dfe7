import type { StationLocation } from '../contracts/stations';

/**
 * Nearest-first without scanning: every station carries its grid cell (0.25° × 0.25°, about 28 × 26 km
 * at Hainan's latitudes), indexed (byCell). A member's 3 × 3 block of cells holds every station within
 * 0.25° of latitude and 0.25° × cos(20.3°) ≈ 26 km of longitude of any point of the middle cell, so
 * the stations of those nine cells within NEARBY_RADIUS_KM are all the stations that near, exactly.
 */
export const CELL_DEGREES = 0.25;
export const NEARBY_RADIUS_KM = 25;
export const NEARBY_LIMIT = 50;

const index = (degrees: number) => Math.floor(degrees / CELL_DEGREES);

/** The cell of a point: "<lat index>:<lng index>". */
export function cellOf(p: StationLocation): string {
  return `${index(p.lat)}:${index(p.lng)}`;
}

/** The point's cell and its eight neighbours. */
export function cellsAround(p: StationLocation): string[] {
  const [la, ln] = [index(p.lat), index(p.lng)];
  const out: string[] = [];
  for (let dy = -1; dy <= 1; dy += 1) for (let dx = -1; dx <= 1; dx += 1) out.push(`${la + dy}:${ln + dx}`);
  return out;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine; GCJ-02's offset is the same for both points nearby). */
export function distanceM(a: StationLocation, b: StationLocation): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}
