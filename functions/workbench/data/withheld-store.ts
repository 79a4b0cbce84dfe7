import { auditPut } from '../../audit';
import { officialNoticeWrite } from '../../applications';
import { ddb } from '../../kernel/data/client';
import { GuardModel } from '../../kernel/data/guard-model';
import { rateWindowKey } from '../../kernel/data/quota-store';
import { runTransaction } from '../../kernel/data/transactions';
import { withheldKeys } from './keys';
import type { WithheldStore } from '../services/ports';

/**
 * The roster import's withheld rows in storage (services/import-withheld.ts has the rules): a
 * request is an audit entry per row (with a once-only mark) and an outbox notice per job and union,
 * an alert a notice written in one transaction with its audit entry (notices are delivered by the
 * applications' sender to the officials of an org); the count of the day is a kernel rate window in
 * the guards table, added to once per job chunk (a mark beside it, in the same transaction).
 */

const epochSeconds = (at: Date) => Math.ceil(at.getTime() / 1000);
const guards = () => GuardModel.table().name;

export const withheldStore: WithheldStore = {
  async request(rowMark, audit, notice, at, expiresAt) {
    // The row's mark is put only if absent: a chunk run again writes no second audit entry.
    const outcome = await runTransaction(
      () => [GuardModel.transaction.create({ key: rowMark, expiresAt: epochSeconds(expiresAt) }, { overwrite: false }), auditPut(audit)],
      { name: 'roster.import-request' },
    );
    // One notice per job and union, put only if absent (also after a run that died between the two writes).
    await runTransaction(() => [officialNoticeWrite({ id: notice.id, orgId: notice.orgId, message: notice.message, at: at.toISOString() })], { name: 'roster.import-request-notice' });
    return outcome.kind === 'done';
  },

  async count(window, mark, n, expiresAt) {
    const counter = rateWindowKey(withheldKeys.window(window.openid, window.day));
    const expires = { N: String(epochSeconds(expiresAt)) };
    await runTransaction(
      () => [
        {
          Put: {
            TableName: guards(),
            Item: { key: { S: mark }, n: { N: String(n) }, expiresAt: expires },
            ConditionExpression: 'attribute_not_exists(#k)',
            ExpressionAttributeNames: { '#k': 'key' },
          },
        },
        {
          Update: {
            TableName: guards(),
            Key: { key: { S: counter } },
            UpdateExpression: 'ADD n :n SET expiresAt = :expires',
            ExpressionAttributeValues: { ':n': { N: String(n) }, ':expires': expires },
          },
        },
      ],
      { name: 'roster.import-withheld' },
    );
    // Counted now or by an earlier run of the chunk: either way the window says where the day stands.
    const item = await ddb.getItem({ TableName: guards(), Key: { key: { S: counter } }, ConsistentRead: true, ProjectionExpression: 'n' });
    return Number(item.Item?.n?.N ?? 0);
  },

  async alert(window, orgId, message, audit, at, expiresAt) {
    const outcome = await runTransaction(
      () => [
        GuardModel.transaction.create({ key: withheldKeys.alerted(window.openid, window.day), expiresAt: epochSeconds(expiresAt) }, { overwrite: false }),
        officialNoticeWrite({ id: withheldKeys.alertNotice(audit.id), orgId, message, at: at.toISOString() }),
        auditPut(audit),
      ],
      { name: 'roster.import-alert' },
    );
    return outcome.kind === 'done';
  },
};
