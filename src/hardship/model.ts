import { formatFen, parseYuanToFen } from '../components/benefit/format';
import { bankCardProblem } from '../../functions/applications/contracts/payouts';
import type { CaseStatus, CaseStepView, HardshipCategory } from '../../functions/hardship/contracts/hardship';
import type { StatusTone } from '../components/status-tag';

/**
 * 困难帮扶 as the pages read it: amounts typed in yuan, the bank card's check digit and the ID
 * number's check character (hints before the API verifies them again), tones of states. Pure: the
 * pages and the tests use it alike.
 */

/** An amount as typed (元, at most two decimals; empty counts as 0) → fen, or null when it is not one. */
export function yuanFen(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  return parseYuanToFen(trimmed.replace(/[,，]/g, ''));
}

/** "¥1234.5": the app's formatFen. */
export const yuan = formatFen;

/** Sum of amounts typed (fen), or null while one of them is not an amount. */
export function sumFen(texts: readonly string[]): number | null {
  let total = 0;
  for (const text of texts) {
    const fen = yuanFen(text);
    if (fen === null) return null;
    total += fen;
  }
  return total;
}

/** The bank card's problem as the API words it (digits, length, Luhn check digit), null when it is fine or empty. */
export function bankCardHint(text: string): string | null {
  if (text.replace(/\s+/g, '') === '') return null;
  return bankCardProblem(text);
}

/** "6222 0212 3456 7890 123": a card number in groups of four as it is typed. */
export function groupDigits(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/(\d{4})(?=\d)/g, '$1 ')
    .trim();
}

export const CATEGORY_TONES: Record<HardshipCategory | 'none', StatusTone> = { deep: 'brand', relative: 'progress', accident: 'info', none: 'neutral' };

export const CASE_STATUS_TONES: Record<CaseStatus, StatusTone> = {
  pending: 'progress',
  paused: 'danger',
  approved: 'success',
  rejected: 'danger',
  cancelled: 'neutral',
};

export const STEP_STATUS_LABELS: Record<CaseStepView['status'], string> = {
  waiting: '未开始',
  open: '办理中',
  approved: '已通过',
  rejected: '未通过',
  skipped: '已跳过',
  cancelled: '已撤回',
};

/** "2026-05-20" → "2026年5月20日". */
export function chinaDate(date: string | null): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** Today's date in China (YYYY-MM-DD). */
export function todayInChina(now: number = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
