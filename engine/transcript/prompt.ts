// Debugger prompts and the command typed after them.
import type { ParsedCommand } from '../types/ingest.js';

export interface Prompt {
  /** The prompt as written: `0: kd>`, `kd>`, `lkd>`, `0: kd:x86>`, `0:000>`. */
  text: string;
  processor?: number;
  /** Set by `kd:x86>` / `0:000:x86>` (a WOW64 or x86 context). */
  x86: boolean;
  command: string;
  /** Blanks and tabs before the prompt: a Markdown or forum paste indents the whole block. */
  indent: string;
}

// Kernel: `8: kd> cmd`, `kd> cmd`, `lkd> cmd`, `0: kd:x86> cmd`, and the same cut at the front by a
// copy (`: kd>`, `d>`); user mode: `0:000> cmd`, `0:000:x86> cmd`. Matched after the indent.
const KERNEL = /^(?:(\d{1,4})?: ?)?(l?kd|d)(:x86)?> ?(.*)$/;
const USER = /^(\d{1,4}):(\d{3,5})(:x86)?> ?(.*)$/;

export function parsePrompt(line: string): Prompt | undefined {
  let k = 0;
  while (k < line.length && k < 64 && (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9)) k++;
  // Cheap rejects, since every line is asked: a prompt starts with a digit, `:`, `k`, `l` or `d`,
  // and has its '>' within its first 17 characters.
  const c0 = line.charCodeAt(k);
  if (!((c0 >= 48 && c0 <= 58) || c0 === 107 || c0 === 108 || c0 === 100)) return undefined;
  const n = Math.min(line.length, k + 17);
  let gt = -1;
  for (let i = k; i < n; i++) {
    if (line.charCodeAt(i) === 62) {
      gt = i;
      break;
    }
  }
  if (gt < 0) return undefined;
  const rest = k === 0 ? line : line.slice(k);
  const indent = line.slice(0, k);
  let m = KERNEL.exec(rest);
  if (m) {
    // A cut prompt (`d>`) counts only with a command after it: `d>` alone is too common in text.
    if (m[2] === 'd' && !(m[4] ?? '').trim()) return undefined;
    const text = rest.slice(0, rest.indexOf('>') + 1).trim();
    return { text, processor: m[1] === undefined ? undefined : Number(m[1]), x86: !!m[3], command: (m[4] ?? '').trim(), indent };
  }
  m = USER.exec(rest);
  if (m) {
    const text = rest.slice(0, rest.indexOf('>') + 1).trim();
    return { text, processor: Number(m[1]), x86: !!m[3], command: (m[4] ?? '').trim(), indent };
  }
  return undefined;
}

/** Split a command into verb and arguments; `!wdfkd.wdfhandle` and `!wdfhandle` get the same verb. */
export function parseCommand(raw: string): ParsedCommand {
  const text = raw.trim();
  const m = /^(\S+)\s*(.*)$/.exec(text);
  let name = (m?.[1] ?? '').toLowerCase();
  const args = (m?.[2] ?? '').trim();
  const ext = /^!\w+\.(\w+)$/.exec(name);
  if (ext) name = `!${ext[1]}`;
  return { raw: text, name, args };
}
