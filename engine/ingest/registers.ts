// Register state: `r`, `.frame /c /r N` (with its frame line and the `Reset base frame` note),
// `.trap`, `.cxr`. A dump is `name=value` words (x64 three per line with ` r8=` padding, x86 six,
// arm64 ` x0=`), the `iopl=` flags, the segment line with `efl=`, then the symbolic location
// (`module!fn+0x4e [inlined in …]:`) and the disassembled instruction at it.
import type { Arch, RegisterFact } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../types/ingest.js';
import { parseStackLine } from './stack.js';

const REGISTER_LINE = /^\s*[a-z$][a-z0-9$]{0,7}=[0-9a-f?`]/i;
const PAIR = /(?<![a-z0-9$])([a-z$][a-z0-9$]*)=([0-9a-f`]+)(?=\s|$)/gi;
const RESET = /^Reset base frame from (\d+) to (\d+)\b/;
// `fffff804`0591e433 488bf8          mov     rdi,rax` (optionally `0033:` segment-prefixed).
const INSTRUCTION = /^(?:[0-9a-f]{4}:)?([0-9a-f]{8}(?:`?[0-9a-f]{8})?) ([0-9a-f]{2,30})\s+(\S.*)$/i;
const FRAME_LINE = /^[0-9a-f]{2,4} (?:\(Inline|[0-9a-f]{8})/i;
// `ds:002b:00000030=????????`: the effective address of the instruction's operand, wrapped.
const EFFECTIVE = /^\s*[cdefgs]s:[0-9a-f]{4}:[0-9a-f`]+=[0-9a-f?]+\s*$/i;
const NAME = /^[a-z][a-z0-9]*$/;
/** Longer lines are not register output; the pair scan would be quadratic on such junk. */
const MAX_LINE_CHARS = 4096;

export const registers: CommandFamily = {
  id: 'registers',
  accepts: (c) => c.name === 'r' || c.name === '.frame' || c.name === '.trap' || c.name === '.cxr' || c.name === '.ecxr',
  recognise: (line) => /^(?:rax=[0-9a-f]{16} rbx=|eax=[0-9a-f]{8} ebx=| x0=[0-9a-f]{16} )/.test(line),
  leads: 'erx',
  create: (ctx) => createRegisterParser(ctx),
};

/** The architecture a set of registers proves, if any (a lone `r ecx` proves nothing). */
export function archOfRegisters(values: Record<string, string>): Arch | undefined {
  if ('rax' in values || 'rip' in values || 'rsp' in values || 'r8' in values) return 'x64';
  if ('x0' in values || ('pc' in values && 'lr' in values)) return 'arm64';
  if ('eax' in values && ('eip' in values || 'esp' in values || 'ebx' in values)) return 'x86';
  return undefined;
}

/** A register-dump reader shared by `r`-style blocks and execution output (`g`, `p`, breakpoint hits). */
export interface RegisterReader {
  /** True when the line belonged to a register dump. */
  line(text: string, lineNo: number): boolean;
  /** Emit the dump in progress (if any). */
  flush(): void;
  /** Location line of the dump in progress (`nt!ExAllocatePool2`), without its colon. */
  location(): string | undefined;
}

export function createRegisterReader(ctx: BlockContext, requested?: number): RegisterReader {
  let fact: RegisterFact | undefined;
  let first = 0;
  let last = 0;
  let frame: RegisterFact['frame'];

  const open = (no: number): RegisterFact => {
    if (!fact) {
      fact = { values: {}, provenance: ctx.provenance(no, no) };
      first = no;
    }
    last = no;
    return fact;
  };

  const flush = (): void => {
    if (!fact) return;
    if (frame) fact.frame = frame;
    frame = undefined;
    const arch = archOfRegisters(fact.values);
    if (arch) {
      fact.arch = arch;
      const names = Object.keys(fact.values).slice(0, 3).join(', ');
      ctx.sink.arch(arch, `registers ${names} (${ctx.source} line ${first})`);
    }
    fact.provenance = ctx.provenance(first, last);
    ctx.sink.add('registers', fact);
    fact = undefined;
  };

  const frameInfo = (): NonNullable<RegisterFact['frame']> => {
    frame ??= requested !== undefined ? { requested } : {};
    return frame;
  };

  return {
    line(text, no) {
      if (text.length > MAX_LINE_CHARS) return false;
      const reset = RESET.exec(text);
      if (reset) {
        open(no);
        const f = frameInfo();
        f.requested = Number(reset[1]);
        f.actual = Number(reset[2]);
        return true;
      }
      if (REGISTER_LINE.test(text)) {
        PAIR.lastIndex = 0;
        let m: RegExpExecArray | null;
        let any = false;
        let flagsFrom = -1;
        const pairs: Array<[string, string]> = [];
        while ((m = PAIR.exec(text))) {
          pairs.push([m[1]!.toLowerCase(), m[2]!]);
          flagsFrom = m.index + m[0].length;
          any = true;
        }
        if (!any) return false;
        // A name seen again starts the next dump (several hits in one `g` block).
        if ((fact && pairs.some(([n]) => n in fact!.values)) || fact?.instruction) flush();
        const f = open(no);
        for (const [name, value] of pairs) {
          const hex = value.replace(/`/g, '').toLowerCase();
          if (!NAME.test(name) || !hex) continue;
          f.values[name] = stripZeros(hex);
        }
        // `iopl=0         nv up ei pl zr na po nc`: the words after the last pair are flags.
        const rest = text.slice(flagsFrom).trim();
        if ((rest && /^(?:[a-z]{2}\s*)+$/i.test(rest)) || /^[-NZCV]{4}(?=\s|$)/.test(rest)) f.flags = rest.replace(/\s+/g, ' ');
        return true;
      }
      if (EFFECTIVE.test(text)) {
        if (fact?.instruction) {
          fact.instruction.text += ' ' + text.trim();
          last = no;
        }
        return !!fact;
      }
      const ins = INSTRUCTION.exec(text);
      if (ins && !text.includes(' : ')) {
        const f = open(no);
        f.instruction = { address: ins[1]!.replace(/`/g, '').toLowerCase(), bytes: ins[2]!.toLowerCase(), text: ins[3]!.trim() };
        return true;
      }
      const trimmed = text.trim();
      // `nt!ExAllocatePool2:`, `femap+0xa7e2bd:`, `fn+0x4e [inlined in …]:` — a symbol, then a colon.
      if (trimmed.endsWith(':') && !trimmed.includes('=') && trimmed.length > 1 && !/\s{2,}/.test(trimmed)
        && (/[!+]/.test(trimmed) || !trimmed.includes(' '))) {
        if (fact?.location || fact?.instruction) flush();
        const f = open(no);
        f.location = trimmed.slice(0, -1).trim();
        return true;
      }
      if (FRAME_LINE.test(text)) {
        const sf = parseStackLine(text, no, { numbered: true, memory: false, childSp: true, retAddr: true, args: false });
        if (sf) {
          open(no);
          const f = frameInfo();
          if (sf.index !== undefined) f.actual = sf.index;
          if (sf.site) f.site = sf.site;
          return true;
        }
      }
      return false;
    },
    flush,
    location: () => fact?.location,
  };
}

const stripZeros = (h: string): string => h.replace(/^0+(?=[0-9a-f])/, '');

/** `.frame /c /r 0n5` → 5; `.frame 2` → 2 (hex); undefined when no frame number was typed. */
export function requestedFrame(args: string): number | undefined {
  // The last word; an unanchored `\s*$` would rescan the tail from every blank.
  const m = /^(0n\d+|0x[0-9a-f]+|[0-9a-f]+)$/i.exec(args.trim().split(/\s+/).at(-1)!);
  if (!m) return undefined;
  const t = m[1]!.toLowerCase();
  const n = t.startsWith('0n') ? Number(t.slice(2)) : parseInt(t.replace(/^0x/, ''), 16);
  return Number.isSafeInteger(n) ? n : undefined;
}

function createRegisterParser(ctx: BlockContext): BlockParser {
  const command = ctx.command;
  const requested = command?.name === '.frame' ? requestedFrame(command.args) : undefined;
  const reader = createRegisterReader(ctx, requested);
  return {
    line(text, no) {
      if (reader.line(text, no)) return;
      if (text.trim().length === 0) return;
      ctx.diag(no, 'malformed-line', `not part of a register dump: "${text.trim().slice(0, 80)}"`,
        'register words `rax=…`, the `iopl=` and segment lines, a `module!fn+0x…:` location or a disassembled instruction');
    },
    end() {
      reader.flush();
    },
  };
}
