// The status line of a search, in one place so the header dropdown and the search page say the same.

/**
 * The status line, the same in the header and on the search page: the number of matching pages, and how
 * many of them the list shows when it shows fewer.
 */
export function resultCountText(query: string, total: number, shown: number): string {
  const q = query.trim();
  if (total === 0) return `Nothing found for “${q}”.`;
  const count = `${total} result${total === 1 ? '' : 's'} for “${q}”`;
  return shown < total ? `${count}, the first ${shown} shown.` : `${count}.`;
}
