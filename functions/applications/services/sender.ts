import { APPLICATION_KIND_LABELS, APPLICATION_STATUS_LABELS } from '../contracts/applications';
import { AppError } from '../../kernel/errors';
import { log } from '../../kernel/logger';
import { isClosedApplicant } from '../domain/applicant';
import type { MemberMessage, NoticeAction, OfficialMessage, OutboxNotice } from '../domain/engine';
import type { Application, Step } from '../domain/types';
import { shanghaiIso } from '../domain/working-days';
import type { ApplicationStore } from './ports';

/**
 * The outbox sender: delivers the notices the changes of applications (and the scheduler's
 * reminders and escalations) left in the outbox, as WeChat subscription messages in production
 * and as log lines locally. None is lost, none is sent twice:
 * - a notice is claimed with a conditional update (pending → sending, a lease token, a lease expiry,
 *   attempts + 1) before anything is sent, so two senders never work on one notice at once;
 * - a recipient is sent to only while the lease has SENDER.sendMarginMs left (more than one WeChat
 *   call and any clock skew), and each recipient served is recorded on the notice under the lease,
 *   so a retry never sends to them again;
 * - a sender that vanished leaves its lease to expire, and the notice is claimed again (at least
 *   once towards WeChat: only the message in flight at the crash may go twice);
 * - 43101 (the user has not accepted the template) skips that recipient with the reason, for good;
 *   anything else WeChat or the network throws is retried later with a growing pause, at most
 *   SENDER.maxAttempts claims, then the notice is `failed` (kept, listed, and logged for the alarm).
 */

/**
 * Reminders and escalations come from the scheduler (services/schedule.ts), not from a change: of
 * an open step, or of the 回访 of a 差评.
 */
export type { NoticeAction, OutboxNotice };

/** Notices about the 回访 of a 差评 rather than a step. */
const FOLLOW_UP_NOTICES: ReadonlySet<string> = new Set(['rated', 'follow-up-reminded', 'follow-up-escalated']);

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

/** What happened for one recipient. */
export interface Delivery {
  status: 'sent' | 'skipped';
  reason: string | null;
  at: string;
}

/** A notice and where its delivery stands. */
export interface OutboxEntry {
  notice: OutboxNotice;
  state: DeliveryState;
  /** How many times it was claimed. */
  attempts: number;
  lease: string | null;
  leaseUntil: string | null;
  /** A pending notice waits until then after a failed attempt. */
  retryAt: string | null;
  /** The recipients served so far, by recipient key. */
  deliveries: Record<string, Delivery>;
  lastError: string | null;
  /** Why it was skipped. */
  reason: string | null;
  doneAt: string | null;
}

export interface NoticeKey {
  applicationId: string;
  version: number;
}

/** How a claimed notice ends (each written only while the lease is still the claimer's). */
export type Settlement = { deliveries: Record<string, Delivery> } & (
  | { state: 'sent' | 'skipped'; reason: string | null; at: Date }
  | { state: 'pending'; retryAt: Date; error: string }
  | { state: 'failed'; error: string; at: Date }
);

export interface OutboxStore {
  /**
   * Notices whose turn has come, oldest first, at most `limit`: pending (and past their retryAt),
   * or sending under a lease that expired. From the byPending index: no scan.
   */
  deliverable(now: Date, limit: number): Promise<OutboxEntry[]>;
  /**
   * Takes the notice as read (its state, attempts and lease unchanged since) under a new lease:
   * sending, attempts + 1. Null when another sender was first.
   */
  claim(entry: OutboxEntry, lease: { token: string; until: Date }): Promise<OutboxEntry | null>;
  /** Records the recipients served so far; false when the lease is no longer this token's. */
  record(key: NoticeKey, token: string, deliveries: Record<string, Delivery>): Promise<boolean>;
  /** Ends the claim; false when the lease is no longer this token's (nothing written). */
  settle(key: NoticeKey, token: string, settlement: Settlement): Promise<boolean>;
  get(key: NoticeKey): Promise<OutboxEntry | null>;
  /** The notices the sender gave up on, oldest first (for an operator). */
  failed(limit: number): Promise<OutboxEntry[]>;
  /** When the oldest notice not yet delivered (nor given up on) was written; null when there is none. */
  oldestUndeliveredAt(): Promise<string | null>;
}

/**
 * The subscription-message templates, one per kind of message (their ids are configuration:
 * WECHAT_TEMPLATE_PROGRESS, _TODO, _OVERDUE) and the keywords each one's `data` fills:
 * - progress (办理进度通知, to the applicant): thing1 事项, phrase2 结果, thing3 办理单位, time4 时间, thing5 备注;
 * - todo (待办事项提醒, to the officials of the union whose step is open): thing1 事项, thing2 申请人,
 *   time3 办理期限, thing4 提示;
 * - overdue (超期督办提醒, to the officials of the org above it): thing1 事项, thing2 承办工会,
 *   time3 办理期限, thing4 提示.
 */
export const TEMPLATE_KINDS = ['progress', 'todo', 'overdue'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface OutgoingMessage {
  touser: string;
  template: TemplateKind;
  page: string;
  data: Record<string, string>;
}

/** sent, or refused for good (never retried); a thrown error means "try again later". */
export type SendOutcome = { status: 'sent' } | { status: 'refused'; reason: string };

export interface Messenger {
  send(message: OutgoingMessage): Promise<SendOutcome>;
}

/** The openids of the officials of an org (its own, not its subtree's). */
export interface OfficialDirectory {
  officialsOf(orgId: string): Promise<string[]>;
}

export interface SenderDeps {
  outbox: OutboxStore;
  applications: Pick<ApplicationStore, 'get'>;
  officials: OfficialDirectory;
  messenger: Messenger;
  /** Lease tokens. */
  newId: () => string;
  now: () => Date;
}

export const SENDER = {
  /** Claims of one notice before it is failed. */
  maxAttempts: 6,
  leaseMs: 60_000,
  /**
   * A recipient is sent to only while the lease has this much left: one send at its longest (a token
   * fetch and the send, again after a rejected token: 4 requests of ≤ 3 s) and some clock skew.
   */
  sendMarginMs: 15_000,
  /** Pause after the first failed attempt, doubled after each further one, at most maxRetryMs. */
  firstRetryMs: 5 * 60_000,
  maxRetryMs: 2 * 3_600_000,
  /** Notices read per query, and claimed at most per run (batch × rounds). */
  batch: 25,
  rounds: 40,
  /** Notices delivered side by side. */
  concurrency: 4,
} as const;

/** The pause before the next attempt after `attempts` failed ones (5, 10, 20, 40, 80 min, then 2 h). */
export function retryDelayMs(attempts: number): number {
  return Math.min(SENDER.firstRetryMs * 2 ** Math.max(attempts - 1, 0), SENDER.maxRetryMs);
}

/** Whether a notice's turn has come at `now` (the same test the store's claim makes). */
export function isDeliverable(entry: Pick<OutboxEntry, 'state' | 'retryAt' | 'leaseUntil'>, now: Date): boolean {
  const at = now.toISOString();
  if (entry.state === 'pending') return entry.retryAt === null || entry.retryAt <= at;
  if (entry.state === 'sending') return entry.leaseUntil !== null && entry.leaseUntil <= at;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Who hears of what, and what they read

/** Changes the applicant hears of: what someone else decided or recorded. Their own actions need no message. */
const APPLICANT_HEARS: ReadonlySet<string> = new Set(['approved', 'rejected', 'forwarded', 'followed-up']);
/**
 * Notices that put work in front of the officials of `reviewerOrgId`: a new step, a reminder, a
 * 差评 to follow up (`rated` names the 回访 union only for a 差评).
 */
const REVIEWERS_HEAR: ReadonlySet<string> = new Set(['submitted', 'resubmitted', 'approved', 'forwarded', 'reminded', 'rated', 'follow-up-reminded']);

export interface Recipient {
  /** `<template>:<openid>`: what `deliveries` is keyed by. */
  key: string;
  openid: string;
  template: TemplateKind;
}

/**
 * The applicant (progress) for decisions, the officials of `reviewerOrgId` for a step now waiting
 * for them or due tomorrow (todo), and for an escalation (overdue; `reviewerOrgId` is then the org
 * above the overdue step's). An applicant who is also such an official is told once, as applicant.
 */
export async function recipientsOf(notice: OutboxNotice, officials: OfficialDirectory): Promise<Recipient[]> {
  const out = new Map<string, Recipient>();
  const add = (openid: string, template: TemplateKind) => out.set(`${template}:${openid}`, { key: `${template}:${openid}`, openid, template });
  if (notice.message) {
    // A member message: that member alone (unless their account was closed since).
    if (notice.action === 'member-notice') {
      if (!isClosedApplicant(notice.applicantOpenid)) add(notice.applicantOpenid, notice.message.template);
      return [...out.values()];
    }
    // An official message: the officials of its org, with its own template.
    if (notice.reviewerOrgId) for (const openid of await officials.officialsOf(notice.reviewerOrgId)) add(openid, notice.message.template);
    return [...out.values()];
  }
  if (APPLICANT_HEARS.has(notice.action) && !isClosedApplicant(notice.applicantOpenid)) add(notice.applicantOpenid, 'progress');
  const escalated = notice.action === 'escalated' || notice.action === 'follow-up-escalated';
  const template: TemplateKind | null = escalated ? 'overdue' : REVIEWERS_HEAR.has(notice.action) ? 'todo' : null;
  if (template && notice.reviewerOrgId) {
    for (const openid of await officials.officialsOf(notice.reviewerOrgId)) if (openid !== notice.applicantOpenid) add(openid, template);
  }
  return [...out.values()];
}

/** WeChat's limits: thing ≤ 20 characters, phrase ≤ 5. */
function clip(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
const thing = (text: string) => clip(text === '' ? '无' : text, 20);
/** `YYYY-MM-DD HH:mm` in China. */
const minute = (iso: string) => shanghaiIso(iso).slice(0, 16).replace('T', ' ');
/** `YYYY-MM-DD` in China. */
const day = (iso: string) => shanghaiIso(iso).slice(0, 10);

function progressResult(notice: OutboxNotice): string {
  switch (notice.action) {
    case 'approved':
      return notice.status === 'approved' ? '已通过' : '审核通过';
    case 'rejected':
      return '未通过';
    case 'forwarded':
      return '已转交';
    case 'followed-up':
      return '已回访';
    default:
      return APPLICATION_STATUS_LABELS[notice.status];
  }
}

/** The step a reviewer is asked about: the one the notice names, or for a decision the one it opened. */
function reviewedStep(notice: OutboxNotice, app: Application): Step | undefined {
  const index = app.steps.findIndex((s) => s.id === notice.stepId);
  const named = app.steps[index];
  if (notice.action !== 'approved' && notice.action !== 'forwarded') return named;
  return app.steps.slice(index + 1).find((s) => s.org.id === notice.reviewerOrgId) ?? named;
}

const TODO_HINTS: Record<string, string> = {
  reminded: '即将到期，请及时办理',
  rated: '收到差评，请及时回访',
  'follow-up-reminded': '回访即将到期，请及时回访',
  forwarded: '其他工会转来，请审核',
  resubmitted: '申请人已重新提交，请审核',
};

/** Whether the applicant hears of this notice (a progress message; their 消息中心 lists these). */
export const applicantHears = (notice: Pick<OutboxNotice, 'action'>): boolean => APPLICANT_HEARS.has(notice.action);

/** What a progress message says, unclipped: the result, the union that decided and the remark. */
export function progressOf(notice: OutboxNotice, app: Application): { result: string; by: string; remark: string } {
  const decided = app.steps.find((s) => s.id === notice.stepId);
  const followUp = notice.action === 'followed-up' ? app.followUp : null;
  const by = followUp ? (followUp.doneByOrg?.name ?? followUp.org.name) : (decided?.decidedByOrg?.name ?? decided?.org.name ?? '');
  const next = notice.action === 'approved' && notice.status === 'pending' ? reviewedStep(notice, app) : undefined;
  const remark = next ? `待${next.org.name}办理` : (followUp?.note ?? decided?.comment ?? (notice.status === 'approved' ? '办理完成' : '详见办理进度'));
  return { result: progressResult(notice), by, remark };
}

/** An official or member message (another capability's words) for one recipient, within WeChat's limits. */
export function officialMessageFor(message: OfficialMessage | MemberMessage, recipient: Recipient): OutgoingMessage {
  const limit = (key: string, value: string) => (key.startsWith('thing') ? thing(value) : key.startsWith('phrase') ? clip(value, 5) : value);
  const data = Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, limit(key, value)]));
  return { touser: recipient.openid, template: message.template, page: message.page, data };
}

/** The message one recipient gets for a notice (`app` read when it is sent, for names and deadlines). */
export function messageFor(notice: OutboxNotice, app: Application, recipient: Recipient): OutgoingMessage {
  const what = APPLICATION_KIND_LABELS[notice.kind];
  const base = { touser: recipient.openid, template: recipient.template };
  if (recipient.template === 'progress') {
    const { result, by, remark } = progressOf(notice, app);
    return {
      ...base,
      page: `apply/application/index?id=${notice.applicationId}`,
      data: { thing1: thing(what), phrase2: clip(result, 5), thing3: thing(by), time4: minute(notice.at), thing5: thing(remark) },
    };
  }
  const step = reviewedStep(notice, app);
  // WeChat refuses an empty `time`: the notice's own day stands in for a deadline it cannot find.
  const aboutFollowUp = FOLLOW_UP_NOTICES.has(notice.action);
  const due = (aboutFollowUp ? app.followUp?.dueDate : step?.dueDate) || day(notice.at);
  if (recipient.template === 'todo') {
    const task = aboutFollowUp ? `${what}差评回访` : `${what}待审核`;
    return {
      ...base,
      page: `staff/application/index?id=${notice.applicationId}`,
      data: { thing1: thing(task), thing2: thing(app.applicant.name), time3: due, thing4: thing(TODO_HINTS[notice.action] ?? '有新的申请待您审核') },
    };
  }
  if (aboutFollowUp) {
    return {
      ...base,
      page: `staff/application/index?id=${notice.applicationId}`,
      data: { thing1: thing(`${what}回访超期`), thing2: thing(app.followUp?.org.name ?? ''), time3: due, thing4: thing('差评回访已超期，请督促办理') },
    };
  }
  return {
    ...base,
    page: `staff/application/index?id=${notice.applicationId}`,
    data: { thing1: thing(`${what}审核超期`), thing2: thing(step?.org.name ?? ''), time3: due, thing4: thing('已超过办理期限，请督促办理') },
  };
}

// ---------------------------------------------------------------------------------------------
// The use case

export interface DeliveryReport {
  /** Notices claimed, and how they ended in this run. */
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  /** Claimed by another sender first, or the lease lost meanwhile. */
  contended: number;
  /** Recipients sent to / skipped (43101, no template). */
  messages: number;
  refusals: number;
  /** Notices whose handling threw (storage errors); their lease expires and they come back. */
  errors: number;
}

const describe = (err: unknown) => (err instanceof AppError ? err.code : err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 300);

const keyOf = (notice: OutboxNotice): NoticeKey => ({ applicationId: notice.applicationId, version: notice.version });

/** A failed notice: one JSON line that the NoticeFailed metric filter counts (serverless.yml). */
function alarm(notice: OutboxNotice, attempts: number, error: string) {
  log.error('outbox notice failed', { metric: 'NoticeFailed', applicationId: notice.applicationId, version: notice.version, action: notice.action, attempts, error });
}

async function deliverOne(deps: SenderDeps, entry: OutboxEntry, report: DeliveryReport): Promise<void> {
  const key = keyOf(entry.notice);
  if (entry.state === 'sending' && entry.attempts >= SENDER.maxAttempts) {
    // The last attempt's sender vanished: its lease expired with nothing settled.
    const error = entry.lastError ?? 'the last attempt did not finish';
    if (entry.lease && (await deps.outbox.settle(key, entry.lease, { state: 'failed', error, at: deps.now(), deliveries: entry.deliveries }))) {
      report.failed += 1;
      alarm(entry.notice, entry.attempts, error);
    } else report.contended += 1;
    return;
  }
  const token = deps.newId();
  const leaseUntil = deps.now().getTime() + SENDER.leaseMs;
  const claimed = await deps.outbox.claim(entry, { token, until: new Date(leaseUntil) });
  if (!claimed) {
    report.contended += 1;
    return;
  }
  report.claimed += 1;
  const { notice } = claimed;
  const deliveries = { ...claimed.deliveries };

  const retryOrFail = async (error: string) => {
    const at = deps.now();
    const settlement: Settlement =
      claimed.attempts >= SENDER.maxAttempts
        ? { state: 'failed', error, at, deliveries }
        : { state: 'pending', retryAt: new Date(at.getTime() + retryDelayMs(claimed.attempts)), error, deliveries };
    if (!(await deps.outbox.settle(key, token, settlement))) return void (report.contended += 1);
    if (settlement.state === 'failed') {
      report.failed += 1;
      alarm(notice, claimed.attempts, error);
    } else {
      report.retried += 1;
      log.warn('outbox notice will be retried', { applicationId: notice.applicationId, version: notice.version, attempts: claimed.attempts, retryAt: settlement.retryAt.toISOString(), error });
    }
  };

  let app: Application | null;
  let recipients: Recipient[];
  try {
    // An official message has no application behind it: it carries its own words.
    app = notice.message ? null : await deps.applications.get(notice.applicationId);
    recipients = app || notice.message ? await recipientsOf(notice, deps.officials) : [];
  } catch (err) {
    return retryOrFail(describe(err));
  }
  for (const recipient of recipients) {
    if (deliveries[recipient.key]) continue;
    // Never send on a lease that may run out before WeChat answers: leave it to expire and come back.
    if (deps.now().getTime() + SENDER.sendMarginMs > leaseUntil) return void (report.contended += 1);
    let outcome: SendOutcome;
    try {
      outcome = await deps.messenger.send(notice.message ? officialMessageFor(notice.message, recipient) : messageFor(notice, app as Application, recipient));
    } catch (err) {
      return retryOrFail(describe(err));
    }
    const at = deps.now().toISOString();
    if (outcome.status === 'sent') report.messages += 1;
    else report.refusals += 1;
    deliveries[recipient.key] = outcome.status === 'sent' ? { status: 'sent', reason: null, at } : { status: 'skipped', reason: outcome.reason, at };
    if (!(await deps.outbox.record(key, token, deliveries))) {
      log.warn('outbox notice: lease lost while sending', { applicationId: notice.applicationId, version: notice.version });
      return void (report.contended += 1);
    }
  }
  const results = Object.values(deliveries);
  const reasons = [...new Set(results.flatMap((d) => (d.reason ? [d.reason] : [])))];
  const done: Settlement = results.some((d) => d.status === 'sent')
    ? { state: 'sent', reason: null, at: deps.now(), deliveries }
    : { state: 'skipped', reason: app || notice.message ? (reasons.join('; ') || 'no recipients') : 'application not found', at: deps.now(), deliveries };
  if (!(await deps.outbox.settle(key, token, done))) return void (report.contended += 1);
  if (done.state === 'sent') report.sent += 1;
  else report.skipped += 1;
}

/** Runs `work` over `items`, at most `width` at a time. */
async function eachAtMost<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/**
 * Delivers what is deliverable now, batch after batch, until nothing is left, `stopAt` has come or
 * SENDER.rounds batches were read. Safe to run in several places at once.
 */
export async function deliverPending(deps: SenderDeps, options: { stopAt?: Date } = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0, contended: 0, messages: 0, refusals: 0, errors: 0 };
  for (let round = 0; round < SENDER.rounds; round += 1) {
    if (options.stopAt && deps.now() >= options.stopAt) break;
    const entries = await deps.outbox.deliverable(deps.now(), SENDER.batch);
    await eachAtMost(entries, SENDER.concurrency, async (entry) => {
      try {
        await deliverOne(deps, entry, report);
      } catch (err) {
        report.errors += 1;
        log.error('outbox notice: delivery interrupted', { applicationId: entry.notice.applicationId, version: entry.notice.version, error: err });
      }
    });
    if (entries.length < SENDER.batch) break;
  }
  await logBacklog(deps);
  return report;
}

/**
 * The age of the oldest notice still to deliver, one JSON line per run, which the OutboxOldestAge
 * metric filter turns into a metric and its alarm watches (serverless.yml). Written even when the
 * outbox is empty (age 0), so that a sender that stops running is noticed as well.
 */
async function logBacklog(deps: SenderDeps): Promise<void> {
  try {
    const oldest = await deps.outbox.oldestUndeliveredAt();
    const ageSeconds = oldest ? Math.max(0, Math.round((deps.now().getTime() - Date.parse(oldest)) / 1000)) : 0;
    log.info('outbox backlog', { metric: 'OutboxOldestAge', ageSeconds });
  } catch (err) {
    log.error('outbox backlog unknown', { error: err });
  }
}

/**
 * A Messenger over a WeChat subscription client: each kind of message with its template id. A kind
 * without one is refused for good with the reason (the notice is kept as skipped, not retried).
 */
export function templateMessenger(
  client: { send(message: { touser: string; templateId: string; page: string; data: Record<string, string> }): Promise<SendOutcome> },
  templates: Readonly<Record<TemplateKind, string>>,
): Messenger {
  return {
    async send({ template, ...message }) {
      const templateId = templates[template];
      if (templateId === '') return { status: 'refused', reason: `no template id configured for ${template}` };
      return client.send({ ...message, templateId });
    },
  };
}
