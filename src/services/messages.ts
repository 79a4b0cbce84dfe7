import { meMessages, meMessagesRead, type MessageListResponse, type MessageResponse } from '../../functions/applications/contracts/messages';
import { redemptionsList, type RedemptionLogQuery, type RedemptionLogResponse } from '../../functions/benefits/contracts/redemption-log';
import { call } from './request';

/** 消息中心 and the desks' lists, each called through its declaration. */

/** The caller's messages, unread first, with the unread count (the bell's). */
export function listMessages(): Promise<MessageListResponse> {
  return call(meMessages);
}

/** Marks one of the caller's messages read (again: unchanged). */
export function markMessageRead(id: string): Promise<MessageResponse> {
  return call(meMessagesRead, { params: { id } });
}

/** 今日核销 (or another day's, `YYYY-MM-DD` in China) at the clerk's merchants. */
export function listRedemptions(query: RedemptionLogQuery = {}): Promise<RedemptionLogResponse> {
  return call(redemptionsList, { query });
}
