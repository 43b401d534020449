// Lines → command blocks. A prompt line opens a block handled by the family that accepts its command;
// output pasted without its prompt is recognised by content; anything else is an unparsed block.
import type { BlockSummary, Diagnostic, FactsDocument } from '../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily, FactsSink, ParsedCommand } from '../types/ingest.js';
import { createDiagnosticsLimiter, type DiagnosticsLimiter } from '../facts/diagnostics.js';
import { BLOCKS_LISTED } from '../facts/document.js';
import { isNoise } from './noise.js';
import { indentOf, isDeepIndent } from './paste.js';
import { parseCommand, parsePrompt } from './prompt.js';

export interface Segmenter {
  /**
   * One line without its paste marks; `quoted` when the paste quoted it (`> `), `fence` when it was a
   * Markdown fence (then `text` is empty).
   */
  line(text: string, lineNo: number, quoted?: boolean, fence?: boolean): void;
  end(lastLine: number): void;
  /** Record a diagnostic of the reader (a cut line) under the same budget as the parsers'. */
  diag(d: Diagnostic): void;
  /**
   * Offer whole lines of UTF-8 bytes, starting at a line start, to the open parser's byte lane.
   * Returns how many lines it took (0 when none, -1 when the open block has no lane); `laneNext`
   * is then the offset after the last line taken.
   */
  takeBytes(buf: Uint8Array, start: number, end: number, firstLine: number): number;
  laneNext: number;
  /** The open block's parser has a byte lane. */
  hasLane(): boolean;
}

/**
 * Optional capability of a parser: take lines straight from bytes, for output so regular and so
 * long (millions of `!poolfind` rows) that making a string of each line would cost most of the run.
 * A lane takes only lines it fully understands, handles them exactly as `line()` would (after
 * the splitter's cleaning), and stops before the first other line, which then goes the usual way.
 */
export interface ByteLane {
  /** Take complete lines (each ended by LF) from buf[start, end); returns the count, sets `next`. */
  take(buf: Uint8Array, start: number, end: number, firstLine: number): number;
  /** Offset after the last line taken. */
  next: number;
}

/** A block parser that also has a byte lane. */
export interface LaneParser extends BlockParser {
  lane?: ByteLane;
}

/**
 * Lines of one block fed to a parser that keeps what it reads until the block ends (a `!verifier 3` listing,
 * a `dt`, an IFR log): far above real output, and a bound on what one endless block can hold (two million
 * verifier rows held a gigabyte). Families with `longOutput` read every line.
 */
export const MAX_BLOCK_LINES = 100_000;

interface OpenBlock {
  summary: BlockSummary;
  family?: CommandFamily;
  parser?: LaneParser;
  /** The paste's indent of this block (a Markdown code block, a forum post), taken off every line. */
  indent: string;
  /** Facts the parser has added so far: a block is parsed only when some came out. */
  facts: number;
  /** Non-blank lines of the block other than its command line: a fence after some closes the paste's code block. */
  output: number;
  /** Diagnostics before the block started, to tell whether the parser already said why it found nothing. */
  diagnosticsBefore: number;
  /** Lines fed to the parser, and those past MAX_BLOCK_LINES left unread (with the first of them). */
  fed: number;
  unread: number;
  unreadFrom: number;
}

/** The recognisers that may accept a line, by its first character after blanks and tabs (CommandFamily.leads). */
type Candidates = (text: string) => readonly CommandFamily[];

function candidatesByLead(recognisers: readonly CommandFamily[]): Candidates {
  const byCode = Array.from({ length: 127 }, (_, c) => recognisers.filter((f) => f.leads === undefined || f.leads.includes(String.fromCharCode(c))));
  return (text) => {
    let k = 0;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
    const c = text.charCodeAt(k);
    // Other blanks (`\s` has more) and non-ASCII leads ask every family.
    return c > 32 && c < 127 ? byCode[c]! : recognisers;
  };
}

/** A recogniser that also accepts output moved right by a paste, with the indent it took off. */
function recogniseIndented(candidates: Candidates, text: string, skip?: CommandFamily): { family: CommandFamily; indent: string } | undefined {
  // An indent is blanks and tabs: every cut below starts with the same lead.
  const recognisers = candidates(text);
  if (recognisers.length === 0) return undefined;
  const indent = indentOf(text);
  // A deep indent is the paste's before it is the output's: a recogniser that also takes the line with
  // its blanks (`*   Bugcheck Analysis   *`) would otherwise leave the indent on every later line.
  // Output keeps its own leading blank or two (` x0=`, ` Tag  Allocs`), so try the indent less one.
  // A single blank last: a web page collapses a code block's indent to one (` DRIVER_…_VIOLATION (c9)`).
  const cuts = isDeepIndent(indent) ? [indent, indent.slice(0, -1), ''] : indent === ' ' ? ['', ' '] : [''];
  for (const cut of cuts) {
    const line = text.slice(cut.length);
    const family = recognisers.find((f) => f !== skip && f.recognise!(line));
    if (family) return { family, indent: cut };
  }
  return undefined;
}

/** Segments one source into blocks and drives the parsers; never throws on any input text. */
export function createSegmenter(
  source: string,
  doc: FactsDocument,
  sink: FactsSink,
  families: readonly CommandFamily[],
  /** The document's diagnostics budget (shared by all its sources); one of its own when absent. */
  limiter: DiagnosticsLimiter = createDiagnosticsLimiter(doc),
): Segmenter {
  const candidates = candidatesByLead(families.filter((f) => f.recognise));
  let open: OpenBlock | undefined;
  /**
   * Quoted non-blank lines in a row. Text back outside a quote of two lines or more is prose after a
   * quoted paste and ends the open block; one `>` line is output (`>   40: }` of FAULTING_SOURCE_CODE).
   */
  let quoteRun = 0;
  /** Inside a Markdown code fence: the next fence closes it. */
  let fenced = false;
  /** The last line was blank: a bare command after it is a poster's next command, not output. */
  let afterBlank = false;

  const diag = (d: Diagnostic): void => {
    limiter.add(d);
  };

  const close = (lastLine: number): void => {
    if (!open) return;
    const { summary, parser } = open;
    summary.lines[1] = Math.max(summary.lines[0], lastLine);
    if (parser) {
      try {
        parser.end(summary.lines[1]);
      } catch (err) {
        fail(summary, lastLine, err);
      }
    }
    if (open.unread > 0) {
      diag({
        level: 'warning',
        code: 'block-cut',
        source,
        line: open.unreadFrom,
        message: `the ${summary.family} output is longer than ${MAX_BLOCK_LINES} lines: its last ${open.unread} lines were counted, not read (memory bound); the facts of this block come from its first ${MAX_BLOCK_LINES} lines`,
      });
    }
    if (summary.parsed && open.facts === 0) {
      summary.parsed = false;
      if (limiter.offered() === open.diagnosticsBefore) {
        diag({
          level: 'info',
          code: 'no-facts',
          source,
          line: summary.lines[0],
          message: `the ${summary.family} output${summary.command ? ` of \`${summary.command}\`` : ''} (lines ${summary.lines[0]}-${summary.lines[1]}) yielded no facts`,
          expected: `output of ${summary.family} as WinDbg prints it`,
        });
      }
    }
    if (!summary.parsed) doc.stats.unparsedBlocks++;
    // Listed as a copy, for the reason the sink keeps copies (engine/facts/document.ts).
    if (summary.index < BLOCKS_LISTED) doc.blocks.push(structuredClone(summary));
    open = undefined;
    limiter.endScope();
  };

  const fail = (summary: BlockSummary, lineNo: number, err: unknown): void => {
    summary.parsed = false;
    if (open) open.parser = undefined;
    diag({
      level: 'error',
      code: 'parser-error',
      source,
      line: lineNo,
      message: `the ${summary.family} parser stopped on this line (${err instanceof Error ? err.message : String(err)}); the rest of the block is kept unparsed`,
    });
  };

  const start = (
    lineNo: number,
    family: CommandFamily | undefined,
    command: ParsedCommand | undefined,
    prompt?: { text: string; processor?: number },
    indent = '',
  ): void => {
    limiter.endScope(); // diagnostics between blocks (`unknown-command`) form a scope of their own
    // Blocks past the cap are counted in stats but not listed; an index stays the block's position.
    const index = doc.stats.blocks;
    const summary: BlockSummary = {
      index,
      source,
      lines: [lineNo, lineNo],
      family: family?.id ?? 'unknown',
      parsed: !!family,
    };
    if (prompt) {
      summary.prompt = prompt.text;
      if (prompt.processor !== undefined) summary.processor = prompt.processor;
    }
    if (command?.raw) summary.command = command.raw;
    doc.stats.blocks++;
    const block: OpenBlock = { summary, indent, facts: 0, output: 0, diagnosticsBefore: limiter.offered(), fed: 0, unread: 0, unreadFrom: 0 };
    if (family) block.family = family;
    open = block;
    if (!family) return;
    const counting: FactsSink = {
      add(kind, record) {
        // A diagnostic says why nothing came out; it is not a fact of the block.
        if (kind === 'diagnostics') return diag(record as Diagnostic);
        block.facts++;
        sink.add(kind, record);
      },
      next: (counter) => sink.next(counter),
      arch: (arch, evidence) => sink.arch(arch, evidence),
    };
    const ctx: BlockContext = {
      source,
      block: index,
      sink: counting,
      provenance: (first, last) => {
        const p = { source, lines: [first, last] as [number, number], block: index };
        return command?.raw ? { ...p, command: command.raw } : p;
      },
      diag: (line, code, message, expected) => {
        const d: Diagnostic = { level: 'warning', code, source, line, message };
        if (expected) d.expected = expected;
        diag(d);
      },
    };
    if (command) ctx.command = command;
    try {
      open.parser = family.create(ctx);
    } catch (err) {
      fail(summary, lineNo, err);
    }
  };

  const feed = (text: string, lineNo: number): void => {
    if (!open?.parser) return;
    if (open.fed >= MAX_BLOCK_LINES && !open.family?.longOutput) {
      if (open.unread++ === 0) open.unreadFrom = lineNo;
      return;
    }
    open.fed++;
    if (text.length > 0) open.output++;
    try {
      open.parser.line(text, lineNo);
    } catch (err) {
      fail(open.summary, lineNo, err);
    }
  };

  const bareCommand = (line: string): { family: CommandFamily; command: ParsedCommand; indent: string } | undefined => {
    const indent = indentOf(line);
    const c = line.charCodeAt(indent.length);
    if (c !== 33 /* ! */ && c !== 98 /* b */) return undefined;
    const text = line.slice(indent.length);
    // `!ext.command …`, or a breakpoint command (`bp nt!ExAllocatePool2 ".if …"`), unambiguous without a prompt.
    if (!/^(?:!\w+(?:\.\w+)?(?:\s|$)|b[pum]\d* +\S+!\S)/.test(text) || text.length > 2000) return undefined;
    const command = parseCommand(text);
    const family = families.find((f) => f.accepts(command));
    return family ? { family, command, indent } : undefined;
  };

  const segmenter: Segmenter = {
    laneNext: 0,
    hasLane: () => open?.parser?.lane !== undefined && open.indent === '',
    takeBytes(buf, start, end, firstLine) {
      const lane = open?.parser?.lane;
      if (!lane || !open) return -1;
      let taken: number;
      try {
        taken = lane.take(buf, start, end, firstLine);
      } catch (err) {
        fail(open.summary, firstLine, err);
        return -1;
      }
      if (taken > 0) open.summary.lines[1] = firstLine + taken - 1;
      segmenter.laneNext = taken > 0 ? lane.next : start;
      return taken;
    },
    line(raw, lineNo, quoted = false, fence = false) {
      const wasBlank = afterBlank;
      afterBlank = raw.length === 0;
      if (fence) {
        fenced = !fenced;
        // A closing fence after output ends the block: what follows is the poster's prose, not more output.
        // An opening fence never does (a command quoted in prose, then its output fenced; a paste that
        // lost its opening fence and goes on after the orphan closing one).
        if (!fenced && open && open.output > 0 && !open.family?.acrossFences) {
          close(lineNo - 1);
          return;
        }
      }
      // Only quoted lines, and the first line after them, need looking at: no trim on every line.
      if ((quoted || quoteRun > 0) && raw.trim().length > 0) {
        if (!quoted && quoteRun >= 2 && open) close(lineNo - 1);
        quoteRun = quoted ? quoteRun + 1 : 0;
      }
      const prompt = parsePrompt(raw);
      if (prompt) {
        close(lineNo - 1);
        if (prompt.x86) sink.arch('x86', `prompt ${prompt.text}`);
        const command = parseCommand(prompt.command);
        if (!command.name) return; // a bare prompt ends the previous block and opens none
        const family = families.find((f) => f.accepts(command));
        if (!family) {
          diag({
            level: 'info',
            code: 'unknown-command',
            source,
            line: lineNo,
            message: `no parser for \`${command.name}\`; its output is kept as an unparsed block`,
          });
        }
        start(lineNo, family, command, prompt, isDeepIndent(prompt.indent) ? prompt.indent : '');
        return;
      }
      // An extension command typed without its prompt (`!poolused 2`, `!WdfKd.WdfDriverInfo Echo.sys`),
      // as pastes and documentation show them, opens its block like a prompt would. Inside output being
      // parsed only at the paste's margin after a blank line (a poster's next command), and never in
      // output that prints commands as links (`!wdfdriverinfo`'s `!WDFDEVICE 0x…`).
      const typed = wasBlank && !open?.family?.links && raw.startsWith(open?.indent ?? '') && raw.charCodeAt(open?.indent.length ?? 0) === 33;
      const bare = open?.parser && !typed ? undefined : bareCommand(raw);
      if (bare) {
        close(lineNo - 1);
        start(lineNo, bare.family, bare.command, undefined, isDeepIndent(bare.indent) ? bare.indent : '');
        return;
      }
      let text = raw;
      if (open?.indent) {
        if (raw.startsWith(open.indent)) text = raw.slice(open.indent.length);
        else if (wasBlank && raw.length > 0 && indentOf(raw).length === 0) {
          // Text back at the margin after a blank line ends an indented paste (prose between two code
          // blocks); right under an output line it is the end of that line, wrapped by the paste.
          close(lineNo - 1);
        }
      }
      if (!open || !open.parser) {
        if (text.trim().length === 0 || (!open && isNoise(text))) {
          if (open) open.summary.lines[1] = lineNo;
          return;
        }
        const found = recogniseIndented(candidates, text);
        if (found) {
          close(lineNo - 1);
          start(lineNo, found.family, undefined, undefined, found.indent);
          feed(text.slice(found.indent.length), lineNo);
          return;
        }
        if (!open) start(lineNo, undefined, undefined);
        open!.summary.lines[1] = lineNo;
        open!.output++;
        return;
      }
      if (open.family?.yields && text.length > 0) {
        const found = recogniseIndented(candidates, text, open.family);
        if (found) {
          const indent = open.indent + found.indent;
          close(lineNo - 1);
          start(lineNo, found.family, undefined, undefined, indent);
          feed(text.slice(found.indent.length), lineNo);
          return;
        }
      }
      open.summary.lines[1] = lineNo;
      feed(text, lineNo);
    },
    end(lastLine) {
      close(lastLine);
      limiter.endScope();
    },
    diag,
  };
  return segmenter;
}
