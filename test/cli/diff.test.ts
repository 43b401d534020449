import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACP_POOLUSED, ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);
const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-cli-diff-'));

// The ACP capture, and the same machine later: amda and IoWI up by 31,246 allocations each
// (+10,500,000 and +3,500,000 bytes), with the !vm counters of a Windows 7-era capture.
const before = readFileSync(join(ROOT, ACP_POOLUSED), 'utf8');
const later = before
  .replace(' amda   5768754   1938325232', ' amda   5800000   1948825232')
  .replace(' IoWI   5769999    646239888', ' IoWI   5801245    649739888');
const vm = ['0: kd> !vm', '*** Virtual Memory Usage ***', '    NonPagedPool Usage:          9217 (      36868 Kb)', '    NonPagedPool Max:          774140 (    3096560 Kb)', ''].join('\n');
const afterFile = join(tmp, 'after.log');
writeFileSync(afterFile, later + vm);

describe('wdfleak diff', () => {
  it('compares two logs: growth per tag, rate with --interval, time to the !vm limit, supported findings', () => {
    const r = wdfleak(['diff', ACP_POOLUSED, afterFile, '--interval', '2h']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`Pool growth  ${ACP_POOLUSED}  →  ${afterFile}  (2.0 h)`);
    // 10,500,000 B = 10.0 MiB; 5,250,000 B/h = 5.0 MiB/h; (3,096,560 − 36,868) KiB / 5,250,000 B/h = 596.8 h = 24.9 days.
    expect(r.stdout).toMatch(/^ {2}amda {2}nonpaged {2}5,800,000 {3}\+31,246 {4}1\.8 GiB {2}\+10\.0 MiB {2}\+5\.0 MiB {2}24\.9 days$/m);
    expect(r.stdout).toMatch(/^ {2}IoWI {2}nonpaged {2}5,801,245 {3}\+31,246/m);
    expect(r.stdout).not.toMatch(/^ {2}EtwB/m);
    expect(r.stdout).toMatch(/^  nonpaged: \+13\.4 MiB \(14,[0-9]{3},[0-9]{3} bytes\), 6\.7 MiB\/h, limit reached in 18\.6 days at this rate$/m);
    expect(r.stdout).toContain('Findings the growth supports');
    expect(r.stdout).toMatch(/^ {2}HIGH \w+ {2}WDFLEAK-\d{4} [a-z-]+ {2}tag amda$/m);
  });

  it('compares the first and the last !poolused block of one log; --all lists unchanged tags', () => {
    const both = join(tmp, 'both.log');
    writeFileSync(both, before + later);
    const r = wdfleak(['diff', both]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Pool growth  ${both}:1 !poolused 2  →  ${both}:17 !poolused 2`);
    expect(r.stdout).toContain('No times in the logs: give --interval (e.g. 6h) for rates per hour.');
    expect(r.stdout).not.toMatch(/^ {2}EtwB/m);
    expect(wdfleak(['diff', both, '--all']).stdout).toMatch(/^ {2}EtwB {2}nonpaged {6}1,428 {9}0  242\.4 MiB {8}0 B$/m);
  });

  it('--format json has the growth rows and the supported findings; --fail-on high exits 1', () => {
    const r = wdfleak(['diff', ACP_POOLUSED, afterFile, '--format', 'json', '--interval', '120m', '--fail-on', 'high']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { growth: { hours: number; tags: Array<{ tag: string; delta: { allocs: number; bytes: number }; ratePerHour: { bytes: number } }> }; findings: Array<{ subject: { tag: string } }> };
    expect(out.growth.hours).toBe(2);
    expect(out.growth.tags[0]).toMatchObject({ tag: 'amda', delta: { allocs: 31246, bytes: 10500000 }, ratePerHour: { bytes: 5250000 } });
    expect(out.findings.every((f) => f.subject.tag === 'amda' || f.subject.tag === 'IoWI')).toBe(true);
  });

  it('one snapshot, bad intervals and wrong arity are errors with exit 2', () => {
    const one = wdfleak(['diff', ACP_POOLUSED]);
    expect(one.status).toBe(2);
    expect(oneLine(one.stderr)).toBe(`wdfleak diff: ${ACP_POOLUSED}: only one !poolused or poolmon snapshot; diff needs two (give two logs, or a log with two !poolused blocks)`);
    const bad = wdfleak(['diff', ACP_POOLUSED, afterFile, '--interval', 'soon']);
    expect(bad.status).toBe(2);
    expect(oneLine(bad.stderr)).toBe("wdfleak diff: --interval must be a duration such as 90m, 6h or 2d (got 'soon'); see 'wdfleak diff --help'");
    expect(wdfleak(['diff']).status).toBe(2);
    expect(wdfleak(['diff', 'a', 'b', 'c']).status).toBe(2);
    const missing = wdfleak(['diff', ACP_POOLUSED, 'gone.log']);
    expect(oneLine(missing.stderr)).toBe('wdfleak diff: gone.log: cannot read: no such file');
  });
});
