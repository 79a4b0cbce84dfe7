import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from 'dynamoose/dist/Item';
import { ddb, dynamoose } from '../../kernel/data/client';
import { lazyModel } from '../../kernel/data/lazy-model';
import { auditPut, type AuditEntry } from '../../audit';
import { rosterImportKeys } from './keys';
import { batchPutRaw } from '../../kernel/data/batch';
import { isConditionFailure, runTransaction, type TransactionItems } from '../../kernel/data/transactions';
import type { ImportCounts } from '../contracts/roster-import';
import type { ImportJob, ImportJobStore, ReportRow } from '../services/ports';

/**
 * The rosterimports table (partition `pk` = job id, sort `sk`): the job record (`job`), one marker
 * per committed chunk (`chunk#…`: its counts were added to the job's exactly once) and one line per
 * refused or changed row (`row#…`). The sparse `byActive` index lists the jobs queued or running
 * (`active` is set only then) for the worker. Written with the low-level client: counters are
 * `ADD`ed, report lines batch-written.
 */
interface RosterImportItem extends Item {
  pk: string;
  sk: string;
}
export const RosterImportModel = /* @__PURE__ */ lazyModel<RosterImportItem>(
  'rosterimports',
  () =>
    new dynamoose.Schema(
      {
        pk: { type: String, hashKey: true },
        sk: { type: String, rangeKey: true },
        active: { type: String, index: { name: 'byActive', type: 'global', rangeKey: 'updatedAt' } },
        updatedAt: String,
      },
      { saveUnknown: true },
    ),
);

const table = () => RosterImportModel.table().name;
const { marshall, unmarshall } = dynamoose.aws.converter();
const jobKey = (id: string) => ({ pk: { S: id }, sk: { S: rosterImportKeys.job } });

const COUNT_ATTRIBUTES: Record<keyof ImportCounts, string> = {
  read: 'nRead',
  written: 'nWritten',
  refused: 'nRefused',
  changed: 'nChanged',
  unchanged: 'nUnchanged',
};

function toJob(raw: Record<string, AttributeValue>): ImportJob {
  const item = unmarshall(raw) as Record<string, unknown>;
  const orgIds = (item.scopeOrgIds as string[] | undefined) ?? [];
  return {
    id: item.pk as string,
    owner: item.owner as string,
    scope: item.scopeKind === 'admin' ? { kind: 'admin' } : { kind: 'official', orgIds },
    fileName: item.fileName as string,
    format: item.format as ImportJob['format'],
    objectKey: item.objectKey as string,
    status: item.status as ImportJob['status'],
    counts: {
      read: Number(item.nRead ?? 0),
      written: Number(item.nWritten ?? 0),
      refused: Number(item.nRefused ?? 0),
      changed: Number(item.nChanged ?? 0),
      unchanged: Number(item.nUnchanged ?? 0),
    },
    cursor: Number(item.cursor ?? 1),
    chunkRows: item.chunkRows === undefined ? null : Number(item.chunkRows),
    changesApplied: Number(item.changesApplied ?? 0),
    ignoredColumns: (item.ignoredColumns as string[] | undefined) ?? [],
    failure: (item.failure as string | undefined) ?? null,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    finishedAt: (item.finishedAt as string | undefined) ?? null,
  };
}

function toReportRow(raw: Record<string, AttributeValue>): ReportRow {
  const item = unmarshall(raw) as Record<string, unknown>;
  const base = { row: Number(item.row), name: item.name as string, idMasked: item.idMasked as string };
  if (item.kind === 'refused') {
    // A line written without a first row stores it as NULL: read back as null, not Number(null) = 0.
    return { ...base, kind: 'refused', problem: item.problem as never, firstRow: typeof item.firstRow === 'number' ? item.firstRow : null, phone: item.phone as string };
  }
  return {
    ...base,
    kind: 'change',
    status: item.status as 'pending' | 'applied' | 'stale',
    memberId: item.memberId as string,
    orgId: item.orgId as string,
    from: item.from as { name: string; phone: string },
    to: item.to as { name: string; phone: string },
  };
}

export const importJobStore: ImportJobStore = {
  async create(job) {
    await ddb.putItem({
      TableName: table(),
      Item: marshall(
        {
          pk: job.id,
          sk: rosterImportKeys.job,
          owner: job.owner,
          scopeKind: job.scope.kind,
          scopeOrgIds: job.scope.kind === 'official' ? job.scope.orgIds : [],
          fileName: job.fileName,
          format: job.format,
          objectKey: job.objectKey,
          status: job.status,
          cursor: job.cursor,
          changesApplied: 0,
          ignoredColumns: [],
          createdAt: job.createdAt,
          updatedAt: job.updatedAt,
          ...Object.fromEntries(Object.values(COUNT_ATTRIBUTES).map((a) => [a, 0])),
        },
        { removeUndefinedValues: true },
      ),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  },

  async get(id) {
    const out = await ddb.getItem({ TableName: table(), Key: jobKey(id), ConsistentRead: true });
    return out.Item ? toJob(out.Item) : null;
  },

  async queue(id, at, audit) {
    const outcome = await runTransaction(() => [
      {
        Update: {
          TableName: table(),
          Key: jobKey(id),
          UpdateExpression: 'SET #status = :queued, #active = :active, updatedAt = :at',
          ConditionExpression: '#status = :created',
          ExpressionAttributeNames: { '#status': 'status', '#active': 'active' },
          ExpressionAttributeValues: { ':queued': { S: 'queued' }, ':created': { S: 'created' }, ':active': { S: rosterImportKeys.activeKey }, ':at': { S: at.toISOString() } },
        },
      },
      auditPut(audit),
    ]);
    return outcome.kind === 'done';
  },

  async listActive() {
    const ids: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await ddb.query({
        TableName: table(),
        IndexName: 'byActive',
        KeyConditionExpression: '#active = :active',
        ExpressionAttributeNames: { '#active': 'active' },
        ExpressionAttributeValues: { ':active': { S: rosterImportKeys.activeKey } },
        ...(start && { ExclusiveStartKey: start }),
      });
      for (const item of page.Items ?? []) ids.push(item.pk?.S as string);
      start = page.LastEvaluatedKey;
    } while (start);
    return ids;
  },

  async lease(id, holder, until, now, chunkRows) {
    try {
      const out = await ddb.updateItem({
        TableName: table(),
        Key: jobKey(id),
        // Every lease is an attempt; a run that commits a chunk or pauses cleanly sets it back to 0.
        UpdateExpression:
          'SET #status = :running, leaseHolder = :holder, leaseUntil = :until, updatedAt = :at, chunkRows = if_not_exists(chunkRows, :rows), attempts = if_not_exists(attempts, :zero) + :one',
        ConditionExpression: '#status IN (:queued, :running) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseHolder = :holder)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':running': { S: 'running' },
          ':queued': { S: 'queued' },
          ':holder': { S: holder },
          ':until': { N: String(until.getTime()) },
          ':now': { N: String(now.getTime()) },
          ':at': { S: now.toISOString() },
          ':rows': { N: String(chunkRows) },
          ':zero': { N: '0' },
          ':one': { N: '1' },
        },
        ReturnValues: 'ALL_NEW',
      });
      return out.Attributes ? { ...toJob(out.Attributes), attempts: Number(out.Attributes.attempts?.N ?? 1) } : null;
    } catch (err) {
      if (isConditionFailure(err)) return null;
      throw err;
    }
  },

  async commitChunk(id, holder, chunk, at) {
    const adds = Object.entries(COUNT_ATTRIBUTES).map(([k, attr]) => ({ attr, value: chunk.counts[k as keyof ImportCounts] }));
    const moveCursor = {
      TableName: table(),
      Key: jobKey(id),
      ConditionExpression: 'leaseHolder = :holder',
      ExpressionAttributeValues: {
        ':holder': { S: holder },
        ':cursor': { N: String(chunk.cursor) },
        ':at': { S: at.toISOString() },
      } as Record<string, AttributeValue>,
    };
    const outcome = await runTransaction(() => [
      {
        Put: {
          TableName: table(),
          Item: marshall({ pk: id, sk: rosterImportKeys.chunk(chunk.index), ...chunk.counts, cursor: chunk.cursor, at: at.toISOString() }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          ...moveCursor,
          // A committed chunk is progress: the run's attempt does not count against the job.
          UpdateExpression: `SET #cursor = :cursor, updatedAt = :at, attempts = :zero ADD ${adds.map((a, n) => `${a.attr} :n${n}`).join(', ')}`,
          ExpressionAttributeNames: { '#cursor': 'cursor' },
          ExpressionAttributeValues: {
            ...moveCursor.ExpressionAttributeValues,
            ':zero': { N: '0' },
            ...Object.fromEntries(adds.map((a, n) => [`:n${n}`, { N: String(a.value) }])),
          },
        },
      },
    ]);
    if (outcome.kind === 'done') return 'committed';
    if (outcome.failed.includes(1)) return 'lease-lost';
    // The chunk's counts are in already (an earlier run committed it): only the cursor moves.
    try {
      await ddb.updateItem({ ...moveCursor, UpdateExpression: 'SET #cursor = :cursor, updatedAt = :at', ExpressionAttributeNames: { '#cursor': 'cursor' } });
      return 'already-committed';
    } catch (again) {
      if (isConditionFailure(again)) return 'lease-lost';
      throw again;
    }
  },

  async writeRows(id, rows) {
    await batchPutRaw(
      table(),
      rows.map((row) => marshall({ pk: id, sk: rosterImportKeys.row(row.row), ...row }, { removeUndefinedValues: true, convertClassInstanceToMap: true })),
    );
  },

  async finish(id, holder, end, at) {
    await ddb.updateItem({
      TableName: table(),
      Key: jobKey(id),
      UpdateExpression: `SET #status = :status, finishedAt = :at, updatedAt = :at, ignoredColumns = :ignored${end.failure ? ', failure = :failure' : ''} REMOVE #active, leaseHolder, leaseUntil`,
      ConditionExpression: 'leaseHolder = :holder',
      ExpressionAttributeNames: { '#status': 'status', '#active': 'active' },
      ExpressionAttributeValues: {
        ':status': { S: end.status },
        ':at': { S: at.toISOString() },
        ':holder': { S: holder },
        ':ignored': { L: end.ignoredColumns.map((c) => ({ S: c })) },
        ...(end.failure && { ':failure': { S: end.failure } }),
      },
    });
  },

  async release(id, holder, ignoredColumns, at, how = 'paused') {
    try {
      await ddb.updateItem({
        TableName: table(),
        Key: jobKey(id),
        // A clean pause (time up) does not count as an attempt; a run that failed does.
        UpdateExpression: `SET updatedAt = :at, ignoredColumns = :ignored${how === 'paused' ? ', attempts = :zero' : ''} REMOVE leaseHolder, leaseUntil`,
        ConditionExpression: 'leaseHolder = :holder',
        ExpressionAttributeValues: {
          ':at': { S: at.toISOString() },
          ':holder': { S: holder },
          ':ignored': { L: ignoredColumns.map((c) => ({ S: c })) },
          ...(how === 'paused' && { ':zero': { N: '0' } }),
        },
      });
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  },

  async reportPage(id, after, limit) {
    const out = await ddb.query({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': { S: id },
        ':from': { S: after === null ? rosterImportKeys.rowPrefix : rosterImportKeys.row(after + 1) },
        ':to': { S: `${rosterImportKeys.rowPrefix}~` },
      },
      Limit: limit,
      ConsistentRead: true,
    });
    const rows = (out.Items ?? []).map(toReportRow);
    return { rows, last: out.LastEvaluatedKey ? (rows[rows.length - 1]?.row ?? null) : null };
  },

  async applyChange(id, row, roster, audit, at) {
    const outcome = await runTransaction(() => [
      ...(roster.items as TransactionItems),
      {
        Update: {
          TableName: table(),
          Key: { pk: { S: id }, sk: { S: rosterImportKeys.row(row.row) } },
          UpdateExpression: 'SET #status = :applied, appliedAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':applied': { S: 'applied' }, ':pending': { S: 'pending' }, ':at': { S: at.toISOString() } },
        },
      },
      {
        Update: {
          TableName: table(),
          Key: jobKey(id),
          UpdateExpression: 'SET updatedAt = :at ADD changesApplied :one',
          ExpressionAttributeValues: { ':at': { S: at.toISOString() }, ':one': { N: '1' } },
        },
      },
      auditPut(audit),
    ]);
    return outcome.kind === 'done' ? 'applied' : 'stale';
  },

  async markStale(id, row) {
    try {
      await ddb.updateItem({
        TableName: table(),
        Key: { pk: { S: id }, sk: { S: rosterImportKeys.row(row) } },
        UpdateExpression: 'SET #status = :stale',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':stale': { S: 'stale' }, ':pending': { S: 'pending' } },
      });
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  },
};
