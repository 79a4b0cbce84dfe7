import { AppError } from '../../kernel/errors';

/**
 * List pages: the lists are sorted in memory (the catalogue's order depends on the time), so a
 * cursor is the offset of the next page, opaque to clients.
 */
export const PAGE_SIZE = 20;

export function page<T>(items: T[], cursor: string | undefined): { items: T[]; nextCursor: string | null } {
  let offset = 0;
  if (cursor !== undefined) {
    const match = /^o(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!match) throw new AppError('INVALID_INPUT', { message: '分页参数不正确，请刷新后重试', fields: { cursor: '分页参数不正确' } });
    offset = Number(match[1]);
  }
  const next = offset + PAGE_SIZE;
  return {
    items: items.slice(offset, next),
    nextCursor: next < items.length ? Buffer.from(`o${next}`, 'utf8').toString('base64url') : null,
  };
}
