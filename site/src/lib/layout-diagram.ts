// A struct layout as rows of a byte-offset diagram: fields in offset order, overlays (unions,
// bit fields, aliases) under the field they share bytes with, and gaps the data does not list.
import type { LayoutField, StructLayout } from './reference-types.js';

export interface DiagramRow {
  kind: 'field' | 'overlay' | 'gap';
  offset: number;
  size: number;
  name: string;
  type?: string;
  description?: string;
  aliases?: string[];
  /** Bit field position and width inside the storage unit. */
  bits?: { position: number; count: number; unitBits: number };
  /** Position and width of the bytes within the struct, in percent, for the drawn bar. */
  fromPct: number;
  widthPct: number;
}

export const hexNumber = (text: string | undefined): number | undefined =>
  text !== undefined && /^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text.slice(2), 16) : undefined;

export function hexText(n: number, width = 3): string {
  return `0x${n.toString(16).padStart(width, '0')}`;
}

/** Size of the struct: its declared size, else the end of its last field. */
export function layoutSize(layout: StructLayout): number {
  const declared = hexNumber(layout.size);
  if (declared !== undefined) return declared;
  return Math.max(0, ...layout.fields.map((f) => (hexNumber(f.offset) ?? 0) + (hexNumber(f.size) ?? 0)));
}

/** First offset of the layout (FxWorkItem's own fields start after the FxObject base). */
export function layoutStart(layout: StructLayout): number {
  return Math.min(...layout.fields.map((f) => hexNumber(f.offset) ?? 0));
}

export function diagramRows(layout: StructLayout): DiagramRow[] {
  const start = layout.fields.length > 0 ? layoutStart(layout) : 0;
  const total = Math.max(layoutSize(layout) - start, 1);
  const pct = (n: number) => Math.round((n / total) * 10000) / 100;
  const fields = layout.fields
    .map((field, index) => ({ field, index, offset: hexNumber(field.offset) ?? 0, size: hexNumber(field.size) ?? 0 }))
    .sort((a, b) => a.offset - b.offset || a.index - b.index);
  const rows: DiagramRow[] = [];
  let end = start;
  for (const { field, offset, size } of fields) {
    // A field that starts inside the bytes of the field before it is a union member, alias or
    // bit-field view of those bytes.
    const overlay = offset < end;
    if (!overlay && offset > end) {
      rows.push({ kind: 'gap', offset: end, size: offset - end, name: 'not listed', fromPct: pct(end - start), widthPct: pct(offset - end) });
    }
    rows.push(rowOf(field, overlay ? 'overlay' : 'field', offset, size, pct(offset - start), pct(size)));
    // Only fields drawn in their own right move the end: a wider union view (Ulong1 over
    // PreviousSize..PoolType) must not swallow the fields that follow it.
    if (!overlay) end = offset + size;
  }
  return rows;
}

function rowOf(field: LayoutField, kind: DiagramRow['kind'], offset: number, size: number, fromPct: number, widthPct: number): DiagramRow {
  const row: DiagramRow = { kind, offset, size, name: field.name, type: field.type, fromPct, widthPct };
  if (field.description) row.description = field.description;
  if (field.aliases?.length) row.aliases = field.aliases;
  if (field.bitPosition !== undefined && field.bitCount !== undefined) {
    row.bits = { position: field.bitPosition, count: field.bitCount, unitBits: size * 8 };
  }
  return row;
}

/** `x64 · retail Wdf01000 (shipped)` style heading words for a layout. */
export function layoutLabel(layout: StructLayout): string {
  const variant: Record<string, string> = {
    shipped: 'retail Wdf01000 (shipped)',
    'dbg-wdf-0': 'built without DBG_WDF',
    any: '',
  };
  return [layout.arch, variant[layout.variant] ?? layout.variant].filter((s) => s !== '').join(' · ');
}

export const EVIDENCE_WORDS: Record<string, string> = {
  pdb: 'read from public symbols (dt output)',
  calc: 'computed from the source declarations',
  source: 'from the public headers',
  assumed: 'assumed, not checked against a dump',
};

export interface GridCell {
  /** 0-based grid row (one row = `width` bytes) and column (byte within the row). */
  row: number;
  col: number;
  span: number;
  rowSpan: number;
  name: string;
  offset: number;
  size: number;
  kind: 'field' | 'gap';
  /** False on the continuation pieces of a field that crosses rows without being row-aligned. */
  first: boolean;
  /** Position of the field among the drawn fields, for alternating colours. */
  index: number;
}

export interface ByteGrid {
  /** Bytes per row: the pointer size of the architecture. */
  width: number;
  /** Offset of each row's first byte. */
  rowOffsets: number[];
  cells: GridCell[];
}

/** Pointer size of an architecture: the natural row width of a memory diagram. */
export const rowWidthOf = (arch: string): number => (arch === 'x86' ? 4 : 8);

/**
 * The layout as a byte grid: each non-overlay field (and each unlisted gap) placed on rows of
 * `width` bytes. Row-aligned fields spanning whole rows become one tall cell; others are cut at
 * row ends.
 */
export function byteGrid(layout: StructLayout, width = rowWidthOf(layout.arch)): ByteGrid {
  const rows = diagramRows(layout).filter((r) => r.kind !== 'overlay');
  const start = rows.length > 0 ? rows[0]!.offset - (rows[0]!.offset % width) : 0;
  const end = Math.max(start, ...rows.map((r) => r.offset + r.size), layoutSize(layout));
  const rowCount = Math.max(1, Math.ceil((end - start) / width));
  const cells: GridCell[] = [];
  rows.forEach((r, index) => {
    let at = r.offset;
    let left = r.size;
    let first = true;
    while (left > 0) {
      const col = (at - start) % width;
      const row = Math.floor((at - start) / width);
      if (col === 0 && left >= width) {
        const rowSpan = Math.floor(left / width);
        cells.push({ row, col, span: width, rowSpan, name: r.name, offset: r.offset, size: r.size, kind: r.kind as 'field' | 'gap', first, index });
        at += rowSpan * width;
        left -= rowSpan * width;
      } else {
        const span = Math.min(left, width - col);
        cells.push({ row, col, span, rowSpan: 1, name: r.name, offset: r.offset, size: r.size, kind: r.kind as 'field' | 'gap', first, index });
        at += span;
        left -= span;
      }
      first = false;
    }
  });
  return { width, rowOffsets: Array.from({ length: rowCount }, (_, i) => start + i * width), cells };
}
