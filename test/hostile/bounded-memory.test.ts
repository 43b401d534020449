// Bounded memory and output on huge hostile inputs, generated here (test/bench/gen-hostile.js) into
// the temp folder and deleted: the CLI runs as a child with a small V8 heap and must neither crash nor
// list one diagnostic per bad line.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../cli/run.js';

beforeAll(() => ensureBuilt(), 180_000);
const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-hostile-memory-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Generate an input with gen-hostile.js. */
function generate(kind: string, file: string, extra: string[]): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'test/bench/gen-hostile.js'), '--kind', kind, '--out', file, ...extra], { stdio: 'inherit' });
  expect(r.status).toBe(0);
}

/** `wdfleak facts file > out` with a V8 heap of `heapMb`. */
function factsTo(file: string, out: string, heapMb: number): { status: number | null; stderr: string } {
  const fd = openSync(out, 'w');
  try {
    const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, BIN, 'facts', file], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

interface Doc {
  diagnostics: Array<{ code: string; message: string }>;
  blocks: unknown[];
}

describe('bounded memory and output', () => {
  it('4 million junk lines under `r`: 50 diagnostics and one that counts the rest, with a 128 MB heap', () => {
    const file = join(tmp, 'r-junk.log');
    const out = join(tmp, 'r-junk.json');
    generate('r-junk', file, ['--lines', '4000000']);
    const r = factsTo(file, out, 128);
    rmSync(file);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Doc;
    const byCode = new Map<string, number>();
    for (const d of doc.diagnostics) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    for (const [code, n] of byCode) if (code !== 'diagnostics-capped') expect(n, code).toBeLessThanOrEqual(50);
    const capped = doc.diagnostics.filter((d) => d.code === 'diagnostics-capped');
    expect(capped).toHaveLength(1);
    const rest = Number(/^(\d+) more `malformed-line`/.exec(capped[0]!.message)?.[1]);
    expect(rest + (byCode.get('malformed-line') ?? 0)).toBe(4_000_000);
  }, 300_000);

  it('a `!poolused` of 1M distinct tags: all kept, no diagnostic, the JSON (over 50 MB) streamed', () => {
    const file = join(tmp, 'mix.log');
    const out = join(tmp, 'mix.json');
    generate('tags', file, ['--tags', '1000000']);
    // 1M records are facts, kept in the document (about 900 MB peak RSS today, see README); the output is streamed.
    const r0 = factsTo(file, out, 2048);
    expect(r0.status, r0.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(50_000_000);
    const text = readFileSync(out, 'latin1');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('"tag":"').length - 1).toBe(1_000_000);
    rmSync(out);
    rmSync(file);
  }, 300_000);
});
