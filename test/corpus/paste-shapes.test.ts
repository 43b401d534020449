// Every corpus transcript pasted again in each shape real pastes arrive in (quoted, indented, CRLF, hard-wrapped at
// 80 columns, whitespace collapsed, fenced between prose): the expected signatures it names and the sidecar values it
// keeps must not shrink against the transcript as published. A loss a shape inherently causes is allowed only by a
// documented rule below, keyed by shape.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../../engine/analyze.js';
import { factKeys, isKept } from '../../engine/corpus/values.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import { loadRulePack } from '../../engine/node/rule-pack.js';
import { isFenceLine } from '../../engine/transcript/paste.js';

const WIDTH = 80;

const eachLine = (f: (line: string) => string) => (text: string) => text.split(/\r?\n/).map(f).join('\n');

/** Hard wrap of one line at WIDTH: at the last blank before the column (the blank is dropped), or exactly at it. */
function wrapLine(line: string, atBlank: boolean): string {
  const out: string[] = [];
  let rest = line;
  while (rest.length > WIDTH) {
    const blank = atBlank ? rest.lastIndexOf(' ', WIDTH) : -1;
    // A line whose only blanks before the column are its indent is left long, as an e-mail client does with one long word.
    if (atBlank && blank < rest.length - rest.trimStart().length) break;
    const at = atBlank ? blank : WIDTH;
    out.push(rest.slice(0, at));
    rest = rest.slice(atBlank ? at + 1 : at);
  }
  out.push(rest);
  return out.join('\n');
}

/** The paste shapes, as pure text → text functions. */
const SHAPES = {
  quoted: eachLine((l) => `> ${l}`),
  'indent-4': eachLine((l) => `    ${l}`),
  'indent-tab': eachLine((l) => `\t${l}`),
  crlf: (text: string) => text.split(/\r?\n/).join('\r\n'),
  'wrap-blank': eachLine((l) => wrapLine(l, true)),
  'wrap-cut': eachLine((l) => wrapLine(l, false)),
  collapsed: eachLine((l) => l.replace(/[ \t]+/g, ' ')),
  fenced: (text: string) => `Here is what WinDbg printed:\n\n\`\`\`\n${text.replace(/\r?\n$/, '')}\n\`\`\`\n\nAny idea what leaks here?\n`,
} satisfies Record<string, (text: string) => string>;
type Shape = keyof typeof SHAPES;

interface Transcript {
  name: string;
  text: string;
  signatures: string[];
  values: string[];
}

/** A value lost under a shape, with both texts so an allowance can check its reason. */
interface Loss {
  transcript: Transcript;
  shaped: string;
  value: string;
}

/** Does some line of the text hold the value whole? */
const onOneLine = (text: string, value: string): boolean => text.split(/\r?\n/).some((l) => l.includes(value));

/**
 * The one finding loss a shape may cause: a page that lost the line breaks of its code block ran a command and
 * its whole listing onto the prompt line (over 120 characters); hard-wrapping that line again cuts the rows at
 * arbitrary words, and no row format is left to rejoin them by.
 */
const RUN_TOGETHER = 120;
const findingAllowed = (shape: Shape, text: string): boolean =>
  (shape === 'wrap-blank' || shape === 'wrap-cut') && text.split(/\r?\n/).some((l) => /kd> /.test(l) && l.length > RUN_TOGETHER);

/**
 * Losses a shape causes by destroying the text itself, each with the check that proves it for the value at hand.
 * Findings have one allowance (findingAllowed below): a signature rests on several values.
 */
const ALLOWED: ReadonlyArray<{ shapes: readonly Shape[]; reason: string; applies: (loss: Loss) => boolean }> = [
  {
    shapes: ['wrap-blank', 'wrap-cut'],
    reason: 'the wrap split the value itself across two lines, so no line holds it as a literal any more',
    applies: ({ transcript, shaped, value }) => onOneLine(transcript.text, value) && !onOneLine(shaped, value),
  },
  {
    shapes: ['wrap-blank', 'wrap-cut'],
    reason: 'a listing run onto its prompt line by the publishing page, cut again by the wrap (see findingAllowed)',
    applies: ({ transcript }) => findingAllowed('wrap-blank', transcript.text),
  },
  {
    shapes: ['fenced'],
    reason:
      'the published text has an orphan fence (an odd number of fence lines): inside one more pair it reads as a closing fence, which ends the block there',
    applies: ({ transcript }) => transcript.text.split(/\r?\n/).filter(isFenceLine).length % 2 === 1,
  },
];

/**
 * Value losses not fixed yet, per shape: the test fails when a shape loses more (a regression) and asks to
 * lower the figure when it loses fewer. Each figure says what is still missing, not which file shows it.
 */
const OPEN_GAPS: Partial<Record<Shape, { losses: number; missing: string }>> = {
  'wrap-blank': {
    losses: 44,
    missing:
      'a wrapped row of wide tables is not joined yet where no row format proves the continuation: !wdfldr and !wdfhandle trees, ' +
      '!wdflogdump and !rcdrlogdump records, !wdfpoolusage and !verifier rows, poolmon driver names, STACK_TEXT call sites wrapped before their [file @ line], a kc frame whose typed `<--` note the wrap cut',
  },
  'wrap-cut': {
    losses: 22,
    missing: 'the same wide !wdfldr / !wdfhandle / !wdflogdump rows cut at column 80, and a k frame cut before its call site',
  },
};

function loadTranscripts(): Transcript[] {
  const out: Transcript[] = [];
  for (const kind of ['leak', 'clean']) {
    const dir = join(import.meta.dirname, kind);
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.txt')) continue;
      const sidecar = JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.json')), 'utf8')) as { expect: { signatures: string[]; values: string[] } };
      out.push({ name: `${kind}/${f.slice(0, -4)}`, text: readFileSync(join(dir, f), 'utf8'), ...sidecar.expect });
    }
  }
  return out;
}

interface Outcome {
  signatures: Set<string>;
  values: Set<string>;
}

async function outcome(analyzer: Analyzer, t: Transcript, text: string): Promise<Outcome> {
  const facts = ingestText(text, `${t.name}.txt`);
  const report = await analyzer.run(facts, { status: 'experimental' });
  const keys = factKeys(facts);
  return {
    signatures: new Set(report.findings.map((f) => f.signature.slug).filter((s) => t.signatures.includes(s))),
    values: new Set(t.values.filter((v) => isKept(v, keys))),
  };
}

describe('paste shapes of the corpus', () => {
  const transcripts = loadTranscripts();
  let analyzer: Analyzer;
  const baseline = new Map<string, Outcome>();

  beforeAll(async () => {
    analyzer = createAnalyzer(await loadRulePack());
    for (const t of transcripts) baseline.set(t.name, await outcome(analyzer, t, t.text));
  });

  const rows: string[] = [];
  it.each(Object.keys(SHAPES) as Shape[])('%s keeps every finding and value of the published transcript', async (shape) => {
    const lostFindings: string[] = [];
    const lostValues: string[] = [];
    const tally = { findings: 0, findingsOf: 0, values: 0, valuesOf: 0, allowed: 0 };
    for (const t of transcripts) {
      const base = baseline.get(t.name)!;
      const shaped = SHAPES[shape](t.text);
      const now = await outcome(analyzer, t, shaped);
      tally.findingsOf += base.signatures.size;
      tally.valuesOf += base.values.size;
      for (const s of base.signatures) {
        if (now.signatures.has(s)) tally.findings++;
        else if (!findingAllowed(shape, t.text)) lostFindings.push(`${t.name}: finding ${s} lost`);
      }
      for (const value of base.values) {
        if (now.values.has(value)) tally.values++;
        else if (ALLOWED.some((a) => a.shapes.includes(shape) && a.applies({ transcript: t, shaped, value }))) tally.allowed++;
        else lostValues.push(`${t.name}: value ${value} lost`);
      }
    }
    rows.push(
      `${shape.padEnd(11)} ${String(transcripts.length).padStart(11)} ${`${tally.findings}/${tally.findingsOf}`.padStart(14)} ${`${tally.values}/${tally.valuesOf}`.padStart(12)} ${String(tally.allowed).padStart(8)}`,
    );
    expect(lostFindings).toEqual([]);
    const gap = OPEN_GAPS[shape]?.losses ?? 0;
    if (lostValues.length > 0) console.log(`${shape}: ${lostValues.length} value(s) lost (open gap ${gap}):\n  ${lostValues.join('\n  ')}`);
    expect(lostValues.length, `more values lost than the open gap of ${shape}`).toBeLessThanOrEqual(gap);
    expect(lostValues.length, `${shape} loses fewer values now: lower its OPEN_GAPS figure`).toBe(gap);
  });

  it('prints the per-shape table', () => {
    console.log(['shape       transcripts  findings kept  values kept  allowed', ...rows].join('\n'));
  });
});
