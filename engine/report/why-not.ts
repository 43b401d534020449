// `explain --signature` for a terminal: for every subject of the signature's kind, the condition tree
// with each leaf's fact, path, operator, expected value and the value the subject holds, marked ✓ or ✗,
// and each all/any/not group with its own outcome; then the evidence items the same way.
import type { SignatureExplanation, SubjectTrace, TraceNode } from '../types/trace.js';
import { PLAIN, type Style } from './style.js';
import { visible } from './escape.js';

/** Longest value shown in full; longer ones (lists of objects …) are cut, --format json has them whole. */
const VALUE_WIDTH = 72;

export function formatExplanation(x: SignatureExplanation, style: Style = PLAIN): string {
  const st = style;
  const s = x.signature;
  const out: string[] = [`${st.bold(s.id)} ${st.cyan(s.slug)}  ${st.dim(`${s.status} · subject: ${s.subject}`)}`, st.bold(visible(s.title))];
  if (s.status === 'experimental') out.push(st.yellow('experimental: analyze runs it only with --status experimental'));
  out.push('', ...explanationLines(x, st));
  return out.join('\n') + '\n';
}

/** Every subject's trees and a count of the matches; or, with no subject, what would produce one. */
export function explanationLines(x: SignatureExplanation, st: Style = PLAIN, indent = ''): string[] {
  const kind = x.signature.subject;
  if (x.producers) {
    return [
      `${indent}No ${kind} subject in this text, so the signature had nothing to run on.`,
      `${indent}A ${kind} subject is ${x.producers.what}.`,
      `${indent}Output of these commands produces one:`,
      ...x.producers.commands.map((c) => `${indent}  ${st.cyan(c)}`),
    ];
  }
  const out = x.subjects.flatMap((t) => [...subjectLines(t, st, indent), '']);
  const matched = x.subjects.filter((t) => t.trace.matched);
  const names = matched.map((t) => visible(t.id)).join(', ');
  out.push(st.dim(`${indent}${x.subjects.length} ${kind} subject${x.subjects.length === 1 ? '' : 's'}: ${matched.length} match${matched.length ? ` (${names})` : ''}`));
  return out;
}

/** One subject: its verdict, the required conditions, then every evidence item. */
function subjectLines(t: SubjectTrace, st: Style = PLAIN, indent = ''): string[] {
  const out = [`${indent}${st.bold(`${t.kind} ${visible(t.id)}`)}: ${verdict(t, st)}`];
  out.push(`${indent}  Required conditions`);
  out.push(...nodeLines(t.trace.required, st, `${indent}    `));
  if (t.trace.evidence.length) {
    out.push(`${indent}  Evidence`);
    for (const e of t.trace.evidence) {
      out.push(`${indent}    ${mark(e.result, st)} +${e.weight} ${e.id}: ${e.description}`);
      out.push(...nodeLines(e.condition, st, `${indent}        `));
    }
  }
  return out;
}

function verdict(t: SubjectTrace, st: Style): string {
  if (!t.trace.matched) return st.red('no finding: a required condition fails');
  const c = t.confidence!;
  const level = `${c.level} (${c.score.toFixed(2)})`;
  if (t.supersededBy) return st.yellow(`matches, ${level}, but ${t.supersededBy.join(', ')} supersedes it here: analyze reports that one`);
  return st.green(`finding, ${level}`);
}

function mark(result: boolean, st: Style): string {
  return result ? st.green('✓') : st.red('✗');
}

const GROUP: Record<'all' | 'any' | 'not', string> = { all: 'all of these hold', any: 'at least one holds', not: 'this does not hold' };

function nodeLines(n: TraceNode, st: Style, indent: string): string[] {
  if (n.kind === 'leaf') {
    const expected = n.expectedValue === undefined ? shown(n.expected) : `${shown(n.expected)} (= ${shown(n.expectedValue)})`;
    const actual = n.present ? shown(n.actual) : st.yellow('absent');
    return [`${indent}${mark(n.result, st)} ${n.fact}${n.path ? ` ${n.path}` : ''} ${n.operator} ${expected} ${st.dim('·')} actual ${actual}`];
  }
  const items = n.kind === 'not' ? [n.item] : n.items;
  return [`${indent}${mark(n.result, st)} ${GROUP[n.kind]}:`, ...items.flatMap((i) => nodeLines(i, st, `${indent}  `))];
}

/** A value as JSON, made inert (it may come from the transcript) and cut to one readable line. */
function shown(v: unknown): string {
  const text = visible(JSON.stringify(v) ?? 'undefined');
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text;
}
