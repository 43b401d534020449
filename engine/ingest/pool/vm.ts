// `!vm [Flags]`: the virtual memory counters, each `<Label>: <pages> ( <KB> Kb)`. Pool leaks show
// as `NonPagedPool Usage` / `NonPagedPoolNx Usage` / `PagedPool Usage`; current kernels add per-node
// rows (`NonPagedPoolNx  0:`). Banners (`********** Excessive NonPaged Pool Usage *****`,
// `******* 351175 kernel stack PTE allocations have failed ******`) are the debugger's own verdicts:
// they become `vmWarnings` facts, since a leak finding cites them. The process table, page-file lines and `!vm 0x20` region tables carry no pool facts and
// are passed over.
import type { Diagnostic, VmCounterFact, VmWarningFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { diagBudget } from './pool-lines.js';

export const vm: CommandFamily = {
  id: 'vm',
  accepts: (c) => c.name === '!vm',
  recognise: (line) => {
    const c = line.charCodeAt(0);
    if (c !== 42 && c !== 80 && c !== 32 && c !== 9) return false;
    return VM_BANNER.test(line) || PHYSICAL.test(line);
  },
  leads: '*P',
  create: (ctx) => createVmParser(ctx),
};

const VM_BANNER = /^\s*\*\*\* Virtual Memory Usage \*\*\*\s*$/;
const PHYSICAL = /^\s*Physical Memory:\s+\d+\s+\(\s*\d+\s+Kb\)\s*$/;
// A note a reader typed after the counter (`( 125476 Kb) ß Very high`) is allowed and ignored.
const COUNTER = /^\s*([A-Za-z](?:[A-Za-z0-9 /_.\-]*[A-Za-z0-9/_.\-])?)\s*:\s*(\d+)\s*\(\s*(\d+)\s*Kb\s*\)(?:\s.*)?$/;
/** `<Label>: <number> (`: a counter, even when the rest is garbled. */
const COUNTER_LIKE = /^\s*[A-Za-z][^:]{0,40}:\s*-?\d+\s*\(/;
/** `!vm 4`: `Session ID 0 @ fffff88002dfa000:` then `Paged Pool Usage:     3060 Kb` lines. */
const SESSION = /^\s*Session ID (\d{1,6}) @ ([0-9a-f`]{8,17}):\s*$/i;
const KB_COUNTER = /^\s*([A-Za-z][A-Za-z ]{0,40}[A-Za-z]):\s*(\d{1,20}) Kb\s*$/;
const NODE_LABEL = /^(NonPagedPool(?:Nx)?|PagedPool)\s+(\d+)$/;
const EXCESSIVE = /Excessive\s+(NonPaged|Paged)\s+Pool\s+Usage/i;
/**
 * The text of a `*** … ***` banner line ('' for a rule of six or more stars), else undefined. Scanned, not
 * matched: a pattern for text between star runs retries the runs for every star of the middle.
 */
function bannerText(line: string): string | undefined {
  const t = line.trim();
  let lead = 0;
  while (t.charCodeAt(lead) === 42) lead++;
  if (lead < 3) return undefined;
  if (lead === t.length) return lead >= 6 ? '' : undefined;
  let end = t.length;
  while (t.charCodeAt(end - 1) === 42) end--;
  if (t.length - end < 3) return undefined;
  const inner = t.slice(lead, end).trim();
  return inner.startsWith('*') || inner.endsWith('*') ? undefined : inner;
}

/** `48530 pool allocations have failed` → count and what failed; read by words, not by a pattern. */
function failedAllocations(text: string): { count: number; what: string } | undefined {
  const words = text.split(/ +/);
  const n = words.length;
  if (n < 4 || !/^\d+$/.test(words[0]!) || words[n - 3]!.toLowerCase() !== 'allocations' || words[n - 2]!.toLowerCase() !== 'have' || words[n - 1]!.toLowerCase() !== 'failed') return undefined;
  return { count: Number(words[0]), what: words.slice(1, n - 3).join(' ') };
}
/** Largest count printed as an unsigned 64-bit number that still means a positive value. */
const INT64_MAX = 2n ** 63n - 1n;

function createVmParser(ctx: BlockContext): BlockParser {
  const budget = diagBudget();
  const info = (no: number, code: string, message: string): void => {
    const d: Diagnostic = { level: 'info', code, source: ctx.source, line: no, message };
    ctx.sink.add('diagnostics', d);
  };

  let session: { id: number; address: string } | undefined;
  return {
    line(text, no) {
      const ses = SESSION.exec(text);
      if (ses) {
        session = { id: Number(ses[1]), address: ses[2]!.replace(/`/g, '').toLowerCase() };
        return;
      }
      if (session) {
        const k = KB_COUNTER.exec(text);
        if (k) {
          ctx.sink.add('vm', { label: `Session ${session.id} ${k[1]}`, kb: Number(k[2]), session: session.id, sessionAddress: session.address, provenance: ctx.provenance(no, no) });
          return;
        }
      }
      const m = COUNTER.exec(text);
      if (m) {
        const label = m[1]!;
        const fact: VmCounterFact = {
          label,
          pages: Number(m[2]!),
          kb: Number(m[3]!),
          provenance: ctx.provenance(no, no),
        };
        const node = NODE_LABEL.exec(label);
        if (node) fact.node = Number(node[2]!);
        ctx.sink.add('vm', fact);
        if (m[2]!.length > 15 && BigInt(m[2]!) > INT64_MAX) {
          const negative = BigInt(m[2]!) - 2n ** 64n;
          info(no, 'vm-counter-wrapped', `${label} printed ${m[2]} pages: a negative counter (${negative}) shown unsigned; the value carries no meaning`);
        }
        return;
      }
      const what = bannerText(text);
      if (what !== undefined) {
        if (/^Virtual Memory Usage$/i.test(what) || what.length === 0) return;
        const warning: VmWarningFact = { kind: 'other', text: what, provenance: ctx.provenance(no, no) };
        const ex = EXCESSIVE.exec(what);
        const failed = failedAllocations(what);
        if (ex) {
          warning.kind = 'excessive-pool-usage';
          warning.pool = ex[1]!.toLowerCase() === 'paged' ? 'paged' : 'nonpaged';
        } else if (failed) {
          warning.kind = 'allocations-failed';
          warning.count = failed.count;
          warning.what = failed.what || 'pool';
          if (/^(?:nonpaged\s+)?pool$/i.test(warning.what)) warning.pool = 'nonpaged';
          else if (/^paged\s+pool$/i.test(warning.what)) warning.pool = 'paged';
        }
        ctx.sink.add('vmWarnings', warning);
        return;
      }
      if (COUNTER_LIKE.test(text)) {
        if (budget.take()) {
          ctx.diag(no, 'malformed-line', `not a !vm counter: "${text.trim().slice(0, 100)}"`, 'a counter `<Label>: <pages> ( <KB> Kb)`');
        }
      }
    },
    end(last) {
      const dropped = budget.dropped();
      if (dropped > 0) ctx.diag(last, 'malformed-lines-dropped', `${dropped} more lines of this !vm block were not read`);
    },
  };
}
