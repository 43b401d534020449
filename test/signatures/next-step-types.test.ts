// A `dt Module!Type` next step must name a type the reference knows: a layout in rules/reference/layouts, or a
// framework class an FX type is stored by (classPattern). A misspelt type (`_FX_POOL_TRACKER`) prints nothing useful.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../rules/', import.meta.url);
const json = (p: string) => JSON.parse(readFileSync(new URL(p, dir), 'utf8')) as unknown;

/** Every `"name"` of a layout document (types and their nested layouts). */
function layoutNames(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) layoutNames(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o['name'] === 'string' && ('layouts' in o || 'fields' in o)) out.add(o['name']);
    for (const x of Object.values(o)) layoutNames(x, out);
  }
}

describe('dt next steps name known types', () => {
  const known = new Set<string>();
  for (const f of readdirSync(new URL('reference/layouts/', dir))) layoutNames(json(`reference/layouts/${f}`), known);
  const classes = (json('reference/fx-types.json') as { types: Array<{ classPattern?: string }> }).types
    .map((t) => t.classPattern && new RegExp(t.classPattern))
    .filter((r): r is RegExp => !!r);

  const steps = readdirSync(new URL('signatures/', dir))
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => (json(`signatures/${f}`) as { nextSteps: Array<{ command: string }> }).nextSteps.map((s) => [f, s.command] as const))
    .filter(([, c]) => /^dt \w+!\w/.test(c));

  it('finds the dt steps of the bundled signatures', () => {
    expect(steps.length).toBeGreaterThanOrEqual(4);
  });

  it.each(steps)('%s: %s', (_file, command) => {
    const type = /^dt \w+!(\w+)/.exec(command)![1]!;
    expect(known.has(type) || classes.some((r) => r.test(type)), `${type} is neither a layout nor an FX class`).toBe(true);
  });
});
