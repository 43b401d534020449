// The same text as formatJson (json.ts), written in pieces: a facts document of a 1 GB log holds
// millions of records, and one string of all of them goes past V8's limit ("Invalid string length").
// The outer object and its arrays (and any long array deeper down) are walked here; each element is
// stringified on its own; pieces go out in chunks of about CHUNK characters.
import { orderedKeys, stableStringify } from './json.js';

const CHUNK = 1 << 20;
/** Arrays this long are walked element by element at any depth. */
const LONG_ARRAY = 256;
/** Containers this shallow are always walked. */
const WALK_DEPTH = 2;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** What JSON.stringify with json.ts's replacer sees for `v` under `key`. */
function prepare(key: string, v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON(key);
  if (v instanceof Map) v = Object.fromEntries(v);
  if (typeof v === 'bigint') return v.toString();
  return v;
}

const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * Write `value` as `formatJson(value, pretty)` would print it, through `write`, in chunks. Yields to
 * the event loop between chunks so an output error (EPIPE) is noticed and drained writes can finish.
 */
export async function writeJson(value: unknown, write: (chunk: string) => void | Promise<void>, pretty = true): Promise<void> {
  const parts: string[] = [];
  const emit = async (s: string): Promise<void> => {
    parts.push(s);
    if (parts.length > 4096 || s.length > CHUNK) await flush();
  };
  let pending = 0;
  const flush = async (): Promise<void> => {
    if (parts.length === 0) return;
    const text = parts.join('');
    parts.length = 0;
    pending += text.length;
    await write(text);
    if (pending >= CHUNK) {
      pending = 0;
      await new Promise((r) => setImmediate(r));
    }
  };

  const walk = async (key: string, raw: unknown, depth: number): Promise<void> => {
    const v = prepare(key, raw);
    const indent = pretty ? '\n' + '  '.repeat(depth + 1) : '';
    const close = pretty ? '\n' + '  '.repeat(depth) : '';
    const walkIt = (Array.isArray(v) && (depth < WALK_DEPTH || v.length > LONG_ARRAY)) || (isPlainObject(v) && depth < WALK_DEPTH);
    if (!walkIt) {
      const text = stableStringify(v, pretty);
      await emit(pretty && depth > 0 ? text.replace(/\n/g, '\n' + '  '.repeat(depth)) : text);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return emit('[]');
      await emit('[');
      for (let i = 0; i < v.length; i++) {
        await emit((i > 0 ? ',' : '') + indent);
        const item = prepare(String(i), v[i]);
        if (omitted(item)) await emit('null');
        else await walk(String(i), item, depth + 1);
      }
      return emit(close + ']');
    }
    const obj = v as Record<string, unknown>;
    const keys = orderedKeys(obj).filter((k) => !omitted(prepare(k, obj[k])));
    if (keys.length === 0) return emit('{}');
    await emit('{');
    let first = true;
    for (const k of keys) {
      await emit((first ? '' : ',') + indent + JSON.stringify(k) + (pretty ? ': ' : ':'));
      first = false;
      await walk(k, obj[k], depth + 1);
    }
    return emit(close + '}');
  };

  await walk('', value, 0);
  await emit('\n');
  await flush();
}
