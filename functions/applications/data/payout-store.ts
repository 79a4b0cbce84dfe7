import { auditPut, type AuditEntry } from '../../audit';
import { dynamoose } from '../../kernel/data/client';
import { batchGetAll } from '../../kernel/data/batch';
import { isConditionFailure, mustCommit, runTransaction } from '../../kernel/data/transactions';
import type { PayoutFailure } from '../contracts/payouts';
import type { BatchLine, LineOutcome, PayoutBatch } from '../domain/payouts';
import type { Payee, Payout } from '../domain/subsidy';
import { PayoutBatchModel, type PayoutBatchItem } from './models/payout-batch';
import { PayoutModel, type PayoutItem } from './models/payout';
import type { PayoutStore } from '../services/payout-ports';

const { Condition } = dynamoose;

/**
 * 补贴发放 on DynamoDB: the payouts (payouts table) and the finance officers' batches (payoutbatches).
 * A payout joins a batch by a conditional update (`pending`, no batch yet), so of two batches built
 * at once each payout lands in exactly one; a batch's results reach its payouts conditioned on the
 * payout still being in that batch, so a confirmation repeated (or run twice at once) writes each once.
 */

/** Payouts claimed per transaction (DynamoDB allows 100 items; a smaller one loses less to a conflict). */
const CLAIM_CHUNK = 25;

export function toPayout(item: PayoutItem): Payout {
  const payee: Payee | null =
    item.accountCipher && item.accountMasked
      ? { name: item.payeeName ?? '', bankName: item.bankName ?? '', accountMasked: item.accountMasked, accountCipher: item.accountCipher }
      : null;
  return {
    campaignId: item.campaignId,
    memberId: item.memberId,
    applicationId: item.applicationId,
    amountFen: item.amountFen,
    pool: item.pool,
    regionCode: item.regionCode,
    status: item.status,
    createdAt: item.createdAt,
    payee,
    batchId: item.batchId ?? null,
    paidOn: item.paidOn ?? null,
    failure: item.failureReason ? { reason: item.failureReason, note: item.failureNote ?? null } : null,
  };
}

/** The payee's attributes as the payouts table keeps them. */
export function payeeAttributes(payee: Payee | null) {
  return payee === null ? {} : { payeeName: payee.name, bankName: payee.bankName, accountMasked: payee.accountMasked, accountCipher: payee.accountCipher };
}

function toBatch(item: PayoutBatchItem): PayoutBatch {
  return {
    id: item.id,
    campaignId: item.campaignId,
    campaignTitle: item.campaignTitle,
    orgId: item.orgId,
    orgPath: JSON.parse(item.orgPath) as string[],
    status: item.status,
    lines: JSON.parse(item.lines) as BatchLine[],
    results: JSON.parse(item.results) as Record<string, LineOutcome>,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    markedBy: item.markedBy ?? null,
    markedAt: item.markedAt ?? null,
    confirmedBy: item.confirmedBy ?? null,
    confirmedAt: item.confirmedAt ?? null,
    applied: item.applied,
    version: item.version,
  };
}

const atVersion = (version: number) => new Condition().where('version').eq(version);

export const payoutStore: PayoutStore = {
  async ofCampaign(campaignId) {
    const items = await PayoutModel.query('campaignId').eq(campaignId).consistent().all().exec();
    return items.map(toPayout);
  },

  async get(campaignId, memberId) {
    const item = await PayoutModel.get({ campaignId, memberId }, { consistent: true });
    return item ? toPayout(item) : null;
  },

  async claim(batchId, payouts, at) {
    const taken: Payout[] = [];
    for (let i = 0; i < payouts.length; i += CLAIM_CHUNK) {
      let chunk = payouts.slice(i, i + CLAIM_CHUNK);
      // A refusal names the payouts another batch took: the rest are sent again without them.
      while (chunk.length > 0) {
        const outcome = await runTransaction(
          () =>
            chunk.map((p) =>
              PayoutModel.transaction.update(
                { campaignId: p.campaignId, memberId: p.memberId },
                { status: 'batched', batchId, updatedAt: at },
                // Pending, in no batch, and still the card read (a change of card meanwhile is not sent with the old mask).
                {
                  condition: new Condition()
                    .where('status')
                    .eq('pending')
                    .and()
                    .where('batchId')
                    .not()
                    .exists()
                    .and()
                    .where('accountCipher')
                    .eq(p.payee?.accountCipher ?? ''),
                },
              ),
            ),
          { name: 'payout-batch.claim' },
        );
        if (outcome.kind === 'done') {
          taken.push(...chunk);
          break;
        }
        const lost = new Set(outcome.failed);
        chunk = chunk.filter((_, n) => !lost.has(n));
      }
    }
    return taken;
  },

  async createBatch(batch, audit) {
    const outcome = await runTransaction(() => [
      PayoutBatchModel.transaction.create(
        {
          id: batch.id,
          campaignId: batch.campaignId,
          campaignTitle: batch.campaignTitle,
          orgId: batch.orgId,
          orgPath: JSON.stringify(batch.orgPath),
          status: batch.status,
          lines: JSON.stringify(batch.lines),
          results: JSON.stringify(batch.results),
          lineCount: batch.lines.length,
          totalFen: batch.lines.reduce((s, l) => s + l.amountFen, 0),
          createdBy: batch.createdBy,
          createdAt: batch.createdAt,
          applied: false,
          version: batch.version,
        },
        { overwrite: false },
      ),
      auditPut(audit),
    ]);
    mustCommit(outcome, `payout batch ${batch.id}`);
  },

  async finishBatch(id, lines) {
    try {
      await PayoutBatchModel.update(
        { id },
        { status: 'exported', lines: JSON.stringify(lines), lineCount: lines.length, totalFen: lines.reduce((s, l) => s + l.amountFen, 0), $ADD: { version: 1 } },
        { condition: new Condition().where('status').eq('building') },
      );
    } catch (err) {
      // Finished already (a reader repaired it first): nothing to do.
      if (!isConditionFailure(err)) throw err;
    }
  },

  async getBatch(id) {
    const item = await PayoutBatchModel.get({ id }, { consistent: true });
    return item ? toBatch(item) : null;
  },

  async batchesOf(campaignId) {
    const items = await PayoutBatchModel.query('campaignId').eq(campaignId).using('byCampaign').sort('descending').limit(200).exec();
    return items.map(toBatch);
  },

  async payoutsOf(lines) {
    const items = await batchGetAll(
      PayoutModel,
      lines.map((l) => ({ campaignId: l.campaignId, memberId: l.memberId })),
      true,
    );
    return items.map(toPayout);
  },

  async claimedBy(campaignId, batchId) {
    const items = await PayoutModel.query('campaignId').eq(campaignId).where('batchId').eq(batchId).consistent().all().exec();
    return items.map(toPayout);
  },

  async mark(id, version, results, by, at, audit) {
    const outcome = await runTransaction(() => [
      PayoutBatchModel.transaction.update(
        { id },
        { status: 'marked', results: JSON.stringify(results), markedBy: by, markedAt: at, version: version + 1 },
        { condition: atVersion(version).and().where('status').in(['exported', 'marked']) },
      ),
      auditPut(audit),
    ]);
    return outcome.kind === 'done';
  },

  async confirm(id, version, by, at, audit) {
    const outcome = await runTransaction(() => [
      PayoutBatchModel.transaction.update(
        { id },
        { status: 'confirmed', confirmedBy: by, confirmedAt: at, version: version + 1 },
        // Never the one who entered the results, whatever the service read.
        { condition: atVersion(version).and().where('status').eq('marked').and().where('markedBy').not().eq(by) },
      ),
      auditPut(audit),
    ]);
    return outcome.kind === 'done';
  },

  async applyLine(batchId, line, outcome, paidOn, at) {
    const key = { campaignId: line.campaignId, memberId: line.memberId };
    const change =
      outcome.result === 'paid'
        ? { status: 'paid' as const, paidOn, updatedAt: at, $REMOVE: ['failureReason', 'failureNote'] }
        : outcome.note
          ? { status: 'failed' as const, failureReason: outcome.reason as PayoutFailure, failureNote: outcome.note, updatedAt: at }
          : { status: 'failed' as const, failureReason: outcome.reason as PayoutFailure, updatedAt: at, $REMOVE: ['failureNote'] };
    const done = await runTransaction(
      () => [PayoutModel.transaction.update(key, change, { condition: new Condition().where('batchId').eq(batchId).and().where('status').eq('batched') })],
      { name: 'payout-batch.apply' },
    );
    return done.kind === 'done';
  },

  async setApplied(id) {
    await PayoutBatchModel.update({ id }, { applied: true });
  },

  async recordExport(audit) {
    mustCommit(await runTransaction([auditPut(audit)]), `audit ${audit.id}`);
  },

  async changePayee(campaignId, memberId, payee, at) {
    try {
      await PayoutModel.update(
        { campaignId, memberId },
        { ...payeeAttributes(payee), status: 'pending', updatedAt: at, $REMOVE: ['batchId', 'failureReason', 'failureNote'] },
        {
          condition: new Condition()
            .parenthesis(new Condition().where('status').eq('failed').or().parenthesis(new Condition().where('status').eq('pending').and().where('batchId').not().exists()))
            .and()
            .where('campaignId')
            .exists(),
        },
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};
