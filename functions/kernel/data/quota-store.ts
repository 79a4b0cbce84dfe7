import { dynamoose } from './client';
import { GuardModel } from './guard-model';
import { isConditionFailure } from './transactions';

/**
 * A rate-limit window: `scope` names what is limited (`binding`, `uploads`), `subject` who (an
 * openid, a source IP, `all`), `period` which one (`h<hour>`, `d<day>`). Shared by the capabilities
 * that limit something; each picks its own scopes.
 */
export interface RateWindow {
  scope: string;
  subject: string;
  period: string;
}

/** The window's item in the guards table (kernel/data/guard-model.ts: the `rate#` keys are the kernel's). */
export const rateWindowKey = ({ scope, subject, period }: RateWindow) => `rate#${scope}#${subject}#${period}`;

/** Counted windows (rate limits): one conditional increment per use. */
export interface QuotaStore {
  /** Counts one use in the window; false when `max` uses were already counted there. */
  consume(window: RateWindow, max: number, expiresAt: Date): Promise<boolean>;
  /** How many uses the window has counted (0 for a window never used). */
  count(window: RateWindow): Promise<number>;
  /** Counts one use in the window without a ceiling; returns the new count. */
  add(window: RateWindow, expiresAt: Date): Promise<number>;
}

const epochSeconds = (at: Date) => Math.ceil(at.getTime() / 1000);

export const quotaStore: QuotaStore = {
  async consume(window, max, expiresAt) {
    try {
      await GuardModel.update(
        { key: rateWindowKey(window) },
        { $ADD: { n: 1 }, $SET: { expiresAt: epochSeconds(expiresAt) } },
        { condition: new dynamoose.Condition().where('n').not().exists().or().where('n').lt(max) },
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
  async count(window) {
    const item = await GuardModel.get({ key: rateWindowKey(window) }, { consistent: true });
    return item?.n ?? 0;
  },
  async add(window, expiresAt) {
    const item = await GuardModel.update({ key: rateWindowKey(window) }, { $ADD: { n: 1 }, $SET: { expiresAt: epochSeconds(expiresAt) } });
    return item.n ?? 0;
  },
};
