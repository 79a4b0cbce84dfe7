import { auditPut } from '../../audit';
import { dynamoose } from '../../kernel/data/client';
import { runTransaction } from '../../kernel/data/transactions';
import type { BenefitLimits } from '../contracts/benefits';
import { DEFAULT_BENEFIT_LIMITS } from '../domain/limits';
import type { LimitsStore } from '../services/ports';
import { benefitKeys } from './keys';
import { CounterModel } from './models/counter';

const { Condition } = dynamoose;

/**
 * The province's limits per org level: one item of the benefitcounters table (benefitKeys.limits),
 * {limits: JSON, n: version, at}. Absent: the defaults (domain/limits.ts).
 */
export const limitsStore: LimitsStore = {
  async get() {
    const item = await CounterModel.get({ key: benefitKeys.limits }, { consistent: true });
    if (!item?.limits) return { limits: DEFAULT_BENEFIT_LIMITS, version: 0, at: null };
    return { limits: JSON.parse(item.limits) as BenefitLimits, version: item.n ?? 0, at: item.at ?? null };
  },

  async set(limits, version, at, audit) {
    const condition = version === 0 ? new Condition().where('key').not().exists() : new Condition().where('n').eq(version);
    const outcome = await runTransaction(
      [
        CounterModel.transaction.update(
          { key: benefitKeys.limits },
          { $SET: { limits: JSON.stringify(limits), n: version + 1, at } },
          { condition },
        ),
        auditPut(audit),
      ],
      { name: 'benefit.limits' },
    );
    return outcome.kind === 'done';
  },
};
