import { RATING_LABELS, type ApplicationKind, type RatingLevel } from '../../../functions/applications/contracts/applications';
import { formatRate, type SatisfactionFigures } from '../../../functions/applications/contracts/satisfaction';

/**
 * How the 好差评 figures read on the 满意度 page: months (`YYYY-MM`, in China), and one row per
 * figure. The rates and their formulas come from the contract and the answer.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The month it is in China at `now`: "2026-12". */
export function monthOf(now: number): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** "2026-12" moved by `delta` months: shiftMonth("2026-12", 1) → "2027-01". */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2026-03" → "2026年3月". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${year}年${m}月`;
}

/** The kinds as the table's narrow columns name them (the chips above use the contract's full labels). */
export const KIND_COLUMN_LABELS: Record<ApplicationKind, string> = { join: '入会', transfer: '转会', subsidy: '补贴', hardship: '帮扶' };

export interface FigureRow {
  key: string;
  label: string;
  value: string;
  /** Drawn as a warning (差评 present, a 回访 rate below 100 %). */
  warn?: boolean;
}

/** The headline rates of a set of figures: 满意率 and 按期回访率 ("—" without ratings / 差评). */
export function headlineOf(figures: SatisfactionFigures): { satisfactionRate: string; followUpOnTimeRate: string } {
  return { satisfactionRate: formatRate(figures.satisfactionRate), followUpOnTimeRate: formatRate(figures.followUpOnTimeRate) };
}

/** Every figure of a kind (or the total), in reading order: ratings, each level, 差评 and their 回访. */
export function figureRows(figures: SatisfactionFigures): FigureRow[] {
  const count = (level: RatingLevel) => figures.levels.find((l) => l.level === level)?.count ?? 0;
  return [
    { key: 'rated', label: '评价总数', value: `${figures.rated}` },
    ...([5, 4, 3, 2, 1] as const).map((level) => ({ key: `level-${level}`, label: RATING_LABELS[level], value: `${count(level)}` })),
    { key: 'satisfaction-rate', label: '满意率', value: formatRate(figures.satisfactionRate) },
    { key: 'bad', label: '差评', value: `${figures.bad}`, warn: figures.bad > 0 },
    { key: 'followed-up', label: '已回访', value: `${figures.followedUp}` },
    { key: 'followed-up-on-time', label: '按期回访', value: `${figures.followedUpOnTime}` },
    {
      key: 'follow-up-rate',
      label: '按期回访率',
      value: formatRate(figures.followUpOnTimeRate),
      warn: figures.followUpOnTimeRate !== null && figures.followUpOnTimeRate < 1,
    },
  ];
}
