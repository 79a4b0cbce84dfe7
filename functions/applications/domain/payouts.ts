import { AppError } from '../../kernel/errors';
import {
  BATCH_MAX_LINES,
  PAYOUT_FAILURE_LABELS,
  type BatchStatus,
  type LineResult,
  type MarkBatchRequest,
  type PayoutFailure,
} from '../contracts/payouts';
import type { IdCrypto } from '../../kernel/id-crypto';
import { maskBankCard, normaliseCardNumber, type PayeeInput } from '../contracts/payouts';
import { payeeCipherContext } from './subsidy';
import type { ActorRole, SubsidyRecord } from './types';

/**
 * 补贴发放 as plain rules: who may operate a campaign's payouts, what a batch holds, the bank file,
 * the results a finance officer enters and the second person who confirms them. Money needs two
 * people: the one who entered a batch's results never confirms them.
 */

/** One line of a batch: a payout as the bank file names it (the account's mask only: the number stays on the payout). */
export interface BatchLine {
  campaignId: string;
  memberId: string;
  applicationId: string;
  /** 附言 in the bank file: the application's 受理编号. */
  reference: string;
  payeeName: string;
  bankName: string;
  accountMasked: string;
  amountFen: number;
}

export interface LineOutcome {
  result: LineResult;
  reason: PayoutFailure | null;
  note: string | null;
}

export interface PayoutBatch {
  id: string;
  campaignId: string;
  campaignTitle: string;
  /** The paying federation (the campaign's owner) and its path. */
  orgId: string;
  orgPath: string[];
  status: BatchStatus;
  lines: BatchLine[];
  /** By reference, once entered. */
  results: Record<string, LineOutcome>;
  createdBy: string;
  createdAt: string;
  markedBy: string | null;
  markedAt: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  /** Every line's result written to its payout (the confirmation's second half, repeated until done). */
  applied: boolean;
  version: number;
}

/** Finance officers of the paying federation: its own officials (not those of the orgs above or below), and admins. */
export function operatesPayouts(roles: readonly ActorRole[], ownerOrgId: string): boolean {
  return roles.some((r) => r.type === 'admin' || (r.type === 'official' && r.orgId === ownerOrgId));
}

/** PB + Beijing date + the id's last six characters: the batch's number in words and in the file name. */
export function batchNumber(batch: Pick<PayoutBatch, 'id' | 'createdAt'>): string {
  const beijing = new Date(Date.parse(batch.createdAt) + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `PB${beijing}${batch.id.slice(-6)}`;
}

/** The payouts a new batch takes: pending, with an account, oldest first, at most BATCH_MAX_LINES. */
export function batchCandidates<T extends { status: string; payee: unknown; createdAt: string; batchId: string | null }>(payouts: readonly T[]): T[] {
  return payouts
    .filter((p) => p.status === 'pending' && p.payee !== null && p.batchId === null)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(0, BATCH_MAX_LINES);
}

/**
 * The results a finance officer entered, checked against the batch: every line exactly once, by
 * its reference; a failure names its reason. INVALID_INPUT naming the first problem otherwise.
 */
export function checkResults(batch: Pick<PayoutBatch, 'lines'>, lines: MarkBatchRequest['lines']): Record<string, LineOutcome> {
  const known = new Set(batch.lines.map((l) => l.reference));
  const out: Record<string, LineOutcome> = {};
  for (const line of lines) {
    if (!known.has(line.reference)) throw invalidResults(`参考号 ${line.reference} 不在本批次中，请核对银行回盘文件`);
    if (out[line.reference]) throw invalidResults(`参考号 ${line.reference} 出现了两次`);
    if (line.result === 'failed' && !line.reason) throw invalidResults(`请选择参考号 ${line.reference} 的失败原因`);
    out[line.reference] = { result: line.result, reason: line.result === 'failed' ? (line.reason as PayoutFailure) : null, note: line.note?.trim() || null };
  }
  const missing = batch.lines.filter((l) => !out[l.reference]);
  if (missing.length > 0) throw invalidResults(`还有 ${missing.length} 笔没有填写结果（如参考号 ${missing[0]?.reference}），每一笔都要填写成功或失败`);
  return out;
}

const invalidResults = (message: string) => new AppError('INVALID_INPUT', { message, fields: { lines: message } });

/** Why this account may not enter results now (null: it may). Confirmed batches are final. */
export function markRefusal(batch: Pick<PayoutBatch, 'status'>): 'BATCH_NOT_READY' | 'BATCH_ALREADY_CONFIRMED' | null {
  if (batch.status === 'building') return 'BATCH_NOT_READY';
  if (batch.status === 'confirmed') return 'BATCH_ALREADY_CONFIRMED';
  return null;
}

/** Why this account may not confirm the results (null: it may): entered, and by somebody else. */
export function confirmRefusal(batch: Pick<PayoutBatch, 'status' | 'markedBy'>, openid: string): 'BATCH_NOT_MARKED' | 'BATCH_ALREADY_CONFIRMED' | 'BATCH_SAME_PERSON' | null {
  if (batch.status === 'confirmed') return 'BATCH_ALREADY_CONFIRMED';
  if (batch.status !== 'marked') return 'BATCH_NOT_MARKED';
  if (batch.markedBy === openid) return 'BATCH_SAME_PERSON';
  return null;
}

/** fen → `123.45`, as bank files want amounts (yuan, two decimals, no separators). */
export function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ neutralised (a spreadsheet would run it). */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The bank file (代发明细): one line per payout with the full card number, UTF-8 with a BOM (Excel and
 * the banks' 代发 templates open it). `account(line)` decrypts that line's number; nothing else of
 * this module ever sees one.
 */
export function bankFile(batch: Pick<PayoutBatch, 'id' | 'createdAt' | 'lines'>, account: (line: BatchLine) => string): { name: string; content: string } {
  const header = ['序号', '收款人姓名', '收款账号', '开户银行', '金额（元）', '附言（参考号）'];
  const rows = batch.lines.map((line, i) => [String(i + 1), line.payeeName, account(line), line.bankName, yuanText(line.amountFen), line.reference]);
  const total = batch.lines.reduce((s, l) => s + l.amountFen, 0);
  const content = [header, ...rows, ['合计', `${batch.lines.length}笔`, '', '', yuanText(total), batchNumber(batch)]].map((r) => r.map(cell).join(',')).join('\r\n');
  return { name: `${batchNumber(batch)}.csv`, content: `\uFEFF${content}\r\n` };
}

/** A line's outcome in words for the member and the officials. */
export function failureLabel(reason: PayoutFailure): string {
  return PAYOUT_FAILURE_LABELS[reason];
}

/** The card as stored: the number encrypted for this application only (IdCrypto, its own associated data), beside its mask. */
export function encryptPayee(crypto: Pick<IdCrypto, 'encrypt'>, applicationId: string, input: PayeeInput): NonNullable<SubsidyRecord['payee']> {
  const digits = normaliseCardNumber(input.accountNumber);
  return { bankName: input.bankName, accountMasked: maskBankCard(digits), accountCipher: crypto.encrypt(digits, payeeCipherContext(applicationId)) };
}
