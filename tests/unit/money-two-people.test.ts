import { describe, expect, it } from 'vitest';
import { BUILT_IN_YEARS } from '../../functions/applications/data/built-in-calendar';
import { updateSubsidyRulesRequest, type SubsidyTier } from '../../functions/applications/contracts/subsidy';
import { checkDecision, decide, decisionsFor, newApplication, recusedAuthority, type Clock } from '../../functions/applications/domain/engine';
import {
  approvalRefusal,
  campaignState,
  checkTiersAgainstRules,
  managingOrgId,
  NATIONAL_SUBSIDY_RULES,
  setsRules,
  standingRefusal,
  type Campaign,
} from '../../functions/applications/domain/subsidy';
import type { Actor, Application, OrgOnStep } from '../../functions/applications/domain/types';
import { buildCalendar } from '../../functions/applications/domain/working-days';
import { AppError } from '../../functions/kernel/errors';

/**
 * Money needs two people (issue 13, item 4) — the rules over plain values: the province's bounds on
 * what a campaign may pay, who may approve a campaign, and who may decide a step (never two steps of
 * one application, never one's own or a grantee's application below the level above).
 */

const calendar = buildCalendar(BUILT_IN_YEARS);
const clock: Clock = { now: new Date('2026-09-30T02:00:00Z'), calendar };
const org = (id: string, path: string[]): OrgOnStep => ({ id, name: `${id}工会`, path: [...path, id] });
const province = org('hn', []);
const haikou = org('hk', province.path);
const bus = org('bus', haikou.path);

const official = (openid: string, orgId: string): Actor => ({ openid, roles: [{ type: 'official', orgId }] });
const admin: Actor = { openid: 'admin', roles: [{ type: 'admin' }] };

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
};

const TIERS: SubsidyTier[] = [
  { minFareFen: 5_000, amountFen: 5_000 },
  { minFareFen: 20_000, amountFen: 10_000 },
  { minFareFen: 50_000, amountFen: 20_000 },
  { minFareFen: 100_000, amountFen: 30_000 },
];

const campaignBy = (createdBy: string, creatorOrgId: string | null, owner = haikou, overrides: Partial<Campaign> = {}): Campaign => ({
  id: '01CAMPAIGN',
  title: '返乡交通补贴',
  description: '说明',
  owner,
  applyFrom: '2026-09-01T00:00:00.000Z',
  applyUntil: '2026-10-30T00:00:00.000Z',
  extendedAt: null,
  travelFrom: '2026-09-01',
  travelUntil: '2026-10-30',
  fareThresholdFen: 5_000,
  tiers: TIERS,
  places: 10,
  regionQuotas: {},
  createdAt: '2026-09-01T00:00:00.000Z',
  createdBy,
  creatorOrgId,
  approval: 'pending_approval',
  approvedBy: null,
  approvedAt: null,
  version: 1,
  ...overrides,
});

describe('the province’s subsidy rules', () => {
  it('allow the 2019 national tiers (¥50/100/200/300) by default and refuse ¥100,000 for a ¥50 fare, naming the bound', () => {
    expect(codeOf(() => checkTiersAgainstRules(TIERS, NATIONAL_SUBSIDY_RULES))).toBeNull();
    let refusal: AppError | null = null;
    try {
      checkTiersAgainstRules([{ minFareFen: 5_000, amountFen: 10_000_000 }], NATIONAL_SUBSIDY_RULES);
    } catch (err) {
      refusal = err as AppError;
    }
    expect(refusal?.code).toBe('SUBSIDY_TIER_NOT_ALLOWED');
    expect(refusal?.message).toContain('300元');
    expect(refusal?.message).toContain('100000元');
  });

  it('refuse an amount under the maximum that is not one of the allowed tiers', () => {
    expect(codeOf(() => checkTiersAgainstRules([{ minFareFen: 5_000, amountFen: 12_300 }], NATIONAL_SUBSIDY_RULES))).toBe('SUBSIDY_TIER_NOT_ALLOWED');
    const raised = { ...NATIONAL_SUBSIDY_RULES, tierAmountsFen: [5_000, 12_300], maxPayoutFen: 12_300, version: 1 };
    expect(codeOf(() => checkTiersAgainstRules([{ minFareFen: 5_000, amountFen: 12_300 }], raised))).toBeNull();
    expect(codeOf(() => checkTiersAgainstRules([{ minFareFen: 5_000, amountFen: 30_000 }], raised))).toBe('SUBSIDY_TIER_NOT_ALLOWED');
  });

  it('are set by province officials and admins only, and their request keeps every amount within the maximum', () => {
    const roots = new Set(['hn']);
    expect(setsRules(official('p', 'hn').roles, roots)).toBe(true);
    expect(setsRules(admin.roles, roots)).toBe(true);
    expect(setsRules(official('h', 'hk').roles, roots)).toBe(false);
    expect(updateSubsidyRulesRequest.safeParse({ tierAmountsFen: [5_000, 30_000], maxPayoutFen: 30_000, version: 0 }).success).toBe(true);
    expect(updateSubsidyRulesRequest.safeParse({ tierAmountsFen: [5_000, 40_000], maxPayoutFen: 30_000, version: 0 }).success).toBe(false);
    expect(updateSubsidyRulesRequest.safeParse({ tierAmountsFen: [5_000], maxPayoutFen: 10_000_000, version: 0 }).success).toBe(false);
  });
});

describe('a campaign’s approval', () => {
  it('a campaign waiting for approval is not open and refuses filings as not started', () => {
    const pending = campaignBy('haikou', 'hk');
    expect(campaignState(pending, clock.now)).toBe('pending_approval');
    const standing = { unionPath: bus.path, regionCode: '01', poolLeft: 10, openApplication: false, paid: false };
    expect(standingRefusal(pending, standing, clock.now)).toBe('SUBSIDY_NOT_STARTED');
    expect(campaignState({ ...pending, approval: 'approved' }, clock.now)).toBe('open');
    expect(standingRefusal({ ...pending, approval: 'approved' }, standing, clock.now)).toBeNull();
  });

  it('one created in a city is approved by the level above or an admin, never by its creator or a colleague', () => {
    expect(managingOrgId(official('haikou', 'hk').roles, haikou.path)).toBe('hk');
    const c = campaignBy('haikou', 'hk');
    expect(approvalRefusal(c, official('haikou', 'hk'))).toBe('CAMPAIGN_SELF_APPROVAL');
    expect(approvalRefusal(c, official('haikou-2', 'hk'))).toBe('FORBIDDEN');
    expect(approvalRefusal(c, official('province', 'hn'))).toBeNull();
    expect(approvalRefusal(c, admin)).toBeNull();
    expect(approvalRefusal({ ...c, approval: 'approved' }, official('province', 'hn'))).toBe('CAMPAIGN_NOT_PENDING');
  });

  it('one created by the province for a city still needs a second province official (or an admin)', () => {
    const c = campaignBy('province', 'hn', haikou);
    expect(approvalRefusal(c, official('province', 'hn'))).toBe('CAMPAIGN_SELF_APPROVAL');
    expect(approvalRefusal(c, official('haikou', 'hk'))).toBe('FORBIDDEN');
    expect(approvalRefusal(c, official('province-2', 'hn'))).toBeNull();
    const byAdmin = campaignBy('admin', null, province);
    expect(approvalRefusal(byAdmin, admin)).toBe('CAMPAIGN_SELF_APPROVAL');
    expect(approvalRefusal(byAdmin, official('province', 'hn'))).toBeNull();
  });
});

function subsidyApplication(applicant = 'member'): Application {
  return newApplication(
    {
      id: '01SUBSIDY',
      kind: 'subsidy',
      applicant: { openid: applicant, memberId: 'm1', name: '邢志强' },
      form: {
        kind: 'subsidy',
        campaignId: '01CAMPAIGN',
        campaignTitle: '返乡交通补贴',
        travelDate: '2026-09-20',
        fromStation: '海口东站',
        toStation: '郑州站',
        fareFen: 26_850,
        amountFen: 10_000,
        regionCode: '01',
        pool: 'other',
        proofKeys: [],
        payee: null,
        payout: null,
      },
      orgs: [bus, haikou],
      previousId: null,
    },
    clock,
  );
}

describe('deciding the steps of one application', () => {
  it('nobody decides two steps: haikou approves step 1 as an ancestor, then step 2 is refused (SAME_OFFICIAL_TWICE)', () => {
    const haikouOfficial = official('haikou', 'hk');
    const app = subsidyApplication();
    const first = decide(app, { stepId: 's1', decision: 'approve', comment: '', toOrg: null }, haikouOfficial, { as: 'ancestor', org: { id: 'hk', name: 'hk工会' } }, clock);
    expect(first.completed).toBe(false);
    expect(codeOf(() => checkDecision(first.after, { stepId: 's2', decision: 'approve', comment: '', toOrgId: null }, haikouOfficial))).toBe('SAME_OFFICIAL_TWICE');
    expect(decisionsFor(first.after, haikouOfficial)).toEqual([]);
    // A second person completes it.
    const second = decide(first.after, { stepId: 's2', decision: 'approve', comment: '', toOrg: null }, official('haikou-2', 'hk'), { as: 'official', org: { id: 'hk', name: 'hk工会' } }, clock);
    expect(second.completed).toBe(true);
  });

  it('an official’s own application goes above their org: colleagues refused (CONFLICT_OF_INTEREST), the province decides', () => {
    const app = subsidyApplication('haikou');
    const recusal = { openids: ['haikou'], orgIds: ['hk'] };
    const input = { stepId: 's1', decision: 'approve' as const, comment: '', toOrgId: null };
    expect(codeOf(() => checkDecision(app, input, official('haikou-2', 'hk'), recusal))).toBe('CONFLICT_OF_INTEREST');
    expect(decisionsFor(app, official('haikou-2', 'hk'), recusal)).toEqual([]);
    expect(decisionsFor(app, official('province', 'hn'), recusal)).toEqual(['approve', 'reject']);
    expect(codeOf(() => checkDecision(app, input, official('bus', 'bus'), recusal))).toBe('CONFLICT_OF_INTEREST');
    expect(checkDecision(app, input, official('province', 'hn'), recusal).authority).toEqual({ as: 'ancestor', orgId: 'hn' });
    expect(checkDecision(app, input, admin, recusal).authority.as).toBe('admin');
  });

  it('a member made an official by haikou: haikou (and haikou’s org) stands aside, an official of the level above decides', () => {
    const app = subsidyApplication('grantee');
    const recusal = { openids: ['grantee', 'haikou'], orgIds: ['bus', 'hk'] };
    const input = { stepId: 's1', decision: 'approve' as const, comment: '', toOrgId: null };
    expect(codeOf(() => checkDecision(app, input, official('haikou', 'hk'), recusal))).toBe('CONFLICT_OF_INTEREST');
    expect(recusedAuthority(official('province', 'hn'), app.steps[0] as never, recusal)).toEqual({ as: 'ancestor', orgId: 'hn' });
    // An official of both haikou and the province decides through the province role.
    const both: Actor = { openid: 'both', roles: [{ type: 'official', orgId: 'hk' }, { type: 'official', orgId: 'hn' }] };
    expect(checkDecision(app, input, both, recusal).authority).toEqual({ as: 'ancestor', orgId: 'hn' });
  });
});
