import { describe, expect, it } from 'vitest';
import {
  formatPointer,
  handleMask,
  handleToObject,
  objectToHandle,
  parsePointer,
  pointerBitsOfArch,
  pointerBitsOfText,
} from '../../engine/derive/handles.js';
import { HANDLE_RULE } from '../../engine/reference/layouts.js';

describe('WDF handle ↔ FxObject pointer', () => {
  it('x64 ACP work item: FxObject 0xffffda00`0f16ed40 ↔ handle 0x000025fff0e912b8 (fxobject-layout.md §4)', () => {
    expect(objectToHandle('ffffda00`0f16ed40', 64)).toEqual({ handle: 0x000025fff0e912b8n, hex: '0x000025fff0e912b8', aligned: true });
    const back = handleToObject('0x000025fff0e912b8', 64)!;
    expect(back).toMatchObject({ flags: 0, isOffset: false, object: 0xffffda000f16ed40n, objectHex: '0xffffda000f16ed40', problems: [] });
  });

  it('x64 docs samples: !wdfhandle 0x000049f6bfe9d5d8 = dt FxDriver 0xffffb60940162a20; !WDFREQUEST 0x0000057ffd184e08 = 0xfffffa8002e7b1f0', () => {
    expect(handleToObject(0x000049f6bfe9d5d8n, 64)!.objectHex).toBe('0xffffb60940162a20');
    expect(objectToHandle(0xffffb60940162a20n, 64)!.hex).toBe('0x000049f6bfe9d5d8');
    expect(handleToObject('0000057f`fd184e08', 64)!.objectHex).toBe('0xfffffa8002e7b1f0');
    expect(objectToHandle('fffffa80`02e7b1f0', 64)!.hex).toBe('0x0000057ffd184e08');
  });

  it('x86 docs sample: handle 0x7ca7b1c0 ↔ !wdfobject 0x83584e38', () => {
    expect(handleToObject(0x7ca7b1c0, 32)!.objectHex).toBe('0x83584e38');
    expect(objectToHandle(0x83584e38, 32)!.hex).toBe('0x7ca7b1c0');
  });

  it('offset handle 0x7dfa26d9: flag bit 0 set, decoded address 0x8205d920, object 0x70 below it', () => {
    const h = handleToObject('0x7dfa26d9', 32)!;
    expect(h).toMatchObject({ flags: 1, isOffset: true, pointerHex: '0x8205d920' });
    expect(h.object).toBeUndefined();
    expect(h.problems[0]).toMatch(/offset handle/);
    expect(handleToObject('0x7dfa26d9', 32, 0x70)!.objectHex).toBe('0x8205d8b0');
    // The offset can come from a memory reader: it is the USHORT stored at the decoded address.
    const read = (p: bigint): number | undefined => (p === 0x8205d920n ? 0x70 : undefined);
    expect(handleToObject('0x7dfa26d9', 32, read)!.objectHex).toBe('0x8205d8b0');
  });

  it('round-trips every example of handles.json', () => {
    for (const e of HANDLE_RULE.examples) {
      const bits = e.pointerBits;
      const off = e.offset ? parseInt(e.offset, 16) : undefined;
      expect(handleToObject(e.handle, bits, off)!.object, e.handle).toBe(BigInt(e.object));
      if (!e.offset) expect(objectToHandle(e.object, bits)!.handle, e.object).toBe(BigInt(e.handle));
    }
  });

  it('flags what cannot be a handle or an object', () => {
    expect(handleToObject(0n, 64)!.problems).toContain('NULL handle');
    expect(handleToObject('0x7ca7b1c6', 32)!.problems[0]).toMatch(/flag bits 0x6/);
    expect(objectToHandle('0x83584e3c', 32)!.aligned).toBe(false);
    expect(handleToObject('0x1ffffffff', 32)).toBeUndefined(); // wider than the pointer
    expect(handleToObject('xyz', 64)).toBeUndefined();
    expect(handleToObject(-1, 64)).toBeUndefined();
  });

  it('knows the masks, widths and formats', () => {
    expect(handleMask(64)).toBe(0xfffffffffffffff8n);
    expect(handleMask(32)).toBe(0xfffffff8n);
    expect(pointerBitsOfArch('arm64')).toBe(64);
    expect(pointerBitsOfArch('x86')).toBe(32);
    expect(pointerBitsOfText('ffffda00`0f16ed40')).toBe(64);
    expect(pointerBitsOfText('0x7ca7b1c0')).toBe(32);
    expect(pointerBitsOfText('0x1f')).toBeUndefined();
    expect(formatPointer(0x000025fff0e912b8n, 64, true)).toBe('0x000025ff`f0e912b8');
    expect(parsePointer('0xFFFFDA000F16ED40')).toBe(0xffffda000f16ed40n);
  });
});
