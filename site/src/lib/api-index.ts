// The WDF APIs the reference table names besides its create APIs: delete APIs (WdfObjectDelete,
// WdfRegistryClose …) and the APIs its notes mention (WdfRequestComplete, WdfCollectionAdd …). Each gets a
// row, and so an anchor, on the APIs page, because signatures and other pages link to them.
import { wdfApiNames } from '../../../engine/validate/reference-tables.js';
import type { ApiEntry, ApisFile } from './reference-types.js';

export interface OtherApi {
  api: string;
  /** Handle types this API deletes or closes. */
  deletes: string[];
  /** Create APIs whose entry mentions this API (other than as its delete API). */
  mentionedBy: string[];
}

const mentions = (entry: ApiEntry, api: string): boolean => {
  const { sources: _sources, ...rest } = entry as ApiEntry & { sources?: unknown };
  return new RegExp(`\\b${api}\\b`).test(JSON.stringify(rest));
};

export function otherApis(file: ApisFile | undefined): OtherApi[] {
  if (!file) return [];
  const creates = new Set(file.apis.map((a) => a.api));
  return [...wdfApiNames(file)]
    .filter((api) => !creates.has(api))
    .sort()
    .map((api) => {
      const deletes = file.apis.filter((a) => (a.delete?.apis ?? []).includes(api));
      return {
        api,
        deletes: [...new Set(deletes.map((a) => a.handleType ?? a.api))],
        mentionedBy: file.apis.filter((a) => !deletes.includes(a) && mentions(a, api)).map((a) => a.api),
      };
    });
}
