/** Which rows of a fixed-row-height list to render for a scroll position: the visible ones plus a margin. */
export interface RowWindow {
  first: number;
  /** Exclusive. */
  last: number;
}

export function virtualWindow(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 8): RowWindow {
  if (total === 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const top = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const first = Math.max(0, Math.min(top, total - 1) - overscan);
  const last = Math.min(total, top + visible + overscan);
  return { first, last };
}
