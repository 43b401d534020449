// Lint: every regular expression in the transcript and ingest code (where hostile text is matched)
// must pass the linear-time shape check of engine/validate/regex-safety.ts; a pattern the check cannot
// pass is written as a scanner instead.
import { describe, expect, it } from 'vitest';
import { regexProblems } from '../../engine/validate/regex-safety.js';
import { regexesIn, tsFilesUnder } from './regex-sources.js';

const root = new URL('../../', import.meta.url).pathname;
const files = [...tsFilesUnder(`${root}engine/ingest`), ...tsFilesUnder(`${root}engine/transcript`)];
const found = files.flatMap((f) => regexesIn(f, root));

describe('regexes of engine/ingest and engine/transcript run in linear time', () => {
  it('finds the regexes (literals, new RegExp, constants from other modules)', () => {
    expect(found.length).toBeGreaterThan(300);
    const unresolved = found.filter((r) => r.source === undefined).map((r) => `${r.file}:${r.line} ${r.text}`);
    expect(unresolved, 'patterns built at run time cannot be checked: build them from constants').toEqual([]);
  });

  it('no regex is super-linear', () => {
    const bad = found
      .map((r) => ({ r, problems: regexProblems(r.source!, r.flags) }))
      .filter((x) => x.problems.length > 0)
      .map((x) => `${x.r.file}:${x.r.line} /${x.r.source}/: ${x.problems.map((p) => `at ${p.at}: ${p.message}`).join('; ')}`);
    expect(bad).toEqual([]);
    console.log(`${found.length} regexes checked`);
  });
});

describe('the checker', () => {
  const unsafe = [
    String.raw`^\s*#?\s*x`, String.raw`^(a+)+$`, String.raw`\s+$`, String.raw`^\s*(.*?)\s*$`, String.raw`^\s*\*{3,}\s*(.*?)\s*\*{3,}\s*$`,
    String.raw`^(?:\s*|=)+$`, String.raw`([a-z][a-z0-9]*)=`, String.raw`^(\d|\d\d)+$`, String.raw`(x)\1`, 'a'.repeat(1025),
  ];
  const safe = [
    String.raw`^\s*(?:#\s*)?x`, String.raw`^\s*(\S+)\s+(\d+)\s*$`, String.raw`^\s*Followup:\s*(\S(?:.*\S)?)\s*$`, String.raw`\s+`,
    String.raw`^(v\d+(?:\.\d+)*)$`, String.raw`^\s*(?:=(?:\s*=)*)\s*$`, String.raw`Excessive\s+(NonPaged|Paged)\s+Pool`, String.raw`^([^:]+):\s*(.*)$`,
  ];
  for (const p of unsafe) it(`flags /${p.slice(0, 40)}/`, () => expect(regexProblems(p)).not.toEqual([]));
  for (const p of safe) it(`accepts /${p}/`, () => expect(regexProblems(p)).toEqual([]));
  it('rejects an invalid pattern with a message', () => expect(regexProblems('(a')[0]!.message).toMatch(/not a valid regular expression/));
});
