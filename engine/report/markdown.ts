// A case write-up draft in Markdown, with the frontmatter the site's case collection reads. It is a
// starting point: the sections are filled from the analysis and marked where the author must add
// what only they know (what the user saw, the code change).
import type { FactsDocument, PoolUsageFact } from '../types/facts.js';
import type { Finding, Report } from '../types/findings.js';
import { formatBytes, formatCount } from '../format/units.js';
import { fenceFor, mdCode, mdText, visibleDeep } from './escape.js';
import { skippedSentence } from './skipped.js';

export interface MarkdownOptions {
  /** ISO date (YYYY-MM-DD) for the frontmatter; the caller supplies it so output stays deterministic. */
  date: string;
  title?: string;
  authors?: string[];
  /** Quote lines per evidence item. */
  quoteLines?: number;
}

export interface WriteupFrontmatter {
  title: string;
  date: string;
  drivers: string[];
  poolTags: string[];
  fxTypes: string[];
  signatures: string[];
  status: 'draft';
  authors: string[];
  /** One or two sentences for the case list (the site requires it). */
  summary: string;
}

export function writeupFrontmatter(report: Report, options: MarkdownOptions): WriteupFrontmatter {
  const uniq = (xs: Array<string | undefined>): string[] => [...new Set(xs.filter((x): x is string => !!x))].sort();
  const drivers = uniq(report.findings.map((f) => f.subject.driver));
  const poolTags = uniq(report.findings.map((f) => f.subject.tag));
  const fxTypes = uniq(report.findings.map((f) => f.subject.fxType));
  const signatures = uniq(report.findings.map((f) => f.signature.slug));
  return {
    title: options.title ?? defaultTitle(report.findings[0]),
    date: options.date,
    drivers,
    poolTags,
    fxTypes,
    signatures,
    status: 'draft',
    authors: options.authors ?? [],
    summary: report.findings[0]?.summary ?? 'No leak signature matched this transcript; describe what leaked and how it was found.',
  };
}

function defaultTitle(f: Finding | undefined): string {
  if (!f) return 'Pool growth with no matching leak signature';
  const who = f.subject.driver ?? (f.subject.tag ? `tag ${f.subject.tag}` : f.subject.id);
  return `${who}: ${f.signature.title}`;
}

/** YAML frontmatter: strings as JSON strings (valid YAML), arrays in flow style. */
function yaml(fm: WriteupFrontmatter): string {
  const v = (x: string | string[]): string => (Array.isArray(x) ? `[${x.map((s) => JSON.stringify(s)).join(', ')}]` : JSON.stringify(x));
  return [
    '---',
    `title: ${v(fm.title)}`,
    `date: ${fm.date}`,
    `drivers: ${v(fm.drivers)}`,
    `poolTags: ${v(fm.poolTags)}`,
    `fxTypes: ${v(fm.fxTypes)}`,
    `signatures: ${v(fm.signatures)}`,
    `status: ${fm.status}`,
    `authors: ${v(fm.authors)}`,
    `summary: ${v(fm.summary)}`,
    '---',
  ].join('\n');
}

export function formatMarkdown(input: Report, options: MarkdownOptions): string {
  const report = visibleDeep(input);
  const fm = writeupFrontmatter(report, options);
  const out: string[] = [yaml(fm), '', `# ${mdText(fm.title)}`, ''];
  const sources = report.sources.map((s) => mdCode(s.name)).join(', ');
  out.push(
    `> Draft written by wdfleak ${report.tool.version} from ${sources || 'no input'}${report.arch ? ` (${report.arch})` : ''}.`,
    '> Edit every section, remove the HTML comments, then submit it as a new case.',
    '',
  );

  out.push('## Symptom', '', '<!-- What the user saw: the machine, the workload, how long until the pool ran out. -->', '');
  out.push(...symptomLines(report));

  out.push('## Evidence', '');
  const skipped = skippedSentence(report);
  if (report.findings.length === 0) out.push(`No leak signature matched the transcript${skipped ? `; ${mdText(skipped)}` : ''}.`, '');
  else if (skipped) out.push(`${mdText(skipped)}.`, '');
  for (const f of report.findings) {
    out.push(`### ${f.signature.title}`, '');
    for (const e of f.evidence) {
      const range = e.lines[0] === e.lines[1] ? `line ${e.lines[0]}` : `lines ${e.lines[0]}–${e.lines[1]}`;
      const where = `${mdCode(e.source)} ${range}${e.command ? `, ${mdCode(e.command)}` : ''}`;
      out.push(`- ${mdText(e.description)} (${where})`);
      if (e.quote?.length) {
        const n = options.quoteLines ?? 12;
        const shown = e.quote.slice(0, n);
        // A quoted line of backticks must not close the block: the fence is longer than any run inside.
        const fence = fenceFor(shown);
        out.push('', `  ${fence}text`, ...shown.map((q) => `  ${q}`));
        if (e.quote.length > shown.length) out.push(`  … ${e.quote.length - shown.length} more lines`);
        out.push(`  ${fence}`, '');
      }
    }
    out.push('');
  }

  out.push('## Analysis', '');
  for (const f of report.findings) {
    out.push(`### ${f.signature.id} ${mdCode(f.signature.slug)}: ${f.confidence.level} (${f.confidence.score.toFixed(2)}), ${f.severity}`, '');
    out.push(mdText(f.summary), '', f.description, '');
    const s = f.subject;
    const rows: Array<[string, string | undefined]> = [
      ['Pool tag', s.tag && mdCode(s.tag)],
      ['Driver', s.driver && mdCode(s.driver)],
      ['Object type', s.fxType && mdText(`${s.fxType}${s.fxTypeValue ? ` (${s.fxTypeValue})` : ''}${s.handleType ? `, ${s.handleType}` : ''}`)],
      ['Callback', s.callback && mdCode(s.callback)],
      ['Created by', s.creatorChain?.length ? s.creatorChain.map(mdCode).join(' ← ') : s.creator && mdCode(s.creator)],
      ['Context', s.context && mdText(s.context)],
      ['Parent', s.parent && mdText(s.parent)],
      ['Bucket', mdCode(f.bucket)],
    ];
    const present = rows.filter((r): r is [string, string] => !!r[1]);
    if (present.length) {
      out.push('| | |', '|---|---|', ...present.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`), '');
    }
    if (f.cannotTell.length) {
      out.push('Cannot tell from this text:', '', ...f.cannotTell.map((c) => `- ${mdText(c.what)}${c.command ? ` (${mdCode(c.command)} would show it)` : ''}`), '');
    }
    if (f.nextSteps.length) {
      const commands = f.nextSteps.map((n) => n.command);
      const fence = fenceFor(commands);
      out.push('Commands that confirm it:', '', `${fence}text`, ...commands, fence, '');
    }
  }

  out.push('## Root cause', '', '<!-- The code path that creates the object and why nothing deletes it. -->', '');
  for (const f of report.findings) {
    out.push(f.lifetimeRule, '');
    const chain = f.subject.creatorChain?.length ? f.subject.creatorChain.join(' ← ') : f.subject.creator;
    if (chain) out.push(`The objects are created by ${mdCode(chain)}${f.subject.context ? ` (${mdText(f.subject.context)})` : ''}.`, '');
  }

  out.push('## Fix', '', '<!-- The change that was made, and how the fix was verified (pool stable after N hours). -->', '');
  for (const f of report.findings) {
    f.remediation.forEach((r, i) => out.push(`${i + 1}. ${r}`));
    out.push('');
  }
  const refs = new Map<string, string>();
  for (const f of report.findings) for (const r of f.references) refs.set(r.url, r.title);
  if (refs.size) {
    out.push('## References', '');
    for (const [url, title] of [...refs.entries()].sort((a, b) => (a[1] < b[1] ? -1 : 1))) out.push(`- [${title}](${url})`);
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The top nonpaged consumers of the last `!poolused` snapshot, when the report carries facts. */
function symptomLines(report: Report): string[] {
  const facts: FactsDocument | undefined = report.facts;
  const rows = facts ? lastSnapshot(facts.poolUsage) : [];
  if (rows.length === 0) {
    return ['The transcript holds no `!poolused` output; describe the pool growth here.', ''];
  }
  const top = [...rows].sort((a, b) => b.nonpaged.bytes - a.nonpaged.bytes || (a.tag < b.tag ? -1 : 1)).slice(0, 5);
  const first = top[0]!;
  return [
    `Nonpaged pool is dominated by tag ${mdCode(first.tag)}: ${formatCount(first.nonpaged.allocs)} outstanding allocations holding ${formatBytes(first.nonpaged.bytes, { exact: true })} (\`!poolused\`).`,
    '',
    '| Tag | Nonpaged allocs | Nonpaged bytes | Description |',
    '|---|---:|---:|---|',
    ...top.map((r) => `| ${mdCode(r.tag).replace(/\|/g, '\\|')} | ${formatCount(r.nonpaged.allocs)} | ${formatCount(r.nonpaged.bytes)} | ${mdText(r.description ?? (r.unknownTag ? 'not in pooltag.txt' : ''))} |`),
    '',
  ];
}

function lastSnapshot(rows: readonly PoolUsageFact[]): PoolUsageFact[] {
  let last = -1;
  for (const r of rows) if (r.snapshot > last) last = r.snapshot;
  return rows.filter((r) => r.snapshot === last);
}
