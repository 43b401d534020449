#!/usr/bin/env node
// Benchmark: wdfleak's analyzer against raw json-rules-engine on the same rules, in the same run.
//  A. the full library (derive subjects → evaluate → findings) over N generated fact sets, vs raw
//     json-rules-engine running the same compiled rules on the same subjects' facts;
//  B. M generated signatures over one fact set (the ACP transcript), both ways.
// Prints times and ratios (wdfleak / raw). Target: ratio ≤ 1.5, one typical analysis < 10 ms.
// Usage: npm run build && node test/bench/engine-vs-json-rules-engine.js [factSets=10000] [signatures=1000]
import { readFileSync, readdirSync } from 'node:fs';
import { Engine } from 'json-rules-engine';
import { createAnalyzer } from '../../dist/engine/analyze.js';
import { ingestText } from '../../dist/engine/ingest/ingest.js';
import { compileSignature } from '../../dist/engine/signatures/compile.js';
import { CUSTOM_OPERATORS } from '../../dist/engine/signatures/operators.js';
import { deriveSubjects } from '../../dist/engine/derive/subjects.js';
import { KNOWLEDGE } from '../../dist/engine/reference/knowledge.js';

const root = new URL('../../', import.meta.url);
const N = Number(process.argv[2] ?? 10000);
const M = Number(process.argv[3] ?? 1000);
const signatures = readdirSync(new URL('rules/signatures/', root))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(`rules/signatures/${f}`, root), 'utf8')));
const acp = readFileSync(new URL('site/cases/acp-workitem-leak/transcript.log', root), 'utf8');

function rawEngine(sigs) {
  const engines = new Map();
  for (const s of sigs) {
    let e = engines.get(s.subject);
    if (!e) {
      e = new Engine([], { allowUndefinedFacts: true });
      for (const op of CUSTOM_OPERATORS) e.addOperator(op);
      engines.set(s.subject, e);
    }
    for (const r of compileSignature(s)) e.addRule(r);
  }
  return engines;
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
    s.supersedes = [];
    out.push(s);
  }
  return out;
}

async function time(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function partA() {
  const sets = factSets(N);
  const analyzer = createAnalyzer({ signatures });
  const raw = rawEngine(signatures);
  const subjects = sets.map((f) => deriveSubjects(f, KNOWLEDGE));
  // Warm both.
  for (let i = 0; i < 50; i++) await analyzer.run(sets[i]);
  const tRaw = await time(async () => {
    for (const subs of subjects) for (const s of subs) await raw.get(s.kind)?.run(s.facts);
  });
  let findings = 0;
  const tLib = await time(async () => {
    for (const f of sets) findings += (await analyzer.run(f)).findings.length;
  });
  return { tRaw, tLib, findings };
}

async function partB() {
  const sigs = variants(M);
  const facts = ingestText(acp, 'acp.log');
  const analyzer = createAnalyzer({ signatures: sigs });
  const raw = rawEngine(sigs);
  const subs = deriveSubjects(facts, KNOWLEDGE);
  await analyzer.run(facts);
  const runs = 20;
  const tRaw = await time(async () => {
    for (let i = 0; i < runs; i++) for (const s of subs) await raw.get(s.kind)?.run(s.facts);
  });
  const tLib = await time(async () => {
    for (let i = 0; i < runs; i++) await analyzer.run(facts, { status: 'experimental' });
  });
  return { tRaw: tRaw / runs, tLib: tLib / runs };
}

const a = await partA();
console.log(`A. ${N} fact sets × ${signatures.length} signatures (${a.findings} findings)`);
console.log(`   raw json-rules-engine  ${a.tRaw.toFixed(0)} ms`);
console.log(`   wdfleak analyze        ${a.tLib.toFixed(0)} ms   (${(a.tLib / N).toFixed(3)} ms per analysis)`);
console.log(`   ratio wdfleak/raw      ${(a.tLib / a.tRaw).toFixed(2)}`);
const b = await partB();
console.log(`B. ${M} signatures × 1 fact set (ACP transcript), mean of 20 runs`);
console.log(`   raw json-rules-engine  ${b.tRaw.toFixed(1)} ms`);
console.log(`   wdfleak analyze        ${b.tLib.toFixed(1)} ms`);
console.log(`   ratio wdfleak/raw      ${(b.tLib / b.tRaw).toFixed(2)}`);
