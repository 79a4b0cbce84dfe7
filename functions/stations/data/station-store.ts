import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { auditPut } from '../../audit';
import { config } from '../../kernel/config';
import { ddb } from '../../kernel/data/client';
import { runTransaction, type TransactionItem } from '../../kernel/data/transactions';
import { cellOf } from '../domain/geo';
import type { StoredStation } from '../domain/types';
import type { StationStore } from '../services/ports';
import { stationKeys } from './keys';

/**
 * The stations table (partition `id`; byCell: `cell`, `id`; byCity: `city`, `name`): one item per
 * station, its fields as JSON (`body`) beside the attributes the indexes and conditions use.
 */
const table = () => `${config().tablePrefix}stations`;
type Raw = Record<string, AttributeValue>;
const m = (value: Record<string, unknown>): Raw => marshall(value, { removeUndefinedValues: true });

function itemOf(s: StoredStation): Record<string, unknown> {
  const { version, ...body } = s;
  return { ...stationKeys.station(s.id), cell: cellOf(s.location), city: s.city, name: s.name, body: JSON.stringify(body), version };
}
const toStation = (raw: Record<string, unknown>): StoredStation => ({ ...(JSON.parse(raw.body as string) as Omit<StoredStation, 'version'>), version: raw.version as number });

async function queryIndex(index: 'byCell' | 'byCity', key: 'cell' | 'city', value: string): Promise<StoredStation[]> {
  const out: StoredStation[] = [];
  let start: Raw | undefined;
  do {
    const page = await ddb.query({
      TableName: table(),
      IndexName: index,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': key },
      ExpressionAttributeValues: m({ ':v': value }),
      ExclusiveStartKey: start,
    });
    out.push(...(page.Items ?? []).map((i) => toStation(unmarshall(i))));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

async function committed(items: TransactionItem[], name: string): Promise<boolean> {
  return (await runTransaction(items, { name })).kind === 'done';
}

const atVersion = (s: StoredStation) => ({ ConditionExpression: 'version = :v', ExpressionAttributeValues: m({ ':v': s.version }) });

export const stationStore: StationStore = {
  async create(station, audit) {
    const put = { Put: { TableName: table(), Item: m(itemOf(station)), ConditionExpression: 'attribute_not_exists(id)' } };
    if (!(await committed([put, auditPut(audit)], 'station.create'))) throw new Error(`station ${station.id} exists already`);
  },
  async get(id) {
    const out = await ddb.getItem({ TableName: table(), Key: m(stationKeys.station(id)), ConsistentRead: true });
    return out.Item ? toStation(unmarshall(out.Item)) : null;
  },
  async save(station, audit) {
    const put = { Put: { TableName: table(), Item: m(itemOf({ ...station, version: station.version + 1 })), ...atVersion(station) } };
    return committed([put, auditPut(audit)], 'station.save');
  },
  async remove(station, audit) {
    const del = { Delete: { TableName: table(), Key: m(stationKeys.station(station.id)), ...atVersion(station) } };
    return committed([del, auditPut(audit)], 'station.remove');
  },
  async inCells(cells) {
    return (await Promise.all(cells.map((c) => queryIndex('byCell', 'cell', c)))).flat();
  },
  async inCity(city) {
    return queryIndex('byCity', 'city', city);
  },
};
