import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');

describe('!wdfmemory', () => {
  it('reads the buffer and length, and skips wdfkd warnings', () => {
    const f = ingestText(fixture('wdfmemory/ebpf-x64.log'));
    expect(f.wdfHandles).toEqual([
      { handle: '00007afa48e810e1', handleType: 'WDFMEMORY', buffer: 'ffff8505cda08fe0', length: 0, provenance: { source: '<text>', lines: [4, 4], block: 0, command: '!wdfmemory 0x00007afa48e810e1' } },
    ]);
    expect(f.diagnostics).toEqual([]);
  });
});
