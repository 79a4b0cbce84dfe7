import {
  CAMPAIGN_OTHER_POOL,
  type AdminCampaignListResponse,
  type AdminCampaignResponse,
  type AdminCampaignView,
  type CreateCampaignRequest,
  type MemberCampaignListResponse,
  type MemberCampaignResponse,
  type MemberCampaignView,
  type QuotaFigures,
  type SubsidyRulesResponse,
  type UpdateSubsidyRulesRequest,
} from '../contracts/subsidy';
import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import type { ApplicationAuditAction } from '../domain/audit';
import { AppError } from '../../kernel/errors';
import { regionCodeFor, type Account, type RosterMember } from '../../membership';
import {
  approvalRefusal,
  campaignState,
  checkTiersAgainstRules,
  coversUnion,
  managingOrgId,
  manages,
  setsRules,
  poolFor,
  standingRefusal,
  type Campaign,
  type MemberStanding,
  type PoolFigures,
  type SubsidyRules,
} from '../domain/subsidy';
import { shanghaiIso } from '../domain/working-days';
import { actorOf } from './people';
import type { Deps } from './ports';

/**
 * 补贴 campaigns: members list the open ones and see where they stand; officials create them for
 * their org or one below it (admins for any federation), list their subtree's with the places used
 * per city, and extend a window once.
 */

export type CampaignDeps = Pick<Deps, 'accounts' | 'roster' | 'orgs' | 'applications' | 'campaigns' | 'newId' | 'now'>;

/** How many campaigns a list considers (newest first); a province runs a handful a year. */
export const CAMPAIGN_LIST_LIMIT = 100;

const notFound = () => new AppError('NOT_FOUND', { message: '该补贴活动不存在' });

/** A bound member with their union's path and card region (the card's, or their federation's before it is issued). */
export interface SubsidyMember {
  member: RosterMember;
  unionPath: string[];
  regionCode: string | null;
}

export async function subsidyMemberOf(deps: Pick<Deps, 'roster' | 'orgs'>, account: Account): Promise<SubsidyMember | null> {
  const member = account.memberId ? await deps.roster.get(account.memberId) : null;
  if (!member) return null;
  // A member who left (退会) stands under no union: every campaign answers NOT_ELIGIBLE.
  if (member.left) return { member, unionPath: [], regionCode: null };
  const union = (await deps.orgs.getMany([member.orgId])).get(member.orgId);
  if (!union) throw new Error(`member ${member.id} belongs to unknown org ${member.orgId}`);
  const regionCode = member.cardNumber ? member.cardNumber.slice(2, 4) : regionCodeFor(union.path, await deps.orgs.getMany(union.path));
  return { member, unionPath: union.path, regionCode };
}

/** Where a member stands with a campaign: the places left in their pool, an open application, a payout. */
export async function standingOf(
  deps: Pick<Deps, 'applications' | 'campaigns'>,
  campaign: Campaign,
  who: SubsidyMember | null,
  pools: PoolFigures[] | null,
): Promise<MemberStanding & { applicationId: string | null }> {
  if (who === null) return { unionPath: null, regionCode: null, poolLeft: null, openApplication: false, paid: false, applicationId: null };
  const pool = coversUnion(campaign, who.unionPath) ? poolFor(campaign, who.regionCode) : null;
  const [figures, open, payout] = await Promise.all([
    pool === null ? Promise.resolve(null) : (pools ? Promise.resolve(pools) : deps.campaigns.pools(campaign.id)),
    deps.applications.holder({ type: 'open-subsidy', campaignId: campaign.id, memberId: who.member.id }),
    deps.campaigns.payout(campaign.id, who.member.id),
  ]);
  return {
    unionPath: who.unionPath,
    regionCode: who.regionCode,
    poolLeft: figures === null ? null : (figures.find((f) => f.pool === pool)?.left ?? 0),
    openApplication: open !== null,
    paid: payout !== null,
    applicationId: open ?? payout?.applicationId ?? null,
  };
}

function campaignFields(campaign: Campaign, now: Date) {
  return {
    id: campaign.id,
    title: campaign.title,
    description: campaign.description,
    owner: { id: campaign.owner.id, name: campaign.owner.name },
    applyFrom: shanghaiIso(campaign.applyFrom),
    applyUntil: shanghaiIso(campaign.applyUntil),
    extended: campaign.extendedAt !== null,
    travelFrom: campaign.travelFrom,
    travelUntil: campaign.travelUntil,
    fareThresholdFen: campaign.fareThresholdFen,
    tiers: campaign.tiers,
    state: campaignState(campaign, now),
    createdAt: shanghaiIso(campaign.createdAt),
  };
}

export function memberCampaignView(campaign: Campaign, standing: MemberStanding & { applicationId: string | null }, now: Date): MemberCampaignView {
  const reason = standingRefusal(campaign, standing, now);
  const eligible = standing.unionPath !== null && coversUnion(campaign, standing.unionPath) && poolFor(campaign, standing.regionCode) !== null;
  return {
    ...campaignFields(campaign, now),
    me: {
      eligible: reason === null,
      reason,
      regionCode: standing.regionCode,
      quotaLeft: eligible ? standing.poolLeft : null,
      applicationId: standing.applicationId,
    },
  };
}

function quotaFigures(p: PoolFigures | undefined, total: number): QuotaFigures {
  return { quota: p?.total ?? total, used: p?.used ?? 0, left: p?.left ?? total };
}

/** The reader of an admin view: whether they may approve it is part of the answer. */
type Reader = Pick<Account, 'openid' | 'roles'>;

export function adminCampaignView(campaign: Campaign, pools: PoolFigures[], now: Date, reader: Reader): AdminCampaignView {
  const byPool = new Map(pools.map((p) => [p.pool, p]));
  const used = pools.reduce((s, p) => s + p.used, 0);
  const rest = pools.find((p) => p.pool === CAMPAIGN_OTHER_POOL);
  return {
    ...campaignFields(campaign, now),
    places: campaign.places,
    approval: {
      status: campaign.approval,
      approvedAt: campaign.approvedAt === null ? null : shanghaiIso(campaign.approvedAt),
      canApprove: approvalRefusal(campaign, reader) === null,
    },
    figures: {
      used,
      left: campaign.places - used,
      byRegion: Object.fromEntries(Object.entries(campaign.regionQuotas).map(([code, total]) => [code, quotaFigures(byPool.get(code), total)])),
      otherRegions: rest ? quotaFigures(rest, rest.total) : null,
      payouts: used,
      payoutAmountFen: pools.reduce((s, p) => s + p.amountFen, 0),
    },
  };
}

/**
 * GET /api/subsidy-campaigns: the campaigns open now (and those about to open), for any logged-in
 * account; a bound member sees those whose owner is above their union, an unbound account all.
 */
export async function listOpenCampaigns(deps: CampaignDeps, openid: string): Promise<MemberCampaignListResponse> {
  const { account } = await actorOf(deps, openid);
  const now = deps.now();
  const who = await subsidyMemberOf(deps, account);
  const shown = (await deps.campaigns.list(CAMPAIGN_LIST_LIMIT)).filter(
    (c) => c.approval === 'approved' && campaignState(c, now) !== 'ended' && (who === null || coversUnion(c, who.unionPath)),
  );
  const items = await Promise.all(shown.map(async (c) => memberCampaignView(c, await standingOf(deps, c, who, null), now)));
  return { items: items.sort((a, b) => a.applyUntil.localeCompare(b.applyUntil)) };
}

/** GET /api/subsidy-campaigns/{id}: any logged-in account (ended ones too: a member's application names it). */
export async function getCampaign(deps: CampaignDeps, openid: string, id: string): Promise<MemberCampaignResponse> {
  const { account } = await actorOf(deps, openid);
  const campaign = await deps.campaigns.get(id);
  if (!campaign) throw notFound();
  const who = await subsidyMemberOf(deps, account);
  return { campaign: memberCampaignView(campaign, await standingOf(deps, campaign, who, null), deps.now()) };
}

/**
 * The audit entry of a campaign write (written in the write's transaction), about `campaign` in its
 * owner's subtree.
 */
function audited(account: Account, action: ApplicationAuditAction, campaign: Campaign, before: unknown, after: unknown, at: Date): AuditEntry<ApplicationAuditAction> {
  return auditEntry({
    actor: auditActor(account.openid, account.roles, campaign.owner.path),
    action,
    target: { type: 'campaign', id: campaign.id, label: campaign.title },
    orgPath: campaign.owner.path,
    before,
    after,
    at,
  });
}

function requireManager(account: Account): void {
  if (!account.roles.some((r) => r.type === 'admin' || r.type === 'official')) {
    throw new AppError('FORBIDDEN', { message: '只有工会工作人员可以管理补贴活动' });
  }
}

/**
 * POST /api/admin/subsidy-campaigns: a federation's campaign (province, city or industry union),
 * by its officials or those above it, or an admin. The counters of every pool are created with it.
 */
export async function createCampaign(deps: CampaignDeps, openid: string, request: CreateCampaignRequest): Promise<AdminCampaignResponse> {
  const { account } = await actorOf(deps, openid);
  requireManager(account);
  const org = (await deps.orgs.getMany([request.orgId])).get(request.orgId);
  if (!org || !manages(account.roles, org.path)) {
    throw new AppError('FORBIDDEN', { message: '只能为本工会或下级工会创建补贴活动', fields: { orgId: '只能选择本工会或下级工会' } });
  }
  if (org.kind === 'grassroots') {
    throw new AppError('INVALID_INPUT', { message: '补贴活动由省、市总工会或产业工会主办', fields: { orgId: '请选择省、市总工会或产业工会' } });
  }
  checkTiersAgainstRules(request.tiers, await deps.campaigns.rules());
  const now = deps.now();
  const campaign: Campaign = {
    id: deps.newId(),
    title: request.title,
    description: request.description,
    owner: { id: org.id, name: org.name, path: org.path },
    applyFrom: new Date(request.applyFrom).toISOString(),
    applyUntil: new Date(request.applyUntil).toISOString(),
    extendedAt: null,
    travelFrom: request.travelFrom,
    travelUntil: request.travelUntil,
    fareThresholdFen: request.fareThresholdFen,
    tiers: request.tiers,
    places: request.places,
    regionQuotas: request.regionQuotas ?? {},
    createdAt: now.toISOString(),
    createdBy: openid,
    // Money needs two people: every campaign waits for someone other than its creator (approveCampaign).
    creatorOrgId: managingOrgId(account.roles, org.path),
    approval: 'pending_approval',
    approvedBy: null,
    approvedAt: null,
    version: 1,
  };
  await deps.campaigns.create(campaign, audited(account, 'campaign.create', campaign, null, campaign, now));
  return { campaign: adminCampaignView(campaign, await deps.campaigns.pools(campaign.id), now, account) };
}

/** GET /api/admin/subsidy-campaigns: the campaigns of the caller's subtree (owners at or below their orgs; all for admins). */
export async function listAdminCampaigns(deps: CampaignDeps, openid: string): Promise<AdminCampaignListResponse> {
  const { account } = await actorOf(deps, openid);
  requireManager(account);
  const now = deps.now();
  const mine = (await deps.campaigns.list(CAMPAIGN_LIST_LIMIT)).filter((c) => manages(account.roles, c.owner.path));
  const items = await Promise.all(mine.map(async (c) => adminCampaignView(c, await deps.campaigns.pools(c.id), now, account)));
  return { items };
}

/**
 * POST /api/admin/subsidy-campaigns/{id}/extension {applyUntil}: once, to a later end (a campaign
 * that has ended may be reopened this way). SUBSIDY_ALREADY_EXTENDED for a second extension.
 */
export async function extendCampaign(deps: CampaignDeps, openid: string, id: string, applyUntil: string): Promise<AdminCampaignResponse> {
  const { account } = await actorOf(deps, openid);
  requireManager(account);
  const campaign = await deps.campaigns.get(id);
  if (!campaign || !manages(account.roles, campaign.owner.path)) throw notFound();
  if (campaign.extendedAt !== null) throw new AppError('SUBSIDY_ALREADY_EXTENDED');
  // Rules lowered since it was created: no more time for amounts the province no longer allows.
  checkTiersAgainstRules(campaign.tiers, await deps.campaigns.rules());
  const until = new Date(applyUntil);
  const now = deps.now();
  if (until.getTime() <= Date.parse(campaign.applyUntil) || until.getTime() <= now.getTime()) {
    throw new AppError('INVALID_INPUT', { message: '新的截止时间应晚于原截止时间和当前时间', fields: { applyUntil: '新的截止时间应晚于原截止时间和当前时间' } });
  }
  const at = now.toISOString();
  const extended: Campaign = { ...campaign, applyUntil: until.toISOString(), extendedAt: at };
  const audit = audited(
    account,
    'campaign.extend',
    campaign,
    { applyUntil: campaign.applyUntil, extendedAt: campaign.extendedAt },
    { applyUntil: extended.applyUntil, extendedAt: at },
    now,
  );
  if (!(await deps.campaigns.extend(id, campaign.applyUntil, extended.applyUntil, at, audit))) throw new AppError('SUBSIDY_ALREADY_EXTENDED');
  return { campaign: adminCampaignView(extended, await deps.campaigns.pools(id), now, account) };
}

const approvalRefusals = {
  CAMPAIGN_NOT_PENDING: () => new AppError('CAMPAIGN_NOT_PENDING'),
  CAMPAIGN_SELF_APPROVAL: () => new AppError('CAMPAIGN_SELF_APPROVAL'),
  FORBIDDEN: () => new AppError('FORBIDDEN', { message: '补贴活动须由创建人所在工会的上级工会工作人员审批（省总工会创建的由省总工会另一名工作人员或平台管理员审批）' }),
};

/**
 * POST /api/admin/subsidy-campaigns/{id}/approval: the campaign takes effect (money needs two
 * people). An official of an org above the creator's, or an admin, never the creator; a campaign
 * created at the province (or by an admin) by a second province official or an admin. The tiers are
 * checked against the rules as they are now. Written with its audit entry only while still pending
 * at the version read: of two approvals at once one is taken, the other answers CAMPAIGN_NOT_PENDING.
 */
export async function approveCampaign(deps: CampaignDeps, openid: string, id: string): Promise<AdminCampaignResponse> {
  const { account } = await actorOf(deps, openid);
  requireManager(account);
  const campaign = await deps.campaigns.get(id);
  if (!campaign || !manages(account.roles, campaign.owner.path)) throw notFound();
  const refusal = approvalRefusal(campaign, account);
  if (refusal) throw approvalRefusals[refusal]();
  checkTiersAgainstRules(campaign.tiers, await deps.campaigns.rules());
  const now = deps.now();
  const at = now.toISOString();
  const approved: Campaign = { ...campaign, approval: 'approved', approvedBy: openid, approvedAt: at, version: campaign.version + 1 };
  const audit = audited(account, 'campaign.approve', campaign, { approval: campaign.approval }, { approval: 'approved', approvedAt: at }, now);
  if (!(await deps.campaigns.approve(id, campaign.version, openid, at, audit))) throw new AppError('CAMPAIGN_NOT_PENDING');
  return { campaign: adminCampaignView(approved, await deps.campaigns.pools(id), now, account) };
}

/** The root orgs (the province) among the caller's official roles. */
async function rootRolesOf(deps: CampaignDeps, account: Account): Promise<Set<string>> {
  const ids = account.roles.flatMap((r) => (r.type === 'official' ? [r.orgId] : []));
  const orgs = ids.length ? await deps.orgs.getMany(ids) : new Map();
  return new Set(ids.filter((orgId) => orgs.get(orgId)?.path.length === 1));
}

function rulesView(rules: SubsidyRules, canUpdate: boolean): SubsidyRulesResponse {
  return {
    rules: {
      tierAmountsFen: rules.tierAmountsFen,
      maxPayoutFen: rules.maxPayoutFen,
      version: rules.version,
      updatedAt: rules.updatedAt === null ? null : shanghaiIso(rules.updatedAt),
      canUpdate,
    },
  };
}

/** GET /api/admin/subsidy-rules: the amounts campaigns may pay now (national defaults until the province sets them). */
export async function getSubsidyRules(deps: CampaignDeps, openid: string): Promise<SubsidyRulesResponse> {
  const { account } = await actorOf(deps, openid);
  requireManager(account);
  return rulesView(await deps.campaigns.rules(), setsRules(account.roles, await rootRolesOf(deps, account)));
}

/**
 * POST /api/admin/subsidy-rules: province officials and admins set the amounts a tier may pay and
 * the most one payout may be; audited in the same transaction, written only over the version read.
 * Campaigns already approved keep their tiers; creation, extension and approval check the new rules.
 */
export async function updateSubsidyRules(deps: CampaignDeps, openid: string, request: UpdateSubsidyRulesRequest): Promise<SubsidyRulesResponse> {
  const { account } = await actorOf(deps, openid);
  requireManager(account);
  const roots = await rootRolesOf(deps, account);
  if (!setsRules(account.roles, roots)) throw new AppError('FORBIDDEN', { message: '只有省总工会工作人员或平台管理员可以修改补贴标准' });
  const current = await deps.campaigns.rules();
  if (request.version !== current.version) throw new AppError('SUBSIDY_RULES_CHANGED');
  const now = deps.now();
  const next: SubsidyRules = {
    tierAmountsFen: [...request.tierAmountsFen].sort((a, b) => a - b),
    maxPayoutFen: request.maxPayoutFen,
    version: current.version + 1,
    updatedAt: now.toISOString(),
    updatedBy: openid,
  };
  const audit = auditEntry<ApplicationAuditAction>({
    actor: auditActor(account.openid, account.roles, [...roots].slice(0, 1)),
    action: 'subsidy-rules.update',
    target: { type: 'subsidy-rules', id: 'subsidy', label: '补贴标准' },
    orgPath: [...roots].slice(0, 1),
    before: { tierAmountsFen: current.tierAmountsFen, maxPayoutFen: current.maxPayoutFen, version: current.version },
    after: { tierAmountsFen: next.tierAmountsFen, maxPayoutFen: next.maxPayoutFen, version: next.version },
    at: now,
  });
  if (!(await deps.campaigns.setRules(next, audit))) throw new AppError('SUBSIDY_RULES_CHANGED');
  return rulesView(next, true);
}
