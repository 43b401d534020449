// Arbitrary text for property tests of the debugger-output parsers: random strings, binary-ish
// characters, and real lines cut at random places or with their tokens shuffled.
import fc from 'fast-check';
import { ingestText } from '../../engine/ingest/ingest.js';
import type { FactsDocument } from '../../engine/types/facts.js';

const PIECES = ['0x', '`', ' : ', '+0x', '(', ')', '[', ']', ' @ ', '!', '--------', '(Inline Function)', '0n-', '0y', "''", '=', '-', '??', '#', '\t'];

/** One line: junk characters, pieces of debugger syntax, or a real line cut or shuffled. */
export function junkLine(samples: readonly string[]): fc.Arbitrary<string> {
  const real = fc.constantFrom(...samples);
  return fc.oneof(
    fc.string({ maxLength: 120 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: fc.constantFrom(...'0123456789abcdef`'), maxLength: 17 }), fc.string({ maxLength: 6 })), { maxLength: 24 }).map((a) => a.join('')),
    fc.tuple(real, fc.nat(), fc.nat()).map(([l, a, b]) => l.slice(Math.min(a, b) % (l.length + 1), Math.max(a, b) % (l.length + 1))),
    fc.tuple(real, fc.nat()).map(([l, seed]) => {
      const t = l.split(' ');
      for (let i = t.length - 1; i > 0; i--) {
        const j = (seed + i * 7919) % (i + 1);
        [t[i], t[j]] = [t[j]!, t[i]!];
      }
      return t.join(' ');
    }),
    real,
  );
}

/** Blocks of junk under the given command lines. */
export function junkTranscript(commands: readonly string[], samples: readonly string[]): fc.Arbitrary<string> {
  return fc.array(
    fc.tuple(fc.constantFrom(...commands), fc.array(junkLine(samples), { maxLength: 30 })).map(([c, lines]) => [`0: kd> ${c}`, ...lines].join('\n')),
    { minLength: 1, maxLength: 4 },
  ).map((blocks) => blocks.join('\n'));
}

/** Ingest and return the document; the caller asserts no parser stopped on a line. */
export const ingestJunk = (text: string): FactsDocument => ingestText(text);
