import type { QuotaStore } from '../services/ports';
import { dynamoose } from './client';
import { GuardModel } from './models/guard';
import { isConditionFailure } from './transaction-errors';

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
