import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeFiles, factsOfFiles, loadRulePack, packageVersion } from '../../engine/node/index.js';

const ACP = new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url).pathname;

describe('wdfleak/node', () => {
  it('factsOfFiles reads a log from disk', async () => {
    const facts = await factsOfFiles([ACP]);
    expect(facts.sources[0]).toMatchObject({ name: ACP, lines: 165 });
    expect(facts.poolUsage.find((r) => r.tag === 'amda')!.nonpaged.allocs).toBe(5768754);
  });

  it('analyzeFiles finds the work-item leak and quotes its evidence from the file', async () => {
    const report = await analyzeFiles([ACP]);
    const f = report.findings.find((x) => x.signature.slug === 'workitem-created-in-dpc')!;
    expect(f.subject.tag).toBe('amda');
    const poolused = f.evidence.find((e) => e.lines[0] === 8)!;
    expect(poolused.quote).toEqual([" amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt"]);
    const noQuotes = await analyzeFiles([ACP], { quotes: false, pack: await loadRulePack() });
    expect(noQuotes.findings.every((x) => x.evidence.every((e) => e.quote === undefined))).toBe(true);
  });

  it('packageVersion is package.json\'s', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(packageVersion()).toBe(pkg.version);
  });
});
