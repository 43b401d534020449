// A case write-up's claims are checked against its own transcript: every signature the frontmatter
// lists must be found by the analyzer in transcript.log. Each signature is run alone, so a more
// specific signature that supersedes it (the work-item signature over "IoWI tracks a driver tag")
// cannot hide it.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../engine/index.js';
import { caseSchema } from '../../site/src/lib/case-schema.js';
import { casesOnDisk, signaturesOnDisk } from './helpers.js';
import type { Signature } from '../../engine/types/signature.js';

const signatures = new Map(signaturesOnDisk().map((s) => [s.slug, s]));
const claims = casesOnDisk().flatMap((c) =>
  caseSchema.parse(c.frontmatter).signatures.map((slug) => [c.slug, slug, c.transcript ?? ''] as const),
);

describe('case claims hold on their transcripts', () => {
  it('there are claims to check', () => {
    expect(claims.length).toBeGreaterThan(0);
  });

  it.each(claims)('%s shows %s', async (caseSlug, slug, transcript) => {
    const signature = signatures.get(slug);
    expect(signature, `rules/signatures/${slug}.json`).toBeDefined();
    const report = await analyze(transcript, { signatures: [signature!] }, { status: 'experimental' });
    const found = report.findings.map((f) => f.signature.slug);
    expect(found, `${caseSlug}: the analyzer did not find ${slug} in transcript.log`).toContain(slug);
  });

  it('a claim the transcript does not support fails the check', async () => {
    // The work-item signature made to require a timer: the ACP transcript has none.
    const workitem = signatures.get('workitem-created-in-dpc');
    expect(workitem).toBeDefined();
    const timer: Signature = {
      ...workitem!,
      slug: 'timer-claim-for-test',
      conditions: { all: [{ fact: 'creation', path: '$.api', operator: 'equal', value: 'WdfTimerCreate' }] },
    };
    const acp = claims.find(([c]) => c === 'acp-workitem-leak')!;
    const report = await analyze(acp[2], { signatures: [timer] }, { status: 'experimental' });
    expect(report.findings.map((f) => f.signature.slug)).not.toContain('timer-claim-for-test');
  });
});
