// writeJson prints, in pieces, exactly what formatJson prints in one string.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../engine/report/json.js';
import { writeJson } from '../../engine/report/json-stream.js';
import { ingestText } from '../../engine/ingest/ingest.js';

async function streamed(value: unknown, pretty: boolean): Promise<{ text: string; pieces: number }> {
  const out: string[] = [];
  await writeJson(value, (s) => void out.push(s), pretty);
  return { text: out.join(''), pieces: out.length };
}

describe('writeJson', () => {
  it('matches formatJson on a facts document, pretty and compact', async () => {
    const facts = ingestText(readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8'));
    for (const pretty of [true, false]) expect((await streamed(facts, pretty)).text).toBe(formatJson(facts, pretty));
  });

  it('matches formatJson on any JSON-like value (undefined, Maps, long arrays, empty containers)', async () => {
    const leaf = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 300 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 6 })),
    })).v;
    await fc.assert(
      fc.asyncProperty(value, fc.boolean(), async (v, pretty) => {
        expect((await streamed(v, pretty)).text).toBe(formatJson(v, pretty));
      }),
      { numRuns: 200 },
    );
    const m = { a: new Map<string, unknown>([['z', 1], ['b', [1, undefined, 2]]]), big: Array.from({ length: 1000 }, (_, i) => ({ i, d: [i] })) };
    expect((await streamed(m, true)).text).toBe(formatJson(m, true));
  });

  it('writes a long array in several pieces', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ tag: `T${i}`, bytes: i }));
    const r = await streamed({ rows }, false);
    expect(r.pieces).toBeGreaterThan(2);
    expect(r.text).toBe(formatJson({ rows }, false));
  });
});
