import { createHash } from 'node:crypto';

/**
 * Every composite key of the guards table is built here, and nowhere else.
 * The other tables are keyed by plain ids (org id, member id, openid, merchant id).
 */
export const guardKeys = {
  /** Owner of a phone number among members: phone numbers are unique in the roster. */
  phone: (phone: string) => `phone#${phone}`,
  /** Owner (member id) of a membership card number: card QR payloads carry the number, not the member. */
  cardOwner: (cardNumber: string) => `card#${cardNumber}`,
  /** Sequence counter of membership card numbers for one 7-digit prefix. */
  cardSequence: (prefix: string) => `seq#card#${prefix}`,
  /**
   * The member an ID number (its keyed hash) belongs to: one roster entry per person. Written by the
   * roster import with each new member (with the job and row that wrote it, so a resumed chunk
   * recognises its own rows); members created before it existed are found through `byIdHash`.
   */
  memberByIdHash: (idHash: string) => `member#id#${idHash}`,
  /** A rate-limit window: `scope` names what is limited, `subject` who, `window` which period. */
  rateWindow: (scope: string, subject: string, window: string) => `rate#${scope}#${subject}#${window}`,
};

/**
 * Keys of the benefits capability. The benefitcounters table holds the hot items of a benefit:
 * its stock shards, its region quotas, each member's held count and its redemption count.
 */
export const benefitKeys = {
  /** Stock shard `n` (0-based) of a benefit: {left, total}. */
  stockShard: (benefitId: string, n: number) => `b#${benefitId}#stock#${n}`,
  /** Region quota of a benefit for one 2-digit region code: {quota, claimed}. */
  regionQuota: (benefitId: string, regionCode: string) => `b#${benefitId}#region#${regionCode}`,
  /** The unreserved rest that members of regions without a quota claim from: {quota, claimed}. */
  otherRegions: (benefitId: string) => `b#${benefitId}#region#other`,
  /** Coupons of a benefit a member holds: {held}. */
  held: (benefitId: string, memberId: string) => `b#${benefitId}#member#${memberId}`,
  /** Coupons of a benefit redeemed so far: {n}. */
  redeemed: (benefitId: string) => `b#${benefitId}#redeemed`,
  /**
   * The id of the coupon a claim request creates: derived from (benefit, member, requestId), so the
   * same request can only ever write the same coupon (a conditional put of this id is the
   * idempotency check).
   */
  couponId: (benefitId: string, memberId: string, requestId: string) =>
    `c${createHash('sha256').update(`${benefitId}\n${memberId}\n${requestId}`).digest('base64url').slice(0, 22)}`,
};

/**
 * Keys of the applications capability (工会业务一网通办) in the guards table. An `open…` guard exists
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
  /** A member paid by a campaign (taken with the payout): never a second application of it. */
  subsidyPaid: (campaignId: string, memberId: string) => `app#paid#subsidy#${campaignId}#member#${memberId}`,
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
};

/**
 * Keys of the roster import (functions/workbench): the rosterimports table holds per job (partition
 * `pk` = job id) the job record, one marker per committed chunk (its counts were added exactly once)
 * and one item per refused or changed row (the row-level report). Files live in the uploads bucket
 * under `imports/<owner>/` (a hash of the official's openid, as for proofs).
 */
const importOwnerPrefix = (openid: string) => `imports/${createHash('sha256').update(`import-owner\n${openid}`).digest('hex').slice(0, 32)}/`;
export const rosterImportKeys = {
  job: 'job',
  chunk: (n: number) => `chunk#${String(n).padStart(7, '0')}`,
  row: (n: number) => `row#${String(n).padStart(8, '0')}`,
  rowPrefix: 'row#',
  /** The constant partition of the sparse byActive index: jobs queued or running. */
  activeKey: 'active',
  ownerPrefix: importOwnerPrefix,
  file: (openid: string, jobId: string, extension: 'csv' | 'xlsx') => `${importOwnerPrefix(openid)}${jobId}.${extension}`,
  report: (openid: string, jobId: string) => `${importOwnerPrefix(openid)}${jobId}-report.csv`,
  template: (version: string, extension: 'csv' | 'xlsx') => `imports/templates/roster-template-${version}.${extension}`,
};

/**
 * Keys of the stats table (functions/stats: the officials' dashboard). Counters are kept per org
 * for its whole subtree (the org and everything below it), maintained from the DynamoDB Streams of
 * the members and applications tables by ADD updates, never computed on request:
 * - `org#<id>` × `members#all` {total, bound}; × `members#<YYYY-MM>` {joined, left};
 * - `org#<id>` × `apps#all` {<kind>_<status>, decided, decideSeconds, …}; × `apps#<YYYY-MM>`
 *   {filed_<kind>, decided_<kind>, decideSeconds_<kind>}; × `due#<YYYY-MM-DD>` {open}: pending
 *   applications whose open step is due that day (overdue = the days before today);
 * - `mark#<table>#<item key>` × `seq`: the stream sequence number last applied for one source item
 *   (written in the same transaction as its counters, so a retried stream batch adds nothing twice;
 *   expires after 2 days through the table's TTL).
 */
export const statsKeys = {
  org: (orgId: string) => `org#${orgId}`,
  membersAll: 'members#all',
  membersMonth: (month: string) => `members#${month}`,
  applicationsAll: 'apps#all',
  applicationsMonth: (month: string) => `apps#${month}`,
  dueDate: (date: string) => `due#${date}`,
  /** The sort-key range of the due dates from the first to `lastDate` (inclusive). */
  dueThrough: (lastDate: string): [string, string] => ['due#', `due#${lastDate}`],
  mark: (table: string, itemKey: string) => `mark#${table}#${itemKey}`,
  markSort: 'seq',
};
