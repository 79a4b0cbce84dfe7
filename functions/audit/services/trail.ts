import type { AuditEntryView, AuditListResponse, AuditQuery } from '../contracts/audit';
import type { AuditPage, AuditScope } from '../data/audit-store';
import { maskAuditEntry, type AuditEntry } from '../domain/entry';
import { AppError } from '../../kernel/errors';
import type { Deps } from './ports';

/** Entries a page answers with at most. */
export const AUDIT_PAGE_SIZE = 20;

/** A cursor is a position in the trail: `<at>#<id>` of the last entry seen (base64url, opaque). */
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00#[0-9A-HJKMNP-TV-Z]{26}$/;

const badCursor = () => new AppError('INVALID_INPUT', { message: '分页参数不正确，请刷新后重试', fields: { cursor: '分页参数不正确' } });

function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!POSITION.test(position)) throw badCursor();
  return position;
}

const encodeCursor = (position: string) => Buffer.from(position, 'utf8').toString('base64url');
const positionOf = (entry: AuditEntry) => `${entry.at}#${entry.id}`;

/**
 * Whose trail the account reads: an admin everything; an official the subtrees of the orgs they hold
 * a role for (an org under another of theirs is read with that one). Anyone else: FORBIDDEN.
 */
async function scopesOf(deps: Pick<Deps, 'accounts' | 'orgs'>, openid: string): Promise<AuditScope[]> {
  const account = await deps.accounts.get(openid);
  if (!account) throw new AppError('UNAUTHENTICATED');
  if (account.roles.some((r) => r.type === 'admin')) return [{ kind: 'all' }];
  const orgIds = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  if (orgIds.length === 0) throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以查看操作记录' });
  const roots = [...(await deps.orgs.getMany(orgIds)).values()];
  return roots
    .filter((o) => !roots.some((q) => q !== o && q.path.length < o.path.length && o.path.includes(q.id)))
    .map((o) => ({ kind: 'subtree', orgPath: o.path }));
}

/**
 * Several subtrees' pages as one: each page covers the trail from the cursor down to its `next`
 * (all of it when null), so together they cover down to the highest `next`; below that, one of
 * them has not been read yet.
 */
function merge(pages: AuditPage[], limit: number): { entries: AuditEntry[]; next: string | null } {
  const floors = pages.flatMap((p) => (p.next === null ? [] : [p.next]));
  const floor = floors.length === 0 ? null : floors.reduce((a, b) => (a > b ? a : b));
  const byId = new Map(pages.flatMap((p) => p.entries).map((e) => [e.id, e]));
  const covered = [...byId.values()]
    .filter((e) => floor === null || positionOf(e) >= floor)
    .sort((a, b) => (positionOf(a) < positionOf(b) ? 1 : -1));
  if (covered.length > limit) {
    const entries = covered.slice(0, limit);
    return { entries, next: positionOf(entries[limit - 1] as AuditEntry) };
  }
  return { entries: covered, next: floor };
}

/** GET /api/admin/audit?actor=&action=&cursor=: the trail of the caller's subtree(s), newest first, masked. */
export async function listAudit(deps: Deps, openid: string, query: AuditQuery): Promise<AuditListResponse> {
  const scopes = await scopesOf(deps, openid);
  const after = decodeCursor(query.cursor);
  // `benefit` means every benefit.* action, not `benefits…`; a code with a dot is taken as written.
  const actionPrefix = query.action === undefined ? undefined : query.action.includes('.') ? query.action : `${query.action}.`;
  const pages = await Promise.all(
    scopes.map((scope) => deps.audit.list({ scope, actor: query.actor, actionPrefix, after, limit: AUDIT_PAGE_SIZE })),
  );
  const { entries, next } = merge(pages, AUDIT_PAGE_SIZE);
  const orgIds = [...new Set(entries.flatMap((e) => [...(e.actor.orgId ? [e.actor.orgId] : []), ...e.orgPath.slice(-1)]))];
  const orgs = orgIds.length > 0 ? await deps.orgs.getMany(orgIds) : new Map();
  const ref = (id: string | null | undefined) => {
    const org = id ? orgs.get(id) : undefined;
    return id ? { id, name: org?.name ?? id } : null;
  };
  // Masked again on the way out: entries written before openids were masked keep them whole.
  const items: AuditEntryView[] = entries.map(maskAuditEntry).map((e) => ({
    id: e.id,
    at: e.at,
    actor: { openid: e.actor.openid, as: e.actor.as, org: ref(e.actor.orgId) },
    action: e.action,
    target: { type: e.target.type, id: e.target.id, label: e.target.label ?? null },
    org: ref(e.orgPath.at(-1)),
    orgPath: e.orgPath,
    before: e.before,
    after: e.after,
  }));
  return { items, nextCursor: next === null ? null : encodeCursor(next) };
}
