#!/usr/bin/env node
// wdfleak command line (the package's bin). `npm run build` (run by `npm ci` through `prepare`) bundles the
// CLI into dist/cli/wdfleak.cjs; this launcher runs it through a V8 code cache kept beside it
// (dist/cli/wdfleak.cjs.<v8 version>.v8cache), so a start-up compiles almost nothing. The cache starts with
// the bundle's size and modification time and is rewritten when missing, stale or rejected by V8; an
// unwritable folder only costs speed.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = new URL('../../dist/cli/wdfleak.cjs', import.meta.url);
let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch (err) {
  if (err?.code !== 'ENOENT') throw err;
  process.stderr.write("wdfleak: not built: run 'npm run build' in the wdfleak folder first\n");
  process.exit(2);
}
const filename = fileURLToPath(bundle);
const cachePath = `${filename}.${process.versions.v8}.v8cache`;
const { size, mtimeMs } = statSync(bundle);
const hash = Buffer.from(`${size}:${mtimeMs}`.padEnd(48));
let cachedData;
try {
  const file = readFileSync(cachePath);
  if (file.subarray(0, hash.length).equals(hash)) cachedData = file.subarray(hash.length);
} catch {
  // no cache yet
}
const script = new Script(Module.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, filename, dirname(filename));
process.exitCode = await module.exports.main(process.argv.slice(2));
if (!cachedData || script.cachedDataRejected) {
  // After the run, so the cache also holds the functions this command compiled lazily.
  try {
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([hash, script.createCachedData()]));
    renameSync(tmp, cachePath);
  } catch {
    // read-only install: run without a cache
  }
}
