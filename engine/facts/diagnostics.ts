// Diagnostics with a budget, so a log of junk gives a short list, not one entry per line: at most 50
// of one code in one block (then one `diagnostics-capped` entry counts the rest of that block) and at
// most 1000 in all (then one entry at the end counts the rest, per code). Parsers that cap their own
// lines (50 for !poolfind) stay within the block budget, so their own summaries are kept.
import type { Diagnostic, FactsDocument } from '../types/facts.js';

export const DIAGNOSTICS_PER_CODE_PER_BLOCK = 50;
export const DIAGNOSTICS_PER_DOCUMENT = 1000;
export const CAPPED_CODE = 'diagnostics-capped';

const RANK: Record<Diagnostic['level'], number> = { info: 0, warning: 1, error: 2 };

interface Over {
  count: number;
  source: string;
  first: number;
  last: number;
  level: Diagnostic['level'];
}

export interface DiagnosticsLimiter {
  /** Keep `d` if the budget allows, else count it. */
  add(d: Diagnostic): void;
  /** Diagnostics offered so far, kept or not (tells whether a parser said anything). */
  offered(): number;
  /** The block (or the stretch between blocks) ends: one entry for each code over its cap. */
  endScope(): void;
  /** The document ends: one entry for what the document cap left out. */
  finish(): void;
}

function worse(a: Diagnostic['level'], b: Diagnostic['level']): Diagnostic['level'] {
  return RANK[a] >= RANK[b] ? a : b;
}

export function createDiagnosticsLimiter(
  doc: Pick<FactsDocument, 'diagnostics'>,
  perBlock = DIAGNOSTICS_PER_CODE_PER_BLOCK,
  perDocument = DIAGNOSTICS_PER_DOCUMENT,
): DiagnosticsLimiter {
  let offered = 0;
  /** Count per code in the current scope. */
  let scope = new Map<string, number>();
  /** Per code: what the per-block cap left out in the current scope. */
  let scopeOver = new Map<string, Over>();
  /** Per code: what the document cap left out. */
  const docOver = new Map<string, Over>();

  const note = (map: Map<string, Over>, code: string, d: Pick<Diagnostic, 'source' | 'line' | 'level'>, count: number): void => {
    const o = map.get(code);
    if (o) {
      o.count += count;
      o.level = worse(o.level, d.level);
      if (o.source === d.source) o.last = Math.max(o.last, d.line);
    } else {
      map.set(code, { count, source: d.source, first: d.line, last: d.line, level: d.level });
    }
  };

  /** Keep `d`, or count it under `code` (a block summary counts as the diagnostics it stands for). */
  const keep = (d: Diagnostic, code = d.code, count = 1): void => {
    // A copy, as the facts sink keeps (engine/facts/document.ts).
    if (doc.diagnostics.length < perDocument) doc.diagnostics.push(structuredClone(d));
    else note(docOver, code, d, count);
  };

  return {
    add(d) {
      offered++;
      const n = (scope.get(d.code) ?? 0) + 1;
      scope.set(d.code, n);
      if (n <= perBlock) keep(d);
      else note(scopeOver, d.code, d, 1);
    },
    offered: () => offered,
    endScope() {
      if (scopeOver.size > 0) {
        for (const code of [...scopeOver.keys()].sort()) {
          const o = scopeOver.get(code)!;
          const lines = o.first === o.last ? `line ${o.first}` : `lines ${o.first}-${o.last}`;
          const summary: Diagnostic = {
            level: o.level,
            code: CAPPED_CODE,
            source: o.source,
            line: o.first,
            message: `${o.count} more \`${code}\` diagnostics in this block (${lines}) are counted, not listed (at most ${perBlock} per code and block)`,
          };
          keep(summary, code, o.count);
        }
      }
      scope = new Map();
      scopeOver = new Map();
    },
    finish() {
      if (docOver.size === 0) return;
      const codes = [...docOver.keys()].sort();
      let total = 0;
      let level: Diagnostic['level'] = 'info';
      for (const c of codes) {
        total += docOver.get(c)!.count;
        level = worse(level, docOver.get(c)!.level);
      }
      const first = docOver.get(codes[0]!)!;
      doc.diagnostics.push({
        level,
        code: CAPPED_CODE,
        source: first.source,
        line: first.first,
        message: `${total} more diagnostics are counted, not listed (at most ${perDocument} per document): ${codes.map((c) => `${c} ${docOver.get(c)!.count}`).join(', ')}`,
      });
      docOver.clear();
    },
  };
}
