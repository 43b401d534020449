// The checks a user's rule pack (`--rules <dir>`) must pass before the analyzer runs it: the same
// limits as `wdfleak rules validate` for what could hang or crash a run (regular expressions,
// nesting), plus the fields the engine indexes by. Without ajv: the analysis path stays light.
import type { Signature } from '../types/signature.js';
import { regexProblems } from '../validate/regex-safety.js';
import { referenceProblem } from '../signatures/compile.js';
import { InputError } from './errors.js';

const MAX_CONDITION_DEPTH = 32;
const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'info']);
const STATUSES = new Set(['experimental', 'test', 'stable', 'deprecated']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The first problem of a condition tree as [JSON pointer, message], or undefined. */
function conditionProblem(cond: unknown, at: string, depth: number): [string, string] | undefined {
  if (!isObject(cond)) return [at, 'expected a condition object ({ all }, { any }, { not } or { fact, operator, value })'];
  if (depth > MAX_CONDITION_DEPTH) return [at, `conditions nested deeper than ${MAX_CONDITION_DEPTH} levels`];
  if (cond.operator === 'matches') {
    if (typeof cond.value !== 'string') return [`${at}/value`, 'a matches operand must be a regular expression string'];
    const p = regexProblems(cond.value, 'i')[0];
    if (p) return [`${at}/value`, `regular expression rejected at offset ${p.at}: ${p.message}`];
  }
  for (const key of ['all', 'any'] as const) {
    if (cond[key] === undefined) continue;
    const list = cond[key];
    if (!Array.isArray(list)) return [`${at}/${key}`, `expected an array of conditions`];
    for (let i = 0; i < list.length; i++) {
      const p = conditionProblem(list[i], `${at}/${key}/${i}`, depth + 1);
      if (p) return p;
    }
  }
  const unknown = referenceProblem(cond.value);
  if (unknown) return [`${at}/value`, unknown];
  if (cond.not !== undefined) return conditionProblem(cond.not, `${at}/not`, depth + 1);
  return undefined;
}

/** Throws an InputError naming `file` and the JSON pointer when `sig` is unsafe to run. */
export function checkPackSignature(sig: Signature, file: string): void {
  const s = sig as unknown as Record<string, unknown>;
  const fail = (pointer: string, message: string): never => {
    throw new InputError(`${pointer}: ${message} (run 'wdfleak rules validate' for the full check)`, file);
  };
  if (typeof s.id !== 'string' || typeof s.slug !== 'string') fail('/id', 'id and slug must be strings');
  if (typeof s.severity !== 'string' || !SEVERITIES.has(s.severity)) fail('/severity', `must be one of ${[...SEVERITIES].join(', ')}`);
  if (typeof s.status !== 'string' || !STATUSES.has(s.status)) fail('/status', `must be one of ${[...STATUSES].join(', ')}`);
  if (!isObject(s.confidence)) fail('/confidence', 'expected an object');
  if (!isObject(s.event)) fail('/event', 'expected an object');
  const p = conditionProblem(s.conditions, '/conditions', 0);
  if (p) fail(p[0], p[1]);
  const evidence = (s.confidence as Record<string, unknown>).evidence;
  if (Array.isArray(evidence)) {
    evidence.forEach((e, i) => {
      if (isObject(e) && e.condition !== undefined) {
        const q = conditionProblem(e.condition, `/confidence/evidence/${i}/condition`, 0);
        if (q) fail(q[0], q[1]);
      }
    });
  }
}
