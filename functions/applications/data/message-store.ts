import { dynamoose } from '../../kernel/data/client';
import { isConditionFailure } from '../../kernel/data/transactions';
import type { MessageStore, StoredMessage } from '../services/messages';
import { toOutboxNotice } from './outbox-store';
import { NoticeModel, type NoticeItem } from './models/notice';

const { Condition } = dynamoose;

const toStored = (item: NoticeItem): StoredMessage => ({ notice: toOutboxNotice(item), readAt: item.readAt ?? null });

/** An applicant's outbox notices (byApplicant, newest first) and the read marks of their 消息中心. */
export const messageStore: MessageStore = {
  async listFor(openid, limit) {
    const items = await NoticeModel.query('applicantOpenid').eq(openid).using('byApplicant').sort('descending').limit(limit).exec();
    return items.map(toStored);
  },

  async get(key) {
    const item = await NoticeModel.get({ applicationId: key.applicationId, version: key.version }, { consistent: true });
    return item ? toStored(item) : null;
  },

  async markRead(key, openid, at) {
    try {
      // Only the applicant's, and only once: the first reading's time stays.
      const condition = new Condition().where('applicantOpenid').eq(openid).and().where('readAt').not().exists();
      const item = await NoticeModel.update(key, { $SET: { readAt: at.toISOString() } }, { condition });
      return toStored(item);
    } catch (err) {
      if (isConditionFailure(err)) return null;
      throw err;
    }
  },
};
