import {
  adminStationsCreate,
  adminStationsList,
  adminStationsUpdate,
  stationsList,
  type AdminStationListResponse,
  type CreateStationRequest,
  type StationListResponse,
  type StationResponse,
  type UpdateStationRequest,
} from '../../functions/stations/contracts/stations';
import { call } from './request';

/** One function per 职工驿站 endpoint, each through its declaration (functions/stations/contracts). */

/** Public: stations within 25 km of the member, nearest first. */
export function nearbyStations(at: { lat: number; lng: number }): Promise<StationListResponse> {
  return call(stationsList, { query: { lat: at.lat.toFixed(6), lng: at.lng.toFixed(6) } });
}

/** Public: a city's stations, by name. */
export function cityStations(city: string): Promise<StationListResponse> {
  return call(stationsList, { query: { city } });
}

export function adminStations(city: string): Promise<AdminStationListResponse> {
  return call(adminStationsList, { query: { city } });
}

export function createStation(body: CreateStationRequest): Promise<StationResponse> {
  return call(adminStationsCreate, { body });
}

export function updateStation(id: string, body: UpdateStationRequest): Promise<StationResponse> {
  return call(adminStationsUpdate, { params: { id }, body });
}
