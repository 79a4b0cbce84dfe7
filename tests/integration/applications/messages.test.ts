import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageDeps } from '../../../functions/applications/services/messages';
import { applicationWorld, at, boundMember, type ApplicationWorld } from './world';

/**
 * 消息中心 on DynamoDB Local: an applicant's messages are the outbox notices they hear of (the
 * decisions of others, not their own filing nor the officials' 待办), unread first; reading one marks
 * it once; another account neither lists nor marks it (NOT_FOUND, nothing written).
 */
let w: ApplicationWorld;
let deps: MessageDeps;
let uc: typeof import('../../../functions/applications/services/messages');

beforeAll(async () => {
  w = await applicationWorld('messages');
  const { messageStore } = await import('../../../functions/applications/data/message-store');
  uc = await import('../../../functions/applications/services/messages');
  deps = { ...w.deps, messages: messageStore };
}, 60_000);

/** A transfer from 椰城公交 to 鹿岭酒店: step 1 approved, then (`rejectStep2`) rejected by the hotel, or left open. */
async function transfer(options: { rejectStep2?: boolean } = {}) {
  const m = await boundMember(w, w.unions.bus.id);
  const d = at(w.deps, '2025-03-03T02:00:00Z');
  const id = (await w.uc.submitApplication(d, m.openid, { kind: 'transfer', form: { toOrgId: w.unions.hotel.id, reason: '工作调动' } })).response.application.id;
  await w.uc.decideApplication(at(w.deps, '2025-03-03T03:00:00Z'), w.officials.bus, id, { step: 's1', decision: 'approve', comment: '' });
  if (options.rejectStep2) {
    await w.uc.decideApplication(at(w.deps, '2025-03-03T04:00:00Z'), w.officials.hotel, id, { step: 's2', decision: 'reject', comment: '材料不全，请补充劳动合同' });
  }
  return { id, openid: m.openid };
}

describe('消息中心 on DynamoDB Local', () => {
  it("lists the applicant's own messages, newest first, with the union and the reason, and counts the unread", async () => {
    const t = await transfer({ rejectStep2: true });
    const list = await uc.listMessages(deps, t.openid);
    // Filed (their own action) and the hotel's 待办 are not theirs: approved at step 1, then rejected.
    expect(list.items.map((m) => m.result)).toEqual(['未通过', '审核通过']);
    expect(list.unread).toBe(2);
    const [rejected, approved] = list.items;
    expect(rejected).toMatchObject({ applicationId: t.id, kind: 'transfer', title: '会员关系转接', remark: '材料不全，请补充劳动合同', read: false });
    expect(rejected!.by).toContain('鹿岭酒店');
    expect(rejected!.at).toMatch(/\+08:00$/);
    expect(approved!.remark).toContain('待测试鹿岭酒店工会');
  });

  it('marks a message read once (the first time stays), puts unread ones first and lowers the count', async () => {
    const t = await transfer({ rejectStep2: true });
    const before = await uc.listMessages(deps, t.openid);
    const older = before.items[1]!;
    const read = await uc.markMessageRead({ ...deps, now: () => new Date('2025-03-04T00:00:00Z') }, t.openid, older.id);
    expect(read.message).toMatchObject({ id: older.id, read: true });
    await uc.markMessageRead({ ...deps, now: () => new Date('2025-03-05T00:00:00Z') }, t.openid, older.id);
    const stored = await deps.messages.get(uc.noticeKeyOf(older.id));
    expect(stored?.readAt).toBe('2025-03-04T00:00:00.000Z');
    const after = await uc.listMessages(deps, t.openid);
    expect(after.unread).toBe(1);
    expect(after.items.map((m) => m.read)).toEqual([false, true]);
  });

  it("refuses another account's message (NOT_FOUND, nothing written) and lists none of it", async () => {
    const t = await transfer();
    const [message] = (await uc.listMessages(deps, t.openid)).items;
    const other = await boundMember(w, w.unions.bus.id);
    await expect(uc.markMessageRead(deps, other.openid, message!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Not even the official whose union decided it, nor one whose 待办 it was.
    await expect(uc.markMessageRead(deps, w.officials.hotel, message!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await deps.messages.get(uc.noticeKeyOf(message!.id)))?.readAt).toBeNull();
    expect((await uc.listMessages(deps, other.openid)).items).toEqual([]);
    // The filing's notice is the applicant's own action: not a message, not markable.
    await expect(uc.markMessageRead(deps, t.openid, `${t.id}-1`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows nothing of an account closed before: the fresh account of the same WeChat user neither lists nor marks the old notices', async () => {
    const t = await transfer({ rejectStep2: true });
    const [message] = (await uc.listMessages(deps, t.openid)).items;
    const { applicationsSubjectStore } = await import('../../../functions/applications/data/data-subject-store');
    const { closeApplicationsOf } = await import('../../../functions/applications/services/data-subject');
    expect(await closeApplicationsOf({ ...w.deps, subjects: applicationsSubjectStore }, t.openid)).toMatchObject({ detached: 1 });
    // The notices keep the openid; the application no longer names it.
    expect((await deps.messages.listFor(t.openid, 10)).length).toBeGreaterThan(0);
    expect(await uc.listMessages(deps, t.openid)).toEqual({ items: [], unread: 0 });
    await expect(uc.markMessageRead(deps, t.openid, message!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await deps.messages.get(uc.noticeKeyOf(message!.id)))?.readAt).toBeNull();
  });
});
