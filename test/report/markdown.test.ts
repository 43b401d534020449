import { describe, expect, it } from 'vitest';
import { formatMarkdown, writeupFrontmatter } from '../../engine/report/markdown.js';
import { caseSchema } from '../../site/src/lib/case-schema.js';
import { emptyFacts } from '../../engine/facts/document.js';
import { acpReport } from './sample-report.js';

/** The frontmatter block: every value is JSON (valid YAML), so JSON.parse reads it back. */
function frontmatter(md: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  if (!m) throw new Error('no frontmatter');
  const out: Record<string, unknown> = {};
  for (const line of m[1]!.split('\n')) {
    const i = line.indexOf(': ');
    const key = line.slice(0, i);
    const raw = line.slice(i + 2);
    out[key] = key === 'date' || key === 'status' ? raw : JSON.parse(raw);
  }
  return out;
}

describe('formatMarkdown', () => {
  const md = formatMarkdown(acpReport(), { date: '2024-11-14', authors: ['Nick Kuo'] });

  it('writes the frontmatter the site reads, from the findings', () => {
    const fm = frontmatter(md);
    expect(fm).toEqual({
      title: 'amdacpbus2: WDFWORKITEM created per event in a DPC or ISR path and never deleted',
      date: '2024-11-14',
      drivers: ['amdacpbus2'],
      poolTags: ['amda'],
      fxTypes: ['FX_TYPE_WORKITEM'],
      signatures: ['workitem-created-in-dpc'],
      status: 'draft',
      authors: ['Nick Kuo'],
      summary: 'amda: WDFWORKITEM objects created by amdacpbus2!AcpWorkItemCreate in a DPC are never deleted',
    });
  });

  it('is accepted by the site case schema', () => {
    const parsed = caseSchema.safeParse(frontmatter(md));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('has the five sections in order, with the evidence quoted', () => {
    const heads = ['## Symptom', '## Evidence', '## Analysis', '## Root cause', '## Fix'].map((h) => md.indexOf(`\n${h}\n`));
    expect(heads.every((p) => p > 0)).toBe(true);
    expect([...heads].sort((a, b) => a - b)).toEqual(heads);
    expect(md).toContain("   amda   5768754   1938325232");
    expect(md).toContain('- required: !poolused: amda 5768754 nonpaged allocations (`transcript.log` line 8, `!poolused 2`)');
    expect(md).toContain('| Callback | `amdacpbus2!AcpDspResponseWorkItem` |');
    expect(md).toContain('The objects are created by `amdacpbus2!AcpWorkItemCreate ← amdacpbus2!AcpDspSwInterruptDpc` (DPC).');
    expect(md).toContain('1. Create the work item once and re-enqueue it.');
    expect(md).toContain('- [WdfWorkItemCreate function (wdfworkitem.h)](https://learn.microsoft.com/');
  });

  it('fills the symptom from the last !poolused snapshot when the report has facts', () => {
    const r = acpReport();
    const facts = emptyFacts();
    const prov = { source: 'transcript.log', lines: [8, 8] as [number, number], block: 0 };
    facts.poolUsage.push(
      { tag: 'IoWI', nonpaged: { allocs: 5769999, bytes: 646239888 }, paged: { allocs: 0, bytes: 0 }, snapshot: 0, provenance: prov },
      { tag: 'amda', nonpaged: { allocs: 5768754, bytes: 1938325232 }, paged: { allocs: 32, bytes: 9360 }, unknownTag: true, snapshot: 0, provenance: prov },
    );
    r.facts = facts;
    const out = formatMarkdown(r, { date: '2024-11-14' });
    // 1938325232 bytes = 1.805… GiB
    expect(out).toContain('Nonpaged pool is dominated by tag `amda`: 5,768,754 outstanding allocations holding 1.8 GiB');
    expect(out).toContain('| `amda` | 5,768,754 | 1,938,325,232 | not in pooltag.txt |');
    expect(out.indexOf('| `amda`')).toBeLessThan(out.indexOf('| `IoWI`'));
  });

  it('without findings still writes a valid draft title and summary', () => {
    const r = acpReport();
    r.findings = [];
    const fm = writeupFrontmatter(r, { date: '2024-01-02' });
    expect(fm.title).toBe('Pool growth with no matching leak signature');
    expect(fm.summary.length).toBeGreaterThanOrEqual(20);
  });
});
