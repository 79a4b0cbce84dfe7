import type { CreateMerchantRequest, MerchantAgreementRequest, MerchantListQuery, MerchantListResponse, MerchantResponse } from '../contracts/admin';
import { AppError } from '../../kernel/errors';
import { MERCHANT_SIGNING_KINDS, type Merchant, type Org } from '../domain/types';
import type { AdminDeps } from './admin-ports';
import { orgInReach, requireStaff, staffAudit, withRereads, type Staff } from './staff';

/**
 * Partner merchants (合作商户) and their agreements: a merchant is signed by a province or
 * city/county federation (MERCHANT_SIGNING_KINDS), and a benefit may name it only when its owning
 * org or an org above it signed (functions/benefits/domain/limits.ts). Every write is audited.
 */

/**
 * The federation `orgId` as a signer of merchant agreements, for `staff`: a province or city/county
 * federation (MERCHANT_SIGNING_KINDS), and the caller an admin or an official of that very org (an
 * official of the province signs for the province, not for a city below it).
 */
async function signingOrg(deps: AdminDeps, staff: Staff, orgId: string): Promise<Org> {
  const org = (await deps.orgs.getMany([orgId])).get(orgId);
  if (!org) throw new AppError('NOT_FOUND', { message: '签约工会不存在，请刷新后重试' });
  if (!MERCHANT_SIGNING_KINDS.includes(org.kind)) {
    throw new AppError('FORBIDDEN', { message: '只有省总工会和市县总工会可以与商户签约' });
  }
  if (!staff.admin && !staff.orgIds.includes(org.id)) {
    throw new AppError('FORBIDDEN', { message: '只能以您所在的省总工会或市县总工会的名义与商户签约' });
  }
  return org;
}

async function merchantView(deps: AdminDeps, merchant: Merchant): Promise<MerchantResponse['merchant']> {
  return viewWith(await deps.orgs.getMany(merchant.agreements.map((a) => a.orgId)), merchant);
}

function viewWith(orgs: Map<string, Org>, merchant: Merchant): MerchantResponse['merchant'] {
  return {
    id: merchant.id,
    name: merchant.name,
    status: merchant.status,
    agreements: merchant.agreements.map((a) => ({ org: { id: a.orgId, name: orgs.get(a.orgId)?.name ?? a.orgId }, since: a.since })),
  };
}

/**
 * POST /api/admin/merchants: 201 `{merchant}`. Admins, or officials of a province or city/county
 * federation, whose org signs the merchant's first agreement (`orgId`; admins may leave it out).
 */
export async function createMerchant(deps: AdminDeps, openid: string, request: CreateMerchantRequest): Promise<MerchantResponse> {
  const staff = await requireStaff(deps, openid, '只有省、市县总工会干部和平台管理员可以添加合作商户');
  if (request.orgId === undefined && !staff.admin) {
    // A merchant no federation signed is the platform's to add: officials add theirs with `orgId`.
    throw new AppError('FORBIDDEN', { message: '请选择签约工会：工会干部添加的商户须由本级省、市县总工会签约' });
  }
  const org = request.orgId === undefined ? null : await signingOrg(deps, staff, request.orgId);
  const at = deps.now();
  const merchant: Merchant = {
    id: `m-${deps.newId().toLowerCase()}`,
    name: request.name,
    status: 'active',
    agreements: org ? [{ orgId: org.id, since: at.toISOString() }] : [],
  };
  const audit = staffAudit(staff, org?.path ?? [], at, {
    action: 'merchant.create',
    target: { type: 'merchant', id: merchant.id, label: merchant.name },
    before: null,
    after: { name: merchant.name, status: merchant.status, agreements: merchant.agreements },
  });
  await deps.roleAdmin.createMerchant(merchant, audit);
  return { merchant: await merchantView(deps, merchant) };
}

/**
 * POST /api/admin/merchants/{id}/agreements {orgId}: the federation signs with the merchant (an admin
 * or an official of that federation; audited). Signing again changes nothing (`changed: false`).
 */
export async function addMerchantAgreement(deps: AdminDeps, openid: string, merchantId: string, request: MerchantAgreementRequest): Promise<MerchantResponse> {
  const staff = await requireStaff(deps, openid, '只有省、市县总工会干部和平台管理员可以与商户签约');
  const org = await signingOrg(deps, staff, request.orgId);
  return withRereads(3, async () => {
    const merchant = (await deps.merchants.getMany([merchantId])).get(merchantId);
    if (!merchant) throw new AppError('NOT_FOUND', { message: '该商户不存在，请刷新后重试' });
    if (merchant.agreements.some((a) => a.orgId === org.id)) return { merchant: await merchantView(deps, merchant), changed: false };
    const at = deps.now();
    const signed: Merchant = { ...merchant, agreements: [...merchant.agreements, { orgId: org.id, since: at.toISOString() }] };
    const audit = staffAudit(staff, org.path, at, {
      action: 'merchant.agreement',
      target: { type: 'merchant', id: merchant.id, label: merchant.name },
      before: { agreements: merchant.agreements },
      after: { agreements: signed.agreements },
    });
    const outcome = await deps.roleAdmin.setAgreements(signed, merchant.agreements, audit);
    if (outcome === 'gone') throw new AppError('NOT_FOUND', { message: '该商户不存在，请刷新后重试' });
    if (outcome === 'changed') return 'changed';
    return { merchant: await merchantView(deps, signed), changed: true };
  });
}

/**
 * GET /api/admin/merchants?orgId=: the active merchants signed by `orgId` or an org above it — those a
 * benefit of that org may name — for an official of the org's subtree (or an admin).
 */
export async function listSignedMerchants(deps: AdminDeps, openid: string, query: MerchantListQuery): Promise<MerchantListResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以查看合作商户');
  const org = await orgInReach(deps, staff, query.orgId, '只能查看本工会及下级工会可用的商户');
  const signed = (await deps.merchantDirectory.listAll()).filter(
    (m) => m.status === 'active' && m.agreements.some((a) => org.path.includes(a.orgId)),
  );
  const orgs = await deps.orgs.getMany([...new Set(signed.flatMap((m) => m.agreements.map((a) => a.orgId)))]);
  return { items: signed.map((m) => viewWith(orgs, m)) };
}
