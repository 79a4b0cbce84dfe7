import { BAD_RATING_LEVELS, RATING_LEVELS, type RatingLevel } from '../contracts/applications';
import type { SatisfactionFigures } from '../contracts/satisfaction';
import type { Notice } from './engine';
import type { Application, ApplicationKind } from './types';
import { shanghaiDate } from './working-days';

/**
 * 好差评 figures from counters. Every rating and every 回访 adds to one counter item per (org, kind,
 * month) for the union that decided and for each org above it, in the transaction that writes the
 * rating or the 回访; an official's figures are the items of their own org(s) for the month, never a
 * scan of the applications.
 */

export const COUNTER_FIELDS = ['level1', 'level2', 'level3', 'level4', 'level5', 'followedUp', 'followedUpOnTime'] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];
export type SatisfactionCounts = Record<CounterField, number>;

export const NO_COUNTS: SatisfactionCounts = { level1: 0, level2: 0, level3: 0, level4: 0, level5: 0, followedUp: 0, followedUpOnTime: 0 };

export const levelField = (level: RatingLevel): CounterField => `level${level}`;

export const isBadRating = (level: RatingLevel): boolean => BAD_RATING_LEVELS.includes(level);

/** The month (China) a rating given at `at` counts in: `YYYY-MM`. */
export const monthOf = (at: Date): string => shanghaiDate(at).slice(0, 7);

export function sumCounts(all: readonly SatisfactionCounts[]): SatisfactionCounts {
  const sum = { ...NO_COUNTS };
  for (const counts of all) for (const field of COUNTER_FIELDS) sum[field] += counts[field];
  return sum;
}

/** part ÷ whole rounded to 4 places (0.9796 = 97.96 %); null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * The figures of SATISFACTION_FORMULAS (contracts/satisfaction.ts):
 * 满意率 = (非常满意 + 满意 + 基本满意) ÷ 全部评价; 按期回访率 = 按期回访的差评 ÷ 全部差评.
 */
export function figuresOf(counts: SatisfactionCounts): SatisfactionFigures {
  const levels = RATING_LEVELS.map((level) => ({ level, count: counts[levelField(level)] }));
  const rated = levels.reduce((n, l) => n + l.count, 0);
  const bad = levels.filter((l) => isBadRating(l.level)).reduce((n, l) => n + l.count, 0);
  const good = rated - bad;
  return {
    rated,
    levels,
    good,
    bad,
    satisfactionRate: ratio(good, rated),
    followedUp: counts.followedUp,
    followedUpOnTime: counts.followedUpOnTime,
    followUpOnTimeRate: ratio(counts.followedUpOnTime, bad),
  };
}

/** What a write adds to the counters of `orgIds` (the deciding union and every org above it) for one kind and month. */
export interface CounterChange {
  orgIds: readonly string[];
  kind: ApplicationKind;
  month: string;
  add: Partial<SatisfactionCounts>;
}

/** An open 回访 as listed under each org of its union's path (`orgIds`), by due date. */
export interface FollowUpEntry {
  applicationId: string;
  orgIds: readonly string[];
  dueDate: string;
}

/**
 * A rating or a 回访, as one transaction writes it: the application (only if still the version
 * read), its outbox notice, the counters, and the open-回访 entries added or removed.
 */
export interface Feedback {
  after: Application;
  notice: Notice;
  counters: CounterChange;
  openFollowUp: FollowUpEntry | null;
  closeFollowUp: FollowUpEntry | null;
}
