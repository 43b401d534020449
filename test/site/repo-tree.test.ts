// The site build reads cases, fixtures and doc pages without following symbolic links, and publishes a
// case folder only with its write-up. Checked on a temporary repository with links planted in it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRepoTree, PUBLISHED_FOLDERS, type RepoTree } from '../../site/src/lib/repo-tree.js';
import { transcriptSlugs, transcriptOf } from '../../site/src/lib/cases.js';
import { REPO } from './helpers.js';

const TRANSCRIPT = '0: kd> !poolused 2\n Sorting by NonPaged Pool Consumed\n';

describe('repository reads for the site build', () => {
  let root: string;
  let outside: string;
  let tree: RepoTree;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const link = (target: string, path: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'wdfleak-site-'));
    outside = mkdtempSync(join(tmpdir(), 'wdfleak-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'not for publishing\n');
    write('site/cases/real/case.md', '---\ntitle: Real\n---\n');
    write('site/cases/real/transcript.log', TRANSCRIPT);
    write('rules/signatures/sig/positive/a.log', TRANSCRIPT);
    write('rules/signatures/sig/negative/b.log', TRANSCRIPT);
    tree = createRepoTree(root);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('lists and reads plain files', () => {
    expect(transcriptSlugs(tree)).toEqual(['real']);
    expect(transcriptOf(tree, 'real')).toBe(TRANSCRIPT);
    expect(tree.filesUnder('rules/signatures/sig')).toEqual(['negative/b.log', 'positive/a.log']);
    expect(tree.filesUnder('rules/signatures/none')).toEqual([]);
    expect(() => tree.assertNoLinks(PUBLISHED_FOLDERS)).not.toThrow();
  });

  it('publishes nothing from a case folder without case.md', () => {
    write('site/cases/no-writeup/transcript.log', TRANSCRIPT);
    expect(transcriptSlugs(tree)).toEqual(['real']);
  });

  it('rejects a symlinked case folder by name', () => {
    link(outside, 'site/cases/evil');
    expect(() => transcriptSlugs(tree)).toThrow(/^site\/cases\/evil is a symbolic link/);
    expect(() => transcriptOf(tree, 'evil')).toThrow(/^site\/cases\/evil is a symbolic link/);
    expect(() => tree.assertNoLinks(PUBLISHED_FOLDERS)).toThrow('site/cases/evil is a symbolic link');
  });

  it('rejects a symlinked transcript, even one pointing inside the repository', () => {
    rmSync(join(root, 'site/cases/real/transcript.log'));
    link(join(root, 'rules/signatures/sig/positive/a.log'), 'site/cases/real/transcript.log');
    expect(() => transcriptOf(tree, 'real')).toThrow(/^site\/cases\/real\/transcript\.log is a symbolic link/);
  });

  it('rejects a symlinked case.md and a dangling link', () => {
    rmSync(join(root, 'site/cases/real/case.md'));
    link(join(outside, 'gone.md'), 'site/cases/real/case.md');
    expect(() => transcriptSlugs(tree)).toThrow(/^site\/cases\/real\/case\.md is a symbolic link/);
  });

  it('rejects a symlinked fixture or fixture folder deep under a signature', () => {
    link(join(outside, 'secret.txt'), 'rules/signatures/sig/positive/leak.log');
    expect(() => tree.filesUnder('rules/signatures/sig')).toThrow(/^rules\/signatures\/sig\/positive\/leak\.log is a symbolic link/);
    rmSync(join(root, 'rules/signatures/sig/positive/leak.log'));
    link(outside, 'rules/signatures/sig/negative/more');
    expect(() => tree.filesUnder('rules/signatures/sig')).toThrow(/^rules\/signatures\/sig\/negative\/more is a symbolic link/);
    expect(() => tree.assertNoLinks(PUBLISHED_FOLDERS)).toThrow('rules/signatures/sig/negative/more is a symbolic link');
  });

  it('rejects a symlinked doc page and a symlinked published folder', () => {
    link(join(outside, 'secret.txt'), 'rules/signatures/sig.md');
    expect(() => tree.assertNoLinks(PUBLISHED_FOLDERS)).toThrow('rules/signatures/sig.md is a symbolic link');
    expect(() => tree.readText('rules/signatures/sig.md')).toThrow('rules/signatures/sig.md is a symbolic link');
    link(outside, 'test/corpus');
    expect(() => tree.assertNoLinks(['test/corpus'])).toThrow('test/corpus is a symbolic link');
  });

  it('refuses a path that leaves the repository', () => {
    expect(() => tree.readText('../' + 'etc/passwd')).toThrow('outside the repository');
  });

  it('reads through a root that is itself reached by a link (only links inside the repository count)', () => {
    const viaLink = join(outside, 'repo-link');
    symlinkSync(root, viaLink);
    expect(transcriptSlugs(createRepoTree(viaLink))).toEqual(['real']);
  });

  it('the real repository publishes no symbolic link', () => {
    expect(() => createRepoTree(REPO).assertNoLinks(PUBLISHED_FOLDERS)).not.toThrow();
  });
});
