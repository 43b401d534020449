// The transcript lines a write-up quotes and marks as evidence, read from its code fences
// (```windbg from=72 {76-84}), so the full transcript on the case page can mark the same lines.
import { parseCodeMeta } from './markdown/code-lines.js';

export interface QuotedBlock {
  from: number;
  lines: string[];
  marks: Set<number>;
  title?: string;
}

/** Every fenced block with a `from=` line number, in order. */
export function quotedBlocks(markdown: string): QuotedBlock[] {
  const out: QuotedBlock[] = [];
  const fence = /^(`{3,}|~{3,})([^\n]*)\n([\s\S]*?)^\1[ \t]*$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    const info = m[2]!.trim();
    const meta = parseCodeMeta(info.replace(/^\S+/, ''));
    if (meta.from === undefined) continue;
    const block: QuotedBlock = { from: meta.from, lines: m[3]!.replace(/\n$/, '').split('\n'), marks: meta.marks };
    if (meta.title !== undefined) block.title = meta.title;
    out.push(block);
  }
  return out;
}

/** All marked line numbers of all blocks. */
export function markedLines(markdown: string): Set<number> {
  const out = new Set<number>();
  for (const block of quotedBlocks(markdown)) for (const n of block.marks) out.add(n);
  return out;
}

/**
 * Blocks whose text is not the transcript's at the lines they claim (trailing spaces ignored).
 * Each problem names the block and the first differing line.
 */
export function excerptMismatches(markdown: string, transcript: string): string[] {
  const source = transcript.replace(/\r\n?/g, '\n').split('\n');
  const problems: string[] = [];
  for (const block of quotedBlocks(markdown)) {
    block.lines.forEach((line, i) => {
      const n = block.from + i;
      const expected = source[n - 1];
      if (expected === undefined) problems.push(`block from=${block.from}: line ${n} is past the end of the transcript`);
      else if (expected.trimEnd() !== line.trimEnd()) {
        problems.push(`block from=${block.from}: line ${n} reads "${line.trimEnd()}" but the transcript has "${expected.trimEnd()}"`);
      }
    });
    for (const mark of block.marks) {
      if (mark < block.from || mark >= block.from + block.lines.length) {
        problems.push(`block from=${block.from}: marked line ${mark} is outside the block`);
      }
    }
  }
  return problems;
}
