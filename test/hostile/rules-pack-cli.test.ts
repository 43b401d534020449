// Rule packs through the built CLI: a bad pack given with --rules is exit 2 naming the file (never 3,
// which means a bug in wdfleak); `rules validate` refuses symlinked fixtures and doc pages by name.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACP, ensureBuilt, oneLine, ROOT, wdfleak } from '../cli/run.js';

beforeAll(() => ensureBuilt(), 180_000);
const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-hostile-pack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BASE = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/rules/valid/rules/signatures/workitem-dpc.json'), 'utf8')) as Record<string, unknown>;

describe('analyze --rules with a bad pack', () => {
  let deep: unknown = { fact: 'tag', path: '$.name', operator: 'equal', value: 'x' };
  for (let i = 0; i < 40; i++) deep = { all: [deep] };
  const cases: Array<[string, Record<string, unknown>, RegExp | string]> = [
    ['a super-linear pattern', { conditions: { all: [{ fact: 'tag', path: '$.name', operator: 'matches', value: '^(a+)+$' }] } }, '/conditions/all/0/value: regular expression rejected'],
    ['an invalid pattern', { conditions: { all: [{ fact: 'tag', path: '$.name', operator: 'matches', value: '([a-' }] } }, 'not a valid regular expression'],
    ['a pattern over 1 KB', { conditions: { all: [{ fact: 'tag', path: '$.name', operator: 'matches', value: `^${'a'.repeat(1100)}$` }] } }, 'longer than 1024'],
    ['conditions nested deeper than 32', { conditions: deep }, 'nested deeper than 32'],
    ['conditions that are not an object', { conditions: 5 }, '/conditions: expected a condition object'],
    ['an unknown severity', { severity: 'huge' }, '/severity: must be one of'],
    ['bad JSON', {}, 'invalid JSON'],
  ];
  for (const [what, patch, expected] of cases) {
    it(`${what}: exit 2, one line naming the file`, () => {
      const dir = join(tmp, what.replace(/\W+/g, '-'));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'bad-pack.json');
      writeFileSync(file, what === 'bad JSON' ? '{ "id": "WDFLEAK-9000", oops' : JSON.stringify({ ...BASE, id: 'WDFLEAK-9000', slug: 'bad-pack', ...patch }));
      const r = wdfleak(['analyze', ACP, '--rules', dir]);
      expect(r.status, r.stderr).toBe(2);
      const line = oneLine(r.stderr);
      expect(line.startsWith(`wdfleak analyze: ${file}`)).toBe(true);
      expect(line).toContain(expected);
    });
  }
});

describe('rules validate and symlinks', () => {
  it('refuses a symlinked fixture and a symlinked doc page, naming each', () => {
    const root = join(tmp, 'tree');
    cpSync(join(ROOT, 'test/fixtures/rules/valid/rules'), join(root, 'rules'), { recursive: true });
    cpSync(join(ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
    const sigDir = join(root, 'rules/signatures');
    const page = join(sigDir, 'workitem-dpc.md');
    const outside = join(tmp, 'outside.md');
    cpSync(page, outside);
    rmSync(page);
    symlinkSync(outside, page);
    symlinkSync('/etc/hostname', join(sigDir, 'workitem-dpc/positive/linked.log'));
    const r = wdfleak(['rules', 'validate', '--root', root], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('✗ rules/signatures/workitem-dpc.md: is a symbolic link');
    expect(r.stdout).toContain('✗ rules/signatures/workitem-dpc/positive/linked.log: is a symbolic link');
  });
});
