// Layout diagrams from the real rules/reference/layouts files; expected rows checked against the
// dt output in the ACP transcript (lines 112-122 for _POOL_HEADER, 123-165 for FxObject/FxWorkItem).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byteGrid, diagramRows, layoutLabel, layoutSize } from '../../site/src/lib/layout-diagram.js';
import type { LayoutFile, StructLayout } from '../../site/src/lib/reference-types.js';
import { REPO } from './helpers.js';

const layoutOf = (file: string, struct: string, arch: string, variant: string): StructLayout => {
  const data = JSON.parse(readFileSync(join(REPO, 'rules/reference/layouts', file), 'utf8')) as LayoutFile;
  const layout = data.structs?.find((s) => s.name === struct)?.layouts.find((l) => l.arch === arch && l.variant === variant);
  if (!layout) throw new Error(`${struct} ${arch} ${variant} not in ${file}`);
  return layout;
};

describe('diagramRows', () => {
  it('x64 _POOL_HEADER: bit fields and overlays under the bytes they share', () => {
    const rows = diagramRows(layoutOf('pool-header.json', '_POOL_HEADER', 'x64', 'any'));
    const fields = rows.filter((r) => r.kind === 'field').map((r) => [r.name, r.offset, r.size]);
    // dt -v nt!_POOL_HEADER: PreviousSize +0x000, BlockSize +0x002, PoolTag +0x004, ProcessBilled +0x008.
    expect(fields).toEqual([['PreviousSize', 0, 2], ['BlockSize', 2, 2], ['PoolTag', 4, 4], ['ProcessBilled', 8, 8]]);
    const overlays = rows.filter((r) => r.kind === 'overlay').map((r) => r.name);
    expect(overlays).toEqual(expect.arrayContaining(['PoolIndex', 'PoolType', 'Ulong1', 'AllocatorBackTraceIndex', 'PoolTagHash']));
    expect(rows.find((r) => r.name === 'PoolIndex')!.bits).toEqual({ position: 8, count: 8, unitBits: 16 });
    expect(layoutSize(layoutOf('pool-header.json', '_POOL_HEADER', 'x64', 'any'))).toBe(0x10);
  });

  it('x64 shipped FxObject: the offsets dt printed, with the padding before m_ChildListHead as a gap', () => {
    const rows = diagramRows(layoutOf('fxobject.json', 'FxObject', 'x64', 'shipped'));
    const at = (name: string) => rows.find((r) => r.name === name)?.offset;
    expect(at('m_Type')).toBe(0x8);
    expect(at('m_ObjectFlags')).toBe(0x18);
    expect(at('m_ObjectState')).toBe(0x1a);
    expect(at('m_ChildListHead')).toBe(0x20);
    expect(at('m_ParentObject')).toBe(0x40);
    expect(at('m_DeviceBase')).toBe(0x60);
    const gap = rows.find((r) => r.kind === 'gap');
    expect(gap).toMatchObject({ offset: 0x1c, size: 4 });
  });

  it('labels layouts by architecture and variant', () => {
    expect(layoutLabel({ arch: 'x64', variant: 'shipped', evidence: 'pdb', fields: [] })).toBe('x64 · retail Wdf01000 (shipped)');
    expect(layoutLabel({ arch: 'x86', variant: 'any', evidence: 'calc', fields: [] })).toBe('x86');
  });
});

describe('byteGrid', () => {
  it('x64 FxWorkItem starts its rows at its first own field, 8 bytes a row', () => {
    const grid = byteGrid(layoutOf('fxobject.json', 'FxWorkItem', 'x64', 'shipped'));
    expect(grid.width).toBe(8);
    // dt Wdf01000!FxWorkItem: m_NPLock +0x068 … m_WorkItemThread +0x0c8, sizeof 0xd0.
    expect(grid.rowOffsets[0]).toBe(0x68);
    expect(grid.rowOffsets.at(-1)).toBe(0xc8);
    const npLock = grid.cells.find((c) => c.name === 'm_NPLock')!;
    expect(npLock).toMatchObject({ row: 0, col: 0, span: 8, rowSpan: 2 });
    const enqueued = grid.cells.find((c) => c.name === 'm_Enqueued')!;
    expect(enqueued).toMatchObject({ row: 3, col: 1, span: 1, rowSpan: 1 });
  });

  it('cuts a field that crosses a row end', () => {
    const layout: StructLayout = {
      arch: 'x86',
      variant: 'any',
      evidence: 'calc',
      size: '0xc',
      fields: [
        { name: 'a', offset: '0x0', size: '0x2', type: 'USHORT' },
        { name: 'b', offset: '0x2', size: '0x8', type: 'ULONGLONG' },
        { name: 'c', offset: '0xa', size: '0x2', type: 'USHORT' },
      ],
    };
    const cells = byteGrid(layout).cells.filter((c) => c.name === 'b');
    expect(cells.map((c) => [c.row, c.col, c.span, c.rowSpan, c.first])).toEqual([
      [0, 2, 2, 1, true],
      [1, 0, 4, 1, false],
      [2, 0, 2, 1, false],
    ]);
  });
});
