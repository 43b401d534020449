import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';

const COMMANDS = ['analyze', 'facts', 'diff', 'rules', 'explain', 'hunt', 'writeup', 'new-signature'];

beforeAll(() => ensureBuilt(), 180_000);

describe('wdfleak (no command)', () => {
  it('--help lists every command and the exit codes', () => {
    const r = wdfleak(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(r.stdout).toContain('  2  usage or input error');
  });

  it('--version prints the version of package.json', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const r = wdfleak(['--version']);
    expect(r).toEqual({ status: 0, stdout: `wdfleak ${version}\n`, stderr: '' });
  });

  it('without arguments prints the usage on stderr and exits 2', () => {
    const r = wdfleak([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('wdfleak <command> [options]');
  });

  it('an unknown command is a usage error with a suggestion', () => {
    const r = wdfleak(['analyse', 'x.log']);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe("wdfleak: unknown command 'analyse' (did you mean 'analyze'?); commands: analyze, facts, diff, rules, explain, hunt, writeup, new-signature; see 'wdfleak --help'");
  });

  it('common options may come before the command', () => {
    const r = wdfleak(['--no-color', 'hunt', 'amda', '--commands']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('bp nt!ExAllocatePool2 ".if ((@r8 & 0xffffffff) == 0x61646d61) {} .else {gc}"');
  });
});

describe.each(COMMANDS)('wdfleak %s --help', (command) => {
  it('prints usage, options, a real example and the exit codes on stdout', () => {
    for (const args of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const r = wdfleak(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
      const out = r.stdout;
      expect(out.startsWith(`wdfleak ${command} — `)).toBe(true);
      for (const section of ['Usage', 'Options', 'Common options', 'Examples', 'Exit codes']) expect(out).toContain(`\n${section}\n`);
      expect(out).toMatch(new RegExp(`^  wdfleak ${command}\\b`, 'm'));
      expect(out).toContain('--no-color');
      expect(out).toMatch(/^ {2}2 {2}usage/m);
    }
  });
});
