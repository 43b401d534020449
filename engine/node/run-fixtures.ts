// Every signature proves itself on its fixtures: each transcript under <slug>/positive/ must give a
// finding of the signature (matching <fixture>.expect.json as a subset when there is one), and each
// transcript under <slug>/negative/ must give no finding of it above info.
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Finding } from '../types/findings.js';
import type { Signature } from '../types/signature.js';
import type { SignatureExplanation } from '../types/trace.js';
import { createAnalyzer } from '../analyze.js';
import { deriveSubjects } from '../derive/subjects.js';
import { explainSignature } from '../findings/explain-signature.js';
import { KNOWLEDGE } from '../reference/knowledge.js';
import { createIngest } from '../ingest/ingest.js';
import { readInto } from './read-input.js';
import { nodeAsciiText } from './ascii.js';
import { parseJson, type LoadedRulePack } from './rule-pack.js';

export const FIXTURE_FILE = /\.(?:log|txt)$/i;

export interface FixtureResult {
  signature: string;
  slug: string;
  kind: 'positive' | 'negative';
  /** The fixture file (relative to `base` when given). */
  file: string;
  ok: boolean;
  /** What was checked, or why it failed. */
  message: string;
  /** The signature's conditions on each subject of the fixture: for a failure, or with `explain`. */
  explanation?: SignatureExplanation;
}

export interface RunFixturesOptions {
  /** Only these signatures (ids or slugs). */
  only?: readonly string[];
  /** Paths in results are made relative to this directory. */
  base?: string;
  onResult?: (r: FixtureResult) => void;
  /** Explain every fixture, not only the failing ones. */
  explain?: boolean;
}

/** The fixture transcripts of a signature read from `file`. */
export async function fixturesOf(file: string, slug: string): Promise<{ positive: string[]; negative: string[] }> {
  const dir = join(dirname(file), slug);
  const list = async (kind: string): Promise<string[]> => {
    try {
      return (await fsp.readdir(join(dir, kind)))
        .filter((n) => FIXTURE_FILE.test(n))
        .sort()
        .map((n) => join(dir, kind, n));
    } catch {
      return [];
    }
  };
  return { positive: await list('positive'), negative: await list('negative') };
}

export async function runFixtures(pack: LoadedRulePack, options: RunFixturesOptions = {}): Promise<FixtureResult[]> {
  // Every maturity runs, so an experimental signature is tested like a stable one.
  const analyzer = createAnalyzer(pack);
  const shown = (p: string): string => (options.base ? relative(options.base, p) || p : p);
  const results: FixtureResult[] = [];
  const push = (r: FixtureResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  const selected = pack.signatures.filter(
    (s) => s.status !== 'deprecated' && (!options.only?.length || options.only.includes(s.id) || options.only.includes(s.slug)),
  );
  for (const sig of selected) {
    const file = pack.files.get(sig.id);
    if (!file) continue;
    const fixtures = await fixturesOf(file, sig.slug);
    for (const kind of ['positive', 'negative'] as const) {
      if (fixtures[kind].length === 0) {
        push({
          signature: sig.id,
          slug: sig.slug,
          kind,
          file: shown(join(dirname(file), sig.slug, kind)),
          ok: false,
          message: `no ${kind} fixture (.log or .txt) in this folder`,
        });
      }
      for (const fixture of fixtures[kind]) {
        const ingest = createIngest({ asciiText: nodeAsciiText });
        await readInto(ingest, fixture);
        const facts = ingest.finish();
        const report = await analyzer.run(facts, { status: 'experimental' });
        const mine = report.findings.filter((f) => f.signature.id === sig.id);
        const base = { signature: sig.id, slug: sig.slug, kind, file: shown(fixture) };
        const result: FixtureResult = { ...base, ...(kind === 'positive' ? await checkPositive(sig, fixture, mine, report.findings) : checkNegative(mine)) };
        if (!result.ok || options.explain) result.explanation = await explainSignature(sig, deriveSubjects(facts, KNOWLEDGE), pack.signatures);
        push(result);
      }
    }
  }
  return results;
}

async function checkPositive(sig: Signature, fixture: string, mine: Finding[], all: Finding[]): Promise<{ ok: boolean; message: string }> {
  if (mine.length === 0) {
    const others = [...new Set(all.map((f) => f.signature.slug))];
    return { ok: false, message: `expected a finding of ${sig.slug}, got none${others.length ? ` (found: ${others.join(', ')})` : ''}` };
  }
  const expectFile = await findExpect(fixture);
  if (!expectFile) return { ok: true, message: `${mine.length} finding${mine.length > 1 ? 's' : ''} (${mine.map((f) => f.confidence.level).join(', ')})` };
  const expected = parseJson(await fsp.readFile(expectFile, 'utf8'), expectFile);
  let firstMismatch: string | undefined;
  for (const f of mine) {
    const m = subsetMismatch(expected, f, '');
    if (m === undefined) return { ok: true, message: `matches ${basename(expectFile)}` };
    firstMismatch ??= m;
  }
  return { ok: false, message: `no finding matches ${basename(expectFile)}: ${firstMismatch}` };
}

function checkNegative(mine: Finding[]): { ok: boolean; message: string } {
  const above = mine.filter((f) => f.severity !== 'info');
  if (above.length === 0) return { ok: true, message: mine.length ? 'only info findings' : 'no finding' };
  const f = above[0]!;
  return { ok: false, message: `expected no finding above info, got ${f.severity} ${f.confidence.level} for ${f.subject.kind} ${f.subject.id}` };
}

/** `x.log.expect.json`, or `x.expect.json`. */
async function findExpect(fixture: string): Promise<string | undefined> {
  const candidates = [`${fixture}.expect.json`, fixture.replace(FIXTURE_FILE, '.expect.json')];
  for (const c of candidates) {
    try {
      await fsp.access(c);
      return c;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/**
 * Undefined when `expected` is a subset of `actual` (objects: every expected key matches; arrays: every
 * expected item matches some actual item; scalars: equal); otherwise where and how they differ.
 */
export function subsetMismatch(expected: unknown, actual: unknown, path: string): string | undefined {
  const at = path || '(root)';
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected a list, got ${describe(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      if (!actual.some((a) => subsetMismatch(expected[i], a, '') === undefined)) {
        return `${path}[${i}]: no item matches ${JSON.stringify(expected[i])}`;
      }
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${at}: expected an object, got ${describe(actual)}`;
    for (const [k, v] of Object.entries(expected)) {
      const m = subsetMismatch(v, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (m) return m;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${at}: expected ${JSON.stringify(expected)}, got ${describe(actual)}`;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
