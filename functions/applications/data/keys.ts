import { createHash } from 'node:crypto';

/**
 * Keys of the applications capability (工会业务一网通办) in the guards table (kernel/data/guard-model.ts). An `open…` guard exists
 * while an application is pending and names it (owner = application id): created with the
 * application, deleted in the transaction that closes it, so a second one cannot be filed meanwhile.
 */
export const applicationKeys = {
  /** The member's open transfer: one at a time. */
  openTransfer: (memberId: string) => `app#open#transfer#member#${memberId}`,
  /** The open join for an ID number (its keyed hash): one per person. */
  openJoinById: (idHash: string) => `app#open#join#id#${idHash}`,
  /** The open join of a WeChat account: what a resubmission replaces. */
  openJoinByAccount: (openid: string) => `app#open#join#account#${openid}`,
  /** An ID number whose join was approved: never another join for it. */
  joined: (idHash: string) => `app#joined#${idHash}`,
  /** The member's open 补贴 application of a campaign: one at a time. */
  openSubsidy: (campaignId: string, memberId: string) => `app#open#subsidy#${campaignId}#member#${memberId}`,
  /** A household's open 困难帮扶 (functions/hardship): one at a time. */
  openHardship: (householdKey: string) => `app#open#hardship#${householdKey}`,
  /** A member paid by a campaign (taken with the payout): never a second application of it. */
  subsidyPaid: (campaignId: string, memberId: string) => `app#paid#subsidy#${campaignId}#member#${memberId}`,
  /** The account an ID number's joins are filed from (owner: openid), for good from the first join. */
  joinIdOwner: (idHash: string) => `app#join-owner#id#${idHash}`,
  /** The ID number an account files joins for (owner: its keyed hash), for good from the first join. */
  joinAccountId: (openid: string) => `app#join-owner#account#${openid}`,
  /** The day's 待办 for an application at a union (owner: the application): one a day. */
  todoSent: (applicationId: string, orgId: string, day: string) => `app#todo#${applicationId}#${orgId}#${day}`,
  /** An uploaded proof image (its object key, proofKeys.proof) named by an application: one application per key, for good. */
  proof: (objectKey: string) => `app#proof#${objectKey}`,
  /**
   * The scheduler's marks on a step (owner = application id), each created once with its outbox
   * notice: the reminder a working day before the deadline, and the escalation once overdue.
   */
  reminded: (applicationId: string, stepId: string) => `app#reminded#${applicationId}#${stepId}`,
  escalated: (applicationId: string, stepId: string) => `app#escalated#${applicationId}#${stepId}`,
  /**
   * The outbox `version` (range key) of a reminder (`<v>.1`) or an escalation (`<v>.2`) raised while
   * the application was at version v: after that version's notice, before the next change's.
   */
  scheduledNoticeVersion: (version: number, purpose: 'reminder' | 'escalation') => version + (purpose === 'reminder' ? 0.1 : 0.2),
  /**
   * The scheduler's marks on the 回访 of a 差评 (one per application; owner = application id), each
   * created once with its outbox notice: the reminder a working day before its due date, and the
   * escalation once it is overdue.
   */
  followUpReminded: (applicationId: string) => `app#followup-reminded#${applicationId}`,
  followUpEscalated: (applicationId: string) => `app#followup-escalated#${applicationId}`,
  /**
   * The outbox `version` of a 回访 reminder (`<v>.3`) or escalation (`<v>.4`) raised while the
   * (closed, rated) application was at version v: apart from the steps' scheduled notices.
   */
  followUpNoticeVersion: (version: number, purpose: 'reminder' | 'escalation') => version + (purpose === 'reminder' ? 0.3 : 0.4),
};

/**
 * Keys of the satisfaction table (好差评 of applications; partition `pk`, sort `sk`). Each rating and
 * 回访 writes the items of the union that decided AND of every org above it, so an official reads
 * their own org's partition only:
 * - counters: one item per (kind, month) of an org's subtree — levels, 回访 done, on time;
 * - open 回访: one entry per open 回访 of an org's subtree, sorted by due date (deleted when recorded).
 */
export const satisfactionKeys = {
  counters: (orgId: string) => `org#${orgId}#counters`,
  counter: (month: string, kind: string) => `${month}#${kind}`,
  /** The sort-key prefix of one month's counters (every kind). */
  counterMonth: (month: string) => `${month}#`,
  openFollowUps: (orgId: string) => `org#${orgId}#followups`,
  openFollowUp: (dueDate: string, applicationId: string) => `open#${dueDate}#${applicationId}`,
  /** Sort-key range of the open 回访 due on or before `dueDate` (from the first). */
  openFollowUpsDueBy: (dueDate: string): [string, string] => ['open#', `open#${dueDate}#~`],
};

/**
 * Object keys of uploaded proof images (a 补贴's tickets) in the proofs bucket:
 * `proofs/<owner>/<ulid>.<jpg|png>`. `<owner>` is a hash of the uploading account's openid (32 hex
 * characters), so the bucket's listing and access logs do not carry openids, and a key names whose
 * it is: the API accepts a key in a form only under the filing account's own prefix.
 */
const proofOwnerPrefix = (openid: string) => `proofs/${createHash('sha256').update(`proof-owner\n${openid}`).digest('hex').slice(0, 32)}/`;
export const proofKeys = {
  /** The account's prefix, `proofs/<owner>/`. */
  ownerPrefix: proofOwnerPrefix,
  /** A new proof's key; `id` is a fresh ULID. */
  proof: (openid: string, id: string, extension: 'jpg' | 'png') => `${proofOwnerPrefix(openid)}${id}.${extension}`,
  /** The shape of every proof key: prefix, owner hash, a ULID and the extension. */
  pattern: /^proofs\/[0-9a-f]{32}\/[0-9A-HJKMNP-TV-Z]{26}\.(jpg|png)$/,
};

/**
 * Keys of the campaigns table (补贴 campaigns; partition `pk`, sort `sk`): per campaign its
 * configuration and one place counter per pool — a city's quota (by the card's 2-digit region code)
 * or the rest shared by cities without one — `{total, left, used, amountFen}`, taken with $ADD under
 * `left > 0` in the transaction of the approval that records the payout. Payouts live in their own
 * table, keyed by (campaignId, memberId): one per person and campaign.
 */
export const campaignKeys = {
  campaign: (campaignId: string) => `campaign#${campaignId}`,
  config: 'config',
  /** `pool` is a 2-digit region code or `other` (contracts/subsidy.ts CAMPAIGN_OTHER_POOL). */
  quota: (pool: string) => `quota#${pool}`,
  quotaPrefix: 'quota#',
  /** The constant partition of the byCreated index (config items only): the campaigns, newest first. */
  listKey: 'campaigns',
  /** The province's subsidy rules: one item (`pk` rules, `sk` subsidy), outside every campaign. */
  rules: { pk: 'rules', sk: 'subsidy' },
};
