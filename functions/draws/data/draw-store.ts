import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { auditPut, type AuditEntry } from '../../audit';
import { config } from '../../kernel/config';
import { ddb } from '../../kernel/data/client';
import { isConditionFailure, refusedParts, runTransaction, type TransactionItem } from '../../kernel/data/transactions';
import type { TicketOutcome } from '../contracts/draws';
import type { Attempt, Bank, DaySecret, Draw, Ticket } from '../domain/types';
import type { BankStore, DrawStore, Refused } from '../services/ports';
import { drawKeys } from './keys';

/**
 * The draws table (partition `pk`, sort `sk`, keys in keys.ts; index byList): banks, draws, their day
 * secrets, the members' day counts, entries, tickets and attempts. Written with the SDK directly:
 * banks, draws and attempts keep their domain object as JSON (`body`) beside the attributes their
 * conditions test (`status`, `entries`, `version`, `state`).
 */
const table = () => `${config().tablePrefix}draws`;
type Raw = Record<string, AttributeValue>;
type Key = { pk: string; sk: string };

const m = (value: Record<string, unknown>): Raw => marshall(value, { removeUndefinedValues: true });
const keyOf = (key: Key): Raw => m(key);

async function getRaw(key: Key, consistent = true): Promise<Record<string, unknown> | null> {
  const out = await ddb.getItem({ TableName: table(), Key: keyOf(key), ConsistentRead: consistent });
  return out.Item ? unmarshall(out.Item) : null;
}

/** Every item of a query, page after page. */
async function queryAll(input: { index?: string; key: string; value: string; sortPrefix?: string }): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let start: Raw | undefined;
  const [hash, range] = input.index ? ['listKey', 'listSort'] : ['pk', 'sk'];
  do {
    const page = await ddb.query({
      TableName: table(),
      ...(input.index ? { IndexName: input.index } : { ConsistentRead: true }),
      KeyConditionExpression: input.sortPrefix ? '#h = :h AND begins_with(#r, :p)' : '#h = :h',
      ExpressionAttributeNames: { '#h': hash!, ...(input.sortPrefix ? { '#r': range! } : {}) },
      ExpressionAttributeValues: m({ ':h': input.value, ...(input.sortPrefix ? { ':p': input.sortPrefix } : {}) }),
      ExclusiveStartKey: start,
    });
    out.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

const put = (item: Record<string, unknown>, condition?: string, values?: Record<string, unknown>, names?: Record<string, string>): TransactWriteItem => ({
  Put: {
    TableName: table(),
    Item: m(item),
    ...(condition ? { ConditionExpression: condition } : {}),
    ...(values ? { ExpressionAttributeValues: m(values) } : {}),
    ...(names ? { ExpressionAttributeNames: names } : {}),
  },
});

const update = (key: Key, expression: string, values: Record<string, unknown>, condition?: string, names?: Record<string, string>): TransactWriteItem => ({
  Update: {
    TableName: table(),
    Key: keyOf(key),
    UpdateExpression: expression,
    ExpressionAttributeValues: m(values),
    ...(condition ? { ConditionExpression: condition } : {}),
    ...(names ? { ExpressionAttributeNames: names } : {}),
  },
});

const check = (key: Key, condition: string, values?: Record<string, unknown>, names?: Record<string, string>): TransactWriteItem => ({
  ConditionCheck: {
    TableName: table(),
    Key: keyOf(key),
    ConditionExpression: condition,
    ...(values ? { ExpressionAttributeValues: m(values) } : {}),
    ...(names ? { ExpressionAttributeNames: names } : {}),
  },
});

const NEW = 'attribute_not_exists(pk)';

async function run<Part extends string>(items: TransactionItem[], parts: Array<Part | null>, name: string): Promise<Refused<Part>> {
  const outcome = await runTransaction(items, { name });
  if (outcome.kind === 'done') return outcome;
  return { kind: 'refused', parts: refusedParts(outcome.failed, parts).filter((p): p is Part => p !== null) };
}

// ---------------------------------------------------------------------------------------------
// Banks

function bankItem(bank: Bank) {
  const { version, ...body } = bank;
  return { ...drawKeys.bank(bank.id), listKey: drawKeys.banksList, listSort: `${String(bank.createdAt).padStart(15, '0')}#${bank.id}`, body: JSON.stringify(body), version };
}
const toBank = (raw: Record<string, unknown>): Bank => ({ ...(JSON.parse(raw.body as string) as Omit<Bank, 'version'>), version: raw.version as number });

export const bankStore: BankStore = {
  async create(bank, audit) {
    await run([put(bankItem(bank), NEW), auditPut(audit)], [], 'bank.create');
  },
  async get(id) {
    const raw = await getRaw(drawKeys.bank(id));
    return raw ? toBank(raw) : null;
  },
  async list() {
    return (await queryAll({ index: 'byList', key: 'listKey', value: drawKeys.banksList })).map(toBank);
  },
  async save(bank, audit) {
    const next = { ...bank, version: bank.version + 1 };
    const outcome = await run([put(bankItem(next), 'version = :v', { ':v': bank.version }), auditPut(audit)], ['bank'], 'bank.save');
    return outcome.kind === 'done';
  },
};

// ---------------------------------------------------------------------------------------------
// Draws

function drawItem(draw: Draw) {
  const { version, status, entries, ...body } = draw;
  return { ...drawKeys.draw(draw.id), body: JSON.stringify(body), status, entries, version };
}
const toDraw = (raw: Record<string, unknown>): Draw => {
  // Draws drawn before the results were recomputed kept winners and waitlist in the body: dropped.
  const { winners: _w, waitlist: _q, ...body } = JSON.parse(raw.body as string) as Omit<Draw, 'version' | 'status' | 'entries'> & { winners?: unknown; waitlist?: unknown };
  return { ...body, status: raw.status as Draw['status'], entries: raw.entries as number, version: raw.version as number };
};

function ticketItem(t: Ticket) {
  return {
    ...drawKeys.ticket(t.drawId, t.ticket),
    listKey: drawKeys.myTickets(t.drawId, t.memberId),
    listSort: `${String(t.at).padStart(15, '0')}#${t.ticket}`,
    ...t,
  };
}
const toTicket = (raw: Record<string, unknown>): Ticket => ({
  drawId: raw.drawId as string,
  ticket: raw.ticket as string,
  day: (raw.day as string | undefined) ?? null,
  pool: raw.pool as string,
  memberId: raw.memberId as string,
  regionCode: (raw.regionCode as string | undefined) ?? null,
  attemptId: (raw.attemptId as string | undefined) ?? null,
  outcome: raw.outcome as TicketOutcome,
  couponId: (raw.couponId as string | undefined) ?? null,
  at: raw.at as number,
});

const attemptItem = (a: Attempt) => ({ ...drawKeys.attempt(a.id), body: JSON.stringify(a), state: a.state });
const toAttempt = (raw: Record<string, unknown>): Attempt => JSON.parse(raw.body as string) as Attempt;
/** The attempt open → its new state, once. */
const closeAttempt = (a: Attempt) => update(drawKeys.attempt(a.id), 'SET body = :b, #s = :s', { ':b': JSON.stringify(a), ':s': a.state, ':open': 'open' }, '#s = :open', { '#s': 'state' });

const toSecret = (raw: Record<string, unknown>): DaySecret => ({
  day: raw.day as string,
  secret: raw.secret as string,
  commitment: raw.commitment as string,
  winRate: raw.winRate as number,
});

export const drawStore: DrawStore = {
  async create(draw, secrets, attach, audit) {
    const items: TransactionItem[] = [
      put(drawItem(draw), NEW),
      put({ ...drawKeys.benefitDraw(draw.benefitId), drawId: draw.id }, NEW),
      attach,
      ...secrets.map((s) => put({ ...drawKeys.daySecret(draw.id, s.day), ...s }, NEW)),
      auditPut(audit),
    ];
    return run(items, ['draw', 'draw', 'benefit'], 'draw.create');
  },

  async get(id) {
    const raw = await getRaw(drawKeys.draw(id));
    return raw ? toDraw(raw) : null;
  },

  async daySecrets(drawId) {
    return (await queryAll({ key: 'pk', value: drawKeys.draw(drawId).pk, sortPrefix: drawKeys.daySecretPrefix })).map(toSecret);
  },

  async daySecret(drawId, day) {
    const raw = await getRaw(drawKeys.daySecret(drawId, day));
    return raw ? toSecret(raw) : null;
  },

  async dayCount(drawId, day, memberId) {
    const raw = await getRaw(drawKeys.dayCount(drawId, day, memberId));
    return { attempts: (raw?.attempts as number | undefined) ?? 0, wins: (raw?.wins as number | undefined) ?? 0 };
  },

  async startAttempt(attempt, attemptsPerDay, scheduled) {
    const items: TransactionItem[] = [
      update(
        drawKeys.dayCount(attempt.drawId, attempt.day, attempt.memberId),
        'ADD attempts :one',
        { ':one': 1, ':max': attemptsPerDay },
        'attribute_not_exists(attempts) OR attempts < :max',
      ),
      put(attemptItem(attempt), NEW),
    ];
    const parts: Array<'attempts' | 'attempt' | 'draw' | 'entered'> = ['attempts', 'attempt'];
    if (scheduled) {
      items.push(check(drawKeys.draw(attempt.drawId), '#s = :open', { ':open': 'open' }, { '#s': 'status' }));
      items.push(check(drawKeys.entrant(attempt.drawId, attempt.memberId), NEW));
      parts.push('draw', 'entered');
    }
    return run(items, parts, 'quiz.start');
  },

  async getAttempt(id) {
    const raw = await getRaw(drawKeys.attempt(id));
    return raw ? toAttempt(raw) : null;
  },

  async finishAttempt(attempt) {
    return run([closeAttempt(attempt)], ['attempt'], 'quiz.finish');
  },

  async passInstant(attempt, ticket, win) {
    const items: TransactionItem[] = [closeAttempt(attempt), put(ticketItem(ticket), NEW)];
    const parts: Array<'attempt' | 'ticket' | 'wins'> = ['attempt', 'ticket'];
    if (win) {
      items.push(
        update(
          drawKeys.dayCount(attempt.drawId, attempt.day, attempt.memberId),
          'ADD wins :one',
          { ':one': 1, ':max': win.maxWins },
          'attribute_not_exists(wins) OR wins < :max',
        ),
      );
      parts.push('wins');
    }
    return run(items, parts, 'draw.instant');
  },

  async enter(ticket, attempt) {
    const items: TransactionItem[] = [];
    const parts: Array<'attempt' | 'entrant' | 'ticket' | 'draw'> = [];
    if (attempt) {
      items.push(closeAttempt(attempt));
      parts.push('attempt');
    }
    items.push(put({ ...drawKeys.entrant(ticket.drawId, ticket.memberId), ticket: ticket.ticket }, NEW));
    items.push(put(ticketItem(ticket), NEW));
    items.push(update(drawKeys.draw(ticket.drawId), 'ADD entries :one', { ':one': 1, ':open': 'open' }, '#s = :open', { '#s': 'status' }));
    parts.push('entrant', 'ticket', 'draw');
    return run(items, parts, 'draw.enter');
  },

  async setOutcome(drawId, ticket, outcome, couponId) {
    await ddb.updateItem({
      TableName: table(),
      Key: keyOf(drawKeys.ticket(drawId, ticket)),
      UpdateExpression: couponId ? 'SET outcome = :o, couponId = :c' : 'SET outcome = :o',
      ExpressionAttributeValues: m({ ':o': outcome, ...(couponId ? { ':c': couponId } : {}) }),
      ConditionExpression: 'attribute_exists(pk)',
    });
  },

  async claimWaitlisted(drawId, ticket) {
    try {
      await ddb.updateItem({
        TableName: table(),
        Key: keyOf(drawKeys.ticket(drawId, ticket)),
        UpdateExpression: 'SET outcome = :pending',
        ConditionExpression: 'outcome = :waitlist',
        ExpressionAttributeValues: m({ ':pending': 'pending', ':waitlist': 'waitlist' }),
      });
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },

  async returnWin(drawId, day, memberId) {
    await ddb.updateItem({
      TableName: table(),
      Key: keyOf(drawKeys.dayCount(drawId, day, memberId)),
      UpdateExpression: 'ADD wins :minus',
      ExpressionAttributeValues: m({ ':minus': -1, ':zero': 0 }),
      ConditionExpression: 'wins > :zero',
    }).catch((err: unknown) => {
      if (!isConditionFailure(err)) throw err;
    });
  },

  async tickets(drawId) {
    return (await queryAll({ key: 'pk', value: drawKeys.draw(drawId).pk, sortPrefix: drawKeys.ticketPrefix })).map(toTicket);
  },

  async myTickets(drawId, memberId) {
    return (await queryAll({ index: 'byList', key: 'listKey', value: drawKeys.myTickets(drawId, memberId) })).map(toTicket);
  },

  async update(draw, expected, audit) {
    const next = { ...draw, version: expected.version + 1, entries: expected.entries };
    const outcome = await run(
      [
        put(drawItem(next), 'version = :v AND #s = :s AND entries = :n', { ':v': expected.version, ':s': expected.status, ':n': expected.entries }, { '#s': 'status' }),
        auditPut(audit),
      ],
      ['draw'],
      'draw.update',
    );
    return outcome.kind === 'done';
  },
};
