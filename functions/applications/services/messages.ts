import { APPLICATION_KIND_LABELS } from '../contracts/applications';
import { MESSAGES_LIMIT, type Message, type MessageListResponse, type MessageResponse } from '../contracts/messages';
import { AppError } from '../../kernel/errors';
import type { MemberMessage, OutboxNotice } from '../domain/engine';
import type { Application } from '../domain/types';
import { shanghaiIso } from '../domain/working-days';
import { actorOf } from './people';
import type { Deps } from './ports';
import { applicantHears, progressOf, type NoticeKey } from './sender';

/**
 * 消息中心: the outbox notices an applicant hears of (services/sender.ts › applicantHears: what
 * someone else decided or recorded), as messages with a read mark. The same notices the sender
 * delivers as subscription messages, so a message WeChat refused (43101) is still here.
 */

export interface StoredMessage {
  notice: OutboxNotice;
  /** When the applicant first read it (ISO), null while unread. */
  readAt: string | null;
}

export interface MessageStore {
  /** An applicant's notices, every action included, newest first, at most `limit`. */
  listFor(openid: string, limit: number): Promise<StoredMessage[]>;
  get(key: NoticeKey): Promise<StoredMessage | null>;
  /** Marks the notice read if it is `openid`'s and unread; null otherwise (nothing written). */
  markRead(key: NoticeKey, openid: string, at: Date): Promise<StoredMessage | null>;
}

export type MessageDeps = Pick<Deps, 'accounts' | 'applications' | 'now'> & { messages: MessageStore };

export const messageIdOf = (notice: Pick<OutboxNotice, 'applicationId' | 'version'>): string => `${notice.applicationId}-${notice.version}`;

/** `<applicationId>-<version>` back to its notice's key (the id's shape is checked by the route). */
export function noticeKeyOf(id: string): NoticeKey {
  const dash = id.lastIndexOf('-');
  return { applicationId: id.slice(0, dash), version: Number(id.slice(dash + 1)) };
}

/** A member message (another capability's words, no application behind it): its own words. */
const isMemberMessage = (notice: OutboxNotice): notice is OutboxNotice & { message: MemberMessage } => notice.action === 'member-notice' && !!notice.message;

type MemberStored = StoredMessage & { notice: { message: MemberMessage } };

function memberMessageView(stored: MemberStored): Message {
  const { notice } = stored;
  const { data, page, remark } = notice.message;
  return {
    id: messageIdOf(notice),
    applicationId: null,
    kind: 'order',
    page: `/${page}`,
    title: data.thing1,
    result: data.phrase2,
    by: data.thing3,
    remark,
    at: shanghaiIso(notice.at),
    read: stored.readAt !== null,
  };
}

function messageView(stored: StoredMessage, app: Application): Message {
  const { notice } = stored;
  const progress = progressOf(notice, app);
  return {
    id: messageIdOf(notice),
    applicationId: notice.applicationId,
    kind: notice.kind,
    page: `/apply/application/index?id=${notice.applicationId}`,
    title: APPLICATION_KIND_LABELS[notice.kind],
    result: progress.result,
    by: progress.by,
    remark: progress.remark,
    at: shanghaiIso(notice.at),
    read: stored.readAt !== null,
  };
}

const mine = (stored: StoredMessage | null, openid: string): stored is StoredMessage =>
  stored !== null && stored.notice.applicantOpenid === openid && (applicantHears(stored.notice) || isMemberMessage(stored.notice));

/**
 * The application is still the caller's: an account closed (privacy) detached its applications
 * (applicant openid replaced), and the fresh account a later log-in with the same WeChat account
 * creates must see none of the old notices, which keep the old openid.
 */
const stillTheirs = (app: Application | null | undefined, openid: string): app is Application => !!app && app.applicant.openid === openid;

/** GET /api/me/messages: the caller's messages, unread first, then the newest first. */
export async function listMessages(deps: MessageDeps, openid: string): Promise<MessageListResponse> {
  await actorOf(deps, openid);
  const listed = (await deps.messages.listFor(openid, MESSAGES_LIMIT)).filter((m) => mine(m, openid));
  const notices = listed.filter((m) => !isMemberMessage(m.notice));
  const ids = [...new Set(notices.map((m) => m.notice.applicationId))];
  const apps = new Map((await Promise.all(ids.map((id) => deps.applications.get(id)))).flatMap((a) => (stillTheirs(a, openid) ? [[a.id, a] as const] : [])));
  const items = listed.flatMap((m) => {
    if (isMemberMessage(m.notice)) return [memberMessageView(m as MemberStored)];
    const app = apps.get(m.notice.applicationId);
    return app ? [messageView(m, app)] : [];
  });
  // A stable sort: unread first, each group as listed (newest first).
  items.sort((a, b) => Number(a.read) - Number(b.read));
  return { items, unread: items.filter((m) => !m.read).length };
}

/** POST /api/me/messages/{id}/read: NOT_FOUND for a message that is not the caller's (no hint it exists). */
export async function markMessageRead(deps: MessageDeps, openid: string, id: string): Promise<MessageResponse> {
  await actorOf(deps, openid);
  const key = noticeKeyOf(id);
  const own = await deps.messages.get(key);
  if (mine(own, openid) && isMemberMessage(own.notice)) {
    const stored = own.readAt !== null ? own : ((await deps.messages.markRead(key, openid, deps.now())) ?? (await deps.messages.get(key)));
    if (!stored || !isMemberMessage(stored.notice)) throw new AppError('NOT_FOUND', { message: '该消息不存在' });
    return { message: memberMessageView(stored as MemberStored) };
  }
  const [found, app] = await Promise.all([Promise.resolve(own), deps.applications.get(key.applicationId)]);
  if (!mine(found, openid) || !stillTheirs(app, openid)) throw new AppError('NOT_FOUND', { message: '该消息不存在' });
  const stored = found.readAt !== null ? found : ((await deps.messages.markRead(key, openid, deps.now())) ?? (await deps.messages.get(key)));
  if (!mine(stored, openid)) throw new AppError('NOT_FOUND', { message: '该消息不存在' });
  return { message: messageView(stored, app) };
}
