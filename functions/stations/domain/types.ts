import type { Station } from '../contracts/stations';

/** A station as stored: owned by one org, whose subtree's officials keep it. */
export interface StoredStation extends Omit<Station, 'org' | 'distanceM'> {
  orgId: string;
  createdAt: string;
}

export const STATION_AUDIT_ACTIONS = ['station.create', 'station.update', 'station.remove'] as const;
export type StationAuditAction = (typeof STATION_AUDIT_ACTIONS)[number];
