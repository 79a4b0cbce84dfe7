import { dynamoose } from './client';
import { GuardModel } from './guard-model';
import { isConditionFailure } from './transactions';

/** Counted windows (rate limits): one conditional increment per use. */
export interface QuotaStore {
  /** Counts one use in the window; false when `max` uses were already counted there. */
  consume(key: string, max: number, expiresAt: Date): Promise<boolean>;
  /** How many uses the window has counted (0 for a window never used). */
  count(key: string): Promise<number>;
  /** Counts one use in the window without a ceiling; returns the new count. */
  add(key: string, expiresAt: Date): Promise<number>;
}

const epochSeconds = (at: Date) => Math.ceil(at.getTime() / 1000);

export const quotaStore: QuotaStore = {
  async consume(key, max, expiresAt) {
    try {
      await GuardModel.update(
        { key },
        { $ADD: { n: 1 }, $SET: { expiresAt: epochSeconds(expiresAt) } },
        { condition: new dynamoose.Condition().where('n').not().exists().or().where('n').lt(max) },
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
  async count(key) {
    const item = await GuardModel.get({ key }, { consistent: true });
    return item?.n ?? 0;
  },
  async add(key, expiresAt) {
    const item = await GuardModel.update({ key }, { $ADD: { n: 1 }, $SET: { expiresAt: epochSeconds(expiresAt) } });
    return item.n ?? 0;
  },
};
