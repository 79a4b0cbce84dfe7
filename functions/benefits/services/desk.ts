import type {
  AdminBenefitListQuery,
  AdminBenefitListResponse,
  AdminBenefitResponse,
  BenefitAction,
  CreateBenefitRequest,
  StockRequest,
} from '../contracts/benefits';
import { BENEFIT_STATUSES } from '../contracts/benefits';
import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import { AppError } from '../../kernel/errors';
import type { Account } from '../../membership';
import type { BenefitAuditAction } from '../domain/audit';
import { draftBenefit, manages, nextStatus } from '../domain/benefit';
import type { Benefit } from '../domain/types';
import { page } from './cursor';
import { requireManager } from './people';
import type { Deps } from './ports';
import { adminBenefitView, loadNames } from './views';

export type DeskDeps = Pick<Deps, 'accounts' | 'orgs' | 'merchants' | 'benefits' | 'newId' | 'now'>;

const invalid = (field: string, message: string) => new AppError('INVALID_INPUT', { message, fields: { [field]: message } });

async function view(deps: DeskDeps, benefit: Benefit): Promise<AdminBenefitResponse> {
  const [counts, names] = await Promise.all([
    deps.benefits.counts([benefit]).then((m) => m.get(benefit.id)),
    loadNames(deps, { merchantIds: benefit.merchantIds, orgIds: [benefit.orgId] }),
  ]);
  if (!counts) throw new Error(`no counts for benefit ${benefit.id}`);
  return { benefit: adminBenefitView(benefit, counts, names) };
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
  return org;
}

/** POST /api/admin/benefits: a new draft. */
export async function createBenefit(deps: DeskDeps, openid: string, request: CreateBenefitRequest): Promise<AdminBenefitResponse> {
  const account = await requireManager(deps, openid);
  const org = await checkedOrg(deps, account, request);
  const at = deps.now();
  const benefit = draftBenefit(request, org, { id: deps.newId(), createdBy: openid, now: at.getTime() });
  await deps.benefits.create(benefit, audited(account, 'benefit.create', benefit, null, benefit, at));
  return view(deps, benefit);
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
  const benefit: Benefit = { ...edited, createdAt: current.createdAt };
  await deps.benefits.replaceDraft(benefit, audited(account, 'benefit.update', benefit, current, benefit, at));
  return view(deps, benefit);
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
  // Only from the status read: the audit entry says which one it left.
  const audit = audited(account, 'benefit.status', benefit, { status: benefit.status }, { status: to, action }, at);
  const updated =
    action === 'publish' ? await deps.benefits.publish(benefit, now, audit) : await deps.benefits.setStatus(id, [benefit.status], to, now, audit);
  return view(deps, updated);
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
    const updated = draftWithStock(benefit, request.add, regionCode, now);
    await deps.benefits.replaceDraft(updated, audited(account, 'benefit.stock', updated, stockOf(benefit), stockOf(updated), at));
    return view(deps, updated);
  }
  const audit = (before: Benefit, after: Benefit) =>
    audited(account, 'benefit.stock', after, stockOf(before), { ...stockOf(after), add: request.add, regionCode }, at);
  return view(deps, await deps.benefits.changeStock(benefit, request.add, regionCode, now, audit));
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
  const [counts, names] = await Promise.all([
    deps.benefits.counts(slice.items),
    loadNames(deps, { merchantIds: slice.items.flatMap((b) => b.merchantIds), orgIds: slice.items.map((b) => b.orgId) }),
  ]);
  return {
    items: slice.items.map((b) => adminBenefitView(b, counts.get(b.id) as NonNullable<ReturnType<typeof counts.get>>, names)),
    nextCursor: slice.nextCursor,
  };
}

/** GET /api/admin/benefits/{id}: the benefit with its live figures. */
export async function getManagedBenefit(deps: DeskDeps, openid: string, id: string): Promise<AdminBenefitResponse> {
  const account = await requireManager(deps, openid);
  return view(deps, await managedBenefit(deps, account, id));
}
