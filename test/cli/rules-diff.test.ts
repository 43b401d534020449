// `wdfleak rules diff`: the corpus analyzed with a base rule pack and with the working one. The base
// packs here are temp copies of rules/signatures with one change each; the expected differences are
// worked out by hand from the corpus transcripts:
// - pool-exhausted's `usage-near-max` evidence lowered from 0.9 to 0.85 of the pool's maximum: the only
//   transcript whose pool-exhausted finding has a usage in [0.85, 0.9) is ntdebugging's "85 percent"
//   !vm (NonPagedPool Usage 59613 of Max 69377 = 0.859). Its score under the copy is base 0.5 +
//   Excessive 0.15 + usage 0.1 = 0.75 (likely: at least (0.5 + 0.85) / 2 = 0.675); under the working
//   pack 0.65, suspected. The other four pool-exhausted transcripts are at 0.58, 0.93, 0.98 and above
//   1.0 of their maximum, on either side of both thresholds; the conditions do not change, so no
//   finding appears or disappears.
// - locked-pages-leak left out of the copy: its findings appear on the two 0xCB transcripts, with the
//   image the text names (ks.sys) or UNKNOWN where it names none.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusImpact } from '../../engine/corpus/impact.js';
import { ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);

function copyOfRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wdfleak-rules-diff-'));
  cpSync(join(ROOT, 'rules', 'signatures'), dir, { recursive: true, filter: (src) => !/\/(positive|negative)(\/|$)/.test(src) });
  return dir;
}

/** Transcripts in the corpus (it grows with every pull request that adds one). */
const CORPUS = ['leak', 'clean'].flatMap((d) => readdirSync(join(ROOT, 'test/corpus', d)).filter((f) => f.endsWith('.txt'))).length;
const threshold = copyOfRules();
{
  const file = join(threshold, 'pool-exhausted.json');
  const sig = JSON.parse(readFileSync(file, 'utf8')) as { confidence: { evidence: Array<{ id: string; condition: { value: number } }> } };
  const ev = sig.confidence.evidence.find((e) => e.id === 'usage-near-max')!;
  expect(ev.condition.value).toBe(0.9);
  ev.condition.value = 0.85;
  writeFileSync(file, JSON.stringify(sig, null, 2));
}
const fewer = copyOfRules();
rmSync(join(fewer, 'locked-pages-leak.json'));

describe('wdfleak rules diff --against <dir>', () => {
  it('shows the one finding whose confidence a changed threshold moves (JSON)', () => {
    const r = wdfleak(['rules', 'diff', '--against', threshold, '--format', 'json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as CorpusImpact & { summary: string };
    expect(out.transcripts).toBe(CORPUS);
    expect(out.totals).toEqual({ appear: 0, disappear: 0, change: 1 });
    expect(out.changed).toHaveLength(1);
    const [t] = out.changed;
    expect(t!.name).toBe('leak/ntdebugging-how-to-track-leaky-pool-vm-85-percent');
    expect(t!.change).toHaveLength(1);
    expect(t!.change[0]).toMatchObject({
      fields: ['confidence'],
      before: { slug: 'pool-exhausted', confidence: 'likely', severity: 'high', bucket: 'POOL_EXHAUSTED_NONPAGED', subject: { kind: 'pool', pool: 'nonpaged' } },
      after: { slug: 'pool-exhausted', confidence: 'suspected', severity: 'high', bucket: 'POOL_EXHAUSTED_NONPAGED' },
    });
    expect(out.summary).toBe(`1 transcript of ${CORPUS} change: 0 findings appear, 0 disappear, 1 changes`);
  });

  it('lists findings that appear when the base lacks a signature, per transcript (text)', () => {
    const r = wdfleak(['rules', 'diff', '--against', fewer]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const working = readdirSync(join(ROOT, 'rules', 'signatures')).filter((f) => f.endsWith('.json')).length;
    expect(lines[0]).toBe(`wdfleak rules diff · base ${fewer}: ${working - 1} signatures → working tree: ${working} signatures · corpus test/corpus`);
    // The transcripts whose hand-written sidecar expects the removed signature, each with its one finding.
    const expected = ['leak', 'clean']
      .flatMap((d) => readdirSync(join(ROOT, 'test/corpus', d)).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f.slice(0, -'.json'.length)}`))
      .filter((name) => (JSON.parse(readFileSync(join(ROOT, 'test/corpus', `${name}.json`), 'utf8')) as { expect: { signatures: string[] } }).expect.signatures.includes('locked-pages-leak'))
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(lines.slice(1)).toEqual([
      ...expected.flatMap((name) => ['', name, expect.stringMatching(/^ {2}\+ HIGH \w+ {2}WDFLEAK-0015 locked-pages-leak {2}bugcheck 0xCB {2}LOCKED_PAGES_0xCB_\S+$/)]),
      '',
      `${expected.length} transcripts of ${CORPUS} change: ${expected.length} findings appear, 0 disappear, 0 change`,
    ]);
  });

  it('reads a git ref without touching the working tree', () => {
    const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['-C', ROOT, 'status', '--porcelain'], { encoding: 'utf8' });
    const r = wdfleak(['rules', 'diff', 'HEAD']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^wdfleak rules diff · base HEAD at ${commit}: \\d+ signatures → working tree: \\d+ signatures · corpus test/corpus$`));
    expect(execFileSync('git', ['-C', ROOT, 'status', '--porcelain'], { encoding: 'utf8' })).toBe(status);
  });

  it('refuses a missing or doubled base, an unknown ref, an option-like ref and a base pack this engine cannot run, with exit 2', () => {
    for (const args of [[], ['HEAD', '--against', fewer], ['HEAD', 'HEAD~1']]) {
      const r = wdfleak(['rules', 'diff', ...args]);
      expect(r.status).toBe(2);
      expect(oneLine(r.stderr)).toContain('rules diff needs one base');
    }
    const unknown = wdfleak(['rules', 'diff', 'no-such-ref-here']);
    expect(unknown.status).toBe(2);
    expect(oneLine(unknown.stderr)).toContain("no commit 'no-such-ref-here'");
    const broken = copyOfRules();
    const file = join(broken, 'pool-exhausted.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"operator": "\w+"/, '"operator": "sameAs"'));
    const old = wdfleak(['rules', 'diff', '--against', broken]);
    expect(old.status).toBe(2);
    expect(oneLine(old.stderr)).toBe(`wdfleak rules: ${broken}: the base signatures do not run on this engine: Unknown operator: sameAs`);
    const dashed = wdfleak(['rules', 'diff', '--', '--output=x']);
    expect(dashed.status).toBe(2);
    expect(oneLine(dashed.stderr)).toContain("not a git ref: '--output=x'");
  });
});
