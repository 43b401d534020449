// The WDF object-creating API table (rules/reference/wdf-object-apis.json) with lookups by API
// name, by FX type (stored m_Type or QueryInterface type) and by handle type.
import data from '../../rules/reference/wdf-object-apis.json' with { type: 'json' };
import type { WdfObjectApi, WdfObjectApisDocument } from '../types/reference.js';

export const WDF_OBJECT_APIS_DOCUMENT = data as unknown as WdfObjectApisDocument;
export const WDF_OBJECT_APIS: readonly WdfObjectApi[] = WDF_OBJECT_APIS_DOCUMENT.apis;

const byApi = new Map<string, WdfObjectApi>();
const byStoredType = new Map<string, WdfObjectApi[]>();
const byQiType = new Map<string, WdfObjectApi[]>();
const byHandle = new Map<string, WdfObjectApi[]>();
const push = (m: Map<string, WdfObjectApi[]>, k: string, v: WdfObjectApi): void => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};
for (const a of WDF_OBJECT_APIS) {
  byApi.set(a.api.toLowerCase(), a);
  push(byStoredType, a.fxType, a);
  if (a.qiType) push(byQiType, a.qiType, a);
  push(byHandle, a.handleType, a);
}

/** Case-insensitive; also accepts the `imp_` prefix of Wdf01000's implementations. */
export function wdfApi(name: string): WdfObjectApi | undefined {
  const n = name.toLowerCase();
  return byApi.get(n.startsWith('imp_') ? n.slice(4) : n);
}

/** APIs whose objects store this FX type in m_Type (FX_TYPE_OBJECT → the WDFMEMORY creators). */
export function apisStoringFxType(fxType: string): readonly WdfObjectApi[] {
  return byStoredType.get(fxType) ?? [];
}

/** APIs whose objects answer QueryInterface for this type but store another m_Type. */
export function apisAnsweringFxType(fxType: string): readonly WdfObjectApi[] {
  return byQiType.get(fxType) ?? [];
}

export function apisForHandleType(handleType: string): readonly WdfObjectApi[] {
  return byHandle.get(handleType) ?? [];
}

/** Every API name the table mentions: creators and delete APIs. */
export const WDF_API_NAMES: ReadonlySet<string> = new Set(
  WDF_OBJECT_APIS.flatMap((a) => [a.api, ...a.delete.apis]),
);

export interface CompanionTag {
  /** The tag as `!poolused` prints it (trailing blanks dropped): `IoWI`, `Irp`. */
  tag: string;
  /** Fact name stem: `iowi` gives `companion.iowiAllocs` and `companion.iowiRatio`. */
  key: string;
  handleType: string;
  fxType: string;
  api: string;
}

/** Kernel pool tags a WDF object owns one allocation of (its `companions` with a fixed tag). */
export const COMPANION_TAGS: readonly CompanionTag[] = WDF_OBJECT_APIS.flatMap((a) =>
  (a.companions ?? []).flatMap((c) =>
    c.kind === 'pool' && c.tag && c.perObject === 1
      ? [{ tag: c.tag.trimEnd(), key: c.tag.trim().toLowerCase(), handleType: a.handleType, fxType: a.fxType, api: a.api }]
      : [],
  ),
);
