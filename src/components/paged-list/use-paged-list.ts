import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../services/request';

/** One page of a cursor-paged list, as the API answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> extends Page<T> {
  loading: boolean;
  /** The API's Chinese message of the last failure, '' when none. */
  error: string;
  /** The last failure was the session running out. */
  unauthenticated: boolean;
}

const START = { items: [], nextCursor: null, loading: true, error: '', unauthenticated: false };

/**
 * A list read page by page with a filter (a category, a status): `load(filter)` starts again,
 * `load(filter, cursor)` appends the next page. Answers to an older request (another filter, an
 * earlier refresh) are dropped.
 */
export function usePagedList<T, F>(fetchPage: (filter: F, cursor?: string) => Promise<Page<T>>) {
  const [list, setList] = useState<PagedList<T>>(START);
  const sequence = useRef(0);

  const load = useCallback(
    async (filter: F, cursor?: string) => {
      const mine = (sequence.current += cursor ? 0 : 1);
      setList((prev) => ({ ...(cursor ? prev : START), loading: true, error: '', unauthenticated: false }));
      try {
        const page = await fetchPage(filter, cursor);
        if (mine !== sequence.current) return;
        setList((prev) => ({
          items: cursor ? [...prev.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          loading: false,
          error: '',
          unauthenticated: false,
        }));
      } catch (error) {
        if (mine !== sequence.current) return;
        setList((prev) => ({
          ...prev,
          loading: false,
          error: error instanceof Error && error.message ? error.message : '加载失败，请稍后再试',
          unauthenticated: error instanceof ApiError && error.isUnauthenticated,
        }));
      }
    },
    [fetchPage],
  );

  /** Shows an empty, settled list (e.g. nobody is logged in). */
  const clear = useCallback(() => {
    sequence.current += 1;
    setList({ ...START, loading: false });
  }, []);

  return { list, load, clear };
}
