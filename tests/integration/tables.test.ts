import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  paginateListTables,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localClientConfig } from '../../scripts/lib/dynamodb-local';
import { projectRoot } from '../../scripts/lib/paths';
import { providerEnvironment } from '../../scripts/lib/serverless-config';
import { tableNames, tablePrefix } from '../../scripts/lib/tables';

/**
 * The tables the global setup created on DynamoDB Local against serverless.yml as the framework
 * itself resolves it (`serverless print`), so the local stack cannot drift from what deploys.
 */
interface DeployedTable {
  TableName: string;
  BillingMode?: string;
  KeySchema: Array<{ AttributeName: string; KeyType: string }>;
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
  GlobalSecondaryIndexes?: Array<{
    IndexName: string;
    KeySchema: Array<{ AttributeName: string; KeyType: string }>;
    Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
  }>;
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

/** The shell environment both resolvers get: the local plumbing set, the WeChat variables unset. */
const printEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:65000',
  LOCAL_SECRETS_FILE: '/tmp/secrets-for-print.json',
  WECHAT_APP_ID: '',
  WECHAT_API_BASE: '',
  SLS_TELEMETRY_DISABLED: '1',
};
let deployed: DeployedTable[] = [];
let provider: { environment: Record<string, string> };
const client = new DynamoDBClient(localClientConfig(inject('dynamodbEndpoint')));
const sortBy = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    join(projectRoot, 'node_modules', '.bin', 'serverless'),
    ['print', '--stage', 'test', '--format', 'json'],
    { cwd: projectRoot, env: printEnv, maxBuffer: 16 * 1024 * 1024 },
  );
  const printed = JSON.parse(stdout) as {
    provider: typeof provider;
    resources: { Resources: Record<string, { Type: string; Properties: DeployedTable }> };
  };
  provider = printed.provider;
  deployed = Object.values(printed.resources.Resources)
    .filter((r) => r.Type === 'AWS::DynamoDB::Table')
    .map((r) => r.Properties);
}, 60_000);

afterAll(() => client.destroy());

async function localTable(name: string): Promise<TableDescription> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  if (!Table) throw new Error(`no description for ${name}`);
  return Table;
}

describe('local tables (stage test) against serverless.yml', () => {
  it('resolves table names and the prefix as the framework does', () => {
    expect(deployed.length).toBeGreaterThan(0);
    expect(tableNames('test').sort()).toEqual(deployed.map((t) => t.TableName).sort());
    expect(tablePrefix('test')).toBe(provider.environment.TABLE_PREFIX);
    expect(inject('tablePrefix')).toBe(provider.environment.TABLE_PREFIX);
  });

  it('resolves provider.environment (what the seed runs with) as the framework does', () => {
    expect(providerEnvironment('test', printEnv)).toEqual(provider.environment);
  });

  it('has exactly the tables serverless.yml declares for the stage', async () => {
    const names: string[] = [];
    for await (const page of paginateListTables({ client }, {})) names.push(...(page.TableNames ?? []));
    const prefix = provider.environment.TABLE_PREFIX ?? '';
    expect(names.filter((n) => n.startsWith(prefix)).sort()).toEqual(deployed.map((t) => t.TableName).sort());
  });

  it('has the same keys, attribute types and billing mode', async () => {
    for (const table of deployed) {
      const local = await localTable(table.TableName);
      expect(local.KeySchema, table.TableName).toEqual(table.KeySchema);
      expect(sortBy(local.AttributeDefinitions ?? [], (a) => a.AttributeName ?? ''), table.TableName).toEqual(
        sortBy(table.AttributeDefinitions, (a) => a.AttributeName),
      );
      expect(local.BillingModeSummary?.BillingMode ?? 'PROVISIONED', table.TableName).toBe(table.BillingMode ?? 'PROVISIONED');
    }
  });

  it('has the same global secondary indexes', async () => {
    for (const table of deployed) {
      const local = await localTable(table.TableName);
      const summary = (gsis: NonNullable<DeployedTable['GlobalSecondaryIndexes']>) =>
        sortBy(
          gsis.map((g) => ({
            IndexName: g.IndexName,
            KeySchema: g.KeySchema,
            ProjectionType: g.Projection.ProjectionType,
            NonKeyAttributes: [...(g.Projection.NonKeyAttributes ?? [])].sort(),
          })),
          (g) => g.IndexName,
        );
      const localGsis = (local.GlobalSecondaryIndexes ?? []).map((g) => ({
        IndexName: g.IndexName ?? '',
        KeySchema: (g.KeySchema ?? []).map((k) => ({ AttributeName: k.AttributeName ?? '', KeyType: k.KeyType ?? '' })),
        Projection: { ProjectionType: g.Projection?.ProjectionType ?? '', NonKeyAttributes: g.Projection?.NonKeyAttributes ?? [] },
      }));
      expect(summary(localGsis), table.TableName).toEqual(summary(table.GlobalSecondaryIndexes ?? []));
    }
  });

  it('has TTL enabled on the attribute serverless.yml names, and only there', async () => {
    for (const table of deployed) {
      const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: table.TableName }));
      if (table.TimeToLiveSpecification?.Enabled) {
        expect(ttl?.TimeToLiveStatus, table.TableName).toBe('ENABLED');
        expect(ttl?.AttributeName, table.TableName).toBe(table.TimeToLiveSpecification.AttributeName);
      } else {
        expect(ttl?.TimeToLiveStatus ?? 'DISABLED', table.TableName).toBe('DISABLED');
      }
    }
  });
});
