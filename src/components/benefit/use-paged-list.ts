// Moved to components/paged-list; this path stays until every page imports it from there.
export { usePagedList, type Page, type PagedList } from '../paged-list/use-paged-list';
