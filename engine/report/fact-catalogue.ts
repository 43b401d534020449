// The fact catalogue for a terminal (`wdfleak rules facts`): per subject kind, each fact with its meaning
// and producing command, then its paths with type, a real example value and meaning.
import { WHOLE, type CatalogueEntry } from '../reference/fact-catalogue.js';
import { visible } from './escape.js';
import { PLAIN, type Style } from './style.js';

const EXAMPLE_WIDTH = 28;

/** A value as a signature would write it, cut to fit a column. */
export function exampleText(e: Pick<CatalogueEntry, 'example' | 'unseen'>): string {
  if (e.unseen) return '(none yet)';
  if (e.example === undefined) return '';
  const s = visible(JSON.stringify(e.example));
  return s.length > EXAMPLE_WIDTH ? `${s.slice(0, EXAMPLE_WIDTH - 1)}…` : s;
}

export function formatFactCatalogue(entries: readonly CatalogueEntry[], style: Style = PLAIN): string {
  const st = style;
  const out: string[] = [];
  const kinds = [...new Set(entries.map((e) => e.subject))];
  for (const kind of kinds) {
    const mine = entries.filter((e) => e.subject === kind);
    out.push(st.bold(`${kind} subject`), '');
    const pathWidth = Math.max(...mine.map((e) => e.path.length));
    const typeWidth = Math.max(...mine.map((e) => e.types.join('|').length));
    for (const fact of [...new Set(mine.map((e) => e.fact))]) {
      const whole = mine.find((e) => e.fact === fact && e.path === WHOLE)!;
      const paths = mine.filter((e) => e.fact === fact && e.path !== WHOLE);
      const plain = paths.length ? '' : `  ${whole.types.join('|')}  ${exampleText(whole)}`;
      out.push(`  ${st.cyan(fact)}${plain}  ${whole.meaning}`, `    ${st.dim(`from ${whole.command}`)}`);
      for (const p of paths) {
        const own = p.command !== whole.command ? st.dim(` (from ${p.command})`) : '';
        const unseen = p.unseen ? st.dim(` (no bundled transcript shows it: ${p.unseen})`) : '';
        out.push(`    ${p.path.padEnd(pathWidth)}  ${p.types.join('|').padEnd(typeWidth)}  ${exampleText(p).padEnd(EXAMPLE_WIDTH)}  ${p.meaning}${own}${unseen}`);
      }
      out.push('');
    }
  }
  out.push(st.dim(`${entries.filter((e) => e.path !== WHOLE).length} paths of ${new Set(entries.map((e) => `${e.subject} ${e.fact}`)).size} facts; examples are real values from the signature fixtures and the corpus`));
  return out.join('\n') + '\n';
}
