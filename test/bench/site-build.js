#!/usr/bin/env node
// Site build benchmark: 500 generated case write-ups (with transcripts) in a temporary copy of the
// site, built with `astro build`; prints the wall time. Target: under 60 s on a 2-core machine.
//
//   node test/bench/site-build.js [--cases 500] [--keep]
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateCases } from '../site/generate-cases.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--cases') + 1]) || 500;
const keep = args.includes('--keep');
const TARGET_SECONDS = 60;

/** CPU seconds used by finished child processes (Linux /proc; undefined elsewhere). */
function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: field 3 is index 0, so cutime (16) and cstime (17) are 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const work = mkdtempSync(join(tmpdir(), 'wdfleak-site-bench-'));
try {
  // The site builds against the repository root (rules, engine): copy those, link node_modules.
  const skip = new Set(['dist', 'node_modules', '.astro']);
  cpSync(join(REPO, 'site'), join(work, 'site'), { recursive: true, filter: (src) => !skip.has(src.split(/[\\/]/).pop()) });
  for (const part of ['rules', 'engine', 'schemas', 'package.json', 'tsconfig.json']) cpSync(join(REPO, part), join(work, part), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(work, 'node_modules'), 'dir');

  for (const c of generateCases(count)) {
    const dir = join(work, 'site/cases', c.slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'case.md'), c.markdown);
    writeFileSync(join(dir, 'transcript.log'), c.transcript);
  }

  const cpuBefore = childCpuSeconds();
  const load = loadavg()[0];
  const started = process.hrtime.bigint();
  const build = spawnSync(process.execPath, [join(REPO, 'node_modules/astro/astro.js'), 'build', '--root', 'site'], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childCpuSeconds();
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  if (build.status !== 0) {
    process.stderr.write(build.stdout.slice(-4000) + build.stderr.slice(-4000));
    throw new Error(`astro build failed with exit code ${build.status}`);
  }
  const casePages = readdirSync(join(work, 'site/dist/cases'), { withFileTypes: true }).filter((d) => d.isDirectory()).length;
  const verdict = seconds < TARGET_SECONDS ? 'within' : 'OVER';
  console.log(
    `site build: ${count} generated cases + the repository's own, ${casePages} case pages, ${seconds.toFixed(1)} s wall ` +
      `on ${cpus().length} cores (${verdict} the ${TARGET_SECONDS} s target)` +
      `${cpu !== undefined ? `, ${cpu.toFixed(1)} s CPU` : ''}, load average ${load.toFixed(1)} at start`,
  );
  if (keep) console.log(`kept ${work}`);
  if (args.includes("--log")) console.log(build.stdout);
  process.exitCode = seconds < TARGET_SECONDS ? 0 : 1;
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
