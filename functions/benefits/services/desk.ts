import type {
  AdminBenefit,
  AdminBenefitListQuery,
  AdminBenefitListResponse,
  AdminBenefitResponse,
  BenefitAction,
  BenefitLimits,
  CreateBenefitRequest,
  LevelLimits,
  StockRequest,
} from '../contracts/benefits';
import { BENEFIT_STATUSES } from '../contracts/benefits';
import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import { AppError } from '../../kernel/errors';
import type { Account } from '../../membership';
import type { BenefitAuditAction } from '../domain/audit';
import { draftBenefit, manages, nextStatus } from '../domain/benefit';
import { approvalCovers, figuresAbove, mayApprove, merchantsWithoutAgreement, needsApproval, type OwnerLevel } from '../domain/limits';
import type { Benefit, BenefitApproval } from '../domain/types';
import { page } from './cursor';
import { requireManager } from './people';
import type { Deps } from './ports';
import { adminBenefitView, loadNames } from './views';
import { toShanghaiIso } from '../domain/time';

export type DeskDeps = Pick<Deps, 'accounts' | 'orgs' | 'merchants' | 'benefits' | 'limits' | 'newId' | 'now'>;

const invalid = (field: string, message: string) => new AppError('INVALID_INPUT', { message, fields: { [field]: message } });

/** The limits of the benefit's owning org's level (its kind in the org tree). */
function levelLimits(limits: BenefitLimits, kind: string | undefined): LevelLimits {
  return limits[(kind ?? 'grassroots') as OwnerLevel] ?? limits.grassroots;
}

/** Where the benefit stands with its owner's limits, as `account` sees it. */
function approvalView(account: Account, benefit: Benefit, limits: LevelLimits, names: Names): AdminBenefit['approval'] {
  const above = figuresAbove(benefit, limits);
  const status = above.length === 0 ? 'within' : approvalCovers(benefit.approval, benefit) ? 'approved' : 'pending_approval';
  const approval = benefit.approval;
  return {
    status,
    above,
    approvedAt: approval ? toShanghaiIso(approval.at) : null,
    approvedByOrg: approval?.byOrgId ? names.org(approval.byOrgId) : null,
    canApprove: status === 'pending_approval' && benefit.status === 'draft' && mayApprove(account, benefit),
  };
}

type Names = Awaited<ReturnType<typeof loadNames>>;

async function views(deps: DeskDeps, account: Account, benefits: Benefit[]): Promise<AdminBenefit[]> {
  const [counts, names, stored] = await Promise.all([
    deps.benefits.counts(benefits),
    loadNames(deps, {
      merchantIds: benefits.flatMap((b) => b.merchantIds),
      orgIds: benefits.flatMap((b) => [b.orgId, ...(b.approval?.byOrgId ? [b.approval.byOrgId] : [])]),
    }),
    deps.limits.get(),
  ]);
  const owners = await deps.orgs.getMany([...new Set(benefits.map((b) => b.orgId))]);
  return benefits.map((b) => {
    const figures = counts.get(b.id);
    if (!figures) throw new Error(`no counts for benefit ${b.id}`);
    return adminBenefitView(b, figures, names, approvalView(account, b, levelLimits(stored.limits, owners.get(b.orgId)?.kind), names));
  });
}

async function view(deps: DeskDeps, account: Account, benefit: Benefit): Promise<AdminBenefitResponse> {
  const [one] = await views(deps, account, [benefit]);
  return { benefit: one as AdminBenefit };
}

/** The limits of the owning org's level, read fresh (a desk write checks against the latest). */
async function ownerLimits(deps: DeskDeps, benefit: Pick<Benefit, 'orgId'>): Promise<LevelLimits> {
  const [stored, orgs] = await Promise.all([deps.limits.get(), deps.orgs.getMany([benefit.orgId])]);
  return levelLimits(stored.limits, orgs.get(benefit.orgId)?.kind);
}

const APPROVAL_REQUIRED = (above: string[]) =>
  new AppError('BENEFIT_APPROVAL_REQUIRED', {
    message: `该权益的${above.join('、')}超出本级工会的发放额度，请联系上级工会审批后再发布`,
  });
const FIGURE_LABELS: Record<string, string> = { faceValueFen: '面值', priceFen: '价格', stock: '库存' };

/**
 * MERCHANT_NOT_UNDER_AGREEMENT when a merchant of the benefit has no agreement with its owning org
 * (`orgPath`, the owner last) or an org above it.
 */
function checkAgreements(merchantIds: readonly string[], merchants: Map<string, { name: string; agreements: Array<{ orgId: string }> }>, orgPath: readonly string[]) {
  const outside = merchantsWithoutAgreement(merchantIds, merchants, orgPath);
  if (outside.length > 0) {
    const names = outside.map((id) => merchants.get(id)?.name ?? id).join('、');
    throw new AppError('MERCHANT_NOT_UNDER_AGREEMENT', {
      message: `商户“${names}”未与本级或上级工会签约，不能用于本权益；请选择已签约的商户，或请省、市县总工会先与其签约`,
      fields: { merchantIds: `${names}未与本级或上级工会签约` },
    });
  }
}

/**
 * The audit entry of a desk write (written in the write's transaction), about `after` — the benefit
 * as the write leaves it, in its owning org's subtree.
 */
function audited(account: Account, action: BenefitAuditAction, after: Benefit, before: unknown, state: unknown, at: Date): AuditEntry<BenefitAuditAction> {
  return auditEntry({
    actor: auditActor(account.openid, account.roles, after.orgPath),
    action,
    target: { type: 'benefit', id: after.id, label: after.title },
    orgPath: after.orgPath,
    before,
    after: state,
    at,
  });
}

const stockOf = (b: Benefit) => ({ stock: b.stock, regionQuotas: b.regionQuotas, shards: b.shards });

/** A benefit the account manages: NOT_FOUND when absent, FORBIDDEN outside the official's subtree. */
async function managedBenefit(deps: DeskDeps, account: Account, id: string): Promise<Benefit> {
  const benefit = await deps.benefits.get(id);
  if (!benefit) throw new AppError('NOT_FOUND', { message: '该权益不存在' });
  if (!manages(account.roles, benefit.orgPath)) throw new AppError('FORBIDDEN', { message: '您只能管理本工会及下级工会的权益' });
  return benefit;
}

/** The org a create/update request names, checked against the tree, the account and the merchants. */
async function checkedOrg(deps: DeskDeps, account: Account, request: CreateBenefitRequest) {
  const [orgs, merchants] = await Promise.all([deps.orgs.getMany([request.orgId]), deps.merchants.getMany(request.merchantIds)]);
  const org = orgs.get(request.orgId);
  if (!org) throw invalid('orgId', '所属工会不存在');
  if (!manages(account.roles, org.path)) throw new AppError('FORBIDDEN', { message: '您只能为本工会及下级工会创建权益' });
  const unknown = request.merchantIds.filter((id) => !merchants.has(id));
  if (unknown.length > 0) throw invalid('merchantIds', `商户不存在：${unknown.join('、')}`);
  const suspended = request.merchantIds.filter((id) => merchants.get(id)?.status === 'suspended');
  if (suspended.length > 0) throw invalid('merchantIds', `商户已暂停合作：${suspended.map((id) => merchants.get(id)?.name).join('、')}`);
  checkAgreements(request.merchantIds, merchants, org.path);
  return org;
}

/** POST /api/admin/benefits: a new draft. */
export async function createBenefit(deps: DeskDeps, openid: string, request: CreateBenefitRequest): Promise<AdminBenefitResponse> {
  const account = await requireManager(deps, openid);
  const org = await checkedOrg(deps, account, request);
  const at = deps.now();
  const benefit = draftBenefit(request, org, { id: deps.newId(), createdBy: openid, now: at.getTime() });
  await deps.benefits.create(benefit, audited(account, 'benefit.create', benefit, null, benefit, at));
  return view(deps, account, benefit);
}

/** POST /api/admin/benefits/{id}: replaces a draft's fields. */
export async function updateBenefit(
  deps: DeskDeps,
  openid: string,
  id: string,
  request: CreateBenefitRequest,
): Promise<AdminBenefitResponse> {
  const account = await requireManager(deps, openid);
  const current = await managedBenefit(deps, account, id);
  if (current.status !== 'draft') throw new AppError('BENEFIT_NOT_DRAFT');
  const org = await checkedOrg(deps, account, request);
  const at = deps.now();
  const edited = draftBenefit(request, org, { id: current.id, createdBy: current.createdBy, now: at.getTime() });
  // An approval stays: it covers the figures it was given for, no higher ones (domain/limits.ts).
  const benefit: Benefit = { ...edited, createdAt: current.createdAt, approval: current.approval };
  await deps.benefits.replaceDraft(benefit, audited(account, 'benefit.update', benefit, current, benefit, at));
  return view(deps, account, benefit);
}

/** POST /api/admin/benefits/{id}/status {action}. */
export async function changeStatus(deps: DeskDeps, openid: string, id: string, action: BenefitAction): Promise<AdminBenefitResponse> {
  const account = await requireManager(deps, openid);
  const benefit = await managedBenefit(deps, account, id);
  const at = deps.now();
  const now = at.getTime();
  const to = nextStatus(benefit.status, action);
  if (to === null) throw new AppError('BENEFIT_STATUS_INVALID');
  if (action === 'publish' && benefit.claimEndsAt <= now) {
    throw new AppError('BENEFIT_STATUS_INVALID', { message: '领取结束时间已过，不能发布，请先修改领取时间' });
  }
  if (action === 'publish' || action === 'resume') {
    // Agreements may have changed since the draft was saved; the figures are the ones read, and the
    // publish is conditioned on that read (updatedAt), so an edit meanwhile cannot slip through.
    checkAgreements(benefit.merchantIds, await deps.merchants.getMany(benefit.merchantIds), benefit.orgPath);
    const limits = await ownerLimits(deps, benefit);
    if (action === 'publish' && needsApproval(benefit, limits)) {
      throw APPROVAL_REQUIRED(figuresAbove(benefit, limits).map((k) => FIGURE_LABELS[k] ?? k));
    }
  }
  // Only from the status read: the audit entry says which one it left.
  const audit = audited(account, 'benefit.status', benefit, { status: benefit.status }, { status: to, action }, at);
  const updated =
    action === 'publish' ? await deps.benefits.publish(benefit, now, audit) : await deps.benefits.setStatus(id, [benefit.status], to, now, audit);
  return view(deps, account, updated);
}

/** A draft's stock and quotas are fields: changed like an edit, checked like one. */
function draftWithStock(benefit: Benefit, add: number, regionCode: string | null, now: number): Benefit {
  const stock = benefit.stock + add;
  if (stock < 1) throw invalid('add', '库存至少为1');
  const regionQuotas = { ...benefit.regionQuotas };
  if (regionCode !== null) {
    regionQuotas[regionCode] = (regionQuotas[regionCode] ?? 0) + add;
    if ((regionQuotas[regionCode] ?? 0) < 1) throw invalid('add', '地区名额至少为1');
  }
  const reserved = Object.values(regionQuotas).reduce((sum, n) => sum + n, 0);
  if (reserved > stock) throw invalid('add', '库存不能少于各地区名额之和');
  return { ...benefit, stock, regionQuotas, shards: Math.min(benefit.shards, stock), updatedAt: now };
}

/** POST /api/admin/benefits/{id}/stock {add, regionCode?}. */
export async function changeStock(deps: DeskDeps, openid: string, id: string, request: StockRequest): Promise<AdminBenefitResponse> {
  const account = await requireManager(deps, openid);
  const benefit = await managedBenefit(deps, account, id);
  const at = deps.now();
  const now = at.getTime();
  const regionCode = request.regionCode ?? null;
  const quotaCodes = Object.keys(benefit.regionQuotas);
  if (benefit.status === 'ended') throw new AppError('BENEFIT_STATUS_INVALID', { message: '已结束的权益不能调整库存' });
  if (regionCode !== null && !quotaCodes.includes(regionCode)) throw invalid('regionCode', '该权益没有这个地区的名额');
  if (regionCode === null && quotaCodes.length > 0 && benefit.otherRegions === 'closed') {
    throw invalid('regionCode', '其他地区不可领取，请指定调整哪个地区的名额');
  }
  if (benefit.status === 'draft') {
    // A draft's stock is checked when it publishes (like any figure of a draft).
    const updated = draftWithStock(benefit, request.add, regionCode, now);
    await deps.benefits.replaceDraft(updated, audited(account, 'benefit.stock', updated, stockOf(benefit), stockOf(updated), at));
    return view(deps, account, updated);
  }
  const limits = await ownerLimits(deps, benefit);
  const audit = (before: Benefit, after: Benefit) =>
    audited(account, 'benefit.stock', after, stockOf(before), { ...stockOf(after), add: request.add, regionCode, approval: after.approval }, at);
  return view(deps, account, await deps.benefits.changeStock(benefit, request.add, regionCode, now, audit, (before, after) => stockRule(account, limits, before, after, at)));
}

/**
 * A published benefit's stock raised above its owner's limits (and above what an approval covers)
 * needs the level above: an approver's raise (mayApprove) records a new approval for the new stock;
 * anyone else's is refused. Lowering, and raising within what is allowed, go through as they are.
 */
function stockRule(account: Account, limits: LevelLimits, before: Benefit, after: Benefit, at: Date): BenefitApproval | undefined {
  if (after.stock <= before.stock || !needsApproval(after, limits)) return undefined;
  if (!mayApprove(account, after)) {
    throw new AppError('BENEFIT_APPROVAL_REQUIRED', {
      message: `库存将超出本级工会的发放额度（${limits.stock}份），请联系上级工会调整库存`,
    });
  }
  return approvalBy(account, after, at);
}

/** The approval of `benefit`'s figures as they stand, by `account`. */
function approvalBy(account: Account, benefit: Benefit, at: Date): BenefitApproval {
  const orgId = account.roles.find((r) => r.type === 'official' && r.orgId !== benefit.orgId && benefit.orgPath.includes(r.orgId));
  return {
    by: account.openid,
    byOrgId: orgId?.type === 'official' ? orgId.orgId : null,
    at: at.getTime(),
    faceValueFen: benefit.faceValueFen,
    priceFen: benefit.priceFen,
    stock: benefit.stock,
  };
}

/**
 * POST /api/admin/benefits/{id}/approval: an official of an org above the owner (or an admin), not
 * the creator, approves a draft above its owner's limits as it stands (audited; conditioned on the
 * draft as read, so an edit meanwhile is not approved unseen).
 */
export async function approveBenefit(deps: DeskDeps, openid: string, id: string): Promise<AdminBenefitResponse> {
  const account = await requireManager(deps, openid);
  const benefit = await managedBenefit(deps, account, id);
  if (benefit.status !== 'draft') throw new AppError('BENEFIT_NOT_DRAFT', { message: '只有草稿状态的权益需要审批' });
  if (account.openid === benefit.createdBy) {
    throw new AppError('FORBIDDEN', { message: '不能审批自己创建的权益，请由上级工会的其他干部审批' });
  }
  if (!mayApprove(account, benefit)) throw new AppError('FORBIDDEN', { message: '只有上级工会的干部可以审批本级工会的权益' });
  const limits = await ownerLimits(deps, benefit);
  if (!needsApproval(benefit, limits)) {
    throw new AppError('BENEFIT_STATUS_INVALID', { message: '该权益未超出本级工会的发放额度（或已审批），无需审批，可直接发布' });
  }
  const at = deps.now();
  const approval = approvalBy(account, benefit, at);
  const audit = audited(account, 'benefit.approve', benefit, { approval: benefit.approval }, { approval }, at);
  return view(deps, account, await deps.benefits.approve(benefit, approval, at.getTime(), audit));
}

/** GET /api/admin/benefits?status=: what the account manages, newest first. */
export async function listManagedBenefits(
  deps: DeskDeps,
  openid: string,
  query: AdminBenefitListQuery,
): Promise<AdminBenefitListResponse> {
  const account = await requireManager(deps, openid);
  const statuses = query.status ? [query.status] : [...BENEFIT_STATUSES];
  const lists = await Promise.all(statuses.map((s) => deps.benefits.listByStatus(s)));
  const managed = lists
    .flat()
    .filter((b) => manages(account.roles, b.orgPath))
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  const slice = page(managed, query.cursor);
  return { items: await views(deps, account, slice.items), nextCursor: slice.nextCursor };
}

/** GET /api/admin/benefits/{id}: the benefit with its live figures. */
export async function getManagedBenefit(deps: DeskDeps, openid: string, id: string): Promise<AdminBenefitResponse> {
  const account = await requireManager(deps, openid);
  return view(deps, account, await managedBenefit(deps, account, id));
}
