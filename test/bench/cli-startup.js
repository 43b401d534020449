#!/usr/bin/env node
// CLI startup: how long `wdfleak analyze` takes on a small log compared with starting Node itself.
//
//   node test/bench/cli-startup.js [--runs N] [--json]
//
// Runs `node -e 0` and `node engine/cli/wdfleak.js analyze test/fixtures/cases/acp-poolused-only.log`
// N times each (interleaved, after one warm-up run each so the disk cache is hot), and prints the
// median wall time of both, the difference (wdfleak's own cost) and the ratio. Target (issue 13): the
// analyze run within 1.5× of `node -e 0`. Needs a build (`npm run build`: the bundled CLI and its code cache).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 15;
const json = args.includes('--json');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive whole number');
if (!existsSync(join(root, 'dist', 'cli', 'wdfleak.cjs'))) {
  process.stderr.write('cli-startup: dist/cli/wdfleak.cjs is missing: run `npm run build` first\n');
  process.exit(2);
}

const LOG = 'test/fixtures/cases/acp-poolused-only.log';
const cases = {
  node: [process.execPath, ['-e', '0']],
  analyze: [process.execPath, [join(root, 'engine', 'cli', 'wdfleak.js'), 'analyze', LOG]],
};

function once([cmd, argv]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (const c of Object.values(cases)) once(c);
const times = { node: [], analyze: [] };
for (let i = 0; i < runs; i++) for (const [k, c] of Object.entries(cases)) times[k].push(once(c));

const node = median(times.node);
const analyze = median(times.analyze);
const result = {
  runs,
  nodeMs: Math.round(node * 10) / 10,
  analyzeMs: Math.round(analyze * 10) / 10,
  overheadMs: Math.round((analyze - node) * 10) / 10,
  ratio: Math.round((analyze / node) * 100) / 100,
  targetRatio: 1.5,
  withinTarget: analyze / node <= 1.5,
};
if (json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  process.stdout.write(
    [
      `node -e 0                 median ${result.nodeMs} ms  (${runs} runs)`,
      `wdfleak analyze (small)   median ${result.analyzeMs} ms  (${runs} runs, ${LOG})`,
      `wdfleak's own cost        ${result.overheadMs} ms; ratio ${result.ratio}×; target ≤ ${result.targetRatio}×: ${result.withinTarget ? 'met' : 'NOT met'}`,
      '',
    ].join('\n'),
  );
}
