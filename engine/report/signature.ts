// One signature rendered for a terminal (`wdfleak rules show`): what it recognises, its conditions and
// evidence in words, the next steps, the fix, references and fixtures. Same wording as the site's pages.
import type { Condition, Signature } from '../types/signature.js';
import { PLAIN, type Style } from './style.js';
import { wrapText } from './text.js';

const VERBS: Record<string, string> = {
  equal: 'is',
  notEqual: 'is not',
  lessThan: 'is less than',
  lessThanInclusive: 'is at most',
  greaterThan: 'is more than',
  greaterThanInclusive: 'is at least',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  doesNotContain: 'does not contain',
  matches: 'matches the pattern',
};

export function valueInWords(value: unknown, joiner = 'or'): string {
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueInWords(v, joiner));
    if (parts.length === 0) return 'nothing';
    if (parts.length === 1) return parts[0]!;
    return `${parts.slice(0, -1).join(', ')} ${joiner} ${parts[parts.length - 1]}`;
  }
  if (value !== null && typeof value === 'object') {
    const ref = value as { fact?: unknown; path?: unknown };
    if (typeof ref.fact === 'string') return `the fact ${factName(ref.fact, typeof ref.path === 'string' ? ref.path : undefined)}`;
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

function factName(fact: string, path: string | undefined): string {
  if (!path || path === '$') return fact;
  const tail = path.replace(/^\$\.?/, '');
  return tail.startsWith('[') ? `${fact}${tail}` : `${fact}.${tail}`;
}

/** A leaf condition as one sentence: `companion.iowiRatio is between 0.9 and 1.1`. */
export function leafInWords(c: Extract<Condition, { fact: string }>): string {
  const subject = factName(c.fact, c.path);
  const v = c.value;
  if (c.operator === 'isTrue') return `${subject} ${v === false ? 'is false' : 'is true'}`;
  if (c.operator === 'exists') return `${subject} ${v === false ? 'is absent' : 'is present'}`;
  if (c.operator === 'between' && Array.isArray(v) && v.length === 2) return `${subject} is between ${valueInWords(v[0])} and ${valueInWords(v[1])}`;
  if (c.operator === 'equal' && typeof v === 'boolean') return `${subject} is ${v}`;
  if (c.operator === 'notIn') return `${subject} is none of ${valueInWords(v, 'nor')}`;
  return `${subject} ${VERBS[c.operator] ?? `${c.operator} (operator)`} ${valueInWords(v)}`;
}

/** A condition tree as indented lines: groups get a lead-in, leaves a bullet. */
export function conditionLines(c: Condition, indent = ''): string[] {
  if ('all' in c || 'any' in c) {
    const items = 'all' in c ? c.all : c.any;
    if (items.length === 1) return conditionLines(items[0]!, indent);
    const lead = 'all' in c ? 'all of these hold:' : 'at least one of these holds:';
    return [`${indent}- ${lead}`, ...items.flatMap((i) => conditionLines(i, indent + '  '))];
  }
  if ('not' in c) return [`${indent}- this does not hold:`, ...conditionLines(c.not, indent + '  ')];
  return [`${indent}- ${leafInWords(c)}`];
}

export interface SignatureView {
  signature: Signature;
  /** The file it was read from, as the user should see it. */
  file?: string;
  fixtures?: { positive: string[]; negative: string[] };
}

export function formatSignature(view: SignatureView, style: Style = PLAIN, width = 96): string {
  const s = view.signature;
  const st = style;
  const out: string[] = [];
  out.push(`${st.bold(s.id)} ${st.cyan(s.slug)}  ${st.dim(`${s.status} · ${s.severity} · subject: ${s.subject}`)}`);
  out.push(st.bold(s.title));
  if (view.file) out.push(st.dim(view.file));
  if (s.replacedBy) out.push(st.yellow(`deprecated: replaced by ${s.replacedBy}`));
  const meta = [s.fxTypes.length ? `FX types: ${s.fxTypes.join(', ')}` : '', s.apis.length ? `APIs: ${s.apis.join(', ')}` : ''].filter(Boolean);
  if (meta.length) out.push(st.dim(meta.join(' · ')));
  const section = (title: string): void => {
    out.push('', st.bold(title));
  };
  section('What happens');
  out.push(...wrapText(s.description, width - 2, '  '));
  section('Why it leaks');
  out.push(...wrapText(s.lifetimeRule, width - 2, '  '));
  section(`Fires when (a suspected finding, confidence ${s.confidence.base})`);
  out.push(...conditionLines(s.conditions, '  '));
  if (s.confidence.evidence.length) {
    section(`Evidence that raises the confidence (confirmed at ${s.confidence.confirmed})`);
    for (const e of s.confidence.evidence) {
      out.push(`  ${st.green(`+${e.weight}`)} ${e.id}: ${e.description}`);
      out.push(...conditionLines(e.condition, '      ').map((l) => st.dim(l)));
    }
  }
  section('Next steps');
  for (const n of s.nextSteps) {
    const cond = n.when ? ` (when ${n.when})` : n.unless ? ` (unless ${n.unless})` : '';
    out.push(`  ${st.cyan(n.command)}${st.dim(cond)}`);
    out.push(...wrapText(n.why, width - 6, '      ').map((l) => st.dim(l)));
  }
  section('Fix');
  s.remediation.forEach((r, i) => {
    const lines = wrapText(r, width - 6, ' '.repeat(6));
    out.push(`  ${String(i + 1).padStart(2)}. ${lines[0]!.trimStart()}`, ...lines.slice(1));
  });
  section('References');
  for (const r of s.references) out.push(`  ${r.title}`, `    ${st.dim(r.url)}`);
  out.push('', st.dim(`Bucket: ${s.event.params.bucket}`));
  if (view.fixtures) {
    section('Fixtures');
    for (const kind of ['positive', 'negative'] as const) {
      const list = view.fixtures[kind];
      out.push(`  ${kind}: ${list.length ? list.join(', ') : st.yellow('none')}`);
    }
  }
  return out.join('\n') + '\n';
}
