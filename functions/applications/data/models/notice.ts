import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/**
 * The outbox: one notice per change of an application, keyed (applicationId, version) and written
 * in the change's own transaction, so none is lost and none is written twice; the scheduler adds
 * its reminders and escalations between the versions (keys.applicationKeys.scheduledNoticeVersion).
 * `pending` is the sender's queue (byPending, oldest first): '1' while the notice is to be delivered,
 * 'failed' once the sender gave up on it (kept for the alarm and an operator), absent once
 * delivered or skipped. The delivery itself (services/sender.ts, data/outbox-store.ts): `state`
 * (absent = pending) → `sending` under a `lease` until `leaseUntil` (`attempts` counts the claims) →
 * `sent` | `skipped` (with `reason`) | `pending` again at `retryAt` | `failed` (`lastError`);
 * `deliveries` (JSON) records each recipient served, so a retry never sends to them again.
 * `byApplicant` lists an applicant's notices newest first for their 消息中心, where `readAt` marks
 * the ones they have read (services/messages.ts).
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
  state?: string;
  attempts?: number;
  lease?: string;
  leaseUntil?: string;
  retryAt?: string;
  deliveries?: string;
  lastError?: string;
  reason?: string;
  doneAt?: string;
  readAt?: string;
  /** An official message written whole by another capability (OfficialMessage as JSON); no application behind it. */
  message?: string;
}

export const NoticeModel = /* @__PURE__ */ lazyModel<NoticeItem>(
  'outbox',
  () =>
    new dynamoose.Schema({
      applicationId: { type: String, hashKey: true },
      version: { type: Number, rangeKey: true },
      kind: { type: String, required: true },
      status: { type: String, required: true },
      action: { type: String, required: true },
      stepId: String,
      applicantOpenid: { type: String, required: true, index: { name: 'byApplicant', type: 'global', rangeKey: 'at', project: true } },
      reviewerOrgId: String,
      at: { type: String, required: true },
      pending: { type: String, index: { name: 'byPending', type: 'global', rangeKey: 'at', project: true } },
      state: { type: String, enum: ['pending', 'sending', 'sent', 'skipped', 'failed'] },
      attempts: Number,
      lease: String,
      leaseUntil: String,
      retryAt: String,
      deliveries: String,
      lastError: String,
      reason: String,
      doneAt: String,
      readAt: String,
      message: String,
    }),
);
