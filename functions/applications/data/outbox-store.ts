import { batchGetAll } from '../../kernel/data/batch';
import { dynamoose } from '../../kernel/data/client';
import { GuardModel } from '../../kernel/data/guard-model';
import { applicationKeys } from './keys';
import { isConditionFailure, runTransaction } from '../../kernel/data/transactions';
import type { Alert, AlertPurpose, DeadlineStore, FollowUpAlert, RaiseOutcome } from '../services/schedule';
import type { OutboxNotice } from '../domain/engine';
import { isDeliverable, type Delivery, type DeliveryState, type NoticeKey, type OutboxEntry, type OutboxStore } from '../services/sender';
import { ApplicationModel } from './models/application';
import { NoticeModel, type NoticeItem } from './models/notice';

const { Condition } = dynamoose;

/** byPending's partitions: notices to deliver, and the ones the sender gave up on. */
const TO_DELIVER = '1';
const GAVE_UP = 'failed';
/** Items read per query page. */
const PAGE = 100;

/** A stored notice as the domain sees it: the one mapping of the outbox's items (their delivery aside). */
export function toOutboxNotice(item: NoticeItem): OutboxNotice {
  return {
    applicationId: item.applicationId,
    version: item.version,
    kind: item.kind as OutboxNotice['kind'],
    status: item.status as OutboxNotice['status'],
    action: item.action as OutboxNotice['action'],
    stepId: item.stepId ?? null,
    applicantOpenid: item.applicantOpenid,
    reviewerOrgId: item.reviewerOrgId ?? null,
    at: item.at,
    ...(item.message ? { message: JSON.parse(item.message) as NonNullable<OutboxNotice['message']> } : {}),
  };
}

/**
 * A new notice for the caller's transaction, written only if absent (one per version), marked
 * pending for the sender: a change's (written with the change) or the scheduler's.
 */
export function noticeWrite(notice: OutboxNotice) {
  return NoticeModel.transaction.create(
    {
      applicationId: notice.applicationId,
      version: notice.version,
      kind: notice.kind,
      status: notice.status,
      action: notice.action,
      ...(notice.stepId ? { stepId: notice.stepId } : {}),
      applicantOpenid: notice.applicantOpenid,
      ...(notice.reviewerOrgId ? { reviewerOrgId: notice.reviewerOrgId } : {}),
      at: notice.at,
      pending: TO_DELIVER,
    },
    { overwrite: false },
  );
}

function toEntry(item: NoticeItem): OutboxEntry {
  return {
    notice: toOutboxNotice(item),
    state: (item.state ?? 'pending') as DeliveryState,
    attempts: item.attempts ?? 0,
    lease: item.lease ?? null,
    leaseUntil: item.leaseUntil ?? null,
    retryAt: item.retryAt ?? null,
    deliveries: item.deliveries ? (JSON.parse(item.deliveries) as Record<string, Delivery>) : {},
    lastError: item.lastError ?? null,
    reason: item.reason ?? null,
    doneAt: item.doneAt ?? null,
  };
}

/** Runs a conditional update; false when its condition failed. */
async function conditionally(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** The claim this token holds: still sending under it. */
const heldBy = (token: string) => new Condition().where('state').eq('sending').and().where('lease').eq(token);

/** Pages through one partition of byPending, oldest first, keeping what `keep` accepts, up to `limit`. */
async function queue(partition: string, until: string, limit: number, keep: (entry: OutboxEntry) => boolean): Promise<OutboxEntry[]> {
  const out: OutboxEntry[] = [];
  let startAt: unknown;
  do {
    let query = NoticeModel.query('pending').eq(partition).where('at').le(until).using('byPending').sort('ascending').limit(PAGE);
    if (startAt) query = query.startAt(startAt as never);
    const page = await query.exec();
    for (const item of page) {
      const entry = toEntry(item);
      if (keep(entry)) out.push(entry);
    }
    startAt = page.lastKey;
  } while (startAt && out.length < limit);
  return out.slice(0, limit);
}

/** The outbox as the sender works it (services/sender.ts has the rules). */
export const outboxStore: OutboxStore = {
  deliverable(now, limit) {
    return queue(TO_DELIVER, now.toISOString(), limit, (entry) => isDeliverable(entry, now));
  },

  async claim(entry, lease) {
    const { applicationId, version } = entry.notice;
    // Unchanged since read: the same state, attempts and (expired) lease, so one claimer wins.
    let condition = new Condition().where('pending').eq(TO_DELIVER);
    if (entry.state === 'sending') condition = condition.and().where('state').eq('sending').and().where('lease').eq(entry.lease);
    else {
      condition = condition.and().parenthesis((c) => c.where('state').not().exists().or().where('state').eq('pending'));
      condition = entry.attempts === 0 ? condition.and().where('attempts').not().exists() : condition.and().where('attempts').eq(entry.attempts);
    }
    try {
      const item = await NoticeModel.update(
        { applicationId, version },
        { $SET: { state: 'sending', lease: lease.token, leaseUntil: lease.until.toISOString(), attempts: entry.attempts + 1 }, $REMOVE: ['retryAt'] },
        { condition },
      );
      return toEntry(item);
    } catch (err) {
      if (isConditionFailure(err)) return null;
      throw err;
    }
  },

  record(key, token, deliveries) {
    return conditionally(() => NoticeModel.update(key, { $SET: { deliveries: JSON.stringify(deliveries) } }, { condition: heldBy(token) }));
  },

  settle(key, token, settlement) {
    const deliveries = JSON.stringify(settlement.deliveries);
    let update: Parameters<typeof NoticeModel.update>[1];
    if (settlement.state === 'pending') {
      update = { $SET: { state: 'pending', retryAt: settlement.retryAt.toISOString(), lastError: settlement.error, deliveries }, $REMOVE: ['lease', 'leaseUntil'] };
    } else if (settlement.state === 'failed') {
      update = {
        $SET: { state: 'failed', pending: GAVE_UP, lastError: settlement.error, deliveries, doneAt: settlement.at.toISOString() },
        $REMOVE: ['lease', 'leaseUntil', 'retryAt'],
      };
    } else {
      update = {
        $SET: { state: settlement.state, deliveries, doneAt: settlement.at.toISOString(), ...(settlement.reason ? { reason: settlement.reason } : {}) },
        $REMOVE: ['pending', 'lease', 'leaseUntil', 'retryAt'],
      };
    }
    return conditionally(() => NoticeModel.update(key, update, { condition: heldBy(token) }));
  },

  async get(key: NoticeKey) {
    const item = await NoticeModel.get({ applicationId: key.applicationId, version: key.version }, { consistent: true });
    return item ? toEntry(item) : null;
  },

  failed(limit) {
    return queue(GAVE_UP, '\uffff', limit, () => true);
  },

  async oldestUndeliveredAt() {
    const [oldest] = await NoticeModel.query('pending').eq(TO_DELIVER).using('byPending').sort('ascending').limit(1).exec();
    return oldest?.at ?? null;
  },
};

const followUpMark = (applicationId: string, purpose: AlertPurpose) =>
  purpose === 'reminder' ? applicationKeys.followUpReminded(applicationId) : applicationKeys.followUpEscalated(applicationId);

/** Which of these guard keys exist (strongly consistent batch reads). */
async function existingGuards(keys: readonly string[]): Promise<Set<string>> {
  const items = await batchGetAll(GuardModel, [...new Set(keys)].map((key) => ({ key })), true);
  return new Set(items.map((item) => item.key));
}

/**
 * A scheduler mark written once with its outbox notice, only while the application is as read
 * (`unchanged`): `raised`, `already` (the mark exists) or `changed` (the application moved on).
 */
type Unchanged = ReturnType<typeof ApplicationModel.transaction.condition>;

async function raiseOnce(mark: string, unchanged: Unchanged, notice: OutboxNotice): Promise<RaiseOutcome> {
  const outcome = await runTransaction(
    () => [GuardModel.transaction.create({ key: mark, owner: notice.applicationId }, { overwrite: false }), unchanged, noticeWrite(notice)],
    { name: 'schedule.mark' },
  );
  if (outcome.kind === 'done') return 'raised';
  return outcome.failed.includes(1) && !outcome.failed.includes(0) ? 'changed' : 'already';
}

/** Open steps by due date (applications' byDue index) and the scheduler's marks (guards table). */
export const deadlineStore: DeadlineStore = {
  async openStepsDueBy(date) {
    const items = await ApplicationModel.query('openFlag').eq('open').where('openDueDate').le(date).using('byDue').all().exec();
    return [...new Set(items.map((item) => item.id))];
  },

  async raise(alert: Alert) {
    const { app, step, purpose } = alert;
    const mark = purpose === 'reminder' ? applicationKeys.reminded(app.id, step.id) : applicationKeys.escalated(app.id, step.id);
    // Most steps the index lists were seen by an earlier run: a read spares them a refused transaction.
    if (await GuardModel.get({ key: mark }, { consistent: true })) return 'already';
    return raiseOnce(mark, ApplicationModel.transaction.condition({ id: app.id }, new Condition().where('version').eq(app.version).and().where('openStepId').eq(step.id)), {
      applicationId: app.id,
      version: applicationKeys.scheduledNoticeVersion(app.version, purpose),
      kind: app.kind,
      status: app.status,
      action: purpose === 'reminder' ? 'reminded' : 'escalated',
      stepId: step.id,
      applicantOpenid: app.applicant.openid,
      reviewerOrgId: alert.orgId,
      at: alert.at.toISOString(),
    });
  },

  async followUpsRaised(applicationIds, purpose) {
    const byMark = new Map(applicationIds.map((id) => [followUpMark(id, purpose), id]));
    const found = await existingGuards([...byMark.keys()]);
    return new Set([...found].map((mark) => byMark.get(mark) as string));
  },

  async raiseFollowUp(alert: FollowUpAlert) {
    const { app, purpose } = alert;
    return raiseOnce(followUpMark(app.id, purpose), ApplicationModel.transaction.condition({ id: app.id }, new Condition().where('version').eq(app.version)), {
      applicationId: app.id,
      version: applicationKeys.followUpNoticeVersion(app.version, purpose),
      kind: app.kind,
      status: app.status,
      action: purpose === 'reminder' ? 'follow-up-reminded' : 'follow-up-escalated',
      stepId: null,
      applicantOpenid: app.applicant.openid,
      reviewerOrgId: alert.orgId,
      at: alert.at.toISOString(),
    });
  },
};
