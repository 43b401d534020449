// CLI plumbing under hostile conditions: a reader that goes away (EPIPE) ends the run quietly with
// exit 2 and one line on stderr, never a stack and never exit 1 (which means "a finding").
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, oneLine, wdfleak } from '../cli/run.js';

beforeAll(() => ensureBuilt(), 180_000);

const cli = new URL('../../engine/cli/wdfleak.js', import.meta.url).pathname;

describe('stdout errors', () => {
  it('EPIPE: exit 2, one line on stderr', async () => {
    // Enough pool rows that the JSON is far larger than a pipe buffer.
    const rows = Array.from({ length: 60_000 }, (_, i) => ` T${String(i % 1000).padStart(3, '0')}  ${i} 1000 0 0`).join('\n');
    const input = `0: kd> !poolused 2\n Sorting by NonPaged Pool Consumed\n\n               NonPaged                  Paged\n Tag     Allocs         Used     Allocs         Used\n\n${rows}\n`;
    const child = spawn(process.execPath, [cli, 'facts', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(input);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^wdfleak: output stopped: .*EPIPE/);
    expect(err).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('input plumbing, through the built CLI', () => {
  const poolused = (tag: string, rows: number): string =>
    '0: kd> !poolused 2\n Sorting by NonPaged Pool Consumed\n\n               NonPaged                  Paged\n Tag     Allocs         Used     Allocs         Used\n\n' +
    Array.from({ length: rows }, (_, i) => ` ${tag}${String(i).padStart(2, '0')}  10 1000 0 0`).join('\n') +
    '\n';

  it('facts and analyze refuse unusable input alike: exit 2, one line, the same words', () => {
    for (const input of ['lorem ipsum\n', '', '\u0000\u0001\u0002 binary\n']) {
      const f = wdfleak(['facts', '-'], { input });
      const a = wdfleak(['analyze', '-'], { input });
      expect([f.status, a.status]).toEqual([2, 2]);
      expect(f.stdout).toBe('');
      expect(oneLine(f.stderr).replace(/^wdfleak facts: /, '')).toBe(oneLine(a.stderr).replace(/^wdfleak analyze: /, ''));
    }
  });

  it('stdin is named <stdin> by every command that reads a log', () => {
    const input = poolused('Ab', 3);
    const facts = JSON.parse(wdfleak(['facts', '-'], { input }).stdout) as { sources: Array<{ name: string }> };
    expect(facts.sources.map((s) => s.name)).toEqual(['<stdin>']);
    const report = wdfleak(['analyze', '-', '--format', 'json', '--with-facts'], { input }).stdout;
    expect(report).toContain('"<stdin>"');
    expect(report).not.toMatch(/"source":"-"|"name":"-"/);
    for (const cmd of ['facts', 'analyze', 'writeup', 'diff']) {
      const r = wdfleak([cmd, '-'], { input: 'lorem\n' });
      expect(r.status, cmd).toBe(2);
      expect(oneLine(r.stderr), cmd).toMatch(new RegExp(`^wdfleak ${cmd}: <stdin>: `));
    }
  }, 60_000);

  it('a file that switches from UTF-8 to UTF-16LE part-way gets one diagnostic and is read on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wdfleak-hostile-enc-'));
    try {
      const file = join(dir, 'joined.log');
      const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(poolused('Wx', 40).repeat(2), 'utf16le')]);
      writeFileSync(file, Buffer.concat([Buffer.from(poolused('Ab', 40)), u16]));
      const r = wdfleak(['facts', file]);
      expect(r.status).toBe(0);
      const doc = JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; line: number }>; poolUsage: Array<{ tag: string }> };
      expect(doc.diagnostics).toHaveLength(1);
      expect(doc.diagnostics[0]).toMatchObject({ code: 'encoding-changed', line: 47 });
      expect(doc.poolUsage.filter((p) => p.tag.startsWith('Wx'))).toHaveLength(80);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
