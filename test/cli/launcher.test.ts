// The launcher (engine/cli/wdfleak.js) runs the one-file bundle dist/cli/wdfleak.cjs through a V8 code
// cache beside it; a missing, stale or damaged cache only costs speed and is written again.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACP_POOLUSED, ensureBuilt, ROOT, wdfleak } from './run.js';

const CLI = join(ROOT, 'dist', 'cli');
const cacheFile = (): string | undefined => readdirSync(CLI).find((n) => n.endsWith('.v8cache'));

beforeAll(() => {
  ensureBuilt();
  wdfleak(['--version']);
}, 180_000);

describe('the bundled CLI', () => {
  it('is one JavaScript file (and one for the batch worker threads)', () => {
    expect(readdirSync(CLI).filter((n) => /\.(c|m)?js$/.test(n))).toEqual(['batch-worker.cjs', 'wdfleak.cjs']);
    for (const file of ['wdfleak.cjs', 'batch-worker.cjs']) {
      const text = readFileSync(join(CLI, file), 'utf8');
      expect(text).not.toMatch(/require\(["']\.\.?\//); // no module of its own left outside
    }
  });

  it('keeps a code cache that names the bundle it belongs to', () => {
    const name = cacheFile();
    expect(name).toMatch(new RegExp(`^wdfleak\\.cjs\\.${process.versions.v8.replace(/\./g, '\\.')}\\.v8cache$`));
    const { size, mtimeMs } = statSync(join(CLI, 'wdfleak.cjs'));
    expect(readFileSync(join(CLI, name!)).subarray(0, 48).toString().trim()).toBe(`${size}:${mtimeMs}`);
  });

  it('runs with a damaged cache and writes a good one again', () => {
    const path = join(CLI, cacheFile()!);
    const header = readFileSync(path).subarray(0, 48);
    writeFileSync(path, Buffer.concat([header, Buffer.from('not a V8 code cache')]));
    const r = wdfleak(['analyze', ACP_POOLUSED]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('WDFLEAK-0002');
    expect(statSync(path).size).toBeGreaterThan(10_000);
  });
});
