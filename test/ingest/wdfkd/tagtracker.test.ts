import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');

describe('!wdftagtracker', () => {
  it('reads the history, source locations and the balance of refs and releases', () => {
    const f = ingestText(fixture('wdftagtracker/doc-x86.log'));
    const t = f.wdfTagTrackers[0]!;
    expect(t).toMatchObject({ tracker: '9ea030a8', declaredEntries: 3, historyDepth: 25 });
    expect(t.entries).toEqual([
      { op: 'release', refs: 0, tag: '....', time: '0x1331e', file: 'path\\to\\your\\driver\\code.c', line: 374 },
      { op: 'ref', refs: 1, tag: '....', time: '0x1331e', file: 'path\\to\\your\\driver\\code.c', line: 372 },
      { op: 'initial', tag: '....', time: '0x12c9a' },
    ]);
    // Initial + one ref - one release: the object still holds one reference.
    expect(t.balance).toBe(1);
    expect(f.diagnostics).toEqual([]);
  });

  it('counts an unbalanced history (a leaked reference)', () => {
    const text = [
      'kd> !wdftagtracker 0x9ea030a8',
      "(++) 2 refs: Tag 'Leak' at Time 0x1400 ticks",
      '     drv\\queue.c @ 88',
      "(++) Initial Tag '....' at Time 0x1300 ticks",
    ].join('\n');
    expect(ingestText(text).wdfTagTrackers[0]!.balance).toBe(2);
  });
});
