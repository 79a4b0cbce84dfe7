import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { freePort } from '../scripts/lib/ports';
import { ensureSecretsFile } from '../scripts/lib/secrets-file';
import { startStack } from '../scripts/lib/stack';

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'probe-'));
  const secretsFile = join(tmp, 's.json'); ensureSecretsFile(secretsFile);
  const stack = await startStack({ stage: 'test', secretsFile, dynamodb: { port: await freePort() } });
  const ddb = new DynamoDB({ endpoint: stack.dynamodbEndpoint, region: 'cn-northwest-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const T = `${stack.tablePrefix}guards`;
  const N = 3000;
  let k = 0;
  const put = (p: string) => ({ Put: { TableName: T, Item: { key: { S: `${p}#${k++}` }, owner: { S: 'x' } }, ConditionExpression: 'attribute_not_exists(#k)', ExpressionAttributeNames: { '#k': 'key' } } });
  async function pool(n: number, tasks: Array<() => Promise<unknown>>) { const q = [...tasks]; await Promise.all(Array.from({ length: n }, async () => { for (let t = q.shift(); t; t = q.shift()) await t(); })); }
  for (const [label, rowsPerTx, par] of [['warm', 25, 16], ['tx 25', 25, 16], ['tx 25', 25, 8], ['tx 33', 33, 16]] as const) {
    const t0 = Date.now();
    const tasks = Array.from({ length: N / rowsPerTx }, () => () => ddb.transactWriteItems({ TransactItems: Array.from({ length: rowsPerTx * 3 }, () => put(label)) }));
    await pool(par, tasks);
    console.log(label, 'par', par, ((N / (Date.now() - t0)) * 1000).toFixed(0), 'rows/s');
  }
  { const t0 = Date.now();
    const tasks = Array.from({ length: (N * 3) / 25 }, () => () => ddb.batchWriteItem({ RequestItems: { [T]: Array.from({ length: 25 }, () => ({ PutRequest: { Item: { key: { S: `b#${k++}` } } } })) } }));
    await pool(8, tasks);
    console.log('batchWrite 3 items/row', ((N / (Date.now() - t0)) * 1000).toFixed(0), 'rows/s'); }
  { const t0 = Date.now();
    const tasks = Array.from({ length: N * 3 }, () => () => ddb.putItem({ ...put('p').Put }));
    await pool(32, tasks);
    console.log('conditional puts 3/row', ((N / (Date.now() - t0)) * 1000).toFixed(0), 'rows/s'); }
  for (const par of [16, 64]) { const t0 = Date.now();
    const tasks = Array.from({ length: N }, (_, i) => () => ddb.query({ TableName: `${stack.tablePrefix}members`, IndexName: 'byIdHash', KeyConditionExpression: 'idHash = :h', ExpressionAttributeValues: { ':h': { S: `h${i}` } }, Limit: 1 }));
    await pool(par, tasks);
    console.log('gsi queries par', par, ((N / (Date.now() - t0)) * 1000).toFixed(0), '/s'); }
  { const t0 = Date.now();
    const tasks = Array.from({ length: N / 50 }, (_, j) => () => ddb.batchGetItem({ RequestItems: { [T]: { Keys: Array.from({ length: 100 }, (_, i) => ({ key: { S: `b#${j * 100 + i}` } })) } } }));
    await pool(8, tasks);
    console.log('batchGet 2 keys/row', ((N / (Date.now() - t0)) * 1000).toFixed(0), 'rows/s'); }
  await stack.stop();
}
main();
