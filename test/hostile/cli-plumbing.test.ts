// CLI plumbing under hostile conditions: a reader that goes away (EPIPE) ends the run quietly with
// exit 2 and one line on stderr, never a stack and never exit 1 (which means "a finding").
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

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
