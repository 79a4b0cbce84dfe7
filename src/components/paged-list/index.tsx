import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '../page-state';
import type { PagedList as PagedListState } from './use-paged-list';
import './index.scss';

export { usePagedList, type Page, type PagedList as PagedListState } from './use-paged-list';

export interface ListStatusProps {
  /** Prefix of the ids: `<id>-error`, `<id>-retry`, `<id>-empty`, `<id>-more`, `<id>-end`. */
  id: string;
  loading: boolean;
  /** The last failure's Chinese message, '' when none. */
  error: string;
  /** The list holds nothing. */
  empty: boolean;
  emptyText: string;
  /** A next page exists. */
  hasMore?: boolean;
  /** Said under the last page of a non-empty list. */
  endText?: string;
  onRetry: () => void;
  onMore?: () => void;
  /** An action under the empty state. */
  emptyAction?: ReactNode;
}

/** What follows a list's items: loading, a failure with a retry, empty, 加载更多 or the end. */
export function ListStatus({ id, loading, error, empty, emptyText, hasMore = false, endText, onRetry, onMore, emptyAction }: ListStatusProps) {
  if (error) return <PageState id={id} gate={{ kind: 'error', message: error }} onRetry={onRetry} inline />;
  if (loading) return <PageState id={id} gate={{ kind: 'loading' }} inline />;
  if (empty) return <PageState id={id} gate={{ kind: 'empty', text: emptyText }} emptyAction={emptyAction} inline />;
  if (hasMore && onMore) {
    return (
      <View className='list-more'>
        <Button id={`${id}-more`} fill='none' block onClick={onMore}>
          加载更多
        </Button>
      </View>
    );
  }
  return endText ? (
    <View id={`${id}-end`} className='list-end'>
      {endText}
    </View>
  ) : null;
}

export interface PagedListProps<T> extends Omit<ListStatusProps, 'loading' | 'error' | 'empty' | 'hasMore'> {
  list: PagedListState<T>;
  /** The id of the items' container. */
  listId?: string;
  renderItem: (item: T) => ReactNode;
}

/** A list read page by page (usePagedList): its items, then its status and 加载更多. */
export function PagedList<T>({ list, listId, renderItem, ...status }: PagedListProps<T>) {
  return (
    <View className='paged-list'>
      <View id={listId}>{list.items.map(renderItem)}</View>
      <ListStatus {...status} loading={list.loading} error={list.error} empty={list.items.length === 0} hasMore={list.nextCursor !== null} />
    </View>
  );
}
