// `wdfleak diff <before> <after>` (or one log with two !poolused blocks): pool growth per tag, the
// rate per hour when the times are known, the time to exhaustion when !vm gave the limits, and the
// findings that the growth supports.
import { flag, str, UsageError, type OptionSpec } from './args.js';
import { EXIT, type CommandModule, type Io } from './command.js';
import { ANALYSIS_OPTIONS, SEVERITIES, exitFor, runAnalysis } from './analyze.js';
import type { GrowthReport, TagGrowth } from '../derive/growth.js';
import type { Finding } from '../types/findings.js';
import { InputError } from '../node/errors.js';
import { formatBytes, formatCount, formatDelta, formatHours } from '../format/units.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'interval', type: 'string', placeholder: 'duration', description: 'time between the snapshots when the logs do not say: 90m, 6h, 2d (or hours as a number)' },
  { name: 'all', type: 'boolean', description: 'list every tag, not only those that grew' },
  { name: 'top', type: 'string', placeholder: 'n', description: 'list at most n tags', defaultText: '20' },
  { name: 'format', short: 'f', type: 'string', values: ['text', 'json'], description: 'output format', defaultText: 'text' },
  { name: 'fail-on', type: 'string', values: [...SEVERITIES, 'none'], description: 'exit 1 when a supported finding has this severity or higher', defaultText: 'none' },
  ...ANALYSIS_OPTIONS,
];

export const command: CommandModule = {
  help: {
    usage: ['diff <before> <after> [options]', 'diff <log with two !poolused blocks> [options]'],
    summary: 'pool growth per tag between two snapshots',
    description: [
      'Compares two snapshots of pool usage: two logs (every !poolused or poolmon screen of a log is merged, the latest row of a tag wins), or the first and the last !poolused block of one log. Prints, per tag and pool, the outstanding allocations and bytes before and after and the difference; the rate per hour when both snapshots carry a time (or with --interval); the hours until the pool limit when !vm printed NonPagedPool Max / PagedPool Maximum. Then the findings of the signatures that the growth supports.',
    ],
    options: OPTIONS,
    examples: [
      ['wdfleak diff rules/signatures/tag-dominates-nonpaged-single-size/positive/unknown-tag-grows.log --interval 6h', 'first vs last !poolused block of one log: Fbkf grew by 612 MiB'],
      ['wdfleak diff monday.log tuesday.log --format json', 'two logs of the same machine, as JSON'],
    ],
  },
  async run(args, io) {
    const files = args.positionals;
    if (files.length < 1 || files.length > 2) throw new UsageError(files.length ? 'diff takes one or two files' : 'diff needs two logs (before after) or one log with two !poolused blocks');
    const hours = parseInterval(str(args, 'interval'));
    const top = parseTop(str(args, 'top'));
    const { report, facts, inputs } = await runAnalysis(files, args, io);
    const { growthBetween, mergeViews, poolLimits, snapshotViews } = await import('../derive/growth.js');
    const views = snapshotViews(facts);
    const opts = { limits: poolLimits(facts), ...(hours !== undefined ? { hours } : {}) };
    let growth: GrowthReport;
    if (inputs.length === 2) {
      const side = (i: 0 | 1) => {
        const name = inputs[i]!.name;
        const v = mergeViews(views.filter((x) => x.source === name), name);
        if (!v) throw new InputError('no !poolused or poolmon snapshot to compare (expected the output of !poolused 2)', name);
        return v;
      };
      growth = growthBetween(side(0), side(1), opts);
    } else {
      if (views.length < 2) {
        throw new InputError(
          `${views.length === 0 ? 'no' : 'only one'} !poolused or poolmon snapshot; diff needs two (give two logs, or a log with two !poolused blocks)`,
          inputs[0]!.name,
        );
      }
      growth = growthBetween(views[0]!, views[views.length - 1]!, opts);
    }
    const grown = new Set(growth.tags.filter((t) => t.delta.bytes > 0 || t.delta.allocs > 0).map((t) => t.tag));
    const supported = report.findings.filter((f) => f.subject.tag !== undefined && grown.has(f.subject.tag));
    const shown = (flag(args, 'all') ? growth.tags : growth.tags.filter((t) => t.delta.bytes !== 0 || t.delta.allocs !== 0)).slice(0, top);
    if (str(args, 'format') === 'json') {
      const { formatJson } = await import('../report/json.js');
      io.out(formatJson({ growth: { ...growth, tags: shown }, findings: supported }));
    } else {
      io.out(formatGrowth(growth, shown, supported, io, files));
    }
    return exitFor({ ...report, findings: supported }, str(args, 'fail-on'));
  },
};

/** `90m`, `6h`, `2d`, `1.5` (hours). */
export function parseInterval(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--interval must be a duration such as 90m, 6h or 2d (got '${text}')`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'h').toLowerCase();
  const hours = unit === 's' ? n / 3600 : unit === 'm' || unit === 'min' ? n / 60 : unit === 'd' ? n * 24 : n;
  if (!(hours > 0)) throw new UsageError(`--interval must be longer than zero (got '${text}')`);
  return hours;
}

function parseTop(text: string | undefined): number {
  if (text === undefined) return 20;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--top must be a positive whole number (got '${text}')`);
  return Number(text);
}

function formatGrowth(g: GrowthReport, rows: readonly TagGrowth[], findings: readonly Finding[], io: Io, files: readonly string[]): string {
  const st = io.style;
  const out: string[] = [];
  out.push(`${st.bold('Pool growth')}  ${g.before.label}  →  ${g.after.label}${g.hours !== undefined ? `  (${formatHours(g.hours)})` : ''}`);
  out.push('');
  if (rows.length === 0) {
    out.push(st.green('No tag grew between the two snapshots.'));
  } else {
    const rated = g.hours !== undefined;
    const header = ['Tag', 'Pool', 'Allocs', 'Δ allocs', 'Bytes', 'Δ bytes', ...(rated ? ['Bytes/h'] : []), ...(rows.some((r) => r.hoursToExhaustion !== undefined) ? ['Limit in'] : [])];
    const table = rows.map((r) => [
      r.tag,
      r.pool,
      formatCount(r.after.allocs),
      formatDelta(r.delta.allocs),
      formatBytes(r.after.bytes),
      (r.delta.bytes > 0 ? '+' : '') + formatBytes(r.delta.bytes),
      ...(rated ? [r.ratePerHour ? (r.ratePerHour.bytes > 0 ? '+' : '') + formatBytes(r.ratePerHour.bytes) : ''] : []),
      ...(header.includes('Limit in') ? [r.hoursToExhaustion !== undefined ? formatHours(r.hoursToExhaustion) : ''] : []),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const right = (i: number): boolean => i >= 2;
    const fmt = (cells: string[]): string => '  ' + cells.map((c, i) => (right(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
    out.push(st.dim(fmt(header)));
    for (const row of table) out.push(fmt(row));
  }
  out.push('');
  for (const pool of ['nonpaged', 'paged'] as const) {
    const t = g.totals[pool];
    if (t.deltaBytes === 0) continue;
    const parts = [`${pool}: ${(t.deltaBytes > 0 ? '+' : '') + formatBytes(t.deltaBytes, { exact: true })}`];
    if (t.ratePerHour !== undefined) parts.push(`${formatBytes(t.ratePerHour)}/h`);
    if (t.hoursToExhaustion !== undefined) parts.push(`limit reached in ${formatHours(t.hoursToExhaustion)} at this rate`);
    out.push(`  ${parts.join(', ')}`);
  }
  if (g.hours === undefined) out.push(st.dim('  No times in the logs: give --interval (e.g. 6h) for rates per hour.'));
  if (g.limits.length === 0) out.push(st.dim('  No !vm pool limits in the logs: run !vm to project when the pool runs out.'));
  out.push('', st.bold('Findings the growth supports'));
  if (findings.length === 0) out.push('  none');
  for (const f of findings) {
    out.push(`  ${f.severity.toUpperCase()} ${f.confidence.level}  ${f.signature.id} ${f.signature.slug}  ${st.dim(`tag ${f.subject.tag}`)}`);
    out.push(`    ${f.summary}`);
  }
  if (findings.length) out.push(st.dim(`  (wdfleak analyze ${files.join(' ')} shows their evidence and next steps)`));
  return out.join('\n') + '\n';
}
