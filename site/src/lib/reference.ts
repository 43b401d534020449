// rules/reference/*.json as the pages see them, read at build time through import.meta.glob.
import type { ApisFile, FxTypesFile, LayoutFile, PoolTagsFile } from './reference-types.js';

const files = import.meta.glob<unknown>('../../../rules/reference/*.json', { eager: true, import: 'default' });
const layoutFiles = import.meta.glob<LayoutFile>('../../../rules/reference/layouts/*.json', { eager: true, import: 'default' });

function file<T>(name: string): T | undefined {
  return files[`../../../rules/reference/${name}`] as T | undefined;
}

export const fxTypesFile = file<FxTypesFile>('fx-types.json');
export const apisFile = file<ApisFile>('wdf-object-apis.json');
export const poolTagsFile = file<PoolTagsFile>('pool-tags.json');

export const fxTypes = fxTypesFile?.types ?? [];
export const apis = apisFile?.apis ?? [];
export const poolTags = poolTagsFile?.tags ?? [];

/** Layout files by kind (`fxobject`, `pool-header` …), in a reading order that starts at the pool. */
const ORDER = ['pool-header', 'fx-pool', 'fxobject', 'fxobject-enums', 'fx-driver-globals', 'handles'];
export const layouts: Array<LayoutFile & { path: string }> = Object.entries(layoutFiles)
  .filter(([, f]) => typeof f?.kind === 'string')
  .map(([key, f]) => ({ ...f, path: key.replace(/^(\.\.\/)+/, '') }))
  .sort((a, b) => {
    const ia = ORDER.indexOf(a.kind);
    const ib = ORDER.indexOf(b.kind);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.kind.localeCompare(b.kind);
  });
