import { auditActor, auditEntry, auditPut } from '../../audit';
import { AppError } from '../../kernel/errors';
import { maskName } from '../../kernel/masking';
import type { AdminBansResponse } from '../contracts/admin';
import { isOfficial, manages, type PaymentAuditAction } from '../domain/access';
import { unionPathOf } from './orders';
import type { Deps } from './ports';
import { adminBanViews } from './views';

/**
 * GET /api/admin/bans?memberId=: a member's bans (standing and lifted) by the orgs above their union
 * that the official manages — what 会员限制 shows before 解除限制. NOT_FOUND when there is no such
 * member or the member's union is outside the official's subtree (nothing said about who they are).
 */
export async function listBans(deps: Pick<Deps, 'accounts' | 'orgs' | 'roster' | 'places' | 'now'>, openid: string, memberId: string): Promise<AdminBansResponse> {
  const official = await deps.accounts.get(openid);
  if (!official) throw new AppError('UNAUTHENTICATED');
  if (!isOfficial(official.roles)) throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以查看会员限制' });
  const member = await deps.roster.get(memberId);
  if (!member) throw new AppError('NOT_FOUND', { message: '没有找到该会员，请核对会员编号' });
  const path = await unionPathOf(deps, memberId);
  const orgs = await deps.orgs.getMany(path);
  const mine = path.filter((orgId) => {
    const org = orgs.get(orgId);
    return org !== undefined && manages(official.roles, org.path);
  });
  if (mine.length === 0) throw new AppError('NOT_FOUND', { message: '没有找到该会员，请核对会员编号' });
  const bans = await deps.places.bans(memberId, mine);
  const names = new Map([...orgs].map(([orgId, org]) => [orgId, org.name]));
  return { member: { id: memberId, name: maskName(member.name) }, items: adminBanViews(bans, names, deps.now().getTime()) };
}

/**
 * POST /api/admin/bans/lift {memberId, orgId, reason}: an official of the banning org or above (or an
 * admin) lifts a member's ban, with a reason, audited in the same transaction. BAN_NOT_FOUND when
 * there is none standing.
 */
export async function liftBan(deps: Pick<Deps, 'accounts' | 'orgs' | 'orders' | 'places' | 'now'>, openid: string, request: { memberId: string; orgId: string; reason: string }): Promise<{ lifted: true }> {
  const official = await deps.accounts.get(openid);
  if (!official) throw new AppError('UNAUTHENTICATED');
  if (!isOfficial(official.roles)) throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以解除限制' });
  const org = (await deps.orgs.getMany([request.orgId])).get(request.orgId);
  if (!org || !manages(official.roles, org.path)) throw new AppError('FORBIDDEN', { message: '只能解除本级或下级工会作出的限制' });
  const now = deps.now().getTime();
  const entry = auditEntry<PaymentAuditAction>({
    actor: auditActor(openid, official.roles, org.path),
    action: 'ban.lift',
    target: { type: 'member', id: request.memberId, label: '' },
    orgPath: [...org.path],
    before: { banned: true },
    after: { banned: false, reason: request.reason },
    at: new Date(now),
  });
  const outcome = await deps.orders.run([deps.places.lift(request.orgId, request.memberId, now, openid, request.reason), auditPut(entry)], ['ban', 'audit'] as const, 'ban.lift');
  if (outcome.kind === 'refused') throw new AppError('BAN_NOT_FOUND');
  return { lifted: true };
}
