/**
 * WeChat's SelectorQuery chains (`select(…).boundingClientRect().exec(cb)`); miniprogram-simulate's
 * mock returns undefined from select(), which NutUI's Tabs (measuring its titles to scroll the
 * active one into view) trips over. This stand-in chains like WeChat and measures nothing (no
 * layout here): one zero rect per select(), no rects for selectAll().
 *
 * Install it on the boot's mock `wx` before mounting a page with tabs:
 * `(globalThis as any).wx.createSelectorQuery = chainingSelectorQuery`.
 */
export function chainingSelectorQuery() {
  const results: unknown[] = [];
  const zero = { left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 };
  const query = {
    in: () => query,
    select: () => ({ boundingClientRect: () => (results.push(zero), query), fields: () => (results.push(zero), query) }),
    selectAll: () => ({ boundingClientRect: () => (results.push([]), query), fields: () => (results.push([]), query) }),
    selectViewport: () => ({ scrollOffset: () => (results.push({ scrollLeft: 0, scrollTop: 0 }), query) }),
    exec: (cb?: (res: unknown[]) => void) => setTimeout(() => cb?.(results.splice(0))),
  };
  return query;
}
