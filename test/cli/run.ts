// Runs the real wdfleak binary (node engine/cli/wdfleak.js) the way a user or a script does: a child
// process with its own stdin, stdout, stderr and exit code. Builds dist/ (the library and the bundled CLI)
// first when it is missing or older than the sources (CI builds before running the tests; this keeps local runs honest).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'engine', 'cli', 'wdfleak.js');
export const ACP = 'site/cases/acp-workitem-leak/transcript.log';
export const ACP_POOLUSED = 'test/fixtures/cases/acp-poolused-only.log';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** `wdfleak ...args`; stdout and stderr are pipes, so no colour unless FORCE_COLOR is set. */
export function wdfleak(args: readonly string[], options: RunOptions = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist/ with scripts/build.mjs (`npm run build`) unless it is up to date; one build at a time. */
export function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'cli', 'wdfleak.cjs');
  const stale = (): boolean => !existsSync(main) || statSync(main).mtimeMs < Math.max(newest(join(ROOT, 'engine')), newest(join(ROOT, 'rules', 'reference')));
  if (!stale()) return;
  const lock = join(ROOT, 'dist', '.build-lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(sleeper, 0, 0, 200);
    }
  }
  try {
    if (stale()) {
      // Type errors in files still being written elsewhere do not stop the build from emitting.
      spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(main)) throw new Error('the build did not produce dist/cli/wdfleak.cjs');
}

/** stderr of a user error: one line, no stack frames. */
export function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  if (lines.length !== 1 || /\n\s+at /.test(stderr)) throw new Error(`expected one line on stderr, got:\n${stderr}`);
  return lines[0]!;
}
