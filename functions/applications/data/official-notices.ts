import type { OfficialMessage } from '../domain/engine';
import { NoticeModel } from './models/notice';

/**
 * Official messages in the outbox (OfficialMessage): written whole by another capability in its own
 * transaction, delivered by the sender like every notice (claimed, retried, failed after its last
 * attempt) to the officials of `orgId`. Keyed (`id`, version 0), put only if absent: the caller's
 * `id` makes it once-only (a retried write is refused and changes nothing). No applicant: the
 * `applicantOpenid` is a placeholder no account has, so no 消息中心 lists it.
 */
export const NO_APPLICANT = '-';

export function officialNoticeWrite(notice: { id: string; orgId: string; message: OfficialMessage; at: string }) {
  return NoticeModel.transaction.create(
    {
      applicationId: notice.id,
      version: 0,
      kind: 'notice',
      status: 'pending',
      action: 'official-notice',
      applicantOpenid: NO_APPLICANT,
      reviewerOrgId: notice.orgId,
      at: notice.at,
      // byPending's partition of the notices to deliver (outbox-store.ts › TO_DELIVER).
      pending: '1',
      message: JSON.stringify(notice.message),
    },
    { overwrite: false },
  );
}
