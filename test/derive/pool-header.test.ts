import { describe, expect, it } from 'vitest';
import { decodePoolHeader } from '../../engine/derive/pool-header.js';

// Header bytes rebuilt from decoded fields printed by real tools (the raw bytes were not printed):
// - fishstiqz/poolinfo README, `!poolpage ffffc0000b94fa50` on x64 (Windows 8.1 era):
//     ffffc0000b94f260: InUse 0170 (017)    0260 (026)           01       03 NtFs
//     ffffc0000b94f9d0: InUse 0070 (007)    0060 (006)           01       0B DxgK
//   columns: BlockSize bytes (units), PreviousSize bytes (units), PoolIndex, PoolType, Tag.
// - !pool documentation, legacy x86: `826fa130 size:   c0 previous size:   40  (Allocated) SeSd`
//   (PoolIndex and PoolType are not printed there; 0 and 1 are used).
const x64 = (prev: number, index: number, block: number, type: number, tag: string, billed = '0000000000000000'): string =>
  [prev, index, block, type].map((b) => b.toString(16).padStart(2, '0')).join('') +
  [...tag].map((c) => c.charCodeAt(0).toString(16)).join('') +
  billed.match(/../g)!.reverse().join('');

function x86(prev: number, index: number, block: number, type: number, tagValue: number): Uint8Array {
  const ulong1 = (prev | (index << 9) | (block << 16) | (type << 25)) >>> 0;
  const b = new Uint8Array(8);
  new DataView(b.buffer).setUint32(0, ulong1, true);
  new DataView(b.buffer).setUint32(4, tagValue >>> 0, true);
  return b;
}

describe('_POOL_HEADER decoding', () => {
  it('decodes the x64 NtFs block of the poolinfo capture', () => {
    const h = decodePoolHeader(x64(0x26, 0x01, 0x17, 0x03, 'NtFs'), 'x64')!;
    expect(h).toMatchObject({
      headerSize: 0x10,
      blockUnit: 16,
      previousSize: 0x26,
      previousSizeBytes: 0x260,
      poolIndex: 1,
      blockSize: 0x17,
      blockSizeBytes: 0x170,
      poolType: 3,
      poolTag: 'NtFs',
      poolTagHex: '0x7346744e',
      protectedTag: false,
      assumed: false,
      processBilled: '0000000000000000',
    });
  });

  it('decodes the x64 DxgK block (PoolType 0x0B) and reads ProcessBilled little-endian', () => {
    const h = decodePoolHeader(x64(0x06, 0x01, 0x07, 0x0b, 'DxgK', 'ffffe000c1ad8940'), 'x64')!;
    expect([h.blockSizeBytes, h.previousSizeBytes, h.poolType, h.poolTag]).toEqual([0x70, 0x60, 0x0b, 'DxgK']);
    expect(h.processBilled).toBe('ffffe000c1ad8940');
  });

  it('decodes the x86 SeSd block of the !pool docs with 8-byte units', () => {
    const h = decodePoolHeader(x86(0x40 / 8, 0, 0xc0 / 8, 1, 0x64536553), 'x86')!;
    expect(h).toMatchObject({ headerSize: 8, blockUnit: 8, blockSizeBytes: 0xc0, previousSizeBytes: 0x40, poolType: 1, poolTag: 'SeSd' });
    expect(h.processBilled).toBeUndefined();
  });

  it('uses 9-bit sizes on x86 (sizes above 0x800 bytes need bit 8)', () => {
    const h = decodePoolHeader(x86(0x1ff, 0x7f, 0x1ff, 0x7f, 0x656c6946), 'x86')!;
    expect([h.previousSize, h.poolIndex, h.blockSize, h.poolType]).toEqual([0x1ff, 0x7f, 0x1ff, 0x7f]);
    expect(h.blockSizeBytes).toBe(0xff8);
  });

  it('clears the pre-Windows 8 protected bit of the tag (!pool shows "File (Protected)")', () => {
    const h = decodePoolHeader(x86(0x37, 0, 0x17, 1, 0xe56c6946), 'x86')!;
    expect([h.poolTag, h.protectedTag, h.poolTagValue]).toEqual(['File', true, 0x656c6946]);
  });

  it('reads at an offset, marks ARM64 as assumed, and refuses short input', () => {
    const bytes = '00'.repeat(8) + x64(0x26, 0x01, 0x17, 0x03, 'NtFs');
    expect(decodePoolHeader(bytes, 'x64', 8)!.poolTag).toBe('NtFs');
    expect(decodePoolHeader(x64(0, 0, 0x15, 2, 'amda'), 'arm64')).toMatchObject({ assumed: true, blockSizeBytes: 0x150, poolTag: 'amda' });
    expect(decodePoolHeader('26011703', 'x64')).toBeUndefined();
    expect(decodePoolHeader(bytes, 'x64', 9)).toBeUndefined();
    expect(decodePoolHeader('zz', 'x64')).toBeUndefined();
  });
});
