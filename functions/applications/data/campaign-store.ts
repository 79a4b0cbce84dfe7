import { auditPut } from '../../audit';
import { dynamoose } from '../../kernel/data/client';
import { campaignKeys } from './keys';
import { isConditionFailure, mustCommit, runTransaction } from '../../kernel/data/transactions';
import type { SubsidyTier } from '../contracts/subsidy';
import { NATIONAL_SUBSIDY_RULES, poolsOf, type Campaign, type Payout, type PoolFigures, type SubsidyRules } from '../domain/subsidy';
import type { CampaignStore } from '../services/ports';
import { CampaignModel, type CampaignItem } from './models/campaign';
import { PayoutModel } from './models/payout';
import { payeeAttributes, toPayout } from './payout-store';

const { Condition } = dynamoose;

/**
 * 补贴 campaigns on DynamoDB: the configuration and place counters (campaigns table), payouts
 * (payouts table). An official's or admin's write carries its audit entry in its own transaction.
 */

const configKey = (id: string) => ({ pk: campaignKeys.campaign(id), sk: campaignKeys.config });

function toCampaign(item: CampaignItem): Campaign {
  return {
    id: item.id as string,
    title: item.title as string,
    description: item.description as string,
    owner: { id: item.orgId as string, name: item.orgName as string, path: JSON.parse(item.orgPath as string) as string[] },
    applyFrom: item.applyFrom as string,
    applyUntil: item.applyUntil as string,
    extendedAt: item.extendedAt ?? null,
    travelFrom: item.travelFrom as string,
    travelUntil: item.travelUntil as string,
    fareThresholdFen: item.fareThresholdFen as number,
    tiers: JSON.parse(item.tiers as string) as SubsidyTier[],
    places: item.places as number,
    regionQuotas: JSON.parse(item.regionQuotas as string) as Record<string, number>,
    createdAt: item.createdAt as string,
    createdBy: item.createdBy as string,
    creatorOrgId: item.creatorOrgId ?? null,
    // Written before approvals existed: pending until someone of the level above approves it.
    approval: item.approval === 'approved' ? 'approved' : 'pending_approval',
    approvedBy: item.approvedBy ?? null,
    approvedAt: item.approvedAt ?? null,
    version: item.version ?? 0,
  };
}

/**
 * The approval's part of a payout (application-store.ts puts these in the decision's transaction):
 * the payout only if absent, and one place of the pool only while one is left.
 */
export const payoutTransactionItems = {
  payout({ payee, ...p }: Omit<Payout, 'status' | 'batchId' | 'paidOn' | 'failure'>) {
    return PayoutModel.transaction.create({ ...p, ...payeeAttributes(payee), status: 'pending' }, { overwrite: false });
  },
  takePlace(campaignId: string, pool: string, amountFen: number) {
    return CampaignModel.transaction.update(
      { pk: campaignKeys.campaign(campaignId), sk: campaignKeys.quota(pool) },
      { $ADD: { left: -1, used: 1, amountFen } },
      { condition: new Condition().where('left').gt(0) },
    );
  },
};

export const campaignStore: CampaignStore = {
  async create(campaign, audit) {
    const outcome = await runTransaction(() => [
      CampaignModel.transaction.create(
        {
          ...configKey(campaign.id),
          id: campaign.id,
          listKey: campaignKeys.listKey,
          title: campaign.title,
          description: campaign.description,
          orgId: campaign.owner.id,
          orgName: campaign.owner.name,
          orgPath: JSON.stringify(campaign.owner.path),
          applyFrom: campaign.applyFrom,
          applyUntil: campaign.applyUntil,
          ...(campaign.extendedAt ? { extendedAt: campaign.extendedAt } : {}),
          travelFrom: campaign.travelFrom,
          travelUntil: campaign.travelUntil,
          fareThresholdFen: campaign.fareThresholdFen,
          tiers: JSON.stringify(campaign.tiers),
          places: campaign.places,
          regionQuotas: JSON.stringify(campaign.regionQuotas),
          createdAt: campaign.createdAt,
          createdBy: campaign.createdBy,
          ...(campaign.creatorOrgId ? { creatorOrgId: campaign.creatorOrgId } : {}),
          approval: campaign.approval,
          ...(campaign.approvedBy ? { approvedBy: campaign.approvedBy } : {}),
          ...(campaign.approvedAt ? { approvedAt: campaign.approvedAt } : {}),
          version: campaign.version,
        },
        { overwrite: false },
      ),
      ...poolsOf(campaign).map(({ pool, total }) =>
        CampaignModel.transaction.create(
          { pk: campaignKeys.campaign(campaign.id), sk: campaignKeys.quota(pool), total, left: total, used: 0, amountFen: 0 },
          { overwrite: false },
        ),
      ),
      ...(audit ? [auditPut(audit)] : []),
    ]);
    mustCommit(outcome, `campaign ${campaign.id}`);
  },

  async get(id) {
    const item = await CampaignModel.get(configKey(id), { consistent: true });
    return item ? toCampaign(item) : null;
  },

  async list(limit) {
    const items = await CampaignModel.query('listKey').eq(campaignKeys.listKey).using('byCreated').sort('descending').limit(limit).exec();
    return items.map(toCampaign);
  },

  async pools(id) {
    const items = await CampaignModel.query('pk')
      .eq(campaignKeys.campaign(id))
      .where('sk')
      .beginsWith(campaignKeys.quotaPrefix)
      .consistent()
      .all()
      .exec();
    return items.map(
      (item): PoolFigures => ({
        pool: item.sk.slice(campaignKeys.quotaPrefix.length),
        total: item.total ?? 0,
        left: item.left ?? 0,
        used: item.used ?? 0,
        amountFen: item.amountFen ?? 0,
      }),
    );
  },

  async payout(campaignId, memberId) {
    const item = await PayoutModel.get({ campaignId, memberId }, { consistent: true });
    return item ? toPayout(item) : null;
  },

  async approve(id, version, approvedBy, at, audit) {
    // Only while pending and at the version read: of two approvals at once exactly one is taken.
    const outcome = await runTransaction(() => [
      CampaignModel.transaction.update(
        configKey(id),
        { approval: 'approved', approvedBy, approvedAt: at, version: version + 1 },
        {
          condition: new Condition()
            .parenthesis(new Condition().where('approval').not().exists().or().where('approval').eq('pending_approval'))
            .and()
            .parenthesis(version === 0 ? new Condition().where('version').not().exists() : new Condition().where('version').eq(version)),
        },
      ),
      ...(audit ? [auditPut(audit)] : []),
    ]);
    return outcome.kind === 'done';
  },

  async rules() {
    const item = await CampaignModel.get(campaignKeys.rules, { consistent: true });
    if (!item || item.tierAmountsFen === undefined || item.maxPayoutFen === undefined) return NATIONAL_SUBSIDY_RULES;
    return {
      tierAmountsFen: JSON.parse(item.tierAmountsFen) as number[],
      maxPayoutFen: item.maxPayoutFen,
      version: item.version ?? 0,
      updatedAt: item.updatedAt ?? null,
      updatedBy: item.updatedBy ?? null,
    };
  },

  async setRules(rules: SubsidyRules, audit) {
    // Written only over the version read (absent for the national defaults): no silent overwrite.
    const write =
      rules.version === 1
        ? CampaignModel.transaction.create(
            { ...campaignKeys.rules, tierAmountsFen: JSON.stringify(rules.tierAmountsFen), maxPayoutFen: rules.maxPayoutFen, version: 1, updatedAt: rules.updatedAt as string, updatedBy: rules.updatedBy as string },
            { overwrite: false },
          )
        : CampaignModel.transaction.update(
            campaignKeys.rules,
            { tierAmountsFen: JSON.stringify(rules.tierAmountsFen), maxPayoutFen: rules.maxPayoutFen, version: rules.version, updatedAt: rules.updatedAt as string, updatedBy: rules.updatedBy as string },
            { condition: new Condition().where('version').eq(rules.version - 1) },
          );
    return (await runTransaction(() => [write, auditPut(audit)])).kind === 'done';
  },

  async extend(id, before, applyUntil, at, audit) {
    const change = [
      configKey(id),
      { applyUntil, extendedAt: at },
      { condition: new Condition().where('extendedAt').not().exists().and().where('applyUntil').eq(before) },
    ] as const;
    if (audit !== null) return (await runTransaction(() => [CampaignModel.transaction.update(...change), auditPut(audit)])).kind === 'done';
    try {
      await CampaignModel.update(...change);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};
