// A static check that a regular expression runs in time linear in its input on a backtracking engine
// (V8's). It enforces re2-style shape rules instead of searching for attack strings, so it is fast,
// deterministic and explains itself:
//   - no unbounded quantifier inside another (star height 1: `(a+)+`, `(?:\s*=)*`);
//   - no two unbounded quantifiers that can meet, over characters both can match (`\s*#?\s*`,
//     `(.*?)\s*$`, `\S+\s*\S+` is fine since `\S` and `\s` do not overlap);
//   - an unanchored pattern (no `^`) may not start with an unbounded quantifier, nor repeat the
//     characters it starts with without bound (each start position would rescan the same run);
//   - no back-references; at most MAX_SOURCE characters.
// Character sets are compared on a sample alphabet (Latin-1 and the Unicode blanks and line breaks),
// which is enough to see the overlaps that matter in text of this kind.
import { RegExpParser, type AST } from '@eslint-community/regexpp';

export const MAX_PATTERN_LENGTH = 1024;

const SAMPLE: number[] = [];
for (let c = 0; c < 256; c++) SAMPLE.push(c);
SAMPLE.push(0x1680, 0x2000, 0x2028, 0x2029, 0x202f, 0x3000, 0xfeff, 0x4e00, 0x0100, 0x0410);
const N = SAMPLE.length;

type CharSet = Uint8Array;
const empty = (): CharSet => new Uint8Array(N);
const union = (a: CharSet, b: CharSet): CharSet => a.map((x, i) => x | b[i]!);
const overlaps = (a: CharSet, b: CharSet): boolean => a.some((x, i) => x && b[i]);
const isEmpty = (a: CharSet): boolean => !a.some((x) => x);
const setOf = (pred: (c: number) => boolean): CharSet => Uint8Array.from(SAMPLE, (c) => (pred(c) ? 1 : 0));

const SPACE = /\s/u;
const WORD = /\w/;
function matchesSet(c: number, s: AST.CharacterSet | AST.Character | AST.CharacterClassRange, icase: boolean): boolean {
  const ch = String.fromCodePoint(c);
  if (s.type === 'Character') {
    if (s.value === c) return true;
    return icase && ch.toLowerCase() === String.fromCodePoint(s.value).toLowerCase();
  }
  if (s.type === 'CharacterClassRange') {
    if (c >= s.min.value && c <= s.max.value) return true;
    if (!icase) return false;
    const l = ch.toLowerCase().codePointAt(0)!;
    const u = ch.toUpperCase().codePointAt(0)!;
    return (l >= s.min.value && l <= s.max.value) || (u >= s.min.value && u <= s.max.value);
  }
  let r: boolean;
  switch (s.kind) {
    case 'any':
      return c !== 10 && c !== 13 && c !== 0x2028 && c !== 0x2029;
    case 'digit':
      r = c >= 48 && c <= 57;
      break;
    case 'space':
      r = SPACE.test(ch);
      break;
    case 'word':
      r = WORD.test(ch);
      break;
    default:
      r = true; // \p{…}: assume it may match anything
  }
  return 'negate' in s && s.negate ? !r : r;
}

interface Info {
  nullable: boolean;
  /** Every character the node can consume. */
  chars: CharSet;
  /** Characters a match of the node can start / end with. */
  first: CharSet;
  last: CharSet;
  /** Characters of unbounded quantifiers that can be first / last in a match of the node. */
  head: CharSet;
  tail: CharSet;
  unbounded: boolean;
}

export interface RegexProblem {
  /** Offset of the offending part in the pattern. */
  at: number;
  message: string;
}

/** Problems that make the pattern unsafe on a backtracking engine; empty when it is safe. */
export function regexProblems(source: string, flags = ''): RegexProblem[] {
  if (source.length > MAX_PATTERN_LENGTH) return [{ at: 0, message: `pattern longer than ${MAX_PATTERN_LENGTH} characters` }];
  let pattern: AST.Pattern;
  try {
    pattern = new RegExpParser().parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
  } catch (err) {
    return [{ at: 0, message: `not a valid regular expression: ${(err as Error).message}` }];
  }
  const icase = flags.includes('i');
  const problems: RegexProblem[] = [];
  const report = (node: AST.Node, message: string): void => {
    if (!problems.some((p) => p.at === node.start && p.message === message)) problems.push({ at: node.start, message });
  };

  const info = (node: AST.Node): Info => {
    switch (node.type) {
      case 'Character':
      case 'CharacterSet':
      case 'CharacterClass':
      case 'ExpressionCharacterClass': {
        const chars =
          node.type === 'CharacterClass'
            ? (() => {
                const inner = setOf((c) => node.elements.some((e) => e.type !== 'ClassStringDisjunction' && e.type !== 'CharacterClass' && e.type !== 'ExpressionCharacterClass' && matchesSet(c, e, icase)));
                return node.negate ? inner.map((x) => 1 - x) : inner;
              })()
            : node.type === 'ExpressionCharacterClass'
              ? setOf(() => true)
              : setOf((c) => matchesSet(c, node, icase));
        return { nullable: false, chars, first: chars, last: chars, head: empty(), tail: empty(), unbounded: false };
      }
      case 'Backreference':
        report(node, 'back-reference (not allowed: its cost depends on the captured text)');
        return { nullable: true, chars: setOf(() => true), first: setOf(() => true), last: setOf(() => true), head: empty(), tail: empty(), unbounded: false };
      case 'Assertion': {
        if (node.kind === 'lookahead' || node.kind === 'lookbehind') alternatives(node.alternatives);
        return { nullable: true, chars: empty(), first: empty(), last: empty(), head: empty(), tail: empty(), unbounded: false };
      }
      case 'Group':
      case 'CapturingGroup':
        return alternatives(node.alternatives);
      case 'Quantifier': {
        const el = info(node.element);
        const unbounded = node.max === Infinity;
        // One text split two ways between iterations: the end of one and the start of the next overlap.
        if (unbounded && el.unbounded && (el.nullable || overlaps(el.tail, el.head) || overlaps(el.tail, el.first) || overlaps(el.last, el.head))) {
          report(node, 'an unbounded quantifier inside another whose iterations can split one text in several ways');
        }
        if (unbounded && (node.element.type === 'Group' || node.element.type === 'CapturingGroup')) {
          // A repeated group whose alternatives can start alike can match one text many ways.
          const firsts = node.element.alternatives.map((a) => sequence(a).first);
          for (let i = 0; i < firsts.length; i++) for (let j = i + 1; j < firsts.length; j++) if (overlaps(firsts[i]!, firsts[j]!)) report(node, 'a repeated alternation whose branches can start with the same character');
        }
        return {
          nullable: node.min === 0 || el.nullable,
          chars: el.chars,
          first: el.first,
          last: el.last,
          head: unbounded ? union(el.first, el.head) : el.head,
          tail: unbounded ? union(el.last, el.tail) : el.tail,
          unbounded: unbounded || el.unbounded,
        };
      }
      default:
        return { nullable: true, chars: empty(), first: empty(), last: empty(), head: empty(), tail: empty(), unbounded: false };
    }
  };

  const sequence = (alt: AST.Alternative): Info => {
    const infos = alt.elements.map(info);
    // Two unbounded runs that can meet (only nullable elements between) must not share a character.
    // `.*` that runs to the end of the line (`(.*)$`, `.*` last) cannot fail, so nothing before it backtracks.
    const restOfLine = (j: number): boolean =>
      isRestOfLine(alt.elements[j]!) && alt.elements.slice(j + 1).every((e) => e.type === 'Assertion' && e.kind === 'end');
    for (let j = 0; j < infos.length; j++) {
      if (isEmpty(infos[j]!.head) || restOfLine(j)) continue;
      for (let i = j - 1; i >= 0; i--) {
        if (overlaps(infos[i]!.tail, infos[j]!.head)) {
          report(alt.elements[j]!, `unbounded repetitions meet here over the same characters (after ${JSON.stringify(alt.elements[i]!.raw)})`);
          break;
        }
        if (!infos[i]!.nullable) break;
      }
    }
    let chars = empty();
    for (const x of infos) chars = union(chars, x.chars);
    let head = empty();
    let first = empty();
    for (const x of infos) {
      head = union(head, x.head);
      first = union(first, x.first);
      if (!x.nullable) break;
    }
    let tail = empty();
    let last = empty();
    for (let k = infos.length - 1; k >= 0; k--) {
      tail = union(tail, infos[k]!.tail);
      last = union(last, infos[k]!.last);
      if (!infos[k]!.nullable) break;
    }
    return { nullable: infos.every((x) => x.nullable), chars, first, last, head, tail, unbounded: infos.some((x) => x.unbounded) };
  };

  const alternatives = (alts: readonly AST.Alternative[]): Info => {
    const out: Info = { nullable: false, chars: empty(), first: empty(), last: empty(), head: empty(), tail: empty(), unbounded: false };
    for (const a of alts) {
      const x = sequence(a);
      out.nullable ||= x.nullable;
      out.chars = union(out.chars, x.chars);
      out.first = union(out.first, x.first);
      out.last = union(out.last, x.last);
      out.head = union(out.head, x.head);
      out.tail = union(out.tail, x.tail);
      out.unbounded ||= x.unbounded;
    }
    return out;
  };

  for (const alt of pattern.alternatives) {
    const x = sequence(alt);
    const first = alt.elements[0];
    const anchored = first?.type === 'Assertion' && first.kind === 'start';
    if (anchored || flags.includes('y')) continue;
    // Unanchored: the engine tries every start position. A pattern that starts with an unbounded run
    // (`\s+$`), or with a character that the run right after it repeats (`[a-z][a-z0-9]*=`), rescans
    // the same run from each of its positions. A lone run (`\s+` for split) never backtracks.
    const lone = alt.elements.length === 1 && alt.elements[0]!.type === 'Quantifier';
    if (lone) continue;
    if (!isEmpty(x.head)) {
      report(alt, 'unanchored pattern that starts with an unbounded quantifier (add ^ or start with a fixed character)');
      continue;
    }
    // A leading lookbehind (`(?<![a-z])`) is how a pattern says it does not start inside a run.
    if (alt.elements[0]?.type === 'Assertion' && alt.elements[0].kind === 'lookbehind') continue;
    let body: AST.Element[] = alt.elements.filter((e) => !(e.type === 'Assertion' && e.kind === 'word'));
    while ((body[0]?.type === 'Group' || body[0]?.type === 'CapturingGroup') && body[0].alternatives.length === 1) {
      body = [...body[0].alternatives[0]!.elements, ...body.slice(1)];
    }
    if (body.length >= 2) {
      const a = info(body[0]!);
      const b = info(body[1]!);
      if (overlaps(a.last, b.head)) report(alt, 'unanchored pattern whose first character starts the unbounded run after it (add ^ or a fixed prefix)');
    }
  }
  return problems;
}

/** `.*`, `.+`, `(.*)`: a greedy run of any character. */
function isRestOfLine(n: AST.Node): boolean {
  if (n.type === 'CapturingGroup' || n.type === 'Group') return n.alternatives.length === 1 && n.alternatives[0]!.elements.length === 1 && isRestOfLine(n.alternatives[0]!.elements[0]!);
  return n.type === 'Quantifier' && n.max === Infinity && n.greedy && n.element.type === 'CharacterSet' && n.element.kind === 'any';
}

