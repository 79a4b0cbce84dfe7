import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYEE } from '../../support/payee';
import type { CreateCampaignRequest, SubsidyTier } from '../../../functions/applications/contracts/subsidy';
import { campaignKeys } from '../../../functions/applications/data/keys';
import { shanghaiDate } from '../../../functions/applications/domain/working-days';
import type { AuditEntry } from '../../../functions/audit';
import { outcomeOf, refusalOf } from '../../support/outcome';
import { jpegImage } from '../../support/images';
import { account, applicationWorld, boundMember, rawItem, type ApplicationWorld, type BoundMember } from './world';

/**
 * Money needs two people (issue 13, item 4), replayed on DynamoDB Local: `haikou` created a campaign
 * paying ¥100,000 for a ¥50 fare and approved both review steps of an application himself, and a
 * ¥100,000 payout was recorded. Now the province's rules bound the tiers, a campaign takes effect
 * once someone of the level above approves it (of two approvals at once exactly one is taken), and
 * nobody decides two steps of an application, nor one of a member they granted a role to.
 */
let w: ApplicationWorld;
let uc: typeof import('../../../functions/applications/services/campaigns');
let audit: typeof import('../../../functions/audit/data/audit-store');
let roleAdmin: typeof import('../../../functions/membership/services/role-admin');
let adminDeps: Awaited<ReturnType<(typeof import('../../../functions/membership/services/admin-deps'))['adminDeps']>>;
/** A second official of 海口 and of the province: the "other person" of each level. */
let haikou2: string;
let province2: string;

const DAY_MS = 86_400_000;
const TIERS: SubsidyTier[] = [
  { minFareFen: 5_000, amountFen: 5_000 },
  { minFareFen: 20_000, amountFen: 10_000 },
];

function request(orgId: string, tiers: SubsidyTier[] = TIERS): CreateCampaignRequest {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    title: '两人审批测试补贴',
    description: '往返票价满50元可申请',
    orgId,
    applyFrom: iso(Date.now() - DAY_MS),
    applyUntil: iso(Date.now() + 30 * DAY_MS),
    travelFrom: shanghaiDate(new Date(Date.now() - 20 * DAY_MS)),
    travelUntil: shanghaiDate(new Date(Date.now() + 40 * DAY_MS)),
    fareThresholdFen: 5_000,
    tiers,
    places: 100,
  };
}

async function uploadedProof(openid: string): Promise<string> {
  const ticket = await w.deps.proofs.presign(openid, 'image/jpeg');
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([jpegImage() as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'wx-tmp.jpg');
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  expect(res.status).toBeLessThan(300);
  return ticket.key;
}

async function file(m: BoundMember, campaignId: string, fare = 268.5) {
  const travelDate = shanghaiDate(new Date(Date.now() - 2 * DAY_MS));
  return w.uc.submitApplication(w.deps, m.openid, {
    kind: 'subsidy',
    form: { campaignId, travelDate, fromStation: '海口东站', toStation: '郑州站', fare, proofKeys: [await uploadedProof(m.openid)], payee: TEST_PAYEE },
  });
}

const decideOn = (openid: string, id: string, step: string, decision: 'approve' | 'reject' = 'approve') =>
  w.uc.decideApplication(w.deps, openid, id, { step, decision, comment: decision === 'reject' ? '不符合条件' : '' });

async function entriesAbout(orgPath: string[], targetId: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await audit.auditStore.list({ scope: { kind: 'subtree', orgPath }, after, limit: 100 });
    out.push(...page.entries.filter((e) => e.target.id === targetId));
    if (page.next === null) return out;
    after = page.next;
  }
}

/** A campaign of 海口 created by `haikou` and approved by the province. */
async function approvedHaikouCampaign(): Promise<string> {
  const { campaign } = await uc.createCampaign(w.deps, w.officials.haikou, request(w.haikou.id));
  await uc.approveCampaign(w.deps, w.officials.province, campaign.id);
  return campaign.id;
}

beforeAll(async () => {
  w = await applicationWorld('twopeople');
  uc = await import('../../../functions/applications/services/campaigns');
  audit = await import('../../../functions/audit/data/audit-store');
  roleAdmin = await import('../../../functions/membership/services/role-admin');
  adminDeps = await (await import('../../../functions/membership/services/admin-deps')).adminDeps();
  haikou2 = await account(w, 'off-hk2', [{ type: 'official', orgId: w.haikou.id }]);
  province2 = await account(w, 'off-p2', [{ type: 'official', orgId: w.province.id }]);
}, 60_000);

describe('a campaign’s amounts and its approval', () => {
  it('haikou’s ¥100,000-for-a-¥50-fare campaign is refused with the province’s bound, and nothing is written', async () => {
    const before = (await uc.listAdminCampaigns(w.deps, w.officials.haikou)).items.length;
    const refusal = await refusalOf(uc.createCampaign(w.deps, w.officials.haikou, request(w.haikou.id, [{ minFareFen: 5_000, amountFen: 10_000_000 }])));
    expect([refusal.status, refusal.code]).toEqual([400, 'SUBSIDY_TIER_NOT_ALLOWED']);
    expect(refusal.message).toContain('300元');
    expect((await uc.listAdminCampaigns(w.deps, w.officials.haikou)).items).toHaveLength(before);
  });

  it('a valid campaign by haikou is pending (no filing, not listed) until the province approves it; haikou and his colleague cannot', async () => {
    const { campaign } = await uc.createCampaign(w.deps, w.officials.haikou, request(w.haikou.id));
    expect(campaign.state).toBe('pending_approval');
    expect(campaign.approval).toEqual({ status: 'pending_approval', approvedAt: null, canApprove: false });
    const m = await boundMember(w, w.unions.bus.id);
    expect((await refusalOf(file(m, campaign.id))).code).toBe('SUBSIDY_NOT_STARTED');
    expect((await uc.listOpenCampaigns(w.deps, m.openid)).items.map((c) => c.id)).not.toContain(campaign.id);

    expect((await refusalOf(uc.approveCampaign(w.deps, w.officials.haikou, campaign.id))).code).toBe('CAMPAIGN_SELF_APPROVAL');
    expect((await refusalOf(uc.approveCampaign(w.deps, haikou2, campaign.id))).code).toBe('FORBIDDEN');
    expect((await refusalOf(uc.approveCampaign(w.deps, w.officials.sanya, campaign.id))).code).toBe('NOT_FOUND');
    const listed = (await uc.listAdminCampaigns(w.deps, w.officials.province)).items.find((c) => c.id === campaign.id);
    expect(listed?.approval.canApprove).toBe(true);

    const approved = await uc.approveCampaign(w.deps, w.officials.province, campaign.id);
    expect(approved.campaign).toMatchObject({ state: 'open', approval: { status: 'approved', canApprove: false } });
    const raw = await rawItem('campaigns', { pk: { S: campaignKeys.campaign(campaign.id) }, sk: { S: campaignKeys.config } });
    expect([raw?.approval?.S, raw?.version?.N, raw?.approvedBy?.S]).toEqual(['approved', '2', w.officials.province]);
    expect((await entriesAbout(w.haikou.path, campaign.id)).map((e) => e.action)).toEqual(['campaign.approve', 'campaign.create']);
    expect((await file(m, campaign.id)).created).toBe(true);
    expect((await uc.listOpenCampaigns(w.deps, m.openid)).items.map((c) => c.id)).toContain(campaign.id);
  });

  it('a province official’s own campaign waits for a second province official (or an admin)', async () => {
    const { campaign } = await uc.createCampaign(w.deps, w.officials.province, request(w.province.id));
    expect((await refusalOf(uc.approveCampaign(w.deps, w.officials.province, campaign.id))).code).toBe('CAMPAIGN_SELF_APPROVAL');
    expect((await uc.approveCampaign(w.deps, province2, campaign.id)).campaign.approval.status).toBe('approved');
    expect((await refusalOf(uc.approveCampaign(w.deps, w.admin, campaign.id))).code).toBe('CAMPAIGN_NOT_PENDING');
  });

  it('two approvals of one campaign at once: exactly one is taken, with one audit entry', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { campaign } = await uc.createCampaign(w.deps, w.officials.haikou, request(w.haikou.id));
      const outcomes = await Promise.all([w.officials.province, w.admin].map((who) => outcomeOf(uc.approveCampaign(w.deps, who, campaign.id))));
      expect([...outcomes].sort()).toEqual(['CAMPAIGN_NOT_PENDING', 'accepted']);
      const stored = await w.deps.campaigns.get(campaign.id);
      expect(stored).toMatchObject({ approval: 'approved', version: 2, approvedBy: outcomes[0] === 'accepted' ? w.officials.province : w.admin });
      expect((await entriesAbout(w.haikou.path, campaign.id)).filter((e) => e.action === 'campaign.approve')).toHaveLength(1);
    }
  });
});

describe('deciding a subsidy takes two people', () => {
  it('haikou approves step 1, then his step 2 is refused (SAME_OFFICIAL_TWICE, no payout); another official’s approval records it', async () => {
    const campaignId = await approvedHaikouCampaign();
    const m = await boundMember(w, w.unions.bus.id);
    const id = (await file(m, campaignId)).response.application.id;
    await decideOn(w.officials.haikou, id, 's1');
    expect((await w.deps.applications.get(id))?.steps[0]).toMatchObject({ status: 'approved', decidedAs: 'ancestor', decidedBy: w.officials.haikou });
    const refusal = await refusalOf(decideOn(w.officials.haikou, id, 's2'));
    expect([refusal.status, refusal.code, refusal.message]).toEqual([403, 'SAME_OFFICIAL_TWICE', '不能由同一人审核同一申请的两个环节，请由其他工作人员或上级工会审核']);
    expect(await w.deps.campaigns.payout(campaignId, m.memberId)).toBeNull();
    expect((await w.deps.applications.get(id))?.steps[1]?.status).toBe('open');
    // The view offers haikou nothing more on it.
    expect((await w.uc.getApplication(w.deps, w.officials.haikou, id)).application.can.decide).toEqual([]);

    const done = await decideOn(haikou2, id, 's2');
    expect(done.application.status).toBe('approved');
    const payout = await w.deps.campaigns.payout(campaignId, m.memberId);
    expect(payout).toMatchObject({ applicationId: id, amountFen: 10_000, status: 'pending' });
    const deciders = (await w.deps.applications.get(id))?.steps.map((s) => s.decidedBy);
    expect(new Set(deciders).size).toBe(2);
  });

  it('a member haikou made an official: haikou and officials at or below 海口 stand aside, the province and an admin decide', async () => {
    const campaignId = await approvedHaikouCampaign();
    const m = await boundMember(w, w.unions.bus.id);
    await roleAdmin.grantRole(adminDeps, w.officials.haikou, { openid: m.openid, role: { type: 'official', orgId: w.unions.bus.id } });
    const id = (await file(m, campaignId)).response.application.id;
    for (const who of [w.officials.haikou, haikou2, w.officials.bus]) {
      // The view offers them nothing, and a decision is refused.
      expect((await w.uc.getApplication(w.deps, who, id)).application.can.decide).toEqual([]);
      const refusal = await refusalOf(decideOn(who, id, 's1'));
      expect([refusal.status, refusal.code]).toEqual([403, 'CONFLICT_OF_INTEREST']);
    }
    expect((await w.uc.getApplication(w.deps, w.officials.province, id)).application.can.decide).toEqual(['approve', 'reject']);
    await decideOn(w.officials.province, id, 's1');
    expect((await w.deps.applications.get(id))?.steps[0]).toMatchObject({ status: 'approved', decidedAs: 'ancestor', decidedBy: w.officials.province });
    expect((await refusalOf(decideOn(haikou2, id, 's2'))).code).toBe('CONFLICT_OF_INTEREST');
    expect((await refusalOf(decideOn(w.officials.province, id, 's2'))).code).toBe('SAME_OFFICIAL_TWICE');
    expect(await w.deps.campaigns.payout(campaignId, m.memberId)).toBeNull();
    expect((await decideOn(province2, id, 's2')).application.status).toBe('approved');
    expect(await w.deps.campaigns.payout(campaignId, m.memberId)).not.toBeNull();
  });

  it('an official’s own application goes above their org: 海口’s officials stand aside, the province decides', async () => {
    const campaignId = await approvedHaikouCampaign();
    const m = await boundMember(w, w.unions.bus.id);
    // The member is made an official of 海口 by an admin (no granter below the province).
    await roleAdmin.grantRole(adminDeps, w.admin, { openid: m.openid, role: { type: 'official', orgId: w.haikou.id } });
    const id = (await file(m, campaignId)).response.application.id;
    expect((await refusalOf(decideOn(w.officials.bus, id, 's1'))).code).toBe('CONFLICT_OF_INTEREST');
    expect((await refusalOf(decideOn(w.officials.haikou, id, 's1'))).code).toBe('CONFLICT_OF_INTEREST');
    expect((await refusalOf(decideOn(m.openid, id, 's1'))).code).toBe('FORBIDDEN');
    await decideOn(w.officials.province, id, 's1');
    expect((await decideOn(province2, id, 's2')).application.status).toBe('approved');
  });
});

describe('the province’s rules', () => {
  it('only the province (or an admin) changes them, over the version read, audited; creation follows the new bound', async () => {
    const current = (await uc.getSubsidyRules(w.deps, w.officials.haikou)).rules;
    expect(current.canUpdate).toBe(false);
    const wider = { tierAmountsFen: [...new Set([...current.tierAmountsFen, 40_000])], maxPayoutFen: Math.max(current.maxPayoutFen, 40_000) };
    expect((await refusalOf(uc.updateSubsidyRules(w.deps, w.officials.haikou, { ...wider, version: current.version }))).code).toBe('FORBIDDEN');
    expect((await refusalOf(uc.updateSubsidyRules(w.deps, w.officials.province, { ...wider, version: current.version + 7 }))).code).toBe('SUBSIDY_RULES_CHANGED');
    // Two changes at once over the same version: exactly one is taken.
    const raced = await Promise.all(
      [w.officials.province, province2].map((who) => outcomeOf(uc.updateSubsidyRules(w.deps, who, { ...wider, version: current.version }))),
    );
    expect([...raced].sort()).toEqual(['SUBSIDY_RULES_CHANGED', 'accepted']);
    const widened = (await uc.getSubsidyRules(w.deps, w.officials.province)).rules;
    expect(widened).toMatchObject({ maxPayoutFen: wider.maxPayoutFen, version: current.version + 1, canUpdate: true });
    expect((await uc.createCampaign(w.deps, w.officials.haikou, request(w.haikou.id, [{ minFareFen: 5_000, amountFen: 40_000 }]))).campaign.tiers[0]?.amountFen).toBe(40_000);
    expect((await refusalOf(uc.createCampaign(w.deps, w.officials.haikou, request(w.haikou.id, [{ minFareFen: 5_000, amountFen: 50_000 }])))).code).toBe('SUBSIDY_TIER_NOT_ALLOWED');
    const entries = await entriesAbout([w.province.id], 'subsidy');
    expect(entries.some((e) => e.action === 'subsidy-rules.update' && e.after !== null)).toBe(true);
    // Back to the national tiers (other test files share the table).
    await uc.updateSubsidyRules(w.deps, w.admin, { tierAmountsFen: current.tierAmountsFen, maxPayoutFen: current.maxPayoutFen, version: widened.version });
  });
});
