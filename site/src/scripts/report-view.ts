// A wdfleak report as DOM, for the analyzer page. Only createElement and textContent: finding
// text, evidence quotes and commands come from the user's log and are never parsed as HTML.
import type { Finding, Report } from '../../../engine/types/findings.js';
import { isSafeUrl } from '../lib/markdown/sanitize.js';
import { joinBase } from '../lib/url.js';

type Child = Node | string | null | undefined | false;

export function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

const code = (text: string) => h('code', {}, text);

function quoteBlock(lines: string[], first: number): HTMLElement {
  const codeEl = h('code');
  lines.forEach((line, i) => {
    if (i > 0) codeEl.append('\n');
    codeEl.append(h('mark', { class: 'line hl', 'data-line': String(first + i) }, line));
  });
  return h('pre', { class: 'code numbered', tabindex: '0' }, codeEl);
}

function copyButton(text: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'copy' }, 'Copy');
  button.setAttribute('aria-label', `Copy: ${text}`);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select and copy by hand';
    }
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  });
  return button;
}

function subjectList(f: Finding): HTMLElement {
  const s = f.subject;
  const rows: Array<[string, string | undefined]> = [
    ['Pool tag', s.tag],
    ['Driver', s.driver],
    ['Object type', s.fxType ? `${s.fxType}${s.fxTypeValue ? ` (${s.fxTypeValue})` : ''}${s.handleType ? `, ${s.handleType}` : ''}` : s.handleType],
    ['Callback', s.callback],
    ['Created by', s.creatorChain?.length ? s.creatorChain.join(' ← ') : s.creator],
    ['Context', s.context],
    ['Parent', s.parent],
    ['Bucket', f.bucket],
  ];
  const dl = h('dl', { class: 'meta-list' });
  for (const [term, value] of rows) if (value) dl.append(h('dt', {}, term), h('dd', {}, code(value)));
  return dl;
}

export function renderFinding(f: Finding, base: string, index: number): HTMLElement {
  const id = `finding-${index + 1}`;
  const article = h('article', { class: 'finding', 'aria-labelledby': id });
  article.append(
    h('h3', { id }, f.signature.title),
    h(
      'p',
      {},
      h('span', { class: `badge sev-${f.severity}` }, f.severity),
      ' ',
      h('span', { class: 'badge' }, `${f.confidence.level}, ${Math.round(f.confidence.score * 100)}%`),
      ' ',
      h('a', { href: joinBase(base, `signatures/${encodeURIComponent(f.signature.slug)}/`) }, `${f.signature.id} ${f.signature.slug}`),
    ),
    h('p', { class: 'summary' }, f.summary),
    subjectList(f),
  );
  if (f.evidence.length > 0) {
    const list = h('ul', { class: 'evidence' });
    for (const e of f.evidence) {
      const where = `${e.source} line${e.lines[0] === e.lines[1] ? ` ${e.lines[0]}` : `s ${e.lines[0]}–${e.lines[1]}`}`;
      list.append(
        h('li', {}, e.description, ' ', h('small', {}, `(${where}${e.command ? `, ${e.command}` : ''})`), e.quote?.length ? quoteBlock(e.quote, e.lines[0]) : null),
      );
    }
    article.append(h('h4', {}, 'Evidence'), list);
  }
  if (f.confidence.missing.length > 0) {
    article.append(
      h('h4', {}, 'Not shown yet'),
      h('p', {}, 'These would raise the confidence; the next steps below look for them:'),
      h('ul', {}, ...f.confidence.missing.map((m) => h('li', {}, m))),
    );
  }
  article.append(h('h4', {}, 'What is happening'), h('p', {}, f.description), h('p', {}, f.lifetimeRule));
  if (f.remediation.length > 0) article.append(h('h4', {}, 'How to fix it'), h('ol', {}, ...f.remediation.map((r) => h('li', {}, r))));
  if (f.nextSteps.length > 0) {
    article.append(
      h('h4', {}, 'Next steps'),
      h('ul', { class: 'next-steps' }, ...f.nextSteps.map((n) => h('li', {}, code(n.command), ' ', copyButton(n.command), h('br'), n.why))),
    );
  }
  const refs = f.references.filter((r) => isSafeUrl(r.url));
  if (refs.length > 0) article.append(h('h4', {}, 'References'), h('ul', {}, ...refs.map((r) => h('li', {}, h('a', { href: r.url }, r.title)))));
  return article;
}

export function renderReport(report: Report, base: string): HTMLElement {
  const root = h('div');
  const lines = report.stats?.lines ?? 0;
  const blocks = report.stats?.blocks ?? 0;
  const unparsed = report.stats?.unparsedBlocks ?? 0;
  root.append(
    h(
      'p',
      {},
      `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} from ${lines} lines and ${blocks} command blocks` +
        `${unparsed ? ` (${unparsed} not understood)` : ''}; ${report.stats?.signatures ?? 0} signatures ran` +
        `${report.arch ? ` for ${report.arch}` : ''}.`,
    ),
  );
  if (report.findings.length === 0) {
    root.append(
      h(
        'p',
        { class: 'notice' },
        'No leak signature matched. If nonpaged pool is growing, start with !poolused 2 (the top tags) and !poolfind <tag> -nonpaged for the biggest one, then paste the output here.',
      ),
    );
  }
  report.findings.forEach((f, i) => root.append(renderFinding(f, base, i)));
  if (report.diagnostics.length > 0) {
    const list = h('ul');
    for (const d of report.diagnostics.slice(0, 200)) {
      list.append(h('li', {}, `${d.level}: ${d.source} line ${d.line}: ${d.message}${d.expected ? ` (expected ${d.expected})` : ''}`));
    }
    root.append(h('details', {}, h('summary', {}, `${report.diagnostics.length} notes from the parsers`), list));
  }
  return root;
}
