// Site-wide settings in one place. Change REPOSITORY when the project moves.
export const SITE_NAME = 'wdfleak';
export const SITE_DESCRIPTION =
  'Leak signatures, case write-ups and reference tables for KMDF/WDF drivers, and an analyzer for WinDbg output that runs in your browser.';

/** The repository the "source" links point at. */
export const REPOSITORY = { url: 'https://github.com/wdfleak/wdfleak', branch: 'main' } as const;

/** Link to a file of the repository on GitHub: `sourceUrl('rules/signatures/x.json')`. */
export function sourceUrl(path: string): string {
  return `${REPOSITORY.url}/blob/${REPOSITORY.branch}/${path.replace(/^\/+/, '')}`;
}

/** Link to a folder of the repository on GitHub. */
export function treeUrl(path: string): string {
  return `${REPOSITORY.url}/tree/${REPOSITORY.branch}/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
}
