import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { config } from '../../kernel/config';
import { ddb } from '../../kernel/data/client';
import { refusedParts, runTransaction, type TransactionItem } from '../../kernel/data/transactions';
import type { Order, StoredOrderState } from '../domain/order';
import { orderKeys } from './keys';

const table = () => `${config().tablePrefix}orders`;

type OpenState = (typeof orderKeys.openStates)[number];
const isOpen = (state: StoredOrderState): state is OpenState => (orderKeys.openStates as readonly string[]).includes(state);

/** An order as stored: the domain's fields, plus the byOpen index keys while it is open. */
function itemOf(order: Order, openSince: number): Record<string, unknown> {
  return { ...order, ...(isOpen(order.state) ? { openKey: order.state, openSince } : {}) };
}

function orderOf(raw: Record<string, unknown>): Order {
  const { openKey: _k, openSince: _s, ...rest } = raw;
  return rest as unknown as Order;
}

const m = (value: Record<string, unknown>) => marshall(value, { removeUndefinedValues: true });

export const orderStore = {
  async get(id: string): Promise<Order | null> {
    const answer = await ddb.getItem({ TableName: table(), Key: m({ id }), ConsistentRead: true });
    return answer.Item ? orderOf(unmarshall(answer.Item)) : null;
  },

  /** A new order (refused when one exists). */
  createItem(order: Order, at: number): TransactWriteItem {
    return { Put: { TableName: table(), Item: m(itemOf(order, at)), ConditionExpression: 'attribute_not_exists(id)' } };
  },

  /** The order's next state (version + 1), refused unless the stored one is still `expected`'s version. */
  replaceItem(next: Order, expected: Pick<Order, 'version'>, at: number): TransactWriteItem {
    return {
      Put: {
        TableName: table(),
        Item: m(itemOf({ ...next, version: expected.version + 1 }, at)),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: m({ ':v': expected.version }),
      },
    };
  },

  /** Runs a transaction of order, place and audit items; `refused` names the parts whose condition failed. */
  async run<Part extends string>(items: TransactionItem[], parts: readonly Part[], name: string): Promise<{ kind: 'done' } | { kind: 'refused'; parts: Part[] }> {
    const outcome = await runTransaction(items, { name });
    return outcome.kind === 'done' ? outcome : { kind: 'refused', parts: refusedParts(outcome.failed, parts) };
  },

  /** 我的订单: the member's orders, newest first. */
  async listForMember(memberId: string, limit: number): Promise<Order[]> {
    const answer = await ddb.query({
      TableName: table(),
      IndexName: 'byMember',
      KeyConditionExpression: 'memberId = :m',
      ExpressionAttributeValues: m({ ':m': memberId }),
      ScanIndexForward: false,
      Limit: limit,
    });
    return (answer.Items ?? []).map((i) => orderOf(unmarshall(i)));
  },

  /** Orders in an open state that entered it before `before`, oldest first. */
  async open(state: OpenState, before: number, limit: number): Promise<Order[]> {
    const answer = await ddb.query({
      TableName: table(),
      IndexName: 'byOpen',
      KeyConditionExpression: 'openKey = :k AND openSince < :before',
      ExpressionAttributeValues: m({ ':k': state, ':before': before }),
      Limit: limit,
    });
    return (answer.Items ?? []).map((i) => orderOf(unmarshall(i)));
  },
};

export type OrderStore = typeof orderStore;
