import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from '../../engine/cli/progress.js';

describe('progressLine', () => {
  it('shows a bar, the share, bytes, lines and the rate when the size is known', () => {
    const line = progressLine({ source: 'logs/kd.log', bytes: 50 * 1048576, total: 200 * 1048576, lines: 1234567 }, 2, 200);
    expect(line).toBe('kd.log  [###.........]  25%  50.0 MiB / 200.0 MiB  1,234,567 lines  25.0 MiB/s');
  });

  it('leaves the bar out for stdin and fits the terminal width', () => {
    expect(progressLine({ source: '<stdin>', bytes: 1536, lines: 10 }, 1, 200)).toBe('<stdin>  1.5 KiB  10 lines  1.5 KiB/s');
    expect(progressLine({ source: 'kd.log', bytes: 1, total: 2, lines: 1 }, 1, 30)).toHaveLength(29);
  });
});

describe('createProgress', () => {
  const stream = () => {
    const writes: string[] = [];
    return { writes, s: { columns: 100, write: (t: string) => writes.push(t) } as unknown as NodeJS.WriteStream };
  };

  it('draws nothing for inputs read in under 0.3 s, then at most every 0.1 s, and erases the line at the end', () => {
    let now = 0;
    const { writes, s } = stream();
    const p = createProgress(s, true, () => now);
    p.update({ source: 'a', bytes: 1, lines: 1 });
    expect(writes).toEqual([]);
    now = 400;
    p.update({ source: 'a', bytes: 2, lines: 2 });
    now = 450;
    p.update({ source: 'a', bytes: 3, lines: 3 });
    now = 520;
    p.update({ source: 'a', bytes: 4, lines: 4 });
    expect(writes).toHaveLength(2);
    expect(writes[0]!.startsWith('\r\u001b[2Ka  2 B  2 lines')).toBe(true);
    p.done();
    expect(writes[2]).toBe('\r\u001b[2K');
  });

  it('is silent when disabled (not a terminal, or --quiet)', () => {
    let now = 0;
    const { writes, s } = stream();
    const p = createProgress(s, false, () => now);
    now = 1000;
    p.update({ source: 'a', bytes: 2, lines: 2 });
    p.done();
    expect(writes).toEqual([]);
  });
});
