// Findings for a terminal: the most important first (severity, confidence), each with what leaks,
// the evidence lines, the commands to run next and the fix. Colour is optional (a Style).
import type { Finding, Report } from '../types/findings.js';
import type { Severity } from '../types/facts.js';
import { PLAIN, type Style } from './style.js';
import { formatCount } from '../format/units.js';
import { visibleDeep } from './escape.js';
import { skippedSentence } from './skipped.js';

export interface TextOptions {
  style?: Style;
  /** Wrap width for prose. */
  width?: number;
  /** Lines of each evidence quote to show. */
  quoteLines?: number;
  /** Show the diagnostics list, not only their count. */
  verbose?: boolean;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFO',
};

export function formatText(input: Report, options: TextOptions = {}): string {
  // Everything read from a transcript is made inert first; colour is added after, by the Style only.
  const report = visibleDeep(input);
  const st = options.style ?? PLAIN;
  const width = options.width ?? 96;
  const out: string[] = [];
  out.push(st.dim(headerLine(report)));
  out.push('');
  const skipped = skippedSentence(report);
  if (report.findings.length === 0) {
    out.push(st.green('No leak signature matched') + (skipped ? `; ${st.yellow(`${skipped}.`)}` : '.'));
    out.push('');
  }
  report.findings.forEach((f, i) => {
    out.push(...findingLines(f, i + 1, st, width, options.quoteLines ?? 6));
    out.push('');
  });
  out.push(summaryLine(report, st));
  if (skipped && report.findings.length) out.push(st.yellow(skipped));
  if (options.verbose && report.diagnostics.length) {
    out.push('', st.bold('Diagnostics'));
    for (const d of report.diagnostics) {
      out.push(`  ${d.level.padEnd(7)} ${d.source}:${d.line}  ${d.code}: ${d.message}${d.expected ? ` (expected ${d.expected})` : ''}`);
    }
  }
  return out.join('\n') + '\n';
}

function headerLine(report: Report): string {
  const sources = report.sources.map((s) => `${s.name} (${formatCount(s.lines)} lines, ${s.encoding})`).join(', ');
  return `${report.tool.name} ${report.tool.version} · ${sources || 'no input'}${report.arch ? ` · ${report.arch}` : ''}`;
}

function severityText(sev: Severity, st: Style): string {
  const label = SEVERITY_LABEL[sev];
  if (sev === 'critical' || sev === 'high') return st.bold(st.red(label));
  if (sev === 'medium') return st.bold(st.yellow(label));
  if (sev === 'low') return st.bold(st.cyan(label));
  return st.bold(label);
}

export function findingLines(f: Finding, n: number, st: Style, width: number, quoteLines: number): string[] {
  const out: string[] = [];
  out.push(
    `${st.bold(`${n}.`)} ${severityText(f.severity, st)}  ${f.confidence.level} (${f.confidence.score.toFixed(2)})  ${st.dim(`${f.signature.id} ${f.signature.slug}`)}`,
  );
  out.push(`   ${st.bold(f.signature.title)}`);
  const s = f.subject;
  const rows: Array<[string, string | undefined]> = [
    ['tag', s.tag],
    ['driver', s.driver],
    ['object', s.fxType ? `${s.fxType}${s.fxTypeValue ? ` (${s.fxTypeValue})` : ''}${s.handleType ? ` · ${s.handleType}` : ''}` : s.handleType],
    ['callback', s.callback],
    ['creator', s.creatorChain?.length ? s.creatorChain.join(' ← ') : s.creator],
    ['context', s.context],
    ['parent', s.parent],
    ['bucket', f.bucket],
  ];
  for (const [k, v] of rows) if (v) out.push(`   ${st.dim(k.padEnd(9))}${v}`);
  out.push('');
  out.push(...wrapText(f.summary, width - 3, '   '));
  out.push('');
  out.push(`   ${st.bold('What happens')}`);
  out.push(...wrapText(f.description, width - 5, '     '));
  out.push(`   ${st.bold('Why it leaks')}`);
  out.push(...wrapText(f.lifetimeRule, width - 5, '     '));
  if (f.evidence.length) {
    out.push(`   ${st.bold('Evidence')}`);
    for (const e of f.evidence) {
      const where = `${e.source}:${e.lines[0]}${e.lines[1] !== e.lines[0] ? `-${e.lines[1]}` : ''}${e.command ? `  ${e.command}` : ''}`;
      out.push(`     ${st.green('✓')} ${e.description}`);
      out.push(`       ${st.dim(where)}`);
      if (e.quote?.length) {
        const shown = e.quote.slice(0, quoteLines);
        for (const q of shown) out.push(`       ${st.dim('│')} ${q}`);
        if (e.quote.length > shown.length) out.push(`       ${st.dim(`│ … ${e.quote.length - shown.length} more lines`)}`);
      }
    }
  }
  if (f.cannotTell.length) {
    out.push(`   ${st.bold('Cannot tell from this text')}`);
    for (const c of f.cannotTell) {
      out.push(...wrapText(`${c.what}${c.command ? ` (${c.command} would show it)` : ''}`, width - 7, '     ').map((l) => st.dim(l)));
    }
  }
  if (f.nextSteps.length) {
    out.push(`   ${st.bold('Next steps')}`);
    for (const step of f.nextSteps) {
      out.push(`     ${st.cyan(step.command)}`);
      out.push(...wrapText(step.why, width - 9, '         ').map((l) => st.dim(l)));
    }
  }
  if (f.remediation.length) {
    out.push(`   ${st.bold('Fix')}`);
    f.remediation.forEach((r, i) => {
      const lines = wrapText(r, width - 9, " ".repeat(9));
      out.push(`     ${String(i + 1).padStart(2)}. ${lines[0]!.trimStart()}`, ...lines.slice(1));
    });
  }
  if (f.references.length) {
    out.push(`   ${st.bold('References')}`);
    for (const r of f.references) out.push(`     ${r.title}  ${st.dim(r.url)}`);
  }
  return out;
}

function summaryLine(report: Report, st: Style): string {
  const counts = new Map<Severity, number>();
  for (const f of report.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const bySev = [...counts.entries()].map(([s, c]) => `${c} ${s}`).join(', ');
  const n = report.findings.length;
  const parts = [
    `${n} finding${n === 1 ? '' : 's'}${n ? ` (${bySev})` : ''}`,
    plural(report.stats.signatures, 'signature'),
    `${plural(report.stats.blocks, 'command block')} (${report.stats.unparsedBlocks} not parsed)`,
    `${formatCount(report.stats.lines)} line${report.stats.lines === 1 ? '' : 's'}`,
  ];
  const warnings = report.diagnostics.filter((d) => d.level !== 'info').length;
  if (warnings) parts.push(`${plural(warnings, 'diagnostic')} (--verbose lists them)`);
  return st.dim(parts.join(' · '));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Word-wrap prose to `width` columns, each line prefixed by `indent`. Long words stay whole. */
export function wrapText(text: string, width: number, indent: string): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(indent + line);
  }
  return out;
}
