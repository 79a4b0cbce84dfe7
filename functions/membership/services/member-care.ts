import {
  MEMBER_SEARCH_RESULTS,
  type MemberHit,
  type MemberLeaveRequest,
  type MemberSearchQuery,
  type MemberSearchResponse,
  type MemberState,
  type MemberStateResponse,
} from '../contracts/admin';
import { AppError } from '../../kernel/errors';
import { maskOpenid, maskPhone } from '../../kernel/masking';
import { isValidIdNumber } from '../domain/id-number';
import type { Org, OrgKind, RosterMember } from '../domain/types';
import type { AdminDeps, MemberSummary } from './admin-ports';
import { chinaDate, manages, orgInReach, requireStaff, staffAudit, withRereads, type Staff } from './staff';

/**
 * Member care (会员服务) for officials (their subtree) and admins: search the roster, release a phone
 * number, unbind a lost WeChat account, record a 退会. Every write is one transaction with its audit
 * entry; a write with nothing to do (already released, unbound, left) answers `changed: false` and
 * writes nothing, so a repeated request is harmless.
 */

const MOBILE = /^1[3-9]\d{9}$/;
const ID_SHAPE = /^\d{17}[\dXx]$/;
const OUTSIDE = '该会员不在您所在工会的管理范围内';
const REREADS = 3;

/**
 * Unions a name search queries at most. A name search is one query of the members table's byOrg
 * index (hash union, range name, `begins_with`) per org of the subtree, 32 at a time: it reads only
 * the matching members and costs ≈ 0.5 read units per org, so a city federation's few hundred
 * unions answer in a few rounds of queries. Searching a whole province's ~11,500 unions by name
 * would be 11,500 queries per keystroke: above this bound the caller narrows to a federation or
 * union (`orgId`) or searches by phone or ID number, which are one read each whatever the size.
 * Why not a scan with a filter: it reads all 1.2 M members. Why prefix and not "contains": Chinese
 * names are searched from the surname; a contains-match would have to read every member of every
 * union (a FilterExpression thins the answer, not the reads).
 */
export const MAX_NAME_SEARCH_ORGS = 1_000;
const QUERIES_IN_FLIGHT = 32;
const KINDS: OrgKind[] = ['province', 'city', 'industry', 'grassroots'];

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[(next += 1) - 1] as T);
    }),
  );
}

const ref = (org: Org | undefined, id: string) => ({ id, name: org?.name ?? id });

function hitOf(m: MemberSummary, union: Org | undefined): MemberHit {
  return {
    id: m.id,
    name: m.name,
    sex: m.sex,
    idNumberMasked: m.idMasked,
    phoneMasked: m.phone ? maskPhone(m.phone) : null,
    union: ref(union, m.orgId),
    bound: m.bound,
    cardNumber: m.cardNumber,
    status: m.left ? 'left' : 'active',
  };
}

const summaryOf = (m: RosterMember): MemberSummary => ({
  id: m.id,
  name: m.name,
  sex: m.sex,
  idMasked: m.idMasked,
  phone: m.phone,
  orgId: m.orgId,
  bound: m.openid !== null,
  cardNumber: m.cardNumber,
  left: Boolean(m.left),
});

function stateOf(m: RosterMember, union: Org | undefined): MemberState {
  return { ...hitOf(summaryOf(m), union), left: m.left ? { on: m.left.on, reason: m.left.reason, at: m.left.at } : null };
}

/** Every org of the tree (each level is one cached query of the byKind index). */
async function wholeTree(deps: Pick<AdminDeps, 'directory'>): Promise<Org[]> {
  return (await Promise.all(KINDS.map((kind) => deps.directory.listByKind(kind)))).flat();
}

/** The roots of the search: `orgId` (inside the caller's reach), or the caller's own orgs (an admin: everything). */
async function searchRoots(deps: Pick<AdminDeps, 'orgs'>, staff: Staff, orgId: string | undefined): Promise<string[] | 'all'> {
  if (orgId) return [(await orgInReach(deps, staff, orgId, '所选工会不在您的管理范围内')).id];
  return staff.admin ? 'all' : staff.orgIds;
}

/** GET /api/admin/members?q=&orgId=: by mobile number, by ID number (keyed hash) or by name prefix; masked. */
export async function searchMembers(deps: AdminDeps, openid: string, query: MemberSearchQuery): Promise<MemberSearchResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以查询会员');
  const roots = await searchRoots(deps, staff, query.orgId);
  const inRoots = (path: readonly string[]) => roots === 'all' || roots.some((id) => path.includes(id));
  const q = query.q.replace(/\s+/g, '');

  if (MOBILE.test(q) || ID_SHAPE.test(q)) {
    let memberId: string | null = null;
    if (MOBILE.test(q)) memberId = await deps.roster.phoneOwner(q);
    else if (isValidIdNumber(q)) memberId = await deps.roster.findIdByIdHash(deps.idCrypto.hash(q.toUpperCase()));
    const member = memberId ? await deps.roster.get(memberId) : null;
    // The phone guard may name a member whose number was changed since: only a real holder counts.
    if (!member || (MOBILE.test(q) && member.phone !== q)) return { items: [], truncated: false };
    const union = (await deps.orgs.getMany([member.orgId])).get(member.orgId);
    if (!union || !inRoots(union.path)) return { items: [], truncated: false };
    return { items: [hitOf(summaryOf(member), union)], truncated: false };
  }

  const orgs = (await wholeTree(deps)).filter((org) => inRoots(org.path));
  if (orgs.length > MAX_NAME_SEARCH_ORGS) throw new AppError('MEMBER_SEARCH_TOO_BROAD');
  const byId = new Map(orgs.map((org) => [org.id, org]));
  const found: MemberSummary[] = [];
  await inPool(orgs, QUERIES_IN_FLIGHT, async (org) => {
    found.push(...(await deps.members.byNamePrefix(org.id, q, MEMBER_SEARCH_RESULTS + 1)));
  });
  found.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.orgId.localeCompare(b.orgId) || a.id.localeCompare(b.id));
  return {
    items: found.slice(0, MEMBER_SEARCH_RESULTS).map((m) => hitOf(m, byId.get(m.orgId))),
    truncated: found.length > MEMBER_SEARCH_RESULTS,
  };
}

/** The member `id` with their union, if the caller may act on them: NOT_FOUND, or FORBIDDEN outside the subtree. */
async function memberInReach(deps: AdminDeps, staff: Staff, id: string): Promise<{ member: RosterMember; union: Org }> {
  const member = await deps.roster.get(id);
  if (!member) throw new AppError('NOT_FOUND', { message: '该会员不存在，请刷新后重试' });
  const union = (await deps.orgs.getMany([member.orgId])).get(member.orgId);
  if (!union) throw new Error(`member ${member.id} belongs to unknown org ${member.orgId}`);
  if (!manages(staff, union.path)) throw new AppError('FORBIDDEN', { message: OUTSIDE });
  return { member, union };
}

const target = (member: RosterMember) => ({ type: 'member', id: member.id });

/**
 * POST /api/admin/members/{id}/phone-release: the member's phone number is released — removed from
 * the roster entry, and its phone guard deleted (the uniqueness claim that makes a join approval
 * answer APPLICANT_PHONE_IN_USE, the import refuse the row, and binding find this member by it) — so
 * the number can be given to the member who holds it now. The member stays bound if bound; a new
 * number comes through the roster import's confirmed changes.
 */
export async function releasePhone(deps: AdminDeps, openid: string, memberId: string): Promise<MemberStateResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以解除手机号占用');
  return withRereads(REREADS, async () => {
    const { member, union } = await memberInReach(deps, staff, memberId);
    if (!member.phone) return { member: stateOf(member, union), changed: false };
    const guardHeld = (await deps.roster.phoneOwner(member.phone)) === member.id;
    const audit = staffAudit(staff, union.path, deps.now(), {
      action: 'member.release-phone',
      target: target(member),
      before: { phone: member.phone },
      after: { phone: null },
    });
    if ((await deps.care.releasePhone(member, guardHeld, audit)) === 'changed') return 'changed' as const;
    return { member: stateOf({ ...member, phone: '' }, union), changed: true };
  });
}

/**
 * POST /api/admin/members/{id}/unbind: a member who lost the phone with their WeChat account is
 * unbound — the member's binding and the account's member cleared together — so they bind again
 * from a new account (with the phone WeChat verifies for it, as any binding). The old account keeps
 * its other roles; the card number stays the member's.
 */
export async function unbindMember(deps: AdminDeps, openid: string, memberId: string): Promise<MemberStateResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以解除微信绑定');
  return withRereads(REREADS, async () => {
    const { member, union } = await memberInReach(deps, staff, memberId);
    if (member.openid === null) return { member: stateOf(member, union), changed: false };
    const account = await deps.accounts.get(member.openid);
    const audit = staffAudit(staff, union.path, deps.now(), {
      action: 'member.unbind',
      target: target(member),
      before: { bound: true, openid: member.openid },
      after: { bound: false, openid: null },
    });
    const bound = { ...member, openid: member.openid };
    if ((await deps.care.unbind(bound, account?.memberId === member.id, audit)) === 'changed') return 'changed' as const;
    return { member: stateOf({ ...member, openid: null }, union), changed: true };
  });
}

/**
 * POST /api/admin/members/{id}/leave {reason, date}: records the member's 退会. The roster entry is
 * kept with its history (status left, the date, the reason, when recorded); from then on the card
 * does not verify and issues no QR (`MEMBERSHIP_ENDED`; GET /api/me shows it stopped), benefits and
 * subsidies answer NOT_ELIGIBLE — a claim in flight too: its transaction checks the member —, no
 * coupon of theirs gets a QR or is redeemed (`MEMBERSHIP_ENDED`, also checked in the redemption's
 * transaction), transfers and a new binding are refused. Unused coupons are not voided here: the
 * redemption's condition refuses them, so the leave stays one small transaction however many
 * coupons the member holds. Idempotent: a member who left already is answered as they are.
 */
export async function recordLeave(deps: AdminDeps, openid: string, memberId: string, request: MemberLeaveRequest): Promise<MemberStateResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以办理退会');
  const now = deps.now();
  const [y, m, d] = request.date.split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== request.date) {
    throw new AppError('INVALID_INPUT', { message: '退会日期不存在，请核对', fields: { date: '退会日期不存在，请核对' } });
  }
  if (request.date > chinaDate(now)) {
    throw new AppError('INVALID_INPUT', { message: '退会日期不能晚于今天', fields: { date: '退会日期不能晚于今天' } });
  }
  return withRereads(REREADS, async () => {
    const { member, union } = await memberInReach(deps, staff, memberId);
    if (member.left) return { member: stateOf(member, union), changed: false };
    const leaving = { on: request.date, reason: request.reason, at: now.toISOString() };
    const audit = staffAudit(staff, union.path, now, {
      action: 'member.leave',
      target: target(member),
      before: { status: 'active' },
      after: { status: 'left', on: leaving.on, reason: leaving.reason },
    });
    if ((await deps.care.leave(member, leaving, audit)) === 'changed') return 'changed' as const;
    return { member: stateOf({ ...member, left: leaving }, union), changed: true };
  });
}

/** Membership's part of an official's view of one member (GET /api/admin/members/{id}, composed in functions/workbench). */
export interface OfficialMemberRecord {
  member: MemberState;
  unionPath: Array<{ id: string; name: string }>;
  /** The WeChat account the member is bound to now (openid masked), with the binding's consent. */
  bindings: Array<{ openidMasked: string; boundAt: string | null; consentAt: string | null; consentVersion: string | null }>;
  card: { number: string; issuedAt: string } | null;
  cardHistory: Array<{ number: string; issuedAt: string; retiredAt: string }>;
  rosterEntryCreatedAt: string;
  /** The bound account's openid, for the composing capability to read its applications; never shown. */
  openid: string | null;
}

/** The member `memberId` as an official of their subtree (or an admin) sees them; FORBIDDEN outside it. */
export async function memberRecordFor(deps: AdminDeps, openid: string, memberId: string): Promise<OfficialMemberRecord> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以查看会员资料');
  const { member, union } = await memberInReach(deps, staff, memberId);
  const record = await deps.records.member(member.id);
  if (!record) throw new AppError('NOT_FOUND', { message: '该会员不存在，请刷新后重试' });
  const path = await deps.orgs.getMany(union.path);
  return {
    member: stateOf(member, union),
    unionPath: union.path.map((id) => ({ id, name: path.get(id)?.name ?? id })),
    bindings:
      record.openid === null
        ? []
        : [{ openidMasked: maskOpenid(record.openid), boundAt: record.boundAt, consentAt: record.consentAt, consentVersion: record.consentVersion }],
    card: record.cardNumber && record.cardIssuedAt ? { number: record.cardNumber, issuedAt: record.cardIssuedAt } : null,
    cardHistory: record.cardHistory,
    rosterEntryCreatedAt: record.createdAt,
    openid: record.openid,
  };
}
