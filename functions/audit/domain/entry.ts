import { ulid } from 'ulid';
import { maskIdNumber, maskOpenid, maskPhone } from '../../kernel/masking';

/**
 * The audit trail's entries as plain values: their type, the masking of `before`/`after`, the actor
 * of a write and a new entry. No storage here (use cases and unit tests build entries without a
 * database); appending and reading entries is ../data/audit-store.ts.
 *
 * An entry's `action` is a stable dotted code, `<what>.<change>`. Each capability declares the codes
 * it writes in its own folder (benefits/domain/audit.ts, …) and builds its entries with them
 * (`auditEntry<BenefitAuditAction>({ action: 'benefit.stock', … })`); the trail itself takes any code.
 */

/** Who made the change: an official of `orgId` (acting on its subtree) or an admin (`orgId` null). */
export interface AuditActor {
  openid: string;
  as: 'official' | 'admin';
  orgId: string | null;
}

/** What the change is about; `label` is a human name (a benefit's title), never personal data. */
export interface AuditTarget {
  type: string;
  id: string;
  label?: string;
}

export interface AuditEntry<Action extends string = string> {
  /** A ULID. */
  id: string;
  /** ISO-8601 in China's time (`…+08:00`), to the millisecond. */
  at: string;
  actor: AuditActor;
  action: Action;
  target: AuditTarget;
  /** The path (root first) of the org the change concerns: whose subtree's trail shows it. */
  orgPath: string[];
  /** The state before and after the change (JSON values, masked); null when there is none. */
  before: unknown;
  after: unknown;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** An instant in China's time: 2026-12-03T22:30:00.000+08:00 (one offset: strings sort as instants). */
export function auditTime(at: Date): string {
  return `${new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** An ID number not inside a longer run of digits. */
const ID_LIKE = /(?<!\d)\d{17}[\dXx](?!\d)/g;
/** A mainland mobile number not inside a longer run of digits. */
const PHONE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/**
 * A run of 32 or more hex digits: a hash or key id (a draw's ticketsHash is a SHA-256 that may hold
 * 11 or 18 digits in a row), a value to publish whole, never a person's number.
 */
const HEX_RUN = /[0-9a-fA-F]{32,}/g;
/** Fields that hold a phone or an ID number whatever they look like. */
const PHONE_FIELDS = new Set(['phone', 'phoneNumber', 'purePhoneNumber', 'mobile']);
const ID_FIELDS = new Set(['idNumber']);
/**
 * Fields that hold a WeChat openid (no shape tells one apart from other text: masked by name): the
 * account's own and whoever created, approved, decided, granted or confirmed something.
 */
const OPENID_FIELDS = new Set([
  'openid', 'actorOpenid', 'memberOpenid', 'clerkOpenid',
  'applicantOpenid', 'by', 'createdBy', 'updatedBy', 'approvedBy', 'decidedBy', 'grantedBy', 'revokedBy', 'requestedBy', 'confirmedBy',
  'enteredBy', 'writtenBy', 'doneBy', 'checkedBy',
]);

function maskText(text: string): string {
  // Hex runs are set aside whole, the rest masked piece by piece.
  let out = '';
  let at = 0;
  for (const run of text.matchAll(HEX_RUN)) {
    out += maskNumbers(text.slice(at, run.index)) + run[0];
    at = run.index + run[0].length;
  }
  return out + maskNumbers(text.slice(at));
}

function maskNumbers(text: string): string {
  return text.replace(ID_LIKE, (m) => maskIdNumber(m)).replace(PHONE_LIKE, (m) => maskPhone(m));
}

/**
 * A JSON value with every ID number and mobile number in it masked, at any depth: inside strings
 * (`'联系 13876001001'` → `'联系 138****1001'`), as numbers, and whole in fields named after them.
 * Returns a new value; the input is not changed.
 */
export function maskAuditValue(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e10 ? maskText(String(value)) : value;
  if (value === null || typeof value !== 'object') return value ?? null;
  if (Array.isArray(value)) return value.map((v) => maskAuditValue(v));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (typeof v === 'string' && PHONE_FIELDS.has(key)) out[key] = v.includes('*') ? v : maskPhone(v.replace(/[\s()-]/g, ''));
    else if (typeof v === 'string' && ID_FIELDS.has(key)) out[key] = v.includes('*') ? v : maskIdNumber(v);
    else if (typeof v === 'string' && OPENID_FIELDS.has(key)) out[key] = maskOpenid(v);
    else out[key] = maskAuditValue(v);
  }
  return out;
}

/**
 * The entry as the trail keeps and shows it: the actor's openid masked (4 + 4), an account target's
 * id too, `before`/`after` through maskAuditValue. Idempotent (entries written before openids were
 * masked are shown masked by passing them through it again).
 */
export function maskAuditEntry<Action extends string>(entry: AuditEntry<Action>): AuditEntry<Action> {
  return {
    ...entry,
    actor: { ...entry.actor, openid: maskOpenid(entry.actor.openid) },
    target: entry.target.type === 'account' ? { ...entry.target, id: maskOpenid(entry.target.id) } : entry.target,
    before: maskAuditValue(entry.before ?? null),
    after: maskAuditValue(entry.after ?? null),
  };
}

/** Roles as accounts hold them (structurally: membership's StoredRole). */
type RoleLike = { type: string; orgId?: string };

/**
 * The actor of a write on something under `orgPath`: an admin as admin; otherwise as the official
 * of the deepest org of the path the account holds a role for (the role that allows the write).
 * Callers have checked the right to write already; an account with neither role is a bug.
 */
export function auditActor(openid: string, roles: readonly RoleLike[], orgPath: readonly string[]): AuditActor {
  if (roles.some((r) => r.type === 'admin')) return { openid, as: 'admin', orgId: null };
  const held = new Set(roles.flatMap((r) => (r.type === 'official' && r.orgId ? [r.orgId] : [])));
  const within = [...orgPath].reverse().find((id) => held.has(id));
  const orgId = within ?? [...held][0];
  if (orgId === undefined) throw new Error('audit: the actor is neither an admin nor an official');
  return { openid, as: 'official', orgId };
}

/** A new entry (fresh ULID, now unless `at` is given); `before`/`after` are masked when written. */
export function auditEntry<Action extends string>(fields: Omit<AuditEntry<Action>, 'id' | 'at'> & { at?: Date; id?: string }): AuditEntry<Action> {
  const { at, id, ...rest } = fields;
  const when = at ?? new Date();
  return { ...rest, id: id ?? ulid(when.getTime()), at: auditTime(when) };
}

