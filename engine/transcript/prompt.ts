// Debugger prompts and the command typed after them.
import type { ParsedCommand } from '../types/ingest.js';

export interface Prompt {
  /** The prompt as written: `0: kd>`, `kd>`, `lkd>`, `0: kd:x86>`, `0:000>`. */
  text: string;
  processor?: number;
  /** Set by `kd:x86>` / `0:000:x86>` (a WOW64 or x86 context). */
  x86: boolean;
  command: string;
}

// Kernel: `8: kd> cmd`, `kd> cmd`, `lkd> cmd`, `0: kd:x86> cmd`; user mode: `0:000> cmd`, `0:000:x86> cmd`.
const KERNEL = /^\s{0,2}(?:(\d{1,4}): )?(l?kd)(:x86)?> ?(.*)$/;
const USER = /^\s{0,2}(\d{1,4}):(\d{3,5})(:x86)?> ?(.*)$/;

export function parsePrompt(line: string): Prompt | undefined {
  // Cheap rejects, since every line is asked: a prompt starts (after at most two blanks) with a
  // digit, `k` or `l`, and has its '>' within its first 17 characters.
  const c0 = line.charCodeAt(0);
  if (!((c0 >= 48 && c0 <= 57) || c0 === 107 || c0 === 108 || c0 <= 32 || c0 >= 0xa0)) return undefined;
  const n = line.length < 17 ? line.length : 17;
  let gt = -1;
  for (let i = 0; i < n; i++) {
    if (line.charCodeAt(i) === 62) {
      gt = i;
      break;
    }
  }
  if (gt < 0) return undefined;
  let m = KERNEL.exec(line);
  if (m) {
    const text = line.slice(0, line.indexOf('>') + 1).trim();
    return { text, processor: m[1] === undefined ? undefined : Number(m[1]), x86: !!m[3], command: (m[4] ?? '').trim() };
  }
  m = USER.exec(line);
  if (m) {
    const text = line.slice(0, line.indexOf('>') + 1).trim();
    return { text, processor: Number(m[1]), x86: !!m[3], command: (m[4] ?? '').trim() };
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
