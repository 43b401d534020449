// Ingest runs in time linear in its input, whatever the input: for every command family, blocks of
// adversarial lines (see adversarial.ts) at 1 KB, 8 KB and 64 KB per line must cost about the same
// time per byte. A regex that backtracks (quadratic or worse) on one of them shows as a ratio of 8 or
// more between two sizes; the bound below leaves room for a loaded machine.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { FAMILY_COMMANDS, adversarialLines, leadsOf, render, transcript, type AdversarialLine } from './adversarial.js';

const SIZES = [1024, 8 * 1024, 64 * 1024];
/**
 * Largest growth of time per byte from one size to the next (linear: about 1; quadratic: 8). 4 leaves room
 * for a CI machine busy with other jobs (3.1 was seen there on a linear parser) and still fails a quadratic one.
 */
const MAX_RATIO = 4;
/** Below this, a block is timed again and again and the fastest run kept (noise of a shared machine). */
const MIN_SAMPLE_MS = 40;

/** Fastest of a few runs, each run repeated until it takes MIN_SAMPLE_MS: ms per byte. */
function msPerByte(text: string): number {
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    let runs = 0;
    const t0 = performance.now();
    let t = 0;
    do {
      ingestText(text, 'hostile.log');
      runs++;
      t = performance.now() - t0;
    } while (t < MIN_SAMPLE_MS);
    best = Math.min(best, t / runs / text.length);
  }
  return best;
}

function worstLine(command: string, lines: readonly AdversarialLine[]): string {
  let worst = { ms: 0, line: lines[0]! };
  for (const l of lines) {
    const text = transcript(command, [render(l, 8 * 1024)]);
    const t0 = performance.now();
    ingestText(text);
    const ms = performance.now() - t0;
    if (ms > worst.ms) worst = { ms, line: l };
  }
  return `${JSON.stringify(worst.line)} ${worst.ms.toFixed(1)} ms at 8 KB`;
}

const figures: string[] = [];

describe('ingest is linear in the length of hostile lines', () => {
  for (const f of FAMILY_COMMANDS) {
    it(`${f.family}: time per byte stays flat from 1 KB to 64 KB lines`, () => {
      const lines = adversarialLines(leadsOf(f.fixtures));
      const perByte = SIZES.map((size) => msPerByte(transcript(f.command, lines.map((l) => render(l, size)))));
      const ratios = perByte.slice(1).map((v, i) => v / perByte[i]!);
      const mbps = perByte.map((v) => 1 / v / 1000);
      figures.push(`${f.family.padEnd(15)} ${lines.length} lines  MB/s at 1K/8K/64K: ${mbps.map((x) => x.toFixed(0).padStart(4)).join(' ')}  ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
      const worst = Math.max(...ratios);
      expect(worst, worst > MAX_RATIO ? `super-linear: ${worstLine(f.command, lines)}` : '').toBeLessThanOrEqual(MAX_RATIO);
    }, 300_000);
  }
  it('prints the figures', () => {
    console.log(`ingest of adversarial lines (ratio = growth of time per byte from one size to the next)\n${figures.join('\n')}`);
    expect(figures.length).toBe(FAMILY_COMMANDS.length);
  });
});

// The cases of issue 11, as reported (18 s, 34 s, 16 s and 55 s before the fix).
describe('the reported slow inputs', () => {
  const cases: Array<[string, string]> = [
    ['a 1.2 KB poolmon-looking line', transcript('', [' Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc', ` Wait Nonp ${' '.repeat(1200)}x`])],
    ['a !vm banner of 3,000 stars', transcript('!vm', ['*'.repeat(3000), `*** ${' '.repeat(3000)}!`])],
    ['a 4 KB !wdfdriverinfo state line', transcript('!wdfkd.wdfdriverinfo drv 0xff', [`Pnp/Power State: ${' '.repeat(4096)}!`, ` FxDriverGlobals ${' '.repeat(4096)}!`])],
    ['eight 60 KB IFR lines', transcript('!wdflogdump drv', Array.from({ length: 8 }, (_, i) => (i % 2 ? `${' '.repeat(60_000)}!` : `12: FxPkgPnp ${' '.repeat(60_000)}!`)))],
    // Shapes of the last patterns rewritten as scanners or re-anchored (4.3 s and 40 ms a line before).
    ['a 64 KB !wdfpoolusage caller with a gap', transcript('!wdfpoolusage drv 0 1', [`  Caller: x${' '.repeat(65_000)}!`])],
    ['a thousand 4 KB bl rows with a gap', transcript('bl', Array.from({ length: 1000 }, () => ` 0 e fffff804 0001 (0001) ${' '.repeat(4000)}x y`))],
  ];
  for (const [name, text] of cases) {
    it(`${name} is read in well under a second`, () => {
      const t0 = performance.now();
      ingestText(text, 'hostile.log');
      const ms = performance.now() - t0;
      console.log(`${name}: ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(1000);
    });
  }
});
