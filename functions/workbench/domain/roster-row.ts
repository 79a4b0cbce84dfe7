import { mod11CheckCharacter } from '../../kernel/check-character';
import type { RowProblem } from '../contracts/roster-import';

/**
 * The rules of one roster import row, as plain functions: the row's own fields, its union (in the
 * official's subtree), duplicates inside the file, and what the row means for the roster as it is.
 */

/** A data row as read from the file (cells as text, trimmed by the reader); `row` is 1-based, header excluded. */
export interface RawRow {
  row: number;
  name: string;
  idNumber: string;
  phone: string;
  orgId: string;
  orgName: string;
}

/** A grassroots union as the import needs it. */
export interface UnionRef {
  id: string;
  name: string;
  /** Org ids from the root down to the union (inclusive). */
  path: string[];
}

export interface UnionIndex {
  byId: Map<string, UnionRef>;
  byName: Map<string, UnionRef[]>;
}

export function unionIndex(unions: readonly UnionRef[]): UnionIndex {
  const byId = new Map<string, UnionRef>();
  const byName = new Map<string, UnionRef[]>();
  for (const union of unions) {
    byId.set(union.id, union);
    const same = byName.get(union.name);
    if (same) same.push(union);
    else byName.set(union.name, [union]);
  }
  return { byId, byName };
}

/** Who imports: an admin anywhere, an official within the subtree of their org. */
export type ImportScope = { kind: 'admin' } | { kind: 'official'; orgIds: readonly string[] };

export interface ValidRow {
  row: number;
  name: string;
  /** Upper case (a final x becomes X). */
  idNumber: string;
  phone: string;
  union: UnionRef;
}

export type CheckedRow = { ok: true; value: ValidRow } | { ok: false; row: number; problem: RowProblem };

const ID_SHAPE = /^\d{17}[\dX]$/;

/** Why an ID number is not a valid GB 11643 number (shape, a real past birth date, check character), or null. */
export function idNumberProblem(raw: string, today: Date): Extract<RowProblem, `ID_${string}`> | null {
  const id = raw.trim().toUpperCase();
  if (id === '') return 'ID_MISSING';
  if (!ID_SHAPE.test(id)) return 'ID_FORMAT';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > today.getTime()) {
    return 'ID_BIRTH_DATE';
  }
  if (mod11CheckCharacter(id.slice(0, 17)) !== id[17]) return 'ID_CHECK_CHARACTER';
  return null;
}

/** 138 0013 8000, 138-0013-8000 and +86 13800138000 are all 13800138000; null for anything else. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(compact) ? compact : null;
}

const NAME_MAX = 50;
const NAME_BAD = /[\d\p{Cc}<>@#$%^&*_=+{}[\]|\\/;:"!?，。；：！？]/u;

/** Collapses inner white space; null when the name is not a person's name. */
export function normaliseName(raw: string): string | null {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '' || Array.from(name).length > NAME_MAX || NAME_BAD.test(name)) return null;
  return name;
}

/** The union a row names: 工会编号 first, else the exact 工会名称 (unique among grassroots unions). */
export function resolveUnion(raw: Pick<RawRow, 'orgId' | 'orgName'>, unions: UnionIndex): UnionRef | Extract<RowProblem, `UNION_${string}`> {
  const id = raw.orgId.trim();
  if (id !== '') return unions.byId.get(id) ?? 'UNION_UNKNOWN';
  const name = raw.orgName.trim();
  if (name === '') return 'UNION_MISSING';
  const same = unions.byName.get(name) ?? [];
  if (same.length === 0) return 'UNION_UNKNOWN';
  if (same.length > 1) return 'UNION_AMBIGUOUS';
  return same[0] as UnionRef;
}

export function inScope(union: UnionRef, scope: ImportScope): boolean {
  return scope.kind === 'admin' || scope.orgIds.some((orgId) => union.path.includes(orgId));
}

/** The row's own checks, in the report's order: name, ID number, phone, union. */
export function checkRow(raw: RawRow, unions: UnionIndex, scope: ImportScope, today: Date): CheckedRow {
  const refuse = (problem: RowProblem): CheckedRow => ({ ok: false, row: raw.row, problem });
  if (raw.name.trim() === '') return refuse('NAME_MISSING');
  const name = normaliseName(raw.name);
  if (name === null) return refuse('NAME_INVALID');
  const idProblem = idNumberProblem(raw.idNumber, today);
  if (idProblem) return refuse(idProblem);
  const phone = normalisePhone(raw.phone);
  if (phone === null) return refuse('PHONE_INVALID');
  const union = resolveUnion(raw, unions);
  if (typeof union === 'string') return refuse(union);
  if (!inScope(union, scope)) return refuse('UNION_OUTSIDE_SCOPE');
  return { ok: true, value: { row: raw.row, name, idNumber: raw.idNumber.trim().toUpperCase(), phone, union } };
}

/**
 * Duplicates inside one file: the first row with an ID number (its keyed hash) or a phone keeps it,
 * every later one is refused naming that row. Fed every valid row in file order, also the rows a
 * resumed job skips, so the answer never depends on where a run started.
 */
export class FileDuplicates {
  private readonly ids = new Map<string, number>();
  private readonly phones = new Map<string, number>();

  /** Null for the first occurrence (now remembered), else the problem and the earlier row. */
  check(row: number, idHash: string, phone: string): { problem: 'DUPLICATE_ID_IN_FILE' | 'DUPLICATE_PHONE_IN_FILE'; firstRow: number } | null {
    const idFirst = this.ids.get(idHash);
    if (idFirst !== undefined && idFirst !== row) return { problem: 'DUPLICATE_ID_IN_FILE', firstRow: idFirst };
    const phoneFirst = this.phones.get(phone);
    if (phoneFirst !== undefined && phoneFirst !== row) return { problem: 'DUPLICATE_PHONE_IN_FILE', firstRow: phoneFirst };
    this.ids.set(idHash, row);
    this.phones.set(phone, row);
    return null;
  }
}

/** What the roster already holds for a valid row (RosterLookup, seen from one row). */
export interface RowFacts {
  /** The member with this ID number, if any, and the import job and row that wrote it. */
  existing: {
    id: string;
    name: string;
    /** '' when an official released it. */
    phone: string;
    orgId: string;
    /** The member has left the union (退会). */
    left: boolean;
    writtenBy: { jobId: string; row: number } | null;
  } | null;
  /** The member holding the row's phone, if any. */
  phoneOwner: string | null;
  /** That member's union, when it was read (null: not known, as good as outside the importer's subtree). */
  phoneOwnerOrgId?: string | null;
}

/**
 * What of the roster the importer may be told about: `all` for an admin (everything is theirs),
 * else whether a union lies in their subtree (`sees`).
 */
export type RosterView = { all: true } | { all: false; sees: (orgId: string) => boolean };

/** An admin's view: every refusal is told as it is. */
export const WHOLE_ROSTER: RosterView = { all: true };

/** The view of an import's scope over the grassroots unions (a union not in the index is not seen). */
export function rosterView(scope: ImportScope, unions: UnionIndex): RosterView {
  if (scope.kind === 'admin') return WHOLE_ROSTER;
  return { all: false, sees: (orgId) => {
    const union = unions.byId.get(orgId);
    return union !== undefined && inScope(union, scope);
  } };
}

/** A member outside the importer's subtree whom a row names: their current union hears of it. */
export interface MemberElsewhere {
  memberId: string;
  /** For that union's officials (never the importer's report). */
  name: string;
  orgId: string;
  left: boolean;
}

export type RowOutcome =
  | { type: 'new' }
  /** Written by this very job and row before (a resumed chunk): counted as written, not again. */
  | { type: 'written-before'; memberId: string }
  | { type: 'unchanged'; memberId: string }
  | { type: 'change'; memberId: string; from: { name: string; phone: string }; to: { name: string; phone: string } }
  /** Refused for a reason the importer may know: it lies within their subtree. */
  | { type: 'refused'; problem: 'PHONE_IN_USE' | 'MEMBER_IN_OTHER_UNION' | 'MEMBER_LEFT' }
  /**
   * Refused for a reason that depends on the roster outside the importer's subtree (or could):
   * reported as the one neutral ROSTER_CONFLICT, counted against the importer, and — when the row
   * names a member outside — put to that member's current union (`elsewhere`).
   */
  | { type: 'withheld'; elsewhere: MemberElsewhere | null };

/**
 * What a valid, non-duplicate row means for the roster, as the importer may be told it. An
 * official learns nothing about people outside their subtree: a row whose ID number belongs to a
 * member outside it (in another union or left), a new person whose phone another member holds
 * (wherever: else an unknown ID number with a known phone would answer differently from a member's
 * ID number elsewhere) and a change to a phone held outside the subtree all get the same answer.
 */
export function classifyRow(row: ValidRow, facts: RowFacts, jobId: string, view: RosterView = WHOLE_ROSTER): RowOutcome {
  const member = facts.existing;
  const sees = (orgId: string | null | undefined) => view.all || (orgId != null && view.sees(orgId));
  if (member === null) {
    if (facts.phoneOwner === null) return { type: 'new' };
    return view.all ? { type: 'refused', problem: 'PHONE_IN_USE' } : { type: 'withheld', elsewhere: null };
  }
  if (member.writtenBy && member.writtenBy.jobId === jobId && member.writtenBy.row === row.row) return { type: 'written-before', memberId: member.id };
  if (!sees(member.orgId)) return { type: 'withheld', elsewhere: { memberId: member.id, name: member.name, orgId: member.orgId, left: member.left } };
  if (member.left) return { type: 'refused', problem: 'MEMBER_LEFT' };
  if (member.orgId !== row.union.id) return { type: 'refused', problem: 'MEMBER_IN_OTHER_UNION' };
  if (member.name === row.name && member.phone === row.phone) return { type: 'unchanged', memberId: member.id };
  if (row.phone !== member.phone && facts.phoneOwner !== null && facts.phoneOwner !== member.id) {
    return sees(facts.phoneOwnerOrgId) ? { type: 'refused', problem: 'PHONE_IN_USE' } : { type: 'withheld', elsewhere: null };
  }
  return { type: 'change', memberId: member.id, from: { name: member.name, phone: member.phone }, to: { name: row.name, phone: row.phone } };
}

/** A new row whose phone another member took between the read and the write: as classifyRow would answer it. */
export function phoneTakenMeanwhile(view: RosterView): RowOutcome {
  return view.all ? { type: 'refused', problem: 'PHONE_IN_USE' } : { type: 'withheld', elsewhere: null };
}
