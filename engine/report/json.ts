// JSON for scripts: the same report gives byte-identical output. Keys come in a fixed order (a few
// well-known keys first, the rest alphabetical) whatever order the objects were built in.

/** Keys printed first, in this order, wherever they occur. */
const FIRST_KEYS = [
  '$schema',
  'schemaVersion',
  'tool',
  'signature',
  'id',
  'slug',
  'name',
  'title',
  'status',
  'severity',
  'confidence',
  'subject',
  'bucket',
  'summary',
  'kind',
  'tag',
];
const RANK = new Map(FIRST_KEYS.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined || rb !== undefined) return (ra ?? Infinity) - (rb ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The keys of `v` in the order stableStringify prints them: sorted, then as an object built in that
 * order lists them (integer-like keys come first, as JavaScript orders them).
 */
export function orderedKeys(v: Record<string, unknown>): string[] {
  const keys = Object.keys(v);
  if (keys.every((k, i) => i === 0 || compareKeys(keys[i - 1]!, k) <= 0)) return keys;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort(compareKeys)) out[k] = true;
  return Object.keys(out);
}

/** Stable JSON text: fixed key order, `undefined` dropped, Maps as objects, non-finite numbers as null. */
export function stableStringify(value: unknown, pretty = false): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof Map) v = Object.fromEntries(v);
      if (typeof v === 'bigint') return v.toString();
      if (!isPlainObject(v)) return v;
      const keys = Object.keys(v);
      let sorted = true;
      for (let i = 1; i < keys.length; i++) {
        if (compareKeys(keys[i - 1]!, keys[i]!) > 0) {
          sorted = false;
          break;
        }
      }
      if (sorted) return v;
      const out: Record<string, unknown> = {};
      for (const k of keys.sort(compareKeys)) out[k] = v[k];
      return out;
    },
    pretty ? 2 : undefined,
  );
  return text ?? 'null';
}

/** The report as printed by `wdfleak analyze --format json` (pretty, one trailing newline). */
export function formatJson(value: unknown, pretty = true): string {
  return stableStringify(value, pretty) + '\n';
}
