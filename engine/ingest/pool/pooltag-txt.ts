// pooltag.txt, the tag list shipped in the debugger's `triage` folder (and an engineer's own copy):
// `rem` comment lines, then `<Tag> - <binary> - <Description>` with free spacing. Loaded on request,
// so a team's private tags name their owners. Tags may be short (`Ps  `), contain blanks (`Dh 0`)
// or wildcards (`Afd?`, `CM??`); `<unknown>` means no binary.
import type { Diagnostic, PoolTagDefinition } from '../../types/facts.js';

export interface PooltagTxt {
  tags: PoolTagDefinition[];
  diagnostics: Diagnostic[];
}

const COMMENT = /^(?:rem(?:\s|$)|\/\/|;|#)/i;
const LOOSE = /^(\S{1,4})\s+-(?:\s+|(?=\S))(.*)$/;
const SPLIT = /^(|.*?\S)\s+-(?:\s+|(?=\S))(.*)$/;
const EXPECTED = '`<Tag> - <binary> - <Description>` (or `<Tag> - <Description>`)';

export function parsePooltagTxt(text: string, source: string): PooltagTxt {
  const tags: PoolTagDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    const trimmed = line.trim();
    if (trimmed.length === 0 || COMMENT.test(trimmed)) continue;
    const entry = parseEntry(line);
    if (!entry) {
      diagnostics.push({
        level: 'warning',
        code: 'malformed-line',
        source,
        line: i + 1,
        message: `not a pooltag.txt entry: "${trimmed.slice(0, 100)}"`,
        expected: EXPECTED,
      });
      continue;
    }
    tags.push(entry);
  }
  return { tags, diagnostics };
}

function parseEntry(line: string): PoolTagDefinition | undefined {
  let tag: string;
  let rest: string;
  // The usual layout: four tag characters (blank-padded) then ` - `.
  if (line.length > 7 && line.slice(4, 7) === ' - ' && line.charCodeAt(0) !== 32) {
    tag = line.slice(0, 4).trimEnd();
    rest = line.slice(7);
  } else {
    const m = LOOSE.exec(line.trimEnd());
    if (!m) return undefined;
    tag = m[1]!;
    rest = m[2]!;
  }
  if (tag.length === 0) return undefined;
  let binary: string | undefined;
  let description: string;
  const parts = SPLIT.exec(rest.trim());
  if (parts) {
    binary = parts[1]!.trim();
    description = parts[2]!.trim();
  } else {
    description = rest.trim();
  }
  if (binary !== undefined && (binary === '' || /^<unknown>$/i.test(binary))) binary = undefined;
  if (description.length === 0) return undefined;
  const def: PoolTagDefinition = { tag, description, origin: 'pooltag.txt' };
  if (binary !== undefined) def.binary = binary;
  return def;
}
