import { parseBankAnswer, type BatchResponse, type LineResult, type MarkBatchRequest, type PayoutFailure } from '../../../functions/applications/contracts/payouts';

/** What the officer has entered for each line (by reference) before submitting. */
export type Entries = Record<string, { result: LineResult; reason: PayoutFailure | null; note: string | null }>;

/** The results already on the batch (a re-entry starts from them). */
export function entriesOf(batch: BatchResponse['batch']): Entries {
  const out: Entries = {};
  for (const line of batch.lines) {
    if (line.result) out[line.reference] = { result: line.result, reason: line.failure?.reason ?? null, note: line.failure?.note ?? null };
  }
  return out;
}

/**
 * The bank's answer pasted or picked as CSV, laid over the entries: known references take the
 * bank's result (a failure keeps the reason chosen, else waits for one); unknown ones are reported.
 */
export function applyBankAnswer(batch: BatchResponse['batch'], entries: Entries, text: string): { entries: Entries; problems: string[] } {
  const { lines, problems } = parseBankAnswer(text);
  const known = new Set(batch.lines.map((l) => l.reference));
  const next = { ...entries };
  const unknown: string[] = [];
  for (const line of lines) {
    if (!known.has(line.reference)) {
      unknown.push(line.reference);
      continue;
    }
    next[line.reference] = { result: line.result, reason: line.result === 'failed' ? (next[line.reference]?.reason ?? null) : null, note: line.note };
  }
  if (unknown.length > 0) problems.push(`参考号 ${unknown.slice(0, 3).join('、')}${unknown.length > 3 ? ' 等' : ''} 不在本批次中，已忽略`);
  return { entries: next, problems };
}

/** The request, or what is missing: every line needs a result, every failure a reason. */
export function resultsRequest(batch: BatchResponse['batch'], entries: Entries): { ok: true; request: MarkBatchRequest } | { ok: false; message: string } {
  const missing = batch.lines.filter((l) => !entries[l.reference]);
  if (missing.length > 0) return { ok: false, message: `还有 ${missing.length} 笔没有填写结果` };
  const noReason = batch.lines.filter((l) => entries[l.reference]?.result === 'failed' && !entries[l.reference]?.reason);
  if (noReason.length > 0) return { ok: false, message: `请为失败的 ${noReason.length} 笔选择失败原因` };
  return {
    ok: true,
    request: {
      version: batch.version,
      lines: batch.lines.map((l) => {
        const e = entries[l.reference]!;
        return { reference: l.reference, result: e.result, ...(e.result === 'failed' ? { reason: e.reason! } : {}), ...(e.note ? { note: e.note } : {}) };
      }),
    },
  };
}
