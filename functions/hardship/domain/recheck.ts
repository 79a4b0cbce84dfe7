import { createHash } from 'node:crypto';
import { RECHECK_MONTHS, RETENTION_YEARS } from '../contracts/hardship';
import type { HardshipFile } from './types';

/** `YYYY-MM-DD` + months, clamped to the month's last day (2026-02-28 + 12 → 2027-02-28; 2024-02-29 + 12 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A file comes due a year after its last check (filing or re-check); the due date is the last day on time. */
export const recheckDue = (file: Pick<HardshipFile, 'lastCheckDate'>): string => addMonths(file.lastCheckDate, RECHECK_MONTHS);

/** Due for re-check on `today` (China): active and at or past the due date's month… i.e. from 30 days before it. */
export function isDue(file: Pick<HardshipFile, 'lastCheckDate' | 'status'>, today: string): boolean {
  return file.status === 'active' && today >= addMonths(recheckDue(file), -1);
}

export const isRecheckOverdue = (file: Pick<HardshipFile, 'lastCheckDate' | 'status'>, today: string): boolean =>
  file.status === 'active' && today > recheckDue(file);

/** When a closed file is deleted: RETENTION_YEARS after the day it closed. */
export const deleteAfter = (closedDate: string): string => addMonths(closedDate, RETENTION_YEARS * 12);

/**
 * The spot-check draw: a share of the population (rounded up, at least one when any) chosen by a
 * seeded shuffle, so anyone holding the seed and the list redoes it. Each id is ranked by
 * SHA-256(seed + ':' + id) and the lowest ranks are drawn; the population is sorted first, so the
 * order it was read in does not matter.
 */
export function drawSpotChecks(population: readonly string[], share: number, seed: string): string[] {
  if (population.length === 0) return [];
  const count = Math.min(population.length, Math.max(1, Math.ceil(population.length * share - 1e-9)));
  const ranked = [...new Set(population)]
    .sort()
    .map((id) => ({ id, rank: createHash('sha256').update(`${seed}:${id}`).digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.id).sort();
}
