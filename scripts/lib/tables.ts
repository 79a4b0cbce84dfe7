import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type StreamSpecification,
  type TableDescription,
  type TimeToLiveSpecification,
} from '@aws-sdk/client-dynamodb';
import { localClientConfig } from './dynamodb-local';
import { StackStartError } from './errors';
import { readServerlessFile, resolveVariables, SHARED_FILE, TABLES_FILE } from './serverless-config';

/**
 * The DynamoDB tables as the platform stack deploys them, read from infra/tables.yml itself (one
 * source of truth, also included by the root serverless.yml) and created on DynamoDB Local with the
 * parts it understands.
 */
export interface TableSpec {
  /** The CloudFormation logical id, e.g. "MembersTable". */
  logicalId: string;
  create: CreateTableCommandInput & { TableName: string };
  ttl?: TimeToLiveSpecification;
}

/** What provider.environment.TABLE_PREFIX resolves to for `stage`. */
export function tablePrefix(stage: string, file = SHARED_FILE): string {
  const doc = readServerlessFile(file);
  const raw = doc.provider?.environment?.TABLE_PREFIX;
  const prefix = typeof raw === 'string' ? resolveVariables(raw, doc, stage, {}) : '';
  if (!prefix) throw new StackStartError('infra/shared.yml 的 provider.environment 中没有 TABLE_PREFIX。');
  return prefix;
}

export function readTableSpecs(stage: string, file = TABLES_FILE): TableSpec[] {
  const doc = readServerlessFile(SHARED_FILE);
  const resources = readServerlessFile(file).Resources ?? {};
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, r]) => {
      const p = (r.Properties ?? {}) as {
        TableName?: string;
        BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
        KeySchema: KeySchemaElement[];
        AttributeDefinitions: AttributeDefinition[];
        GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
        LocalSecondaryIndexes?: LocalSecondaryIndex[];
        ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
        StreamSpecification?: { StreamViewType: StreamSpecification['StreamViewType'] };
        TimeToLiveSpecification?: TimeToLiveSpecification;
      };
      if (!p.TableName) throw new StackStartError(`serverless.yml 的 ${logicalId} 没有 TableName：本地无法创建它。`);
      const billingMode = p.BillingMode ?? 'PROVISIONED';
      const throughput = billingMode === 'PROVISIONED' ? p.ProvisionedThroughput : undefined;
      const create: TableSpec['create'] = {
        TableName: resolveVariables(p.TableName, doc, stage, {}),
        BillingMode: billingMode,
        KeySchema: p.KeySchema,
        AttributeDefinitions: p.AttributeDefinitions,
        ...(throughput && { ProvisionedThroughput: throughput }),
        ...(p.GlobalSecondaryIndexes && {
          GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map((gsi) => ({
            IndexName: gsi.IndexName,
            KeySchema: gsi.KeySchema,
            Projection: gsi.Projection,
            ...(throughput && { ProvisionedThroughput: gsi.ProvisionedThroughput ?? throughput }),
          })),
        }),
        ...(p.LocalSecondaryIndexes && {
          LocalSecondaryIndexes: p.LocalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({
            IndexName,
            KeySchema,
            Projection,
          })),
        }),
        ...(p.StreamSpecification && {
          StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType },
        }),
      };
      return { logicalId, create, ...(p.TimeToLiveSpecification && { ttl: p.TimeToLiveSpecification }) };
    });
}

/** The table names serverless.yml gives `stage`. */
export function tableNames(stage: string, file = TABLES_FILE): string[] {
  return readTableSpecs(stage, file).map((t) => t.create.TableName);
}

export interface EnsureTablesResult {
  created: string[];
  existing: string[];
  /** Existing tables whose stream was enabled just now (their earlier items are in no stream). */
  streamsEnabled: string[];
}

async function describe(client: DynamoDBClient, TableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName }))).Table;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

const keyText = (keys: KeySchemaElement[] | undefined) => (keys ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');

/**
 * Creates the tables of `stage` that are absent, adds GSIs that serverless.yml gained since, and
 * enables TTL where declared. Existing data is never touched.
 */
export async function ensureTables(endpoint: string, stage: string, file = TABLES_FILE): Promise<EnsureTablesResult> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const result: EnsureTablesResult = { created: [], existing: [], streamsEnabled: [] };
  try {
    for (const spec of readTableSpecs(stage, file)) {
      const { TableName } = spec.create;
      const current = await describe(client, TableName);
      if (!current) {
        await client.send(new CreateTableCommand(spec.create));
        result.created.push(TableName);
      } else {
        result.existing.push(TableName);
        if (keyText(current.KeySchema) !== keyText(spec.create.KeySchema)) {
          throw new StackStartError(
            `本地表 ${TableName} 的主键（${keyText(current.KeySchema)}）与 serverless.yml（${keyText(spec.create.KeySchema)}）不一致：请删除本地数据后重新启动。`,
          );
        }
        // A stream serverless.yml gained since (the dashboard's counters follow it from then on).
        const stream = spec.create.StreamSpecification;
        if (stream?.StreamEnabled && !current.StreamSpecification?.StreamEnabled) {
          await client.send(new UpdateTableCommand({ TableName, StreamSpecification: stream }));
          result.streamsEnabled.push(TableName);
        }
        const present = new Set((current.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
        for (const gsi of spec.create.GlobalSecondaryIndexes ?? []) {
          if (present.has(gsi.IndexName)) continue;
          await client.send(
            new UpdateTableCommand({
              TableName,
              AttributeDefinitions: spec.create.AttributeDefinitions,
              GlobalSecondaryIndexUpdates: [{ Create: gsi }],
            }),
          );
        }
      }
      if (spec.ttl?.Enabled && spec.ttl.AttributeName) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName }));
        const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
        if (status !== 'ENABLED' && status !== 'ENABLING') {
          await client.send(
            new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: spec.ttl.AttributeName, Enabled: true } }),
          );
        }
      }
    }
  } finally {
    client.destroy();
  }
  return result;
}
