// Turns `dt` instance lines as printed (`   +0x008 m_Type           : 0x1025`) into bare DtFields
// (offset, name, raw, depth) so the decoders can be tested on real text without the dt parser.
import type { DtField } from '../../engine/types/facts.js';

export function dtFields(text: string): DtField[] {
  const out: DtField[] = [];
  for (const line of text.split('\n')) {
    const m = /^( +)\+0x([0-9a-f]+) (\S+)\s*: ?(.*)$/i.exec(line);
    if (!m) continue;
    out.push({ offset: parseInt(m[2]!, 16), name: m[3]!, raw: m[4]!.trimEnd(), depth: Math.max(0, (m[1]!.length - 3) / 3) });
  }
  return out;
}
