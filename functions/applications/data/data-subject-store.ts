import { dynamoose } from '../../kernel/data/client';
import { isConditionFailure } from '../../kernel/data/transactions';
import type { ApplicationsSubjectStore } from '../services/data-subject';
import { toItem } from './application-store';
import { ApplicationModel } from './models/application';

const { Condition } = dynamoose;

/** Writes for a data subject's closed account (functions/privacy/): see services/data-subject.ts. */
export const applicationsSubjectStore: ApplicationsSubjectStore = {
  /**
   * Replaces the application with `after` (the applicant detached from the closed account), only if
   * its version is still `before`'s: a decision or 回访 written meanwhile is never overwritten.
   * No outbox notice: nothing happened to the application that anyone needs to hear of.
   */
  async replace(before, after) {
    try {
      await ApplicationModel.create(toItem(after), { overwrite: true, condition: new Condition().where('version').eq(before.version) });
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};
