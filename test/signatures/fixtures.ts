// Shared by the signature tests: the rule pack as shipped, one analyzer for it, and the fixtures of a
// signature (`rules/signatures/<slug>/{positive,negative}/*.log` with their optional `.expect.json`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createAnalyzer } from '../../engine/analyze.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import type { Finding, Report } from '../../engine/types/findings.js';
import type { Signature } from '../../engine/types/signature.js';

export const ROOT = new URL('../../', import.meta.url);
const SIGNATURES = new URL('rules/signatures/', ROOT);

export const signatures: Signature[] = readdirSync(SIGNATURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, SIGNATURES), 'utf8')) as Signature);

export const analyzer = createAnalyzer({ signatures });

export function signature(slug: string): Signature {
  const s = signatures.find((x) => x.slug === slug);
  if (!s) throw new Error(`no signature ${slug}`);
  return s;
}

export interface Fixture {
  slug: string;
  kind: 'positive' | 'negative';
  name: string;
  text: string;
  expect?: Record<string, unknown>;
}

export function fixtures(slug: string, kind: 'positive' | 'negative'): Fixture[] {
  const dir = new URL(`${slug}/${kind}/`, SIGNATURES);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(?:log|txt)$/.test(f))
    .sort()
    .map((name) => {
      const sidecar = new URL(name.replace(/\.(?:log|txt)$/, '.expect.json'), dir);
      const f: Fixture = { slug, kind, name, text: readFileSync(new URL(name, dir), 'utf8') };
      if (existsSync(sidecar)) f.expect = JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, unknown>;
      return f;
    });
}

/** A fixture of a signature by file name. */
export function fixture(slug: string, kind: 'positive' | 'negative', name: string): string {
  return readFileSync(new URL(`${slug}/${kind}/${name}`, SIGNATURES), 'utf8');
}

/** Every signature runs, whatever its maturity: the tests judge experimental ones too. */
export async function analyzeText(text: string, name: string): Promise<Report> {
  return analyzer.run(ingestText(text, name), { status: 'experimental' });
}

export async function findingsOf(slug: string, text: string, name: string): Promise<Finding[]> {
  return (await analyzeText(text, name)).findings.filter((f) => f.signature.slug === slug);
}

export const commands = (f: Finding): string[] => f.nextSteps.map((s) => s.command);

/**
 * Both directions of a signature's fixtures: each positive produces exactly one finding of it (matching
 * the `.expect.json` beside the transcript when there is one); no negative produces one above info.
 */
export async function checkFixtures(slug: string): Promise<void> {
  const { expect } = await import('vitest');
  const positives = fixtures(slug, 'positive');
  const negatives = fixtures(slug, 'negative');
  expect(positives.length).toBeGreaterThanOrEqual(1);
  expect(negatives.length).toBeGreaterThanOrEqual(1);
  for (const f of positives) {
    const found = await findingsOf(slug, f.text, f.name);
    expect(found.length, f.name).toBe(1);
    if (f.expect) expect(found[0], f.name).toMatchObject(f.expect);
  }
  for (const f of negatives) {
    const found = (await findingsOf(slug, f.text, f.name)).filter((x) => x.severity !== 'info');
    expect(found, f.name).toEqual([]);
  }
}
