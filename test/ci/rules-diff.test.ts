// .ci/rules-diff, the CI step that prints the corpus impact of a change: it never fails the build and
// says why it skipped. Run in throw-away clones of this repository where origin/main is set by hand.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run.js';

const git = (cwd: string, ...args: string[]): string => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8' }).trim();
const clone = mkdtempSync(join(tmpdir(), 'wdfleak-ci-'));
git(ROOT, 'clone', '--quiet', '--no-local', ROOT, clone);
// The clone holds what is committed; the step under test is the one of this checkout.
execFileSync('cp', [join(ROOT, '.ci', 'rules-diff'), join(clone, '.ci', 'rules-diff')]);
const run = (): { status: number | null; stdout: string } => {
  const r = spawnSync(join(clone, '.ci', 'rules-diff'), { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
};

describe('.ci/rules-diff', () => {
  it('skips with a line when the clone has no origin/main', () => {
    git(clone, 'update-ref', '-d', 'refs/remotes/origin/main');
    expect(run()).toEqual({ status: 0, stdout: 'rules diff: skipped (no origin/main in this clone; fetch it to see what the change does to the corpus findings)\n' });
  });

  it('skips with a line on main itself', () => {
    git(clone, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    expect(run()).toEqual({ status: 0, stdout: 'rules diff: skipped (HEAD is the base itself: no change to compare)\n' });
  });

  it('runs against the merge base on a branch, and exits 0 even when the diff cannot run (no build here)', () => {
    git(clone, 'update-ref', 'refs/remotes/origin/main', 'HEAD~1');
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`rules diff against ${git(clone, 'rev-parse', '--short', 'HEAD~1')} (merge base with origin/main):`);
    expect(r.stdout).toMatch(/rules diff: could not run \(exit \d+\); informational, not a CI failure\n$/);
  });
});
