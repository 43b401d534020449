// The healthy baseline: captures of systems without a leak (test/fixtures/baseline) on which no leak
// signature may report anything above info, and every signature's negative fixtures, on which that
// signature may not report above info. Like Sigma's goodlog: a false positive here fails the build.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { severityAtLeast } from '../../engine/findings/build.js';
import { analyzeText, fixtures, ROOT, signatures } from './fixtures.js';

const BASELINE = new URL('test/fixtures/baseline/', ROOT);
const files = readdirSync(BASELINE).filter((f) => f.endsWith('.log')).sort();
const above = (severity: Parameters<typeof severityAtLeast>[0]): boolean => severityAtLeast(severity, 'low');

describe('healthy baseline', () => {
  it('has captures to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of files) {
    it(`${name}: no leak finding above info`, async () => {
      const text = readFileSync(new URL(name, BASELINE), 'utf8');
      const report = await analyzeText(text, name);
      // The capture must be understood, or a clean result would prove nothing.
      expect(report.stats.blocks).toBeGreaterThan(0);
      expect(report.stats.unparsedBlocks).toBe(0);
      const loud = report.findings.filter((f) => above(f.severity)).map((f) => `${f.signature.slug} on ${f.subject.kind} ${f.subject.id}`);
      expect(loud).toEqual([]);
    });
  }

  it('the WDF captures of the baseline do give the signatures something to judge', async () => {
    // The ACX capture has a full object tree: object-type subjects exist, and none of them is a leak.
    const text = readFileSync(new URL('acx-hdaudio-healthy.log', BASELINE), 'utf8');
    const { analyzer } = await import('./fixtures.js');
    const { ingestText } = await import('../../engine/ingest/ingest.js');
    const report = await analyzer.run(ingestText(text, 'acx.log'), { status: 'experimental', withFacts: true });
    const types = (report.subjects ?? []).filter((s) => s.kind === 'object-type').map((s) => s.id);
    expect(types).toEqual(expect.arrayContaining(['AcxHdAudio/WDFDEVICE', 'AcxHdAudio/WDFDPC', 'AcxHdAudio/WDFSTRING', 'AcxHdAudio/WDFWORKITEM']));
  });
});

describe('negative fixtures of every signature', () => {
  for (const sig of signatures) {
    const negatives = fixtures(sig.slug, 'negative');
    it(`${sig.slug} has at least one negative fixture`, () => {
      expect(negatives.length).toBeGreaterThanOrEqual(1);
    });
    for (const f of negatives) {
      it(`${sig.slug}: ${f.name} stays at info or below`, async () => {
        const report = await analyzeText(f.text, f.name);
        const mine = report.findings.filter((x) => x.signature.slug === sig.slug && above(x.severity));
        expect(mine.map((x) => `${x.subject.id} ${x.confidence.level}`)).toEqual([]);
      });
    }
  }
});
