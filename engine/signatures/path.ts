// A path resolver for json-rules-engine conditions. Signature paths are plain `$.a.b[0].c`;
// resolving them directly is much faster than a general JSONPath engine and has no surprises.

const cache = new Map<string, Array<string | number>>();

export function parsePath(path: string): Array<string | number> {
  let steps = cache.get(path);
  if (steps) return steps;
  steps = [];
  const body = path.startsWith('$') ? path.slice(1) : `.${path}`;
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]/g;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(body)) && m.index === at) {
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!));
    at = re.lastIndex;
  }
  if (at !== body.length) throw new Error(`unsupported path "${path}": use $.field.sub[0] form`);
  cache.set(path, steps);
  return steps;
}

export function resolvePath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const step of parsePath(path)) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
}
