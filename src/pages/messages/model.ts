import type { Message } from '../../../functions/applications/contracts/messages';

/** A message's tone by its result: passed, not passed, or moving on. */
export function messageTone(message: Pick<Message, 'result'>): 'success' | 'danger' | 'progress' {
  if (message.result === '已通过' || message.result === '已回访') return 'success';
  if (message.result === '未通过') return 'danger';
  return 'progress';
}

/** `M月D日 HH:mm` (this year) or `YYYY年M月D日` of an instant the API gives in China's time (+08:00). */
export function messageTime(at: string, now: number = Date.now()): string {
  const [date = '', time = ''] = at.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const thisYear = new Date(now + 8 * 3_600_000).getUTCFullYear();
  return y === thisYear ? `${m}月${d}日 ${time.slice(0, 5)}` : `${y}年${m}月${d}日`;
}

/** The list after one message was read: marked, and moved below the unread ones. */
export function afterRead(items: readonly Message[], id: string): Message[] {
  const next = items.map((m) => (m.id === id ? { ...m, read: true } : m));
  return [...next.filter((m) => !m.read), ...next.filter((m) => m.read)];
}
