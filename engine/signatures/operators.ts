// Operators signatures may use beyond json-rules-engine's built-ins.
import { Operator } from 'json-rules-engine';

const regexCache = new Map<string, RegExp>();

export const CUSTOM_OPERATORS: Operator[] = [
  // `matches`: the fact (a string) matches a case-insensitive regular expression.
  new Operator('matches', (factValue: unknown, pattern: unknown) => {
    if (typeof factValue !== 'string' || typeof pattern !== 'string') return false;
    let re = regexCache.get(pattern);
    if (!re) {
      re = new RegExp(pattern, 'i');
      regexCache.set(pattern, re);
    }
    return re.test(factValue);
  }),
  // `between`: a number within [min, max] inclusive.
  new Operator('between', (factValue: unknown, range: unknown) => {
    if (typeof factValue !== 'number' || !Array.isArray(range) || range.length !== 2) return false;
    return factValue >= Number(range[0]) && factValue <= Number(range[1]);
  }),
  // `isTrue` / `exists`: readable checks for flags and optional facts.
  new Operator('isTrue', (factValue: unknown, want: unknown) => (factValue === true) === (want !== false)),
  new Operator('exists', (factValue: unknown, want: unknown) => (factValue !== undefined && factValue !== null) === (want !== false)),
];

export const OPERATOR_NAMES = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain',
  ...CUSTOM_OPERATORS.map((o) => o.name),
] as const;
