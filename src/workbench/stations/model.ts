import {
  createStationRequest,
  STATION_SERVICES,
  type AdminStation,
  type CreateStationRequest,
  type StationKind,
  type StationService,
  type UpdateStationRequest,
} from '../../../functions/stations/contracts/stations';

/** The 职工驿站 form as the official fills it: text as typed, coordinates as text, a choice not made ''. */
export interface StationDraft {
  orgId: string;
  name: string;
  kind: StationKind | '';
  city: string;
  address: string;
  lat: string;
  lng: string;
  hours: string;
  services: StationService[];
  phone: string;
}

export type StationField = 'orgId' | 'name' | 'kind' | 'city' | 'address' | 'lat' | 'lng' | 'hours' | 'services' | 'phone';
export type StationErrors = Partial<Record<StationField, string>>;

export function emptyDraft(orgId: string, city: string): StationDraft {
  return { orgId, name: '', kind: '', city, address: '', lat: '', lng: '', hours: '', services: [], phone: '' };
}

/** A station as the form edits it (coordinates as the text the API gave). */
export function draftOf(s: AdminStation): StationDraft {
  return {
    orgId: s.org.id,
    name: s.name,
    kind: s.kind,
    city: s.city,
    address: s.address,
    lat: String(s.location.lat),
    lng: String(s.location.lng),
    hours: s.hours,
    services: [...s.services],
    phone: s.phone,
  };
}

/** Adds or takes away one service, keeping the contract's order. */
export function toggleService(services: readonly StationService[], service: StationService): StationService[] {
  const next = services.includes(service) ? services.filter((s) => s !== service) : [...services, service];
  return STATION_SERVICES.filter((s) => next.includes(s));
}

const NUMBER = /^-?\d{1,3}(\.\d+)?$/;

/** A contract path (`location.lat`) → the form's field (`lat`). */
export function fieldOfPath(path: string): StationField | null {
  const parts = path.replace(/^body\./, '').split('.');
  const head = parts[0] === 'location' ? parts[1] : parts[0];
  const fields: readonly StationField[] = ['orgId', 'name', 'kind', 'city', 'address', 'lat', 'lng', 'hours', 'services', 'phone'];
  return fields.includes(head as StationField) ? (head as StationField) : null;
}

/**
 * The draft → a create request, or each field's first message: the contract's own schema and
 * words (the API applies the same), the coordinates first checked to be numbers.
 */
export function validateStation(d: StationDraft): { ok: true; request: CreateStationRequest } | { ok: false; errors: StationErrors } {
  const errors: StationErrors = {};
  const lat = d.lat.trim();
  const lng = d.lng.trim();
  if (!NUMBER.test(lat)) errors.lat = lat === '' ? '请填写纬度' : '纬度应为数字，如 20.0258';
  if (!NUMBER.test(lng)) errors.lng = lng === '' ? '请填写经度' : '经度应为数字，如 110.3432';
  const draft: Record<string, unknown> = {
    orgId: d.orgId,
    name: d.name,
    city: d.city,
    address: d.address,
    location: { lat: Number(lat), lng: Number(lng) },
    hours: d.hours,
    services: d.services,
    phone: d.phone,
  };
  if (d.kind !== '') draft.kind = d.kind;
  const parsed = createStationRequest.safeParse(draft);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, request: parsed.data };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path.map(String).join('.'));
      if (field && !errors[field]) errors[field] = field === 'orgId' && d.orgId === '' ? '请选择所属工会' : issue.message;
    }
  }
  return { ok: false, errors };
}

/** The changes of an edit against the station read: only the fields that differ, with the version read. */
export function changesOf(before: AdminStation, request: CreateStationRequest): UpdateStationRequest {
  const { orgId: _orgId, ...fields } = request;
  const body: UpdateStationRequest = { version: before.version };
  if (fields.name !== before.name) body.name = fields.name;
  if (fields.kind !== before.kind) body.kind = fields.kind;
  if (fields.city !== before.city) body.city = fields.city;
  if (fields.address !== before.address) body.address = fields.address;
  if (fields.location.lat !== before.location.lat || fields.location.lng !== before.location.lng) body.location = fields.location;
  if (fields.hours !== before.hours) body.hours = fields.hours;
  if (fields.services.join(',') !== before.services.join(',')) body.services = fields.services;
  if (fields.phone !== before.phone) body.phone = fields.phone;
  return body;
}
