import type { AuditEntry } from '../../audit';
import type { AccountStore, OrgStore } from '../../membership';
import type { StoredStation } from '../domain/types';

/** The side effects of the station use cases. Production wiring: deps.ts; tests pass their own. */
export interface StationStore {
  /** A new station (never overwrites), with the official's audit entry. */
  create(station: StoredStation, audit: AuditEntry): Promise<void>;
  /** Strongly consistent. */
  get(id: string): Promise<StoredStation | null>;
  /** Writes `station` (version + 1) while the stored one is still `station.version`: false when it moved. */
  save(station: StoredStation, audit: AuditEntry): Promise<boolean>;
  /** Deletes it while still at `version`: false when it moved. */
  remove(station: StoredStation, audit: AuditEntry): Promise<boolean>;
  /** The stations of these grid cells (byCell). */
  inCells(cells: string[]): Promise<StoredStation[]>;
  /** A city's stations, by name (byCity). */
  inCity(city: string): Promise<StoredStation[]>;
}

export interface Deps {
  accounts: AccountStore;
  orgs: OrgStore;
  stations: StationStore;
  newId: () => string;
  now: () => Date;
}
