import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/**
 * One year of the working-day calendar, added or corrected by an admin; it replaces the same year
 * of the repo's data file (holidays-cn.json). Holidays and swapped working days are JSON arrays.
 */
export interface CalendarYearItem extends Item {
  year: number;
  status: string;
  source: string;
  holidays: string;
  workdays: string;
  updatedAt: string;
  updatedBy: string;
}

export const CalendarYearModel = /* @__PURE__ */ lazyModel<CalendarYearItem>(
  'calendar',
  () =>
    new dynamoose.Schema({
      year: { type: Number, hashKey: true },
      status: { type: String, required: true, enum: ['official', 'assumed'] },
      source: { type: String, required: true },
      holidays: { type: String, required: true },
      workdays: { type: String, required: true },
      updatedAt: { type: String, required: true },
      updatedBy: { type: String, required: true },
    }),
);
