import type { MemberMessage } from '../domain/engine';
import { isConditionFailure } from '../../kernel/data/transactions';
import { NoticeModel } from './models/notice';

/**
 * Member messages in the outbox (MemberMessage): another capability's words to one member, delivered
 * by the sender like every notice (the progress template) and listed in the member's 消息中心
 * (byApplicant). Keyed (`id`, version 0) and put only if absent: the caller's `id` (a ULID of the
 * thing it is about) makes it once-only. Resolves false when that message was written already.
 */
export async function putMemberNotice(notice: { id: string; openid: string; message: MemberMessage; at: string }): Promise<boolean> {
  try {
    await NoticeModel.create(
      {
        applicationId: notice.id,
        version: 0,
        kind: 'order',
        status: 'pending',
        action: 'member-notice',
        applicantOpenid: notice.openid,
        at: notice.at,
        // byPending's partition of the notices to deliver (outbox-store.ts › TO_DELIVER).
        pending: '1',
        message: JSON.stringify(notice.message),
      },
      { overwrite: false },
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
