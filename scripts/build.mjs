#!/usr/bin/env node
// The build (`npm run build`, run by `npm ci` through `prepare`):
// 1. dist/engine/: the library and its type definitions (tsc -p tsconfig.build.json);
// 2. dist/cli/wdfleak.cjs: the whole CLI in one file (esbuild), so starting `wdfleak` reads one file
//    instead of resolving a hundred modules; engine/cli/wdfleak.js loads it with a V8 code cache;
//    dist/cli/batch-worker.cjs likewise for the worker threads of `analyze --batch`;
// 3. one warm-up run of the CLI, which writes that code cache beside the bundle.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// A clean dist/ (no module left over from a removed source), but keep the tests' build lock (test/cli/run.ts).
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });
for (const name of readdirSync(dist)) if (name !== '.build-lock') rmSync(join(dist, name), { recursive: true, force: true });

// tsc emits even with type errors; the bundle is still made, and the exit code reports them at the end.
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

// The batch worker (engine/node/batch.ts) is bundled the same way: each worker thread starts from one file.
const bundles = [
  ['engine/cli/main.ts', 'dist/cli/wdfleak.cjs'],
  ['engine/node/batch-worker.ts', 'dist/cli/batch-worker.cjs'],
];
for (const [entry, out] of bundles) await build({
  entryPoints: [join(root, entry)],
  outfile: join(root, out),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // engine/node/package-root.ts finds the package from its own URL; in the bundle that is the bundle's.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

const warm = spawnSync(process.execPath, [join(root, 'engine/cli/wdfleak.js'), 'analyze', 'test/fixtures/cases/acp-poolused-only.log'], { cwd: root, stdio: 'ignore' });
if (warm.status !== 0) {
  process.stderr.write(`build: the bundled CLI failed its warm-up run (exit ${warm.status})\n`);
  process.exit(1);
}
process.exitCode = tsc.status ?? 1;
