// Site-wide settings in one place. The repository comes from package.json `repository`.
import pkg from '../../package.json' with { type: 'json' };
import { repositoryOf } from './lib/repository.js';

export const SITE_NAME = 'wdfleak';
export const SITE_DESCRIPTION =
  'Leak signatures, case write-ups and reference tables for KMDF/WDF drivers, and an analyzer for WinDbg output that runs in your browser.';

/** The repository the "source" links point at. */
export const REPOSITORY = repositoryOf(pkg.repository);

/** Link to a file of the repository on GitHub: `sourceUrl('rules/signatures/x.json')`. */
export function sourceUrl(path: string): string {
  return `${REPOSITORY.url}/blob/${REPOSITORY.branch}/${path.replace(/^\/+/, '')}`;
}

/** Link to a folder of the repository on GitHub. */
export function treeUrl(path: string): string {
  return `${REPOSITORY.url}/tree/${REPOSITORY.branch}/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
}
