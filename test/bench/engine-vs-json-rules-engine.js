#!/usr/bin/env node
// Benchmark: the overhead of wdfleak's signature engine over raw json-rules-engine doing the same work.
// Both sides get the same rules (compileSignature: the required conditions, one rule per evidence item,
// reference values resolved), the same path resolver (resolvePath), the same operators, and the same
// required-then-evidence structure: one engine per subject kind holds the required rules, and a
// signature's own evidence engine runs only when it matched. The raw side is written below against
// json-rules-engine's API alone, so the ratio is overhead, not a different algorithm.
//  A. evaluation only: the subjects of N fact sets (derived once, outside the timers), both ways;
//  B. M generated signatures over the ACP transcript's subjects, both ways (mean of 20 runs);
//  C. for scale: the whole analysis (derive subjects + evaluate + build findings) of the same N fact
//     sets, beside A's raw evaluation: what a user waits for, most of it work raw json-rules-engine does not do.
// Each timing is the CPU time, median of 3 alternating runs. Prints raw, wdfleak and wdfleak/raw side by side.
// Usage: npm run build && node test/bench/engine-vs-json-rules-engine.js [factSets=2000] [signatures=1000]
import { readFileSync, readdirSync } from 'node:fs';
import { Engine } from 'json-rules-engine';
import { createAnalyzer } from '../../dist/engine/analyze.js';
import { ingestText } from '../../dist/engine/ingest/ingest.js';
import { compileSignature } from '../../dist/engine/signatures/compile.js';
import { CUSTOM_OPERATORS } from '../../dist/engine/signatures/operators.js';
import { resolvePath } from '../../dist/engine/signatures/path.js';
import { createSignatureEngine } from '../../dist/engine/signatures/rule-engine.js';
import { deriveSubjects } from '../../dist/engine/derive/subjects.js';
import { KNOWLEDGE } from '../../dist/engine/reference/knowledge.js';

const root = new URL('../../', import.meta.url);
const N = Number(process.argv[2] ?? 2000);
const M = Number(process.argv[3] ?? 1000);
const signatures = readdirSync(new URL('rules/signatures/', root))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(`rules/signatures/${f}`, root), 'utf8')));
const acp = readFileSync(new URL('site/cases/acp-workitem-leak/transcript.log', root), 'utf8');

/** Raw json-rules-engine with wdfleak's rules, resolver, operators and two-phase structure. */
function rawEngine(sigs) {
  const newEngine = () => {
    const e = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath, replaceFactsInEventParams: false });
    for (const op of CUSTOM_OPERATORS) e.addOperator(op);
    return e;
  };
  const main = new Map();
  const evidence = new Map();
  for (const s of sigs) {
    if (!main.has(s.subject)) main.set(s.subject, newEngine());
    const [required, ...items] = compileSignature(s);
    main.get(s.subject).addRule(required);
    if (items.length) {
      const ev = newEngine();
      for (const r of items) ev.addRule(r);
      evidence.set(s.slug, ev);
    }
  }
  return async (kind, facts) => {
    let passed = 0;
    const engine = main.get(kind);
    if (!engine) return passed;
    for (const r of (await engine.run(facts)).results) {
      passed++;
      const ev = evidence.get(r.name);
      if (ev) passed += (await ev.run(facts)).results.length;
    }
    return passed;
  };
}

/** wdfleak's engine, counting the same thing. */
function ourEngine(sigs) {
  const engine = createSignatureEngine(sigs);
  return async (kind, facts) => (await engine.evaluate(kind, facts)).passed.size;
}

// Fact sets: the ACP investigation with its numbers varied, so every run derives and matches.
function factSets(n) {
  const base = ingestText(acp, 'acp.log');
  const out = [];
  for (let i = 0; i < n; i++) {
    const f = structuredClone(base);
    const scale = 1 + (i % 97) / 50;
    for (const r of f.poolUsage) {
      r.nonpaged.allocs = Math.round(r.nonpaged.allocs * scale);
      r.nonpaged.bytes = Math.round(r.nonpaged.bytes * scale);
    }
    out.push(f);
  }
  return out;
}

function variants(m) {
  const out = [];
  for (let i = 0; i < m; i++) {
    const s = structuredClone(signatures[i % signatures.length]);
    s.id = `WDFLEAK-${String(1000 + i).padStart(4, '0')}`;
    s.slug = `${s.slug}-v${i}`;
    s.status = 'test';
    s.supersedes = [];
    out.push(s);
  }
  return out;
}

/** CPU time (user + system) of one call: the machine is shared, so wall time would measure the neighbours. */
async function time(fn) {
  const t0 = process.cpuUsage();
  const out = await fn();
  const d = process.cpuUsage(t0);
  return { ms: (d.user + d.system) / 1000, out };
}

/** Median of 3 alternating runs of each side; both must count the same rules passed. */
async function compare(raw, ours, runs = 1) {
  const r = [];
  const o = [];
  for (let i = 0; i < 3; i++) {
    r.push(await time(raw));
    o.push(await time(ours));
  }
  if (r[0].out !== o[0].out) throw new Error(`raw and wdfleak disagree: ${r[0].out} vs ${o[0].out} rules passed`);
  const median = (xs) => xs.map((x) => x.ms).sort((a, b) => a - b)[1] / runs;
  return { raw: median(r), ours: median(o), passed: r[0].out };
}

const evaluateAll = (evaluate, subjectLists, runs = 1) => async () => {
  let passed = 0;
  for (let i = 0; i < runs; i++) for (const subs of subjectLists) for (const s of subs) passed += await evaluate(s.kind, s.facts);
  return passed;
};

const row = (label, raw, ours, unit = 'ms') =>
  console.log(`${label.padEnd(64)}${`${raw.toFixed(1)} ${unit}`.padStart(12)}${`${ours.toFixed(1)} ${unit}`.padStart(12)}${(ours / raw).toFixed(2).padStart(8)}`);

console.log(`${'CPU time'.padEnd(64)}${'raw jre'.padStart(12)}${'wdfleak'.padStart(12)}${'ratio'.padStart(8)}`);

const sets = factSets(N);
const subjects = sets.map((f) => deriveSubjects(f, KNOWLEDGE));
const count = subjects.reduce((n, s) => n + s.length, 0);
const rawA = rawEngine(signatures);
const ourA = ourEngine(signatures);
await evaluateAll(rawA, subjects.slice(0, 50))();
await evaluateAll(ourA, subjects.slice(0, 50))();
const a = await compare(evaluateAll(rawA, subjects), evaluateAll(ourA, subjects));
row(`A. evaluate ${N} fact sets (${count} subjects, ${signatures.length} signatures)`, a.raw, a.ours);

const acpSubjects = [deriveSubjects(ingestText(acp, 'acp.log'), KNOWLEDGE)];
const sigs = variants(M);
const rawB = rawEngine(sigs);
const ourB = ourEngine(sigs);
await evaluateAll(rawB, acpSubjects)();
await evaluateAll(ourB, acpSubjects)();
const b = await compare(evaluateAll(rawB, acpSubjects, 20), evaluateAll(ourB, acpSubjects, 20), 20);
row(`B. evaluate ${M} signatures over the ACP subjects (per run)`, b.raw, b.ours);

const analyzer = createAnalyzer({ signatures });
for (let i = 0; i < 50; i++) await analyzer.run(sets[i]);
const c = await time(async () => {
  let findings = 0;
  for (const f of sets) findings += (await analyzer.run(f)).findings.length;
  return findings;
});
row(`C. whole analysis of the ${N} fact sets vs A's raw evaluation`, a.raw, c.ms);
console.log(`   (${c.out} findings; ${(c.ms / N).toFixed(3)} ms per analysis, of which evaluation ${(a.ours / N).toFixed(3)} ms)`);
