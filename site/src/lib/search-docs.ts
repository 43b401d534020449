// The site's content as search documents: cases, signatures and reference entries. Pure functions
// over plain data, so the index builder's input can be tested without building the site.
import type { SearchDocument } from './search/build-index.js';
import type { Signature } from '../../../engine/types/signature.js';
import type { CaseFrontmatter } from './case-schema.js';
import type { ApiEntry, FxTypeEntry, LayoutFile, PoolTagEntry, PoolTagsFile } from './reference-types.js';
import { conditionInWords, toSentence } from '../../../engine/signatures/describe.js';
import { markdownText } from './markdown/text.js';
import { WHOLE, type CatalogueEntry } from '../../../engine/reference/fact-catalogue.js';

export function caseDocument(id: string, data: CaseFrontmatter, body: string): SearchDocument {
  const text = markdownText(body);
  return {
    kind: 'case',
    title: data.title,
    url: `cases/${id}/`,
    summary: data.summary,
    body: text.prose,
    code: text.code,
    keywords: [...data.drivers, ...data.poolTags, ...data.fxTypes, ...data.signatures],
  };
}

export function signatureDocument(s: Signature, doc?: string): SearchDocument {
  const words = [
    s.description,
    s.lifetimeRule,
    ...(s.remediation ?? []),
    ...(s.confidence?.evidence ?? []).map((e) => e.description),
    ...(s.nextSteps ?? []).map((n) => n.why),
  ];
  const docText = doc ? markdownText(doc) : undefined;
  if (docText) words.push(docText.prose);
  return {
    kind: 'signature',
    title: s.title,
    url: `signatures/${s.slug}/`,
    summary: s.description,
    body: words.filter(Boolean).join('\n'),
    code: [
      s.conditions ? toSentence(conditionInWords(s.conditions)) : '',
      ...(s.nextSteps ?? []).map((n) => n.command),
      docText?.code ?? '',
    ].join('\n'),
    keywords: [s.id, s.slug, ...(s.fxTypes ?? []), ...(s.apis ?? [])],
  };
}

export function fxTypeDocument(t: FxTypeEntry): SearchDocument {
  const summary = [t.handleType ? `${t.handleType}.` : '', t.notes ?? ''].filter(Boolean).join(' ');
  return {
    kind: 'fx-type',
    title: `${t.name} (${t.hex})`,
    url: `reference/fx-types/#${t.name}`,
    summary: summary || `${t.range} ${t.visibility} FX_TYPE value.`,
    keywords: [...new Set([t.name, t.hex, t.hex.toLowerCase(), String(t.value), t.handleType ?? '', ...(t.createApis ?? []), ...(t.deleteApis ?? [])])].filter(Boolean),
  };
}

export function apiDocument(a: ApiEntry): SearchDocument {
  return {
    kind: 'api',
    title: a.api,
    url: `reference/apis/#${a.api}`,
    summary: a.lifetime ?? '',
    body: [a.defaultParent?.note, a.irqlNotes, a.delete?.notes, ...(a.companions ?? []).map((c) => c.description)].filter(Boolean).join('\n'),
    keywords: [a.api, `imp_${a.api}`, a.handleType ?? '', a.fxType ?? '', a.fxTypeHex ?? '', a.maxIrql ?? ''].filter(Boolean),
  };
}

/** A delete API or an API the table mentions (the second table of the APIs page). */
export function otherApiDocument(o: { api: string; deletes: string[]; mentionedBy: string[] }): SearchDocument {
  const what = [o.deletes.length > 0 ? `Deletes or closes ${o.deletes.join(', ')}.` : '', o.mentionedBy.length > 0 ? `Mentioned by ${o.mentionedBy.join(', ')}.` : ''];
  return {
    kind: 'api',
    title: o.api,
    url: `reference/apis/#${o.api}`,
    summary: what.filter(Boolean).join(' '),
    keywords: [o.api, `imp_${o.api}`, ...o.deletes],
  };
}

export function poolTagDocument(t: PoolTagEntry): SearchDocument {
  return {
    kind: 'pool-tag',
    title: `Pool tag ${t.tag}`,
    url: `reference/pool-tags/#tag-${t.tag.trim()}`,
    summary: t.description ?? '',
    body: t.wdfRelevance ?? '',
    keywords: [t.tag, t.hex ?? '', t.owner ?? '', ...(t.relatedFxTypes ?? []), ...(t.relatedApis ?? [])].filter(Boolean),
  };
}

/** One document per struct of a layout file (its fields are what readers search for). */
export function layoutDocuments(file: LayoutFile): SearchDocument[] {
  const docs: SearchDocument[] = (file.structs ?? []).map((s) => ({
    kind: 'layout' as const,
    title: `${s.name} layout`,
    url: `reference/layouts/${file.kind}/#struct-${s.name}`,
    summary: s.description ?? '',
    body: [...new Set(s.layouts.flatMap((l) => l.fields.map((f) => f.description ?? '')))].join('\n'),
    keywords: [s.name, s.module ? `${s.module}!${s.name}` : '', ...new Set(s.layouts.flatMap((l) => l.fields.flatMap((f) => [f.name, ...(f.aliases ?? [])])))].filter(Boolean),
  }));
  for (const e of file.enums ?? []) {
    docs.push({
      kind: 'layout',
      title: e.name,
      url: `reference/layouts/${file.kind}/#enum-${e.name}`,
      summary: e.description ?? '',
      body: e.members.map((m) => m.meaning ?? '').join('\n'),
      keywords: [e.name, e.field ?? '', ...e.members.flatMap((m) => [m.name, m.hex ?? '', m.bitfieldName ?? ''])].filter(Boolean),
    });
  }
  return docs;
}

/** Pages that are not generated from data but should still be found. */
export const STATIC_DOCUMENTS: SearchDocument[] = [
  {
    kind: 'page',
    title: 'Analyzer: paste WinDbg output',
    url: 'analyzer/',
    summary: 'Paste !poolused, !poolfind, dt and k output or drop a log file; the findings are computed in your browser.',
    keywords: ['!poolused', '!poolfind', 'analyze'],
  },
];

/**
 * The driver tag rule and the tag calculator (reference/pool-tags/): found by the words of the rule and by
 * the service names and tags of its worked examples (`amdacpbus2` → `amda`), as the page shows them.
 */
export function driverTagRuleDocument(rule: PoolTagsFile['driverTagRule']): SearchDocument {
  const examples = rule?.examples ?? [];
  return {
    kind: 'page',
    title: 'Driver pool tag rule and tag calculator',
    url: 'reference/pool-tags/#driver-tag-rule',
    summary: 'How KMDF derives a driver pool tag from its service name, and tag ↔ ULONG value conversion.',
    body: [rule?.description, rule?.notes, ...examples.map((e) => `${e.serviceName} gets the tag ${e.tag}. ${e.note ?? ''}`)].filter(Boolean).join('\n'),
    keywords: ['DriverPoolTag', 'WDF_DRIVER_CONFIG', '_FX_DRIVER_GLOBALS', 'FxDr', ...examples.flatMap((e) => [e.serviceName, e.tag, e.hex ?? ''])].filter(Boolean),
  };
}

/** Anchor of a fact on the facts page (reference/facts/). */
export const factAnchor = (e: Pick<CatalogueEntry, 'subject' | 'fact'>): string => `${e.subject}-${e.fact}`;

/** One document per fact of a subject kind: found by its name, its paths and what they mean. */
export function factDocuments(entries: readonly CatalogueEntry[]): SearchDocument[] {
  return entries
    .filter((e) => e.path === WHOLE)
    .map((whole) => {
      const paths = entries.filter((e) => e.subject === whole.subject && e.fact === whole.fact && e.path !== WHOLE);
      return {
        kind: 'fact' as const,
        title: `Fact ${whole.fact} of a ${whole.subject} subject`,
        url: `reference/facts/#${factAnchor(whole)}`,
        summary: whole.meaning,
        body: paths.map((p) => `${p.path} ${p.meaning}`).join('\n'),
        code: whole.command,
        keywords: [whole.fact, ...paths.map((p) => `${whole.fact}${p.path.slice(1)}`)],
      };
    });
}
