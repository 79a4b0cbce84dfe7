import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateStationRequest } from '../../functions/stations/contracts/stations';
import { projectRoot } from './paths';

/**
 * The demo's 职工驿站 (demo/demo-stations.json): 20 stations across 海口 and 三亚, each created through
 * the use case by the official of its owning org (so each has its 操作记录 entry). Idempotent: ids are
 * stable (`stn-` + the file's id) and a station that exists is left as it is.
 */
interface DemoStation extends CreateStationRequest {
  id: string;
  /** The openid of the official who creates it. */
  by: string;
}

export const DEMO_STATIONS_FILE = join(projectRoot, 'demo', 'demo-stations.json');

export function loadDemoStations(): DemoStation[] {
  return (JSON.parse(readFileSync(DEMO_STATIONS_FILE, 'utf8')) as { stations: DemoStation[] }).stations;
}

/** Creates the demo stations not stored yet; answers how many it created. */
export async function seedDemoStations(now: Date): Promise<number> {
  const { productionDeps } = await import('../../functions/stations/services/deps');
  const { createStation } = await import('../../functions/stations/services/stations');
  const deps = await productionDeps();
  let created = 0;
  for (const { id, by, ...request } of loadDemoStations()) {
    if (await deps.stations.get(`stn-${id}`)) continue;
    await createStation({ ...deps, newId: () => id, now: () => now }, by, request);
    created += 1;
  }
  return created;
}
