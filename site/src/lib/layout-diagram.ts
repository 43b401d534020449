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
    // A field that starts inside bytes already drawn is a union member, alias or bit-field view.
    const overlay = offset < end;
    if (!overlay && offset > end) {
      rows.push({ kind: 'gap', offset: end, size: offset - end, name: 'not listed', fromPct: pct(end - start), widthPct: pct(offset - end) });
    }
    rows.push(rowOf(field, overlay ? 'overlay' : 'field', offset, size, pct(offset - start), pct(size)));
    end = Math.max(end, offset + size);
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
