import { auditActor, auditEntry } from '../../audit';
import { AppError } from '../../kernel/errors';
import type { Account, Org } from '../../membership';
import type {
  AdminStation,
  AdminStationListResponse,
  CreateStationRequest,
  Station,
  StationListQuery,
  StationListResponse,
  StationResponse,
  UpdateStationRequest,
} from '../contracts/stations';
import { isOfficial, manages } from '../domain/access';
import { cellsAround, distanceM, NEARBY_LIMIT, NEARBY_RADIUS_KM } from '../domain/geo';
import type { StationAuditAction, StoredStation } from '../domain/types';
import type { Deps } from './ports';

const NOT_OFFICIAL = '只有工会干部可以维护职工驿站';
const OUTSIDE = '只能维护本工会及下级工会的站点';
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');
const iso = (d: Date) => d.toISOString();

/** The owning orgs of `stations`, with every org on their paths (two batched reads). */
async function orgsOf(deps: Pick<Deps, 'orgs'>, orgIds: string[]): Promise<Map<string, Org>> {
  const first = await deps.orgs.getMany([...new Set(orgIds)]);
  const missing = [...new Set([...first.values()].flatMap((o) => o.path))].filter((id) => !first.has(id));
  return new Map([...first, ...(await deps.orgs.getMany(missing))]);
}

function view(s: StoredStation, orgs: Map<string, Org>, distance: number | null): Station {
  const org = orgs.get(s.orgId);
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    org: { id: s.orgId, name: org?.name ?? '' },
    city: s.city,
    address: s.address,
    location: s.location,
    hours: s.hours,
    services: s.services,
    phone: s.phone,
    distanceM: distance,
    version: s.version,
    updatedAt: s.updatedAt,
  };
}

function adminView(account: Account, s: StoredStation, orgs: Map<string, Org>): AdminStation {
  return { ...view(s, orgs, null), canEdit: manages(account.roles, orgs.get(s.orgId)?.path ?? []) };
}

/**
 * Members (anyone, no log-in): with `lat`/`lng`, every station within NEARBY_RADIUS_KM nearest first
 * (at most NEARBY_LIMIT); with `city` only, the city's stations by name.
 */
export async function listStations(deps: Pick<Deps, 'orgs' | 'stations'>, query: StationListQuery): Promise<StationListResponse> {
  if (query.lat !== undefined && query.lng !== undefined) {
    const here = { lat: Number(query.lat), lng: Number(query.lng) };
    const near = (await deps.stations.inCells(cellsAround(here)))
      .map((s) => ({ s, d: distanceM(here, s.location) }))
      .filter(({ d }) => d <= NEARBY_RADIUS_KM * 1000)
      .sort((a, b) => a.d - b.d || byName(a.s, b.s))
      .slice(0, NEARBY_LIMIT);
    const orgs = await orgsOf(deps, near.map(({ s }) => s.orgId));
    return { mode: 'nearby', radiusKm: NEARBY_RADIUS_KM, items: near.map(({ s, d }) => view(s, orgs, d)) };
  }
  const inCity = (await deps.stations.inCity(query.city as string)).sort(byName);
  const orgs = await orgsOf(deps, inCity.map((s) => s.orgId));
  return { mode: 'city', radiusKm: null, items: inCity.map((s) => view(s, orgs, null)) };
}

async function requireOfficial(deps: Pick<Deps, 'accounts'>, openid: string): Promise<Account> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  if (!isOfficial(account.roles)) throw new AppError('FORBIDDEN', { message: NOT_OFFICIAL });
  return account;
}

/** Officials: a city's stations, each saying whether they may edit it. */
export async function adminListStations(deps: Pick<Deps, 'accounts' | 'orgs' | 'stations'>, openid: string, city: string): Promise<AdminStationListResponse> {
  const account = await requireOfficial(deps, openid);
  const stations = (await deps.stations.inCity(city)).sort(byName);
  const orgs = await orgsOf(deps, stations.map((s) => s.orgId));
  return { items: stations.map((s) => adminView(account, s, orgs)) };
}

/** A station of an org under a city/county federation lies in that city; a province's or an industry union's anywhere. */
function requireCityWithinOrg(org: Org, orgs: Map<string, Org>, city: string): void {
  const federation = org.path.map((id) => orgs.get(id)).find((o) => o?.kind === 'city');
  if (federation?.regionCode && federation.regionCode !== city) throw new AppError('STATION_CITY_OUTSIDE_ORG');
}

function audited(account: Account, action: StationAuditAction, s: StoredStation, org: Org, before: unknown, after: unknown, at: Date) {
  return auditEntry({
    actor: auditActor(account.openid, account.roles, org.path),
    action,
    target: { type: 'station', id: s.id, label: s.name },
    orgPath: [...org.path],
    before,
    after,
    at,
  });
}

/** What the trail keeps of a station: its fields, without the bookkeeping. */
const auditFields = ({ version: _v, createdAt: _c, updatedAt: _u, id: _i, ...fields }: StoredStation) => fields;

export async function createStation(deps: Deps, openid: string, body: CreateStationRequest): Promise<StationResponse> {
  const account = await requireOfficial(deps, openid);
  const orgs = await orgsOf(deps, [body.orgId]);
  const org = orgs.get(body.orgId);
  if (!org) throw new AppError('NOT_FOUND', { message: '所属工会不存在' });
  if (!manages(account.roles, org.path)) throw new AppError('FORBIDDEN', { message: OUTSIDE });
  requireCityWithinOrg(org, orgs, body.city);
  const now = deps.now();
  const station: StoredStation = { id: `stn-${deps.newId()}`, ...body, version: 1, createdAt: iso(now), updatedAt: iso(now) };
  await deps.stations.create(station, audited(account, 'station.create', station, org, null, auditFields(station), now));
  return { station: adminView(account, station, orgs) };
}

/** Edits (or, `removed`, deletes) a station of the official's subtree, against the version they read. */
export async function updateStation(deps: Deps, openid: string, id: string, body: UpdateStationRequest): Promise<StationResponse> {
  const account = await requireOfficial(deps, openid);
  const stored = await deps.stations.get(id);
  if (!stored) throw new AppError('STATION_NOT_FOUND');
  const orgs = await orgsOf(deps, [stored.orgId]);
  const org = orgs.get(stored.orgId);
  if (!org || !manages(account.roles, org.path)) throw new AppError('FORBIDDEN', { message: OUTSIDE });
  if (stored.version !== body.version) throw new AppError('STATION_CHANGED');
  const now = deps.now();
  if (body.removed) {
    if (!(await deps.stations.remove(stored, audited(account, 'station.remove', stored, org, auditFields(stored), null, now)))) throw new AppError('STATION_CHANGED');
    return { station: adminView(account, stored, orgs) };
  }
  const { version: _version, removed: _removed, ...changes } = body;
  const next: StoredStation = { ...stored, ...changes, updatedAt: iso(now) };
  requireCityWithinOrg(org, orgs, next.city);
  const changed = Object.keys(changes) as Array<keyof typeof changes>;
  const pick = (s: StoredStation) => Object.fromEntries(changed.map((k) => [k, s[k]]));
  if (!(await deps.stations.save(next, audited(account, 'station.update', stored, org, pick(stored), pick(next), now)))) throw new AppError('STATION_CHANGED');
  return { station: adminView(account, { ...next, version: stored.version + 1 }, orgs) };
}
