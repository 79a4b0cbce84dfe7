import { AppError } from '../../kernel/errors';
import { auditPut } from '../../audit';
import { dynamoose } from '../../kernel/data/client';
import { batchGetAll } from '../../kernel/data/batch';
import { benefitKeys } from './keys';
import { realPause, withRereads, type Pause } from '../../kernel/data/retry';
import { isConditionFailure, mustCommit, runTransaction, sendTransaction, type TransactionItems, type TransactionSender } from '../../kernel/data/transactions';
import { OTHER_REGIONS, otherRegionsQuota } from '../domain/benefit';
import { planLowering, splitStock } from '../domain/stock';
import type { Benefit, BenefitCounts, ShardLevel } from '../domain/types';
import type { BenefitStore, StockAudit, StockRule } from '../services/ports';
import { benefitAttributes, toBenefit } from './mapping';
import { BenefitModel } from './models/benefit';
import { CounterModel, type CounterItem } from './models/counter';
import { poolKey } from './pools';

const { Condition } = dynamoose;

/**
 * Stock changes race with claims on the same shards: when a planned change finds the shards moved
 * (a condition failed), it is read and planned again this many times, then BUSY.
 */
const STOCK_CHANGE_PLANS = 8;

function shardKeys(benefitId: string, shards: number): string[] {
  return Array.from({ length: shards }, (_, n) => benefitKeys.stockShard(benefitId, n));
}

function poolsOf(b: Benefit): string[] {
  const codes = Object.keys(b.regionQuotas);
  if (codes.length === 0) return [];
  return b.otherRegions === 'open' ? [...codes, OTHER_REGIONS] : codes;
}

/** A published benefit's shard levels, read strongly consistent. */
export async function readShardLevels(benefitId: string, shards: number): Promise<ShardLevel[]> {
  const keys = shardKeys(benefitId, shards);
  const items = await batchGetAll(CounterModel, keys.map((key) => ({ key })), true);
  const byKey = new Map(items.map((i) => [i.key, i]));
  return keys.map((key, shard) => ({ shard, left: byKey.get(key)?.left ?? 0, total: byKey.get(key)?.total ?? 0 }));
}

function draftCounts(b: Benefit): BenefitCounts {
  const rest = otherRegionsQuota(b);
  return {
    stock: b.stock,
    remaining: b.stock,
    redeemed: 0,
    byRegion: Object.fromEntries(Object.entries(b.regionQuotas).map(([code, quota]) => [code, { quota, claimed: 0 }])),
    otherRegions: rest === null ? null : { quota: rest, claimed: 0 },
  };
}

/** `send` and `pause` are the kernel's; tests wrap `send` to inject DynamoDB's faults. */
export function createBenefitStore(send: TransactionSender = sendTransaction, pause: Pause = realPause): BenefitStore {
  async function get(id: string, consistent = false): Promise<Benefit | null> {
    const item = await BenefitModel.get({ id }, { consistent });
    return item ? toBenefit(item) : null;
  }

  /** A desk write (with its audit entry) as one transaction under the kernel's retry policy. */
  const run = (items: TransactionItems, name: string) => runTransaction(items, { send, pause, name });

  /** One plan of a stock change; null when claims moved the shards meanwhile (plan again). */
  async function tryStockChange(id: string, add: number, regionCode: string | null, now: number, audit: StockAudit, rule: StockRule | undefined) {
    const benefit = await get(id, true);
    if (!benefit) throw new AppError('NOT_FOUND');
    const pool = regionCode ?? (poolsOf(benefit).includes(OTHER_REGIONS) ? OTHER_REGIONS : null);
    const regionQuotas = { ...benefit.regionQuotas };
    if (regionCode !== null) regionQuotas[regionCode] = (regionQuotas[regionCode] ?? 0) + add;
    // The rule sees the benefit as this attempt read it: what it allows is what the condition keeps.
    const approval = rule ? rule(benefit, { ...benefit, stock: benefit.stock + add, regionQuotas, updatedAt: now }) : undefined;
    const items: TransactionItems = [
      BenefitModel.transaction.update(
        { id },
        {
          $SET: {
            stock: benefit.stock + add,
            regionQuotas: JSON.stringify(regionQuotas),
            updatedAt: now,
            ...(approval ? { approval: JSON.stringify(approval) } : {}),
          },
        },
        { condition: new Condition().where('updatedAt').eq(benefit.updatedAt) },
      ),
    ];
    if (add > 0) {
      const start = Math.floor(Math.random() * benefit.shards);
      splitStock(add, benefit.shards).forEach((part, i) => {
        if (part === 0) return;
        items.push(
          CounterModel.transaction.update(
            { key: benefitKeys.stockShard(id, (start + i) % benefit.shards) },
            { $ADD: { total: part, left: part } },
            { condition: new Condition().where('key').exists() },
          ),
        );
      });
      if (pool !== null) {
        items.push(
          CounterModel.transaction.update(
            { key: poolKey(id, pool) },
            { $ADD: { total: add, left: add } },
            { condition: new Condition().where('key').exists() },
          ),
        );
      }
    } else {
      const amount = -add;
      if (pool !== null) {
        const [poolItem] = await batchGetAll(CounterModel, [{ key: poolKey(id, pool) }], true);
        if ((poolItem?.left ?? 0) < amount) {
          throw new AppError('STOCK_BELOW_CLAIMED', {
            message: pool === OTHER_REGIONS ? '其他地区的名额不能低于已领取的数量' : '该地区的名额不能低于已领取的数量',
          });
        }
      }
      const takes = planLowering(await readShardLevels(id, benefit.shards), amount);
      if (takes === null) throw new AppError('STOCK_BELOW_CLAIMED');
      for (const [shard, take] of takes) {
        items.push(
          CounterModel.transaction.update(
            { key: benefitKeys.stockShard(id, shard) },
            { $ADD: { total: -take, left: -take } },
            { condition: new Condition().where('left').ge(take) },
          ),
        );
      }
      if (pool !== null) {
        items.push(
          CounterModel.transaction.update(
            { key: poolKey(id, pool) },
            { $ADD: { total: -amount, left: -amount } },
            { condition: new Condition().where('left').ge(amount) },
          ),
        );
      }
    }
    const done: Benefit = { ...benefit, stock: benefit.stock + add, regionQuotas, updatedAt: now, approval: approval ?? benefit.approval };
    items.push(auditPut(audit(benefit, done)));
    const outcome = await run(items, 'benefit.stock');
    return outcome.kind === 'done' ? done : null;
  }

  return {
    async create(benefit, audit) {
      if (audit === null) {
        await BenefitModel.create({ id: benefit.id, ...benefitAttributes(benefit) }, { overwrite: false });
        return;
      }
      const outcome = await run([BenefitModel.transaction.create({ id: benefit.id, ...benefitAttributes(benefit) }, { overwrite: false }), auditPut(audit)], 'benefit.create');
      mustCommit(outcome, `benefit ${benefit.id}`);
    },

    get: (id) => get(id),

    async replaceDraft(benefit, audit) {
      const { createdAt: _c, createdBy: _b, ...fields } = benefitAttributes(benefit);
      const condition = new Condition().where('status').eq('draft');
      if (audit !== null) {
        const outcome = await run([BenefitModel.transaction.update({ id: benefit.id }, { $SET: fields }, { condition }), auditPut(audit)], 'benefit.update');
        if (outcome.kind === 'refused') throw new AppError('BENEFIT_NOT_DRAFT');
        return;
      }
      try {
        await BenefitModel.update({ id: benefit.id }, { $SET: fields }, { condition });
      } catch (err) {
        if (isConditionFailure(err)) throw new AppError('BENEFIT_NOT_DRAFT', { cause: err });
        throw err;
      }
    },

    async listByStatus(status) {
      const out: Benefit[] = [];
      let last: unknown;
      do {
        const query = BenefitModel.query('status').eq(status).using('byStatus').sort('descending');
        if (last) query.startAt(last as never);
        const page = await query.exec();
        out.push(...page.map(toBenefit));
        last = page.lastKey;
      } while (last);
      return out;
    },

    async publish(benefit, now, audit) {
      const shardParts = splitStock(benefit.stock, benefit.shards);
      const rest = otherRegionsQuota(benefit);
      const counters: Array<{ key: string; total: number }> = [
        ...shardParts.map((total, n) => ({ key: benefitKeys.stockShard(benefit.id, n), total })),
        ...Object.entries(benefit.regionQuotas).map(([code, total]) => ({ key: benefitKeys.regionQuota(benefit.id, code), total })),
        ...(rest === null ? [] : [{ key: benefitKeys.otherRegions(benefit.id), total: rest }]),
      ];
      const items: TransactionItems = [
        BenefitModel.transaction.update(
          { id: benefit.id },
          { $SET: { status: 'published', updatedAt: now } },
          { condition: new Condition().where('status').eq('draft').and().where('updatedAt').eq(benefit.updatedAt) },
        ),
        ...counters.map((c) => CounterModel.transaction.create({ key: c.key, total: c.total, left: c.total }, { overwrite: false })),
        ...(audit ? [auditPut(audit)] : []),
      ];
      const outcome = await run(items, 'benefit.publish');
      if (outcome.kind === 'refused') throw new AppError('BENEFIT_STATUS_INVALID');
      return { ...benefit, status: 'published', updatedAt: now };
    },

    async setStatus(id, from, to, now, audit) {
      const change = [{ id }, { $SET: { status: to, updatedAt: now } }, { condition: new Condition().where('status').in([...from]) }] as const;
      if (audit === null) {
        try {
          return toBenefit(await BenefitModel.update(...change));
        } catch (err) {
          if (isConditionFailure(err)) throw new AppError('BENEFIT_STATUS_INVALID', { cause: err });
          throw err;
        }
      }
      const outcome = await run([BenefitModel.transaction.update(...change), auditPut(audit)], 'benefit.status');
      if (outcome.kind === 'refused') throw new AppError('BENEFIT_STATUS_INVALID');
      const updated = await get(id, true);
      if (!updated) throw new Error(`benefit ${id} vanished after its status change`);
      return updated;
    },

    async approve(benefit, approval, now, audit) {
      const outcome = await run(
        [
          BenefitModel.transaction.update(
            { id: benefit.id },
            { $SET: { approval: JSON.stringify(approval), updatedAt: now } },
            // The version condition: the draft as the approver saw it, not an edit made meanwhile.
            { condition: new Condition().where('status').eq('draft').and().where('updatedAt').eq(benefit.updatedAt) },
          ),
          auditPut(audit),
        ],
        'benefit.approve',
      );
      if (outcome.kind === 'refused') throw new AppError('BENEFIT_STATUS_INVALID', { message: '该权益刚被修改或已发布，请刷新后重新审批' });
      return { ...benefit, approval, updatedAt: now };
    },

    async changeStock(benefit, add, regionCode, now, audit, rule) {
      // Not a retry of the same transaction (the runner does those): each plan reads the shards afresh.
      return withRereads(
        STOCK_CHANGE_PLANS,
        async () => (await tryStockChange(benefit.id, add, regionCode, now, audit, rule)) ?? 'changed',
        () => new AppError('BUSY'),
        pause,
      );
    },

    async counts(benefits, options = {}) {
      const withRegions = options.regions !== false;
      const out = new Map<string, BenefitCounts>();
      const live = benefits.filter((b) => b.status !== 'draft');
      for (const b of benefits) if (b.status === 'draft') out.set(b.id, draftCounts(b));
      const keys = live.flatMap((b) => [
        ...shardKeys(b.id, b.shards),
        ...(withRegions ? [...poolsOf(b).map((p) => poolKey(b.id, p)), benefitKeys.redeemed(b.id)] : []),
      ]);
      const items = new Map<string, CounterItem>();
      for (const item of await batchGetAll(CounterModel, keys.map((key) => ({ key })))) items.set(item.key, item);
      for (const b of live) {
        const shards = shardKeys(b.id, b.shards).map((k) => items.get(k));
        const pool = (p: string) => {
          const item = items.get(poolKey(b.id, p));
          return { quota: item?.total ?? 0, claimed: (item?.total ?? 0) - (item?.left ?? 0) };
        };
        out.set(b.id, {
          stock: shards.reduce((sum, s) => sum + (s?.total ?? 0), 0),
          remaining: shards.reduce((sum, s) => sum + Math.max(0, s?.left ?? 0), 0),
          redeemed: withRegions ? (items.get(benefitKeys.redeemed(b.id))?.n ?? 0) : 0,
          byRegion: withRegions ? Object.fromEntries(Object.keys(b.regionQuotas).map((code) => [code, pool(code)])) : {},
          otherRegions: withRegions && poolsOf(b).includes(OTHER_REGIONS) ? pool(OTHER_REGIONS) : null,
        });
      }
      return out;
    },

    async held(benefitId, memberId) {
      const item = await CounterModel.get({ key: benefitKeys.held(benefitId, memberId) }, { consistent: true });
      return item?.held ?? 0;
    },
  };
}
