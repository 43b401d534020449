// The signatures of a git ref, written into a temp folder so they load like any rule pack. Read with
// `git ls-tree` and `git show` (no shell, no checkout): the working tree is never touched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from './errors.js';

const SIGNATURES = 'rules/signatures';
/** Larger than any signature file; a file past it is not one. */
const MAX_FILE = 4 * 1024 * 1024;

export interface RulesAtRef {
  dir: string;
  /** The commit the ref names, abbreviated. */
  commit: string;
  remove(): void;
}

function git(root: string, args: readonly string[]): string {
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: MAX_FILE, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function rulesAtRef(root: string, ref: string): RulesAtRef {
  // A ref is a name, never an option to git.
  if (ref.startsWith('-') || ref.includes('\0')) throw new InputError(`not a git ref: '${ref}'`);
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', '--short', `${ref}^{commit}`]).trim();
  } catch (err) {
    const why = (err as { stderr?: string }).stderr?.trim().split('\n')[0];
    throw new InputError(`no commit '${ref}' in the git repository of ${root}${why ? ` (${why})` : ''}`);
  }
  const names = git(root, ['ls-tree', '--name-only', commit, `${SIGNATURES}/`])
    .split('\n')
    .filter((n) => n.endsWith('.json'));
  const dir = mkdtempSync(join(tmpdir(), 'wdfleak-rules-'));
  try {
    for (const path of names) writeFileSync(join(dir, path.slice(SIGNATURES.length + 1)), git(root, ['show', `${commit}:${path}`]));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, commit, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
