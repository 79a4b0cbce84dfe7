import type { RoleChangeRequest, RoleChangeResponse } from '../contracts/admin';
import { AppError } from '../../kernel/errors';
import { maskOpenid } from '../../kernel/masking';
import type { Account, Org, RosterMember, StoredRole } from '../domain/types';
import type { AdminDeps } from './admin-ports';
import { describeRoles } from './roles';
import { manages, orgInReach, requireStaff, staffAudit, withRereads, type Staff } from './staff';

/**
 * Roles (角色管理): an official grants and revokes official roles of their org and the orgs below it
 * — never of an org above or beside their own — and admins any official role, clerk roles and
 * merchants. A role is written with its officials index item and its audit entry in one
 * transaction (data/org-role-store.ts).
 */

/**
 * Whose account: `openid`, or the account the roster member `memberId` is bound to — and, for an
 * official, only someone of their subtree: the account's member (or the member `memberId`) belongs
 * to a union of it, or the account already holds an official role of an org of it. Anyone else is
 * answered exactly as an unknown account or member (NOT_FOUND, same message), so the endpoint tells
 * nothing about people outside the subtree. Admins reach every account.
 */
async function accountOf(deps: AdminDeps, staff: Staff, request: RoleChangeRequest): Promise<Account> {
  if ((request.openid === undefined) === (request.memberId === undefined)) {
    throw new AppError('INVALID_INPUT', { message: '请指定微信账号或会员（二选一）', fields: { openid: '请指定微信账号或会员（二选一）' } });
  }
  if (request.openid !== undefined) {
    const account = await deps.accounts.get(request.openid);
    if (!account) throw NO_ACCOUNT();
    const member = account.memberId ? await deps.roster.get(account.memberId) : null;
    if (!(await withinReach(deps, staff, account, member))) throw NO_ACCOUNT();
    return account;
  }
  const member = await deps.roster.get(request.memberId as string);
  if (!member) throw NO_MEMBER();
  const account = member.openid === null ? null : await deps.accounts.get(member.openid);
  if (!(await withinReach(deps, staff, account, member))) throw NO_MEMBER();
  if (member.openid !== null && !account) throw NO_ACCOUNT();
  if (!account) {
    throw new AppError('INVALID_INPUT', { message: '该会员尚未绑定微信，请对方先完成实名绑定', fields: { memberId: '该会员尚未绑定微信' } });
  }
  return account;
}

/** Whether the account (or member) is someone of the caller's subtree (see accountOf). */
async function withinReach(deps: AdminDeps, staff: Staff, account: Account | null, member: RosterMember | null): Promise<boolean> {
  if (staff.admin) return true;
  const roleOrgs = account ? account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : [])) : [];
  const orgIds = [...new Set([...(member ? [member.orgId] : []), ...roleOrgs])];
  if (orgIds.length === 0) return false;
  const orgs = await deps.orgs.getMany(orgIds);
  return orgIds.some((id) => {
    const org = orgs.get(id);
    return org !== undefined && manages(staff, org.path);
  });
}

/** The role, checked against the caller's reach, and the org path its audit entry goes under. */
async function roleInReach(deps: AdminDeps, staff: Staff, role: RoleChangeRequest['role']): Promise<{ role: StoredRole; orgPath: string[] }> {
  if (role.type === 'official') {
    const org = await orgInReach(deps, staff, role.orgId, '只能授予或撤销您所在工会及其下级工会的干部角色');
    return { role: { type: 'official', orgId: org.id }, orgPath: org.path };
  }
  if (role.type === 'hardship') {
    const org = await orgInReach(deps, staff, role.orgId, '只能授予或撤销您所在工会及其下级工会的帮扶角色');
    return { role: { type: 'hardship', orgId: org.id }, orgPath: org.path };
  }
  if (!staff.admin) throw new AppError('FORBIDDEN', { message: '只有平台管理员可以管理商户核销员' });
  if (!(await deps.merchants.getMany([role.merchantId])).has(role.merchantId)) {
    throw new AppError('NOT_FOUND', { message: '该商户不存在，请刷新后重试' });
  }
  return { role: { type: 'clerk', merchantId: role.merchantId }, orgPath: [] };
}

/**
 * The answer: the account's openid masked (4 + 4) and the roles the caller manages — an official
 * sees the account's official roles of their subtree only, never roles of other orgs or merchants.
 */
async function answer(deps: AdminDeps, staff: Staff, openid: string, changed: boolean): Promise<RoleChangeResponse> {
  const account = await deps.accounts.get(openid);
  let held = account?.roles ?? [];
  let known = new Map<string, Org>();
  if (!staff.admin) {
    const orgIds = held.flatMap((r) => (r.type === 'official' || r.type === 'hardship' ? [r.orgId] : []));
    known = orgIds.length > 0 ? await deps.orgs.getMany(orgIds) : known;
    held = held.filter((r) => {
      const org = r.type === 'official' || r.type === 'hardship' ? known.get(r.orgId) : undefined;
      return org !== undefined && manages(staff, org.path);
    });
  }
  const roles = account ? await describeRoles(deps, { ...account, roles: held, memberId: null }, known) : [];
  return { openid: maskOpenid(openid), roles: roles.flatMap((r) => (r.type === 'member' ? [] : [r])), changed };
}

const NO_ACCOUNT = () =>
  new AppError('NOT_FOUND', { message: '未找到该微信账号：请确认对方已登录过小程序，且是您所在工会或下级工会的会员' });
const NO_MEMBER = () => new AppError('NOT_FOUND', { message: '该会员不存在，请刷新后重试' });

/** POST /api/admin/roles: grants the role; granting a role held already changes nothing. */
export async function grantRole(deps: AdminDeps, openid: string, request: RoleChangeRequest): Promise<RoleChangeResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以管理角色');
  const { role, orgPath } = await roleInReach(deps, staff, request.role);
  const target = (await accountOf(deps, staff, request)).openid;
  const audit = staffAudit(staff, orgPath, deps.now(), {
    action: 'role.grant',
    target: { type: 'account', id: target },
    before: { held: false },
    after: { held: true, role },
  });
  const outcome = await deps.roleAdmin.grant(target, role, audit, staff.account.openid);
  if (outcome === 'no-account') throw NO_ACCOUNT();
  return answer(deps, staff, target, outcome === 'granted');
}

/** POST /api/admin/roles/revoke: revokes the role; revoking one not held changes nothing. */
export async function revokeRole(deps: AdminDeps, openid: string, request: RoleChangeRequest): Promise<RoleChangeResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以管理角色');
  const { role, orgPath } = await roleInReach(deps, staff, request.role);
  const target = (await accountOf(deps, staff, request)).openid;
  return withRereads(3, async () => {
    const audit = staffAudit(staff, orgPath, deps.now(), {
      action: 'role.revoke',
      target: { type: 'account', id: target },
      before: { held: true, role },
      after: { held: false },
    });
    const outcome = await deps.roleAdmin.revoke(target, role, audit);
    return outcome === 'changed' ? 'changed' : answer(deps, staff, target, outcome === 'revoked');
  });
}

/** Merchants and their agreements: merchant-admin.ts (re-exported for callers that import it from here). */
export { createMerchant } from './merchant-admin';
