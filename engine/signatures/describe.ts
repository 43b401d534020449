// A signature's json-rules-engine conditions in words a driver developer reads. The tree keeps its
// shape (all / any / not) so the site can render nested lists and the terminal indented bullets
// (`wdfleak rules show`); `toSentence` flattens it for search text and tests. Unknown operators are
// shown as written, never dropped. Isomorphic: the CLI and the site's pages both use it.
import type { Condition } from '../types/signature.js';
import { isReferenceValue, referenceValue } from '../reference/named-values.js';

export type Words =
  | { kind: 'all' | 'any'; items: Words[] }
  | { kind: 'not'; item: Words }
  | {
      kind: 'leaf';
      /** The fact and, when given, the path inside it: `creation.context` or `pool $.ratio`. */
      subject: string;
      /** The operator in words: `is at least`. */
      verb: string;
      /** The compared value in words: `0.9`, `"DPC" or "ISR"`, `the fact iowi.allocs`. */
      value: string;
    };

type Leaf = Extract<Condition, { fact: string }>;

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
  between: 'is between',
};

/** A JSON value in words: strings quoted, lists joined with "or", fact references named. */
export function valueInWords(value: unknown, joiner = 'or'): string {
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueInWords(v, joiner));
    if (parts.length === 0) return 'nothing';
    if (parts.length === 1) return parts[0]!;
    return `${parts.slice(0, -1).join(', ')} ${joiner} ${parts[parts.length - 1]}`;
  }
  if (value !== null && typeof value === 'object') {
    if (isReferenceValue(value)) return `${value.reference} (unknown reference)`;
    const ref = value as { fact?: unknown; path?: unknown };
    if (typeof ref.fact === 'string') {
      return `the fact ${subjectOf(ref.fact, typeof ref.path === 'string' ? ref.path : undefined)}`;
    }
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return `"${value}"`;
  if (value === undefined) return 'nothing';
  return String(value);
}

/** `$.creation.context` → `creation.context`; the fact name first. */
function subjectOf(fact: string, path: string | undefined): string {
  if (path === undefined || path === '' || path === '$') return fact;
  const tail = path.replace(/^\$\.?/, '');
  return tail.startsWith('[') ? `${fact}${tail}` : `${fact}.${tail}`;
}

function leafInWords(leaf: Leaf): Words {
  const words = literalLeafInWords({ ...leaf, value: isReferenceValue(leaf.value) ? (referenceValue(leaf.value.reference) ?? leaf.value) : leaf.value });
  // A value cited from rules/reference is shown with its name: `is one of "isr" or "dpc" (execution-contexts#elevated)`.
  if (words.kind === 'leaf' && isReferenceValue(leaf.value) && referenceValue(leaf.value.reference) !== undefined) words.value += ` (${leaf.value.reference})`;
  return words;
}

function literalLeafInWords(leaf: Leaf): Words {
  const subject = subjectOf(leaf.fact, leaf.path);
  const { operator, value } = leaf;
  if (operator === 'isTrue') return { kind: 'leaf', subject, verb: value === false ? 'is false' : 'is true', value: '' };
  if (operator === 'exists') return { kind: 'leaf', subject, verb: value === false ? 'is absent' : 'is present', value: '' };
  if (operator === 'between' && Array.isArray(value) && value.length === 2) {
    return { kind: 'leaf', subject, verb: 'is between', value: `${valueInWords(value[0])} and ${valueInWords(value[1])}` };
  }
  if (operator === 'equal' && typeof value === 'boolean') return { kind: 'leaf', subject, verb: `is ${value}`, value: '' };
  if (operator === 'notIn') return { kind: 'leaf', subject, verb: 'is none of', value: valueInWords(value, 'nor') };
  const verb = VERBS[operator] ?? `${operator} (operator)`;
  return { kind: 'leaf', subject, verb, value: valueInWords(value) };
}

export function conditionInWords(condition: Condition): Words {
  if ('all' in condition) {
    const items = condition.all.map(conditionInWords);
    return items.length === 1 ? items[0]! : { kind: 'all', items };
  }
  if ('any' in condition) {
    const items = condition.any.map(conditionInWords);
    return items.length === 1 ? items[0]! : { kind: 'any', items };
  }
  if ('not' in condition) return { kind: 'not', item: conditionInWords(condition.not) };
  return leafInWords(condition);
}

/** The lead-in of a group as a page shows it above its list (the terminal lower-cases it). */
export function groupLead(words: Words): string {
  if (words.kind === 'all') return 'All of these hold:';
  if (words.kind === 'any') return 'At least one of these holds:';
  if (words.kind === 'not') return 'This does not hold:';
  return '';
}

/** A leaf as one sentence: `companion.iowiRatio is between 0.9 and 1.1`. */
export function leafSentence(words: Extract<Words, { kind: 'leaf' }>): string {
  return [words.subject, words.verb, words.value].filter((s) => s !== '').join(' ');
}

/** One sentence, for search text and tests: `creation.context is "DPC" and (a or b)`. */
export function toSentence(words: Words, nested = false): string {
  switch (words.kind) {
    case 'leaf':
      return leafSentence(words);
    case 'not':
      return `not (${toSentence(words.item, true)})`;
    default: {
      const text = words.items.map((w) => toSentence(w, true)).join(words.kind === 'all' ? ' and ' : ' or ');
      return nested ? `(${text})` : text;
    }
  }
}
