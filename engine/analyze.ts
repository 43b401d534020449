// analyze(): facts → derived subjects → signatures → findings → report. One json-rules-engine per
// subject kind is built once per rule pack and reused for every run.
import type { Arch, FactsDocument, PoolTagDefinition, Severity } from './types/facts.js';
import type { Finding, Report } from './types/findings.js';
import type { Signature, SignatureStatus } from './types/signature.js';
import { ingestText } from './ingest/ingest.js';
import { createSignatureEngine } from './signatures/rule-engine.js';
import { buildFinding, compareFindings, severityAtLeast } from './findings/build.js';
import { deriveSubjects } from './derive/subjects.js';
import { KNOWLEDGE } from './reference/knowledge.js';
import type { Knowledge } from './types/knowledge.js';
import { VERSION } from './version.js';

export interface RulePack {
  signatures: readonly Signature[];
}

export interface AnalyzeOptions {
  /** Lowest maturity to run: `stable` runs stable only, `test` adds test, `experimental` adds experimental. Default `test`. */
  status?: Exclude<SignatureStatus, 'deprecated'>;
  /** Drop findings below this severity. */
  minSeverity?: Severity;
  /** Architecture to assume when the transcript does not prove one. */
  arch?: Arch;
  /** Extra tag names (a user's pooltag.txt). */
  poolTags?: readonly PoolTagDefinition[];
  /** Include the facts document and the per-subject derived facts in the report. */
  withFacts?: boolean;
  /** Source lines for evidence quotes; without it, evidence carries line numbers only. */
  quote?: (source: string, first: number, last: number) => string[] | undefined;
}

export interface Analyzer {
  run(facts: FactsDocument, options?: AnalyzeOptions): Promise<Report>;
}

const MATURITY: Record<Exclude<SignatureStatus, 'deprecated'>, ReadonlySet<SignatureStatus>> = {
  stable: new Set(['stable']),
  test: new Set(['stable', 'test']),
  experimental: new Set(['stable', 'test', 'experimental']),
};

export function createAnalyzer(pack: RulePack, knowledge: Knowledge = KNOWLEDGE): Analyzer {
  const signatures = pack.signatures.filter((s) => s.status !== 'deprecated');
  const bySlug = new Map(signatures.map((s) => [s.slug, s]));
  const engine = createSignatureEngine(signatures);
  return {
    async run(input, options = {}) {
      const facts = options.arch && !input.arch ? { ...input, arch: options.arch, archEvidence: 'assumed (--arch)' } : input;
      const minStatus = options.status ?? 'test';
      const maturity = MATURITY[minStatus];
      const subjects = deriveSubjects(facts, knowledge, options.poolTags ? { poolTags: options.poolTags } : {});
      const findings: Finding[] = [];
      for (const subject of subjects) {
        const ev = await engine.evaluate(subject.kind, subject.facts);
        const matched = [...ev.matched].map((slug) => bySlug.get(slug)!).filter((s) => maturity.has(s.status));
        const superseded = new Set(matched.flatMap((s) => s.supersedes ?? []));
        for (const sig of matched) {
          if (superseded.has(sig.slug)) continue;
          const f = buildFinding(sig, subject, ev.passed);
          if (options.minSeverity && !severityAtLeast(f.severity, options.minSeverity)) continue;
          findings.push(f);
        }
      }
      if (options.quote) {
        for (const f of findings) {
          for (const e of f.evidence) {
            const q = options.quote(e.source, e.lines[0], e.lines[1]);
            if (q) e.quote = q;
          }
        }
      }
      findings.sort(compareFindings);
      const report: Report = {
        tool: { name: 'wdfleak', version: VERSION },
        sources: facts.sources,
        findings,
        diagnostics: facts.diagnostics,
        stats: { ...facts.stats, findings: findings.length, signatures: signatures.filter((s) => maturity.has(s.status)).length },
      };
      if (facts.arch) report.arch = facts.arch;
      // Said in every report, so a new (experimental) signature never fails to match in silence.
      const skipped = signatures.filter((s) => !maturity.has(s.status));
      if (skipped.length && minStatus !== 'experimental') {
        report.skipped = { minStatus, signatures: skipped.map((s) => ({ id: s.id, slug: s.slug, status: s.status })) };
      }
      if (options.withFacts) {
        report.subjects = subjects.map((s) => ({ kind: s.kind, id: s.id, facts: s.facts }));
        report.facts = facts;
      }
      return report;
    },
  };
}

/** One-shot analysis of a transcript text or a facts document. */
export async function analyze(input: string | FactsDocument, pack: RulePack, options: AnalyzeOptions = {}): Promise<Report> {
  const facts = typeof input === 'string' ? ingestText(input, '<text>', options.arch ? { arch: options.arch } : {}) : input;
  return createAnalyzer(pack).run(facts, options);
}

/** Lines of a text by 1-based number, for evidence quotes of an in-memory transcript. */
export function quoteFromText(name: string, text: string): NonNullable<AnalyzeOptions['quote']> {
  let lines: string[] | undefined;
  return (source, first, last) => {
    if (source !== name) return undefined;
    lines ??= text.split(/\r\n|\r|\n/);
    return lines.slice(first - 1, last).map((l) => l.replace(/\s+$/, ''));
  };
}
