import { Console } from 'node:console';
import { AsyncLocalStorage } from 'node:async_hooks';
import { maskIdNumber, maskName, maskPhone } from './masking';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** What every line written while serving one request carries (set by http.ts endpoint()). */
export interface LogContext {
  requestId: string;
  route?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `ctx` added to every line it (and whatever it awaits) writes. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return context.run(ctx, fn);
}

/** An ID number not inside a longer run of digits (letters around it do not hide it: `x4601…`). */
const ID_LIKE = /(?<!\d)\d{17}[\dXx](?!\d)/g;
/** A mainland mobile number not inside a longer run of digits. */
const PHONE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/** A bank card number (16–19 digits; an 18-digit run is masked as an ID number first): the last four kept. */
const CARD_LIKE = /(?<!\d)\d{16,19}(?!\d)/g;
const maskCard = (digits: string) => '*'.repeat(digits.length - 4) + digits.slice(-4);
/** A run of Chinese characters: in a thrown error's text it is data (a name, an org), never ours. */
const CHINESE_RUN = /[\u3400-\u9fff]+/g;
/** Fields that hold a phone number whatever it looks like (country code, spaces). */
const PHONE_FIELDS = new Set(['phone', 'phoneNumber', 'purePhoneNumber', 'mobile']);

/**
 * A thrown error as its name, message and stack only: other properties (an SDK error's request, a
 * dynamoose item, `cause`) are left out, and Chinese text in the message and stack is masked like a
 * name, since errors of our own making are worded in English.
 */
function serialiseError(err: unknown): unknown {
  if (err instanceof Error) {
    const mask = (text: string | undefined) => text?.replace(CHINESE_RUN, (run) => maskName(run));
    return { name: err.name, message: mask(err.message), stack: mask(err.stack) };
  }
  if (err === null || typeof err !== 'object') return err;
  return { thrown: Array.isArray(err) ? 'array' : 'object' };
}

/** Fields named after a phone or ID number are masked whatever their shape, at any depth. */
function maskFields(value: unknown, depth = 0): unknown {
  // A number shaped like a mobile or ID number is masked here, as a string: masking it in the JSON
  // text would break the line. (Other numbers, e.g. instants in ms, are left alone.)
  if (typeof value === 'number' && Number.isInteger(value)) {
    const digits = String(value);
    if (/^1[3-9]\d{9}$/.test(digits)) return maskPhone(digits);
    if (/^\d{17,18}$/.test(digits)) return maskIdNumber(digits);
  }
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && PHONE_FIELDS.has(key)) out[key] = v.includes('*') ? v : maskPhone(v.replace(/[\s()-]/g, ''));
    else if (typeof v === 'string' && key === 'idNumber') out[key] = maskIdNumber(v);
    else if (typeof v === 'string' && key === 'accountNumber') out[key] = maskCard(v.replace(/\D/g, '').padStart(4, '*'));
    else out[key] = maskFields(v, depth + 1);
  }
  return out;
}

/**
 * One JSON line per event (CloudWatch-friendly), with the request id and route of the request being
 * served. No personal data: fields named after a phone, ID or bank card number are masked, and the
 * whole line then passes through an ID-number, a card-number and a mobile-number mask (first 2 +
 * last 2, last 4, 3 + 4 characters kept), so one that slips into a message or an error is masked
 * before it is written.
 */
function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const threshold = ORDER[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? ORDER.info;
  if (ORDER[level] < threshold) return;
  const entry: Record<string, unknown> = { level, message, time: new Date().toISOString(), ...context.getStore() };
  for (const [key, value] of Object.entries(fields)) entry[key] = key === 'error' ? serialiseError(value) : value;
  const line = JSON.stringify(maskFields(entry))
    .replace(ID_LIKE, (m) => maskIdNumber(m))
    .replace(CARD_LIKE, (m) => maskCard(m))
    .replace(PHONE_LIKE, (m) => maskPhone(m));
  const out = lambdaConsole() ?? console;
  if (level === 'error' || level === 'warn') out.error(line);
  else out.log(line);
}

let rawConsole: Console | undefined;
/**
 * Inside a real Lambda, a Console on the process's own streams: the Node.js runtime patches the global
 * console to prefix every line with a timestamp, the request id and a level (its text log format),
 * which turns our JSON lines into text that CloudWatch's JSON metric filters (BindingRefused,
 * NoticeFailed, OutboxOldestAge) and Logs Insights no longer parse. Locally (serverless-offline sets
 * IS_OFFLINE) and in tests, the global console, so tests can watch it.
 */
function lambdaConsole(): Console | null {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME || process.env.IS_OFFLINE === 'true') return null;
  rawConsole ??= new Console({ stdout: process.stdout, stderr: process.stderr });
  return rawConsole;
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
