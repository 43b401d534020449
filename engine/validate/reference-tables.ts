// The names signatures may cite: FX_TYPE constants (rules/reference/fx-types.json) and WDF APIs
// (rules/reference/wdf-object-apis.json: create APIs, delete APIs and the other APIs it mentions).

export interface ReferenceTables {
  /** FX_TYPE constant names, e.g. FX_TYPE_WORKITEM; undefined when the table is missing or unreadable. */
  fxTypes?: ReadonlySet<string>;
  /** WDF API names, e.g. WdfWorkItemCreate, WdfObjectDelete; undefined when the table is missing. */
  apis?: ReadonlySet<string>;
}

export const FX_TYPES_FILE = 'rules/reference/fx-types.json';
export const WDF_APIS_FILE = 'rules/reference/wdf-object-apis.json';

const FX_NAME = /^I?FX_[A-Z0-9_]+$/;
const WDF_API_IN_TEXT = /\bWdf[A-Z][A-Za-z0-9]*/g;

/** Every FX_TYPE name the table defines: `name` of its entries, or its keys when keyed by name. */
export function fxTypeNames(table: unknown): Set<string> {
  const names = new Set<string>();
  walk(table, (key, value) => {
    if (key === 'name' && typeof value === 'string' && FX_NAME.test(value)) names.add(value);
    if (key !== undefined && FX_NAME.test(key) && value !== null && typeof value === 'object') names.add(key);
  });
  return names;
}

/**
 * Every WDF API the table names anywhere: the create APIs, the delete APIs, and the APIs its notes
 * mention (WdfRequestComplete, WdfCollectionAdd …). Citing one of them in a signature is fine; an
 * API the table never mentions is a typo or a gap in the table.
 */
export function wdfApiNames(table: unknown): Set<string> {
  const names = new Set<string>();
  walk(table, (_key, value) => {
    if (typeof value === 'string') for (const m of value.matchAll(WDF_API_IN_TEXT)) names.add(m[0]);
  });
  return names;
}

type Visit = (key: string | undefined, value: unknown) => void;

/** Visits every value under `value` with the key it sits under; skips `$schema` and `sources`. */
function walk(value: unknown, visit: Visit, key?: string, depth = 0): void {
  if (depth > 64) return;
  visit(key, value);
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit, key, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$schema' || k === 'sources') continue;
      walk(v, visit, k, depth + 1);
    }
  }
}
