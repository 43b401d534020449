// memoryBuffer facts on tag subjects: a tag whose blocks are WDFMEMORY buffers allocated apart from
// their objects, tied by an object's m_Pool, by WdfMemoryCreate on the allocating stack, or by a driver
// tag with the same outstanding count.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { deriveSubjects } from '../../engine/derive/subjects.js';
import { KNOWLEDGE } from '../../engine/reference/knowledge.js';

const ROOT = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(`rules/signatures/wdfmemory-buffer-separate-tag/${p}`, ROOT), 'utf8');
const tag = (text: string, name: string) => deriveSubjects(ingestText(text, 't.log'), KNOWLEDGE).find((s) => s.kind === 'tag' && s.id === name);

describe('enrichTagMemory', () => {
  it('ties CamB to the FxMemoryBufferFromPool whose m_Pool is one of its 64 KB blocks', () => {
    const s = tag(read('positive/camera-frame-buffers.log'), 'CamB')!;
    expect(s.facts['memoryBuffer']).toEqual({
      separate: true,
      isDriverTag: false,
      pointedByObject: true,
      createdByWdfMemoryCreate: false,
      largeBuffers: true,
      averageSize: 65536,
      outstanding: 3104,
      pagedShare: 0,
      objectTag: 'camf',
      // 3104 / (3117 nonpaged + 12 paged camf allocations).
      pairRatio: 0.992,
      objectDriver: 'wdfcamfilter',
      object: '0xffffc30a2c7fd6e0',
      buffer: '0xffffc30a31a90000',
    });
    expect(s.summary).toMatchObject({ handleType: 'WDFMEMORY', fxType: 'IFX_TYPE_MEMORY', driver: 'wdfcamfilter' });
    // The !pool of the buffer is quoted as evidence.
    expect(s.evidence['memoryBuffer']!.some((e) => e.description.startsWith('!pool ffffc30a31a90000: block of tag CamB'))).toBe(true);
  });

  it('the driver tag itself is never the separate buffer tag', () => {
    const s = tag(read('positive/camera-frame-buffers.log'), 'camf')!;
    expect(s.facts['memoryBuffer']).toBeUndefined();
  });

  it('a paired tag of small blocks is not separate; a fixed ring of 48 is too few to pair', () => {
    expect(tag(read('negative/paired-small-blocks.log'), 'CamB')!.facts['memoryBuffer']).toMatchObject({ separate: false, pairRatio: 0.992, largeBuffers: false });
    const ring = tag(read('negative/fixed-frame-ring.log'), 'CamB')!.facts['memoryBuffer'] as Record<string, unknown>;
    expect(ring).toMatchObject({ separate: true, pointedByObject: true, outstanding: 48 });
    expect(ring['pairRatio']).toBeUndefined();
  });
});
