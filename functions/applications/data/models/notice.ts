import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';

/**
 * The outbox: one notice per change of an application, keyed (applicationId, version) and written
 * in the change's own transaction, so none is lost and none is written twice. `pending` marks the
 * ones not sent yet (byPending, oldest first): the sender (a later part) sends each as a WeChat
 * subscription message and removes the mark only after a successful send, so a failed send is
 * retried.
 */
export interface NoticeItem extends Item {
  applicationId: string;
  version: number;
  kind: string;
  status: string;
  action: string;
  stepId?: string;
  applicantOpenid: string;
  reviewerOrgId?: string;
  at: string;
  pending?: string;
}

export const NoticeModel = dynamoose.model<NoticeItem>(
  'outbox',
  new dynamoose.Schema({
    applicationId: { type: String, hashKey: true },
    version: { type: Number, rangeKey: true },
    kind: { type: String, required: true },
    status: { type: String, required: true },
    action: { type: String, required: true },
    stepId: String,
    applicantOpenid: { type: String, required: true },
    reviewerOrgId: String,
    at: { type: String, required: true },
    pending: { type: String, index: { name: 'byPending', type: 'global', rangeKey: 'at', project: true } },
  }),
);
