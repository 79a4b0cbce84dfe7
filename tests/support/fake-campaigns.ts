import { NATIONAL_SUBSIDY_RULES, poolsOf, type Campaign, type Payout, type PoolFigures, type SubsidyRules } from '../../functions/applications/domain/subsidy';
import type { CampaignStore } from '../../functions/applications/services/ports';

/**
 * An in-memory CampaignStore for unit tests: campaigns with their pool counters, and payouts.
 * `pay()` stands for what the approval's transaction writes (the payout and one place), checking
 * the same conditions: refused ('payout' | 'quota') when the member was paid or the pool is empty.
 */
export function fakeCampaignStore() {
  const campaigns = new Map<string, Campaign>();
  const pools = new Map<string, PoolFigures[]>();
  const payouts = new Map<string, Payout>();
  const payoutKey = (campaignId: string, memberId: string) => `${campaignId}/${memberId}`;
  let rules: SubsidyRules = NATIONAL_SUBSIDY_RULES;
  const store: CampaignStore = {
    async create(campaign) {
      if (campaigns.has(campaign.id)) throw new Error(`campaign ${campaign.id} exists`);
      campaigns.set(campaign.id, campaign);
      pools.set(
        campaign.id,
        poolsOf(campaign).map(({ pool, total }) => ({ pool, total, left: total, used: 0, amountFen: 0 })),
      );
    },
    async get(id) {
      return campaigns.get(id) ?? null;
    },
    async list(limit) {
      return [...campaigns.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
    },
    async pools(id) {
      return (pools.get(id) ?? []).map((p) => ({ ...p }));
    },
    async payout(campaignId, memberId) {
      return payouts.get(payoutKey(campaignId, memberId)) ?? null;
    },
    async extend(id, before, applyUntil, at) {
      const c = campaigns.get(id);
      if (!c || c.extendedAt !== null || c.applyUntil !== before) return false;
      campaigns.set(id, { ...c, applyUntil, extendedAt: at });
      return true;
    },
    async approve(id, version, approvedBy, at) {
      const c = campaigns.get(id);
      if (!c || c.approval !== 'pending_approval' || c.version !== version) return false;
      campaigns.set(id, { ...c, approval: 'approved', approvedBy, approvedAt: at, version: version + 1 });
      return true;
    },
    async rules() {
      return rules;
    },
    async setRules(next) {
      if (next.version !== rules.version + 1) return false;
      rules = next;
      return true;
    },
  };
  function pay(p: Omit<Payout, 'status' | 'batchId' | 'paidOn' | 'failure'>): 'done' | 'payout' | 'quota' {
    if (payouts.has(payoutKey(p.campaignId, p.memberId))) return 'payout';
    const pool = (pools.get(p.campaignId) ?? []).find((f) => f.pool === p.pool);
    if (!pool || pool.left <= 0) return 'quota';
    pool.left -= 1;
    pool.used += 1;
    pool.amountFen += p.amountFen;
    payouts.set(payoutKey(p.campaignId, p.memberId), { ...p, status: 'pending', batchId: null, paidOn: null, failure: null });
    return 'done';
  }
  return { store, campaigns, pools, payouts, pay };
}
