import { describe, expect, it } from 'vitest';
import { formatExplanation } from '../../engine/report/why-not.js';
import type { SignatureExplanation } from '../../engine/types/trace.js';

const explanation = (id: string, actual: unknown): SignatureExplanation => ({
  signature: { id: 'WDFLEAK-0099', slug: 'probe', title: 'Probe', status: 'experimental', subject: 'tag' },
  subjects: [
    {
      kind: 'tag',
      id,
      trace: {
        matched: false,
        required: { kind: 'all', result: false, items: [{ kind: 'leaf', fact: 'tag', path: '$.description', operator: 'matches', expected: 'x', present: true, actual, result: false }] },
        evidence: [],
      },
    },
  ],
});

describe('formatExplanation', () => {
  it('shows text read from the transcript inert: control characters and bidi overrides as escapes', () => {
    const text = formatExplanation(explanation('A\u001b[2Jb', 'evil\u009b31m\u202etxt'));
    expect(text).toContain('tag A\\x1b[2Jb: no finding');
    expect(text).toContain('· actual "evil\\x9b31m\\u202etxt"');
    expect(text).not.toMatch(/[\u001b\u009b\u202e]/);
  });

  it('cuts a long value to one line and says an experimental signature needs --status experimental', () => {
    const text = formatExplanation(explanation('Xmpl', Array.from({ length: 50 }, (_, i) => i)));
    const leaf = text.split('\n').find((l) => l.includes('$.description'))!;
    expect(leaf).toMatch(/actual \[0,1,2,.*…$/);
    expect(leaf.length).toBeLessThan(160);
    expect(text.split('\n')[2]).toBe('experimental: analyze runs it only with --status experimental');
  });
});
