import { dynamoose } from './client';
import { GuardModel } from './guard-model';
import { isConditionFailure } from './transaction-errors';

/** Counted windows (rate limits): one conditional increment per use. */
export interface QuotaStore {
  /** Counts one use in the window; false when `max` uses were already counted there. */
  consume(key: string, max: number, expiresAt: Date): Promise<boolean>;
}

export const quotaStore: QuotaStore = {
  async consume(key, max, expiresAt) {
    try {
      await GuardModel.update(
        { key },
        { $ADD: { n: 1 }, $SET: { expiresAt: Math.ceil(expiresAt.getTime() / 1000) } },
        { condition: new dynamoose.Condition().where('n').not().exists().or().where('n').lt(max) },
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};
