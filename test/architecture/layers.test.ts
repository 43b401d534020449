// Imports go only downward between the engine's folders. The order follows the pipeline
// (transcript → command blocks → parsed records → facts → derived facts → signatures → findings → reports):
// a module may import its own folder and any folder below it, never one above.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE = fileURLToPath(new URL('../../engine/', import.meta.url));

/**
 * Lowest first. Top-level files (engine/version.ts, analyze.ts, index.ts) are layers of their own.
 * - format (numbers and bytes for humans) is a leaf: finding messages, reports, the CLI and the site use it.
 * - facts (the facts document, the sink and the diagnostics budget) sits below transcript and ingest: the segmenter and the parsers fill it.
 * - hunt (allocation breakpoints from rules/reference/allocation-apis.json) sits below derive, which
 *   offers its breakpoints as next steps.
 * - validate checks documents against the schemas and compiled signatures.
 */
export const LAYERS = [
  'types', 'version', 'format', 'reference', 'facts', 'transcript', 'ingest', 'hunt', 'derive', 'signatures',
  'validate', 'findings', 'report', 'analyze', 'corpus', 'index', 'node', 'cli',
] as const;

/**
 * Backward imports still waiting for their fix, each with the work that removes it (none today: the tag
 * codec now lives in engine/format/pool-tag.ts and the driver-tag rule in engine/reference/driver-tag.ts).
 * An entry that no longer matches fails the test.
 */
export const PENDING: ReadonlyArray<{ from: string; to: string; why: string }> = [];

interface Import {
  from: string;
  to: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(ts|js|mjs)$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

const SPECIFIER = /(?:^|\s)(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

/** Relative imports of every engine source file that land inside engine/, with the target as an engine path. */
export function engineImports(root = ENGINE): Import[] {
  const out: Import[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      const to = relative(root, target);
      if (to.startsWith('..')) continue; // rules/, schemas/: data, not code
      const line = text.slice(0, m.index + m[0].search(/\S/)).split('\n').length;
      out.push({ from: relative(root, file).split(sep).join('/'), to: to.split(sep).join('/'), line });
    }
  }
  return out;
}

/** The layer of an engine path: its first folder, or the file name of a top-level file. */
export function layerOf(path: string): string {
  const first = path.split('/')[0]!;
  return first.replace(/\.(ts|js)$/, '');
}

export function backwardImports(imports: Import[]): Array<Import & { fromLayer: string; toLayer: string }> {
  const rank = (layer: string): number => {
    const r = (LAYERS as readonly string[]).indexOf(layer);
    if (r < 0) throw new Error(`engine/${layer} is in no layer: add it to LAYERS in test/architecture/layers.test.ts`);
    return r;
  };
  return imports
    .map((i) => ({ ...i, fromLayer: layerOf(i.from), toLayer: layerOf(i.to) }))
    .filter((i) => rank(i.toLayer) > rank(i.fromLayer));
}

describe('engine layers', () => {
  const imports = engineImports();

  it('reads the imports of the whole engine', () => {
    expect(imports.length).toBeGreaterThan(200);
    expect(imports).toContainEqual(expect.objectContaining({ from: 'cli/main.ts' }));
  });

  it('has every engine folder and top-level file in the order', () => {
    const names = readdirSync(ENGINE).map((n) => n.replace(/\.(ts|js)$/, ''));
    expect(names.filter((n) => !(LAYERS as readonly string[]).includes(n))).toEqual([]);
  });

  it('imports only downward (apart from the pending entries)', () => {
    const pending = (i: Import) => PENDING.some((p) => p.from === i.from && p.to === i.to);
    const found = backwardImports(imports)
      .filter((i) => !pending(i))
      .map((i) => `engine/${i.from}:${i.line} (${i.fromLayer}) imports engine/${i.to} (${i.toLayer})`);
    expect(found).toEqual([]);
  });

  it('keeps no stale pending entry', () => {
    const back = backwardImports(imports);
    const stale = PENDING.filter((p) => !back.some((i) => i.from === p.from && i.to === p.to));
    expect(stale).toEqual([]);
  });

  it('catches a backward import', () => {
    const found = backwardImports([
      { from: 'ingest/x.ts', to: 'derive/y.ts', line: 3 },
      { from: 'derive/y.ts', to: 'ingest/x.ts', line: 4 },
      { from: 'reference/z.ts', to: 'types/facts.ts', line: 1 },
    ]);
    expect(found.map((i) => `${i.from}→${i.to}`)).toEqual(['ingest/x.ts→derive/y.ts']);
  });
});
