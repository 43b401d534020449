// The contract between the transcript segmenter and the per-command parsers.
import type { Arch, FactCollection, FactRecordMap, Provenance } from './facts.js';

/** A command line as typed after a prompt, split into its verb and its arguments. */
export interface ParsedCommand {
  /** As typed, trimmed. */
  raw: string;
  /** Verb, lower case, with `!wdfkd.`-style extension prefixes removed: `!poolused`, `dt`, `kb`, `.frame`. */
  name: string;
  /** Everything after the verb, trimmed. */
  args: string;
}

/** Where parsers put what they find. One sink per ingest run. */
export interface FactsSink {
  /** Takes a copy of `record` (or counts it when a cap is reached): a change made after `add` is not seen. */
  add<K extends FactCollection>(kind: K, record: FactRecordMap[K]): void;
  /** Next number of a per-document counter (`poolused`, `poolfind`, `poolmon` snapshots). */
  next(counter: string): number;
  /** Report the architecture when the text proves it (register names, pointer width, prompt). */
  arch(arch: Arch, evidence: string): void;
}

export interface BlockContext {
  source: string;
  block: number;
  command?: ParsedCommand;
  sink: FactsSink;
  /** Provenance for a line range of this block. */
  provenance(first: number, last: number): Provenance;
  /** Record a diagnostic; parsing continues. */
  diag(line: number, code: string, message: string, expected?: string): void;
}

/** A streaming parser for one block: lines in, facts out through the sink; never throws on bad text. */
export interface BlockParser {
  line(text: string, lineNo: number): void;
  /** Called once after the block's last line; flush aggregates here. */
  end(lastLine: number): void;
}

/** One command family: which commands it parses, how to spot its output without a prompt. */
export interface CommandFamily {
  id: string;
  /** True when this family parses the command with this verb (and arguments, when they matter). */
  accepts(command: ParsedCommand): boolean;
  /** True when an unprompted line starts output of this family (a paste without its command line). */
  recognise?(line: string): boolean;
  /**
   * Every character a line `recognise` accepts can start with (after blanks and tabs). The segmenter
   * asks a family only about lines that start with one of them, so unrecognised text stays cheap.
   * Absent: asked about every line.
   */
  leads?: string;
  create(ctx: BlockContext): BlockParser;
  /**
   * True when the output of this family may contain other commands' output unprompted (`g` prints
   * whatever the target does, a bug check's `!analyze` banner included): recognisers are then tried
   * on each of its lines.
   */
  yields?: boolean;
  /**
   * True when the parser's state stays bounded however long its block (counts and capped samples, as for
   * millions of `!poolfind` rows): it is fed every line. Other parsers read the first MAX_BLOCK_LINES
   * lines of a block (engine/transcript/segment.ts) and the rest are counted.
   */
  longOutput?: boolean;
  /**
   * True when the output prints commands as links to other objects (`!wdfhandle 0x…` in `!wdfobject`):
   * a bare command inside it is output, even at the margin after a blank line.
   */
  links?: boolean;
  /**
   * True when a write-up often splits the output into several code blocks with prose between them (an
   * `!analyze -v` report: banner, bucket, stack): a closing fence does not end the block, and the parser
   * passes over the prose.
   */
  acrossFences?: boolean;
}
