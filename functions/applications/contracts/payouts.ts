import * as z from 'zod/mini';
import { contract } from '../../kernel/contracts/contract';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { applicationsErrors } from './errors';

/**
 * 补贴发放 (issue 14 › 5): the payee account a subsidy form collects, the payouts an approval
 * records, and the finance officer's batches for the bank — exported as a file, marked paid or
 * failed per line from the bank's answer, confirmed by a second person. Shared by the functions and
 * the mini-program (the card number's check digit is verified on the phone as it is typed, and again
 * on the server). Amounts are integer fen; dates are dates in China.
 */

// ---------------------------------------------------------------------------------------------
// The payee's bank card

/** Mainland debit cards (银联) have 16 to 19 digits, the last a Luhn check digit. */
export const BANK_CARD_DIGITS = { min: 16, max: 19 } as const;

/** The card number as typed, without spaces or dashes (the phone groups digits by four). */
export function normaliseCardNumber(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** The Luhn (mod 10) check over all digits, the last being the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 6222021234567890123 → ***************0123: the last four only, everywhere but the bank's file. */
export function maskBankCard(digits: string): string {
  return digits.length <= 4 ? '*'.repeat(digits.length) : '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Why a typed card number is refused, in the member's words; null when it is well-formed with a right check digit. */
export function bankCardProblem(typed: string): string | null {
  const digits = normaliseCardNumber(typed);
  if (digits.length === 0) return '请填写本人银行卡号';
  if (!/^\d+$/.test(digits)) return '银行卡号只能是数字';
  if (digits.length < BANK_CARD_DIGITS.min || digits.length > BANK_CARD_DIGITS.max) {
    return `银行卡号应为${BANK_CARD_DIGITS.min}至${BANK_CARD_DIGITS.max}位数字`;
  }
  if (!luhnValid(digits)) return '银行卡号校验不通过，请逐位核对（最后一位是校验位）';
  return null;
}

export const bankNameSchema = /* @__PURE__ */ contract(() =>
  z.string({ error: '请填写开户银行' }).check(z.trim(), z.minLength(2, '请填写开户银行（如 中国工商银行海口分行）'), z.maxLength(40, '开户银行不能超过40个字')),
);

/**
 * The account a subsidy is paid to: the member's own bank card (the bank checks the name against
 * the roster's, which is the payee name). Stored encrypted; shown masked everywhere but the bank file.
 */
export const payeeInputSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    bankName: bankNameSchema,
    accountNumber: z
      .string({ error: '请填写本人银行卡号' })
      .check(z.refine((s) => bankCardProblem(s) === null, { error: (issue) => bankCardProblem(String(issue.input)) ?? '银行卡号不正确' })),
  }),
);
export type PayeeInput = z.infer<typeof payeeInputSchema>;

// ---------------------------------------------------------------------------------------------
// Payouts

/**
 * pending: approved, waiting for a batch; batched: in a batch sent to the bank; paid: the bank paid
 * it (confirmed by a second person); failed: the bank refused it — the member changes the card and
 * it is pending again.
 */
export const PAYOUT_STATUSES = ['pending', 'batched', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];
export const PAYOUT_STATUS_LABELS: Record<PayoutStatus, string> = { pending: '待发放', batched: '发放中', paid: '已发放', failed: '发放失败' };

/** Why the bank refused a line, as the finance officer reads it off the bank's answer. */
export const PAYOUT_FAILURES = ['account_invalid', 'name_mismatch', 'account_frozen', 'bank_other'] as const;
export type PayoutFailure = (typeof PAYOUT_FAILURES)[number];
export const PAYOUT_FAILURE_LABELS: Record<PayoutFailure, string> = {
  account_invalid: '卡号不存在或已销户',
  name_mismatch: '户名与卡号不符',
  account_frozen: '账户冻结或状态异常',
  bank_other: '银行退回（其他原因）',
};
/** What the member does about it: every failure is retried once the member gives a card again. */
export const PAYOUT_FAILURE_ADVICE: Record<PayoutFailure, string> = {
  account_invalid: '请更换一张本人名下正常使用的银行卡，提交后将在下一批次重新发放',
  name_mismatch: '请填写户名为本人（与会员名册姓名一致）的银行卡，提交后将在下一批次重新发放',
  account_frozen: '请联系开户银行解除限制，或更换一张本人名下的银行卡，提交后将在下一批次重新发放',
  bank_other: '请核对开户银行和卡号，必要时联系主办工会；更新收款信息后将在下一批次重新发放',
};

export const payoutViewSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    status: z.enum(PAYOUT_STATUSES),
    amountFen: z.number(),
    /** When the approval recorded it. */
    createdAt: z.string(),
    /** The date the bank paid it (China), once confirmed. */
    paidOn: z.nullable(z.string()),
    failure: z.nullable(z.strictObject({ reason: z.enum(PAYOUT_FAILURES), label: z.string(), advice: z.string(), note: z.nullable(z.string()) })),
    /** The account it goes to, masked; null when none was given (filed before accounts were collected). */
    payee: z.nullable(z.strictObject({ bankName: z.string(), accountMasked: z.string() })),
    /** The applicant may give another card now (failed, or pending without a batch). */
    canChangePayee: z.boolean(),
  }),
);
export type PayoutView = z.infer<typeof payoutViewSchema>;

// ---------------------------------------------------------------------------------------------
// Batches (发放批次)

/** A bank's batch file (代发) this size is accepted by every bank we know of; more payouts, more batches. */
export const BATCH_MAX_LINES = 500;

/**
 * building: being put together (payouts being claimed); exported: the file is ready, the bank's
 * answer awaited; marked: each line's result entered, waiting for a second person; confirmed: the
 * results applied to the payouts (the members see them).
 */
export const BATCH_STATUSES = ['building', 'exported', 'marked', 'confirmed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = { building: '生成中', exported: '待回填银行结果', marked: '待复核确认', confirmed: '已确认' };

export const LINE_RESULTS = ['paid', 'failed'] as const;
export type LineResult = (typeof LINE_RESULTS)[number];

export interface BatchLineView {
  /** The line's reference in the bank file (附言): the application's 受理编号. */
  reference: string;
  applicationId: string;
  payeeName: string;
  bankName: string;
  accountMasked: string;
  amountFen: number;
  /** The result entered (marked or confirmed); null before. */
  result: LineResult | null;
  failure: { reason: PayoutFailure; label: string; note: string | null } | null;
}

export interface BatchView {
  id: string;
  /** Shown to people and in the file name: PB + the Beijing date + the id's last six characters. */
  number: string;
  campaign: { id: string; title: string };
  status: BatchStatus;
  lineCount: number;
  totalFen: number;
  createdAt: string;
  /** Who did what (roles in words, never an openid), and whether it was the caller. */
  createdBy: { me: boolean };
  marked: { at: string; me: boolean } | null;
  confirmed: { at: string; me: boolean } | null;
  /** Paid and failed lines once marked. */
  paidCount: number;
  failedCount: number;
  /** What the caller may do now. */
  can: { download: boolean; mark: boolean; confirm: boolean };
  version: number;
}

export interface BatchResponse {
  batch: BatchView & { lines: BatchLineView[] };
}

export interface PendingPayoutView {
  reference: string;
  applicationId: string;
  payeeName: string;
  bankName: string | null;
  accountMasked: string | null;
  amountFen: number;
  createdAt: string;
}

/** GET /api/admin/subsidy-campaigns/{id}/payouts: the campaign's payouts by status, the pending ones, its batches. */
export interface CampaignPayoutsResponse {
  campaign: { id: string; title: string; owner: { id: string; name: string } };
  counts: Record<PayoutStatus, number> & { withoutAccount: number };
  /** Pending payouts with an account (the next batch takes them, oldest first), at most BATCH_MAX_LINES. */
  pending: PendingPayoutView[];
  /** Pending ones the member has given no account for yet: no batch takes them. */
  withoutAccount: PendingPayoutView[];
  batches: BatchView[];
  /** The caller is a finance officer of the paying federation (or an admin): batches, files, results. */
  canOperate: boolean;
}

export const createBatchRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({ campaignId: z.string({ error: '请选择补贴活动' }).check(z.minLength(1, '请选择补贴活动'), z.maxLength(64, '补贴活动编号不正确')) }),
);
export type CreateBatchRequest = z.infer<typeof createBatchRequest>;

/** The batch's results, one per line, as read off the bank's answer (typed, or parsed from its file on the phone). */
export const markBatchRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    version: z.int({ error: '版本号不正确' }).check(z.gte(0, '版本号不正确')),
    lines: z
      .array(
        z.strictObject({
          reference: z.string().check(z.minLength(1, '缺少参考号'), z.maxLength(40, '参考号不正确')),
          result: z.enum(LINE_RESULTS, { error: '结果只能是成功或失败' }),
          reason: z.optional(z.enum(PAYOUT_FAILURES, { error: '请选择失败原因' })),
          note: z.optional(z.string().check(z.trim(), z.maxLength(100, '备注不能超过100个字'))),
        }),
      )
      .check(z.minLength(1, '请填写每一笔的发放结果'), z.maxLength(BATCH_MAX_LINES, '结果行数超过批次笔数')),
  }),
);
export type MarkBatchRequest = z.infer<typeof markBatchRequest>;

export const confirmBatchRequest = /* @__PURE__ */ contract(() => z.strictObject({ version: z.int({ error: '版本号不正确' }).check(z.gte(0, '版本号不正确')) }));
export type ConfirmBatchRequest = z.infer<typeof confirmBatchRequest>;

/** The bank file: CSV (UTF-8 with BOM, as Excel and the banks' 代发 templates open it). */
export interface BatchFileResponse {
  file: { name: string; contentType: 'text/csv'; content: string };
}

/** Batch ids are ULIDs. */
export const BATCH_ID = { pattern: /^[0-9A-HJKMNP-TV-Z]{26}$/, notFound: '该发放批次不存在' };

// ---------------------------------------------------------------------------------------------
// The bank's answer, as a file

/**
 * Reads the bank's answer (回盘文件) as CSV: a header naming the columns 参考号 (or 附言/备注/摘要),
 * 结果 (or 状态/处理结果: 成功/失败, success/fail) and, optionally, 失败原因 (the bank's words, kept as
 * the note), in any order. Lines whose reference is not in the batch are reported, not guessed at; a
 * failure's reason is left for the officer to choose. Shared by the page (upload) and the unit test.
 */
export function parseBankAnswer(text: string): { lines: Array<{ reference: string; result: LineResult; note: string | null }>; problems: string[] } {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((row) => row.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim()))
    .filter((cells) => cells.some((c) => c !== ''));
  const header = rows[0] ?? [];
  const col = (names: readonly string[]) => header.findIndex((h) => names.some((n) => h.toLowerCase().includes(n)));
  const ref = col(['参考号', '附言', '备注', '摘要', 'reference']);
  const res = col(['结果', '状态', 'status', 'result']);
  const why = col(['原因', 'reason']);
  if (ref < 0 || res < 0) return { lines: [], problems: ['文件首行应包含“参考号”和“结果”两列'] };
  const lines: Array<{ reference: string; result: LineResult; note: string | null }> = [];
  const problems: string[] = [];
  rows.slice(1).forEach((cells, i) => {
    const reference = cells[ref] ?? '';
    const word = (cells[res] ?? '').toLowerCase();
    const result: LineResult | null = /成功|success|^ok$|已入账/.test(word) ? 'paid' : /失败|fail|退回|拒绝/.test(word) ? 'failed' : null;
    if (!reference || result === null) {
      problems.push(`第${i + 2}行无法识别（参考号或结果为空或不是“成功/失败”）`);
      return;
    }
    const note = why >= 0 && cells[why] ? (cells[why] as string).slice(0, 100) : null;
    lines.push({ reference, result, note });
  });
  return { lines, problems };
}

// ---------------------------------------------------------------------------------------------
// Endpoints

const E = applicationsErrors;

export const adminCampaignPayouts = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminCampaignPayouts',
    method: 'GET',
    path: '/api/admin/subsidy-campaigns/{id}/payouts',
    auth: 'official',
    response: returns<CampaignPayoutsResponse>(),
    errors: E('FORBIDDEN'),
  }),
);

/** 201: a batch of the campaign's pending payouts with an account (at most BATCH_MAX_LINES, oldest first). */
export const adminPayoutBatchesCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminPayoutBatchesCreate',
    method: 'POST',
    path: '/api/admin/payout-batches',
    auth: 'official',
    request: { body: createBatchRequest },
    response: returns<BatchResponse>(),
    errors: E('FORBIDDEN', 'NOT_FOUND', 'NO_PENDING_PAYOUTS'),
  }),
);

export const adminPayoutBatchesGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminPayoutBatchesGet',
    method: 'GET',
    path: '/api/admin/payout-batches/{id}',
    auth: 'official',
    response: returns<BatchResponse>(),
    errors: E('FORBIDDEN'),
  }),
);

/** The bank file with the full account numbers: finance officers of the paying federation only, audited. */
export const adminPayoutBatchesFile = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminPayoutBatchesFile',
    method: 'GET',
    path: '/api/admin/payout-batches/{id}/file',
    auth: 'official',
    response: returns<BatchFileResponse>(),
    errors: E('FORBIDDEN', 'BATCH_NOT_READY'),
  }),
);

export const adminPayoutBatchesResults = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminPayoutBatchesResults',
    method: 'POST',
    path: '/api/admin/payout-batches/{id}/results',
    auth: 'official',
    request: { body: markBatchRequest },
    response: returns<BatchResponse>(),
    errors: E('FORBIDDEN', 'BATCH_NOT_READY', 'BATCH_ALREADY_CONFIRMED', 'BATCH_CHANGED'),
  }),
);

/** A second person (not the one who entered the results) confirms them: the payouts become paid or failed. */
export const adminPayoutBatchesConfirm = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'adminPayoutBatchesConfirm',
    method: 'POST',
    path: '/api/admin/payout-batches/{id}/confirmation',
    auth: 'official',
    request: { body: confirmBatchRequest },
    response: returns<BatchResponse>(),
    errors: E('FORBIDDEN', 'BATCH_NOT_MARKED', 'BATCH_ALREADY_CONFIRMED', 'BATCH_SAME_PERSON', 'BATCH_CHANGED'),
  }),
);
