import type { IdCrypto } from '../../kernel/id-crypto';
import { auditPut } from '../../audit';
import { dynamoose } from '../../kernel/data/client';
import { GuardModel } from '../../kernel/data/guard-model';
import { applicationKeys } from './keys';
import { refusedParts, runTransaction, type TransactionItems } from '../../kernel/data/transactions';
import { rosterTransactionItems } from '../../membership';
import { openStepOf, recordOrg } from '../domain/engine';
import type { Guard } from '../domain/kinds';
import type { Application, ApplicationRecord, FollowUp, Rating, Step, TimelineEntry } from '../domain/types';
import type { ApplicationStore, Change, ChangePart } from '../services/ports';
import { payoutTransactionItems } from './campaign-store';
import { ApplicationModel, INDEXED_LEVELS, type ApplicationItem } from './models/application';
import { NoticeModel } from './models/notice';
import { noticeWrite, toOutboxNotice } from './outbox-store';

const { Condition } = dynamoose;

export function guardKey(guard: Guard): string {
  switch (guard.type) {
    case 'open-transfer':
      return applicationKeys.openTransfer(guard.memberId);
    case 'open-join-id':
      return applicationKeys.openJoinById(guard.idHash);
    case 'open-join-account':
      return applicationKeys.openJoinByAccount(guard.openid);
    case 'joined':
      return applicationKeys.joined(guard.idHash);
    case 'open-subsidy':
      return applicationKeys.openSubsidy(guard.campaignId, guard.memberId);
    case 'subsidy-paid':
      return applicationKeys.subsidyPaid(guard.campaignId, guard.memberId);
    case 'open-hardship':
      return applicationKeys.openHardship(guard.householdKey);
    case 'proof':
      return applicationKeys.proof(guard.key);
    case 'join-id-owner':
      return applicationKeys.joinIdOwner(guard.idHash);
    case 'join-account-id':
      return applicationKeys.joinAccountId(guard.openid);
    case 'todo-sent':
      return applicationKeys.todoSent(guard.applicationId, guard.orgId, guard.day);
  }
}

export function toItem(app: Application) {
  const open = openStepOf(app);
  const levels = Object.fromEntries(recordOrg(app).path.slice(0, INDEXED_LEVELS).map((id, k) => [`orgL${k}`, id]));
  return {
    id: app.id,
    kind: app.kind,
    status: app.status,
    version: app.version,
    applicant: app.applicant.openid,
    applicantName: app.applicant.name,
    ...(app.applicant.memberId ? { memberId: app.applicant.memberId } : {}),
    record: JSON.stringify(app.form),
    steps: JSON.stringify(app.steps),
    timeline: JSON.stringify(app.timeline),
    ...(app.timelineOmitted ? { timelineOmitted: app.timelineOmitted } : {}),
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    ...(app.previousId ? { previousId: app.previousId } : {}),
    ...(open ? { openStepId: open.id, openFlag: 'open', openDueDate: open.dueDate as string } : {}),
    ...levels,
    queueKey: `${app.status}#${app.createdAt}#${app.id}`,
    ...(app.rating ? { rating: JSON.stringify(app.rating) } : {}),
    ...(app.followUp ? { followUp: JSON.stringify(app.followUp) } : {}),
  };
}

export function toApplication(item: ApplicationItem): Application {
  return {
    id: item.id,
    kind: item.kind as Application['kind'],
    status: item.status as Application['status'],
    version: item.version,
    applicant: { openid: item.applicant, memberId: item.memberId ?? null, name: item.applicantName },
    form: JSON.parse(item.record) as ApplicationRecord,
    steps: JSON.parse(item.steps) as Step[],
    timeline: JSON.parse(item.timeline) as TimelineEntry[],
    ...(item.timelineOmitted ? { timelineOmitted: item.timelineOmitted } : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    previousId: item.previousId ?? null,
    rating: item.rating ? (JSON.parse(item.rating) as Rating) : null,
    followUp: item.followUp ? (JSON.parse(item.followUp) as FollowUp) : null,
  };
}


/** The transaction of one change, with the part each item stands for (to read a cancellation). */
function changeItems(change: Change, crypto: IdCrypto): { items: TransactionItems; parts: ChangePart[] } {
  const { before, after, notice } = change;
  const at = new Date(after.updatedAt);
  const items: TransactionItems = [];
  const parts: ChangePart[] = [];
  if (before === null) {
    items.push(ApplicationModel.transaction.create(toItem(after), { overwrite: false }));
  } else {
    let condition = new Condition().where('version').eq(before.version);
    if (change.decidedStepId !== null) condition = condition.and().where('openStepId').eq(change.decidedStepId);
    items.push(ApplicationModel.transaction.create(toItem(after), { overwrite: true, condition }));
  }
  parts.push('application');
  // One notice per version: a second writer of the same version fails here as well as above.
  items.push(noticeWrite(notice));
  parts.push('application');
  for (const guard of change.claim) {
    items.push(GuardModel.transaction.create({ key: guardKey(guard), owner: after.id }, { overwrite: false }));
    parts.push('claim');
  }
  for (const guard of change.release) {
    items.push(GuardModel.transaction.delete({ key: guardKey(guard) }, { condition: new Condition().where('owner').eq(after.id) }));
    parts.push('release');
  }
  for (const { guard, owner } of change.own ?? []) {
    const free = new Condition().where('key').not().exists().or().where('owner').eq(owner);
    items.push(GuardModel.transaction.create({ key: guardKey(guard), owner }, { overwrite: true, condition: free }));
    parts.push('owner');
  }
  for (const guard of change.absent) {
    items.push(GuardModel.transaction.condition({ key: guardKey(guard) }, new Condition().where('key').not().exists()));
    parts.push('absent');
  }
  const effect = change.effect;
  if (effect?.type === 'move-member') {
    items.push(rosterTransactionItems.moveToOrg({ ...effect, at }));
    parts.push('member');
  } else if (effect?.type === 'add-member') {
    const { memberId, name, idNumber, phone, orgId } = effect;
    items.push(...rosterTransactionItems.create({ id: memberId, name, idNumber, phone, orgId }, crypto, at));
    parts.push('member', 'phone', 'id');
  } else if (effect?.type === 'record-payout') {
    const { campaignId, memberId, applicationId, amountFen, regionCode, pool, payee } = effect;
    items.push(payoutTransactionItems.payout({ campaignId, memberId, applicationId, amountFen, regionCode, pool, payee, createdAt: after.updatedAt }));
    parts.push('payout');
    items.push(payoutTransactionItems.takePlace(campaignId, pool, amountFen));
    parts.push('quota');
  }
  if (change.audit) {
    // A new id: its put cannot fail on its own; it is written exactly when the change is.
    items.push(auditPut(change.audit));
    parts.push('application');
  }
  return { items, parts };
}

/** Queries an index page by page until `limit` items are in (a filter may thin the pages out). */
async function collect(
  build: () => ReturnType<typeof ApplicationModel.query>,
  limit: number,
  keep: (app: Application) => boolean,
): Promise<Application[]> {
  const out: Application[] = [];
  let startAt: unknown;
  do {
    let query = build().limit(Math.max(limit, 25));
    if (startAt) query = query.startAt(startAt as never);
    const page = await query.exec();
    for (const item of page) {
      const app = toApplication(item);
      if (keep(app)) out.push(app);
    }
    startAt = page.lastKey;
  } while (startAt && out.length < limit);
  return out.slice(0, limit);
}

export function createApplicationStore(options: { idCrypto: IdCrypto }): ApplicationStore {
  return {
    async get(id) {
      const item = await ApplicationModel.get({ id }, { consistent: true });
      return item ? toApplication(item) : null;
    },

    listByApplicant(openid, limit) {
      return collect(() => ApplicationModel.query('applicant').eq(openid).using('byApplicant').sort('descending'), limit, () => true);
    },

    listForSubtree(orgPath, status, kind, limit) {
      const depth = orgPath.length - 1;
      const level = Math.min(depth, INDEXED_LEVELS - 1);
      const orgId = orgPath[depth] as string;
      return collect(
        () => {
          let query = ApplicationModel.query(`orgL${level}`)
            .eq(orgPath[level])
            .where('queueKey')
            .beginsWith(`${status}#`)
            .using(`byOrgL${level}`)
            .sort(status === 'pending' ? 'ascending' : 'descending');
          if (kind) query = query.filter('kind').eq(kind);
          return query;
        },
        limit,
        // Deeper than the indexed levels: the index holds the ancestor's subtree; keep this org's.
        (app) => depth < INDEXED_LEVELS || recordOrg(app).path.includes(orgId),
      );
    },

    async holder(guard) {
      const item = await GuardModel.get({ key: guardKey(guard) }, { consistent: true });
      return item?.owner ?? null;
    },

    async commit(change) {
      let parts: ChangePart[] = [];
      const outcome = await runTransaction(
        () => {
          const built = changeItems(change, options.idCrypto);
          parts = built.parts;
          return built.items;
        },
        { name: 'application.commit' },
      );
      return outcome.kind === 'done' ? outcome : { kind: 'refused', parts: refusedParts(outcome.failed, parts) };
    },

    async notices(applicationId) {
      const items = await NoticeModel.query('applicationId').eq(applicationId).consistent().all().exec();
      return items.map(toOutboxNotice).sort((a, b) => a.version - b.version);
    },
  };
}
