// What a signature page and the signature index show, computed from the signature JSON alone so
// it can be unit-tested without Astro.
import type { Severity } from '../../../engine/types/facts.js';
import type { Signature, SignatureStatus } from '../../../engine/types/signature.js';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const STATUS_ORDER: readonly SignatureStatus[] = ['stable', 'test', 'experimental', 'deprecated'];

export const STATUS_WORDS: Record<SignatureStatus, string> = {
  stable: 'Stable: proven on real cases and fixtures; runs by default.',
  test: 'Test: fixtures pass; waiting for more real cases before it is called stable.',
  experimental: 'Experimental: new; may miss or over-match. Run with --status experimental.',
  deprecated: 'Deprecated: kept so old reports still resolve; use its replacement.',
};

/** A signature's subject kind as the pages say it. */
export const SUBJECT_WORDS: Record<string, string> = {
  tag: 'pool tag',
  driver: 'driver',
  'object-type': 'object type',
  unload: 'driver unload report',
  bugcheck: 'bug check',
};

/** A subject kind with its indefinite article: `a pool tag`, `an object type`. */
export function subjectWithArticle(subject: string): string {
  const words = SUBJECT_WORDS[subject] ?? subject;
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

/** Index order: severity, then status, then id. */
export function compareSignatures(a: Signature, b: Signature): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    a.id.localeCompare(b.id)
  );
}

export interface Fixtures {
  positive: string[];
  negative: string[];
}

/**
 * Groups fixture paths (`…/rules/signatures/<slug>/positive/acp.log`) by signature slug and
 * direction. Paths under other folders are ignored. File names come back sorted and relative to
 * the direction folder (`acp.log`, `x64/acp.log`).
 */
export function groupFixtures(paths: Iterable<string>): Map<string, Fixtures> {
  const out = new Map<string, Fixtures>();
  for (const path of paths) {
    const m = /(?:^|\/)rules\/signatures\/([^/]+)\/(positive|negative)\/(.+)$/.exec(path.replace(/\\/g, '/'));
    if (!m) continue;
    const entry = out.get(m[1]!) ?? { positive: [], negative: [] };
    entry[m[2] as keyof Fixtures].push(m[3]!);
    out.set(m[1]!, entry);
  }
  for (const entry of out.values()) {
    entry.positive.sort();
    entry.negative.sort();
  }
  return out;
}

/** Evidence item id → its description, to show `unless`/`when` of a next step in words. */
export function evidenceDescription(signature: Signature, id: string | undefined): string | undefined {
  if (!id) return undefined;
  return signature.confidence?.evidence?.find((e) => e.id === id)?.description ?? id;
}

/** The signatures a case cites that do not exist (a typo in the frontmatter). */
export function unknownSignatures(cited: readonly string[], known: ReadonlySet<string>): string[] {
  return cited.filter((slug) => !known.has(slug));
}

export type FixtureDirection = keyof Fixtures;

/** A fixture transcript with its optional `<name>.expect.json`, as a page of the site. */
export interface FixtureEntry {
  direction: FixtureDirection;
  /** File name relative to the direction folder: `acp.log`, `x64/acp.log`. */
  file: string;
  /** The expectation file beside it, when there is one. */
  expect?: string;
  /** Site path of its page: `signatures/<slug>/fixtures/positive/acp/`. */
  page: string;
}

/** The fixture transcripts (`*.log`) of a signature, each with its expectation file and page path. */
export function fixtureEntries(slug: string, fixtures: Fixtures): FixtureEntry[] {
  return (['positive', 'negative'] as const).flatMap((direction) => {
    const files = new Set(fixtures[direction]);
    return fixtures[direction]
      .filter((f) => f.endsWith('.log'))
      .map((file) => {
        const stem = file.slice(0, -'.log'.length);
        const expect = `${stem}.expect.json`;
        return {
          direction,
          file,
          ...(files.has(expect) ? { expect } : {}),
          page: `signatures/${slug}/fixtures/${direction}/${stem}/`,
        };
      });
  });
}
