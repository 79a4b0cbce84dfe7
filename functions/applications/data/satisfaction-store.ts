import { auditPut, type AuditEntry } from '../../audit';
import { batchGetAll } from '../../kernel/data/batch';
import { dynamoose } from '../../kernel/data/client';
import { satisfactionKeys } from './keys';
import { runTransaction, type TransactionItems } from '../../kernel/data/transactions';
import { COUNTER_FIELDS, NO_COUNTS, type CounterChange, type Feedback, type FollowUpEntry, type SatisfactionCounts } from '../domain/satisfaction';
import type { Application, ApplicationKind } from '../domain/types';
import type { SatisfactionStore } from '../services/ports';
import { toApplication, toItem } from './application-store';
import { noticeWrite } from './outbox-store';
import { ApplicationModel } from './models/application';
import { SatisfactionModel, type SatisfactionItem } from './models/satisfaction';

const { Condition } = dynamoose;

const entryKeys = (entry: FollowUpEntry) =>
  entry.orgIds.map((orgId) => ({ pk: satisfactionKeys.openFollowUps(orgId), sk: satisfactionKeys.openFollowUp(entry.dueDate, entry.applicationId) }));

/**
 * ADD to the counter of each org of `counters.orgIds` for the kind and month: transaction items, also
 * for kinds whose applications live elsewhere (困难帮扶's cases, functions/hardship), so every kind
 * fills the same 满意度统计.
 */
export function counterWrites(counters: CounterChange): TransactionItems {
  const add = Object.fromEntries(Object.entries(counters.add).filter(([, n]) => n !== 0));
  return counters.orgIds.map((orgId) =>
    SatisfactionModel.transaction.update({ pk: satisfactionKeys.counters(orgId), sk: satisfactionKeys.counter(counters.month, counters.kind) }, { $ADD: add }),
  );
}

/**
 * A rating or a 回访 in one transaction (≤ 2 + 2 × the depth of the tree items): the application put
 * only if its version is still the one read (so of two ratings, or two 回访, one is written), its
 * outbox notice, ADD to the counter of each org on the deciding union's path, and the open-回访
 * entries of those orgs put or deleted.
 */
function feedbackItems(before: Application, feedback: Feedback, audit: AuditEntry | null): TransactionItems {
  const { after, notice, counters } = feedback;
  const items: TransactionItems = [
    ApplicationModel.transaction.create(toItem(after), { overwrite: true, condition: new Condition().where('version').eq(before.version) }),
    noticeWrite(notice),
  ];
  items.push(...counterWrites(counters));
  if (feedback.openFollowUp) {
    const { applicationId, dueDate } = feedback.openFollowUp;
    for (const key of entryKeys(feedback.openFollowUp)) {
      items.push(SatisfactionModel.transaction.create({ ...key, applicationId, dueDate }, { overwrite: false }));
    }
  }
  if (feedback.closeFollowUp) {
    for (const key of entryKeys(feedback.closeFollowUp)) items.push(SatisfactionModel.transaction.delete(key));
  }
  // A 回访 an official records: its audit entry goes with it.
  if (audit) items.push(auditPut(audit));
  return items;
}

function countsOf(item: SatisfactionItem): SatisfactionCounts {
  const counts = { ...NO_COUNTS };
  for (const field of COUNTER_FIELDS) counts[field] = item[field] ?? 0;
  return counts;
}

export const satisfactionStore: SatisfactionStore = {
  async commit(before, feedback, audit = null) {
    const outcome = await runTransaction(() => feedbackItems(before, feedback, audit), { name: 'application.feedback' });
    return outcome.kind === 'done' ? 'done' : 'changed';
  },

  async counters(orgId, month) {
    const items = await SatisfactionModel.query('pk')
      .eq(satisfactionKeys.counters(orgId))
      .where('sk')
      .beginsWith(satisfactionKeys.counterMonth(month))
      .all()
      .exec();
    return new Map(items.map((item) => [item.sk.slice(satisfactionKeys.counterMonth(month).length) as ApplicationKind, countsOf(item)]));
  },

  async openFollowUps(orgId, { limit, dueBy, latestFirst }) {
    const out: Array<{ applicationId: string; dueDate: string }> = [];
    let startAt: unknown;
    do {
      let query = SatisfactionModel.query('pk').eq(satisfactionKeys.openFollowUps(orgId));
      query = dueBy ? query.where('sk').between(...satisfactionKeys.openFollowUpsDueBy(dueBy)) : query.where('sk').beginsWith('open#');
      query = query.sort(latestFirst ? 'descending' : 'ascending').limit(limit - out.length);
      if (startAt) query = query.startAt(startAt as never);
      const page = await query.exec();
      for (const item of page) out.push({ applicationId: item.applicationId as string, dueDate: item.dueDate as string });
      startAt = page.lastKey;
    } while (startAt && out.length < limit);
    return out;
  },

  async getMany(ids) {
    const unique = [...new Set(ids)];
    const items = await batchGetAll(ApplicationModel, unique.map((id) => ({ id })), true);
    const found = new Map(items.map((item) => [item.id, toApplication(item)]));
    return unique.flatMap((id) => found.get(id) ?? []);
  },
};
