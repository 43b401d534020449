#!/usr/bin/env node
// Runs every benchmark in turn, each printing its own baseline side by side with wdfleak:
// ingest vs awk, the engine vs raw json-rules-engine, CLI startup vs `node -e 0`, the site build, and batch
// analysis with N workers vs one.
// Sizes are the benchmarks' defaults (10M !poolfind lines, 10,000 fact sets, 1,000 signatures, 500 cases);
// pass --quick for small sizes. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const runs = [
  ['ingest-vs-awk.js', quick ? ['--lines', '1000000'] : []],
  ['engine-vs-json-rules-engine.js', quick ? ['1000', '100'] : []],
  ['cli-startup.js', []],
  ['site-build.js', quick ? ['--cases', '50'] : []],
  ['hostile-inputs.js', quick ? ['--mb', '128', '--adversarial-mb', '16'] : []],
  ['batch-throughput.js', quick ? ['--runs', '1', '--generated', '50'] : []],
];
let failed = 0;
for (const [file, args] of runs) {
  console.log(`\n== ${file} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [here(file), ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
