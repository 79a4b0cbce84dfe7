import type { BenefitLimits, BenefitLimitsResponse } from '../contracts/benefits';
import { auditActor, auditEntry } from '../../audit';
import { AppError } from '../../kernel/errors';
import type { Account } from '../../membership';
import type { BenefitAuditAction } from '../domain/audit';
import { toShanghaiIso } from '../domain/time';
import { requireManager } from './people';
import type { Deps } from './ports';

/**
 * The province's limits per org level (普惠发放额度, domain/limits.ts): every official reads them (the
 * desk says which figures need approval); officials of the province and admins set them.
 */
export type LimitsDeps = Pick<Deps, 'accounts' | 'orgs' | 'limits' | 'now'>;

/** Admins, and officials of the province federation (an org of kind `province`). */
async function provinceOrgOf(deps: LimitsDeps, account: Account): Promise<{ admin: boolean; orgPath: string[] } | null> {
  if (account.roles.some((r) => r.type === 'admin')) return { admin: true, orgPath: [] };
  const orgIds = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  const orgs = await deps.orgs.getMany(orgIds);
  const province = orgIds.map((id) => orgs.get(id)).find((o) => o?.kind === 'province');
  return province ? { admin: false, orgPath: [...province.path] } : null;
}

/** GET /api/admin/benefit-limits. */
export async function getLimits(deps: LimitsDeps, openid: string): Promise<BenefitLimitsResponse> {
  const account = await requireManager(deps, openid);
  const [stored, editor] = await Promise.all([deps.limits.get(), provinceOrgOf(deps, account)]);
  return { limits: stored.limits, updatedAt: stored.at === null ? null : toShanghaiIso(stored.at), canEdit: editor !== null };
}

/** POST /api/admin/benefit-limits: the province sets them (audited, conditioned on the version read). */
export async function setLimits(deps: LimitsDeps, openid: string, limits: BenefitLimits): Promise<BenefitLimitsResponse> {
  const account = await requireManager(deps, openid);
  const editor = await provinceOrgOf(deps, account);
  if (!editor) throw new AppError('FORBIDDEN', { message: '只有省总工会干部和平台管理员可以设置各级工会的权益发放额度' });
  const stored = await deps.limits.get();
  const at = deps.now();
  const audit = auditEntry<BenefitAuditAction>({
    actor: auditActor(account.openid, account.roles, editor.orgPath),
    action: 'benefit.limits',
    target: { type: 'benefit-limits', id: 'limits', label: '各级工会权益发放额度' },
    orgPath: editor.orgPath,
    before: stored.limits,
    after: limits,
    at,
  });
  if (!(await deps.limits.set(limits, stored.version, at.getTime(), audit))) {
    throw new AppError('BUSY', { message: '额度刚被其他人修改，请刷新后重试' });
  }
  return { limits, updatedAt: toShanghaiIso(at.getTime()), canEdit: true };
}
