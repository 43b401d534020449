// What a signature reads, checked against the fact catalogue for its subject kind: the subject kind
// itself, each condition's fact and path (and a `{ "fact": … }` value), and every `{fact.path}`
// placeholder of its templates. A misspelt name would otherwise never match, silently; here it is one
// line with the JSON pointer and the nearest name that exists.
import { factsOfKind, type CatalogueEntry } from '../reference/fact-catalogue.js';
import { placeholdersIn } from '../signatures/placeholders.js';
import type { SubjectKind } from '../types/signature.js';
import { didYouMean, pointerTo } from './messages.js';

type Json = Record<string, unknown>;
type Report = (pointer: string, message: string) => void;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const suggest = (word: string, candidates: Iterable<string>, show: (s: string) => string = (s) => s): string => {
  const guess = didYouMean(word, candidates);
  return guess ? `; did you mean ${show(guess)}?` : '';
};

interface KindFacts {
  kind: SubjectKind;
  /** Fact → its paths, and which of them hold arrays (an `[n]` step may follow those). */
  facts: Map<string, { paths: Set<string>; arrays: Set<string> }>;
}

function kindFacts(catalogue: readonly CatalogueEntry[], kind: SubjectKind): KindFacts {
  const facts = new Map<string, { paths: Set<string>; arrays: Set<string> }>();
  for (const [fact, entries] of factsOfKind(catalogue, kind)) {
    facts.set(fact, {
      paths: new Set(entries.map((e) => e.path)),
      arrays: new Set(entries.filter((e) => e.types.some((t) => t === 'array' || t.endsWith('[]'))).map((e) => e.path)),
    });
  }
  return { kind, facts };
}

const knownPath = (f: { paths: Set<string>; arrays: Set<string> }, path: string): boolean =>
  f.paths.has(path) || f.arrays.has(path.replace(/\[\d+\]$/, ''));

export function checkFactUse(sig: Json, catalogue: readonly CatalogueEntry[], report: Report): void {
  const kinds = [...new Set(catalogue.map((e) => e.subject))];
  if (typeof sig.subject !== 'string') return;
  if (!kinds.includes(sig.subject as SubjectKind)) {
    report('/subject', `unknown subject kind '${sig.subject}'${suggest(sig.subject, kinds, (k) => `'${k}'`) || ` (known: ${kinds.join(', ')})`}`);
    return;
  }
  const scope = kindFacts(catalogue, sig.subject as SubjectKind);
  checkConditions(sig.conditions, '/conditions', scope, report);
  const confidence = isObject(sig.confidence) ? sig.confidence : {};
  (Array.isArray(confidence.evidence) ? confidence.evidence : []).forEach((item, i) => {
    if (isObject(item)) checkConditions(item.condition, `/confidence/evidence/${i}/condition`, scope, report);
  });
  (Array.isArray(sig.nextSteps) ? sig.nextSteps : []).forEach((step, i) => {
    if (!isObject(step)) return;
    for (const key of ['command', 'why'] as const) checkTemplate(step[key], `/nextSteps/${i}/${key}`, scope, report);
  });
  const params = isObject(sig.event) && isObject(sig.event.params) ? sig.event.params : {};
  for (const key of ['bucket', 'message'] as const) checkTemplate(params[key], `/event/params/${key}`, scope, report);
}

function checkConditions(cond: unknown, at: string, scope: KindFacts, report: Report, depth = 0): void {
  // Deeper trees are refused by the validator's depth check.
  if (!isObject(cond) || depth > 32) return;
  for (const key of ['all', 'any'] as const) {
    const list = cond[key];
    if (Array.isArray(list)) list.forEach((c, i) => checkConditions(c, `${at}/${key}/${i}`, scope, report, depth + 1));
  }
  if (cond.not !== undefined) checkConditions(cond.not, `${at}/not`, scope, report, depth + 1);
  checkRead(cond, at, scope, report);
  if (isObject(cond.value) && typeof cond.value.fact === 'string') checkRead(cond.value, pointerTo(at, 'value'), scope, report);
}

/** A `fact` (and `path`) pair: a leaf condition, or a value that compares with another fact. */
function checkRead(read: Json, at: string, scope: KindFacts, report: Report): void {
  if (typeof read.fact !== 'string') return;
  const f = scope.facts.get(read.fact);
  if (!f) {
    report(pointerTo(at, 'fact'), `unknown fact '${read.fact}' of a ${scope.kind} subject${suggest(read.fact, scope.facts.keys(), (s) => `'${s}'`) || ` (it has ${[...scope.facts.keys()].join(', ')})`}`);
    return;
  }
  // A path of the wrong shape is the schema's to report.
  if (typeof read.path !== 'string' || !/^\$[.[]/.test(read.path) || knownPath(f, read.path)) return;
  report(
    pointerTo(at, 'path'),
    f.paths.size
      ? `unknown path ${read.path} of fact ${read.fact}${suggest(read.path, f.paths) || ` ('wdfleak rules facts --subject ${scope.kind}' lists its paths)`}`
      : `fact ${read.fact} is a plain value with no paths: drop "path"`,
  );
}

function checkTemplate(text: unknown, at: string, scope: KindFacts, report: Report): void {
  if (typeof text !== 'string') return;
  for (const name of placeholdersIn(text)) {
    const dot = name.indexOf('.');
    const fact = dot < 0 ? name : name.slice(0, dot);
    const f = scope.facts.get(fact);
    if (f && (dot < 0 || knownPath(f, `$${name.slice(dot)}`))) continue;
    const all = [...scope.facts].flatMap(([n, x]) => [n, ...[...x.paths].map((p) => `${n}${p.slice(1)}`)]);
    const why = f ? `fact ${fact} has no path $${name.slice(dot)}` : `a ${scope.kind} subject has no fact '${fact}'`;
    report(at, `unknown placeholder {${name}}: ${why}${suggest(name, all, (s) => `{${s}}`)}`);
  }
}
