// One signature rendered for a terminal (`wdfleak rules show`): what it recognises, its conditions and
// evidence in words, the next steps, the fix, references and fixtures. Same wording as the site's pages.
import type { Condition, Signature } from '../types/signature.js';
import { conditionInWords, groupLead, leafSentence, type Words } from '../signatures/describe.js';
import { PLAIN, type Style } from './style.js';
import { wrapText } from './text.js';

/** A condition tree as indented lines: groups get a lead-in, leaves a bullet. */
export function conditionLines(c: Condition, indent = ''): string[] {
  return wordsLines(conditionInWords(c), indent);
}

function wordsLines(w: Words, indent: string): string[] {
  if (w.kind === 'leaf') return [`${indent}- ${leafSentence(w)}`];
  const lead = groupLead(w);
  const items = w.kind === 'not' ? [w.item] : w.items;
  // The page's lead-in, lower-cased to follow the bullet.
  return [`${indent}- ${lead.charAt(0).toLowerCase()}${lead.slice(1)}`, ...items.flatMap((i) => wordsLines(i, indent + '  '))];
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
