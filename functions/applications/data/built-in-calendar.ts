import type { CalendarYear } from '../domain/working-days';
import builtIn from './holidays-cn.json';

/** The years shipped in the repo (holidays-cn.json: which are official and which assumed is said there). */
export const BUILT_IN_YEARS: readonly CalendarYear[] = builtIn.years as CalendarYear[];
