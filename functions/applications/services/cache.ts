import type { OrgDirectory } from '../../membership';
import type { CalendarSource } from './ports';

/**
 * Per-container caches of what changes rarely and is read on every request: the levels of the org
 * tree (the union picker, the roots of an admin's queue) and the working-day calendar. A failed
 * load is not kept.
 */
function memo<V>(ttlMs: number, clock: () => number) {
  const entries = new Map<string, { value: Promise<V>; until: number }>();
  return (key: string, load: () => Promise<V>): Promise<V> => {
    const now = clock();
    const hit = entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const entry = { value: load(), until: now + ttlMs };
    entries.set(key, entry);
    entry.value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return entry.value;
  };
}

export function cachedDirectory(directory: OrgDirectory, ttlMs: number, clock = Date.now): OrgDirectory {
  const cache = memo<Awaited<ReturnType<OrgDirectory['listByKind']>>>(ttlMs, clock);
  return { listByKind: (kind) => cache(kind, () => directory.listByKind(kind)) };
}

export function cachedCalendar(source: CalendarSource, ttlMs: number, clock = Date.now): CalendarSource {
  const cache = memo<Awaited<ReturnType<CalendarSource['calendar']>>>(ttlMs, clock);
  return {
    calendar: (years) => {
      const key = [...new Set(years)].sort().join(',');
      return cache(key, () => source.calendar(years));
    },
    putYear: (year, by) => source.putYear(year, by),
  };
}
