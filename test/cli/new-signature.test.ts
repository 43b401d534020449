import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';
import type { Report } from '../../engine/types/findings.js';
import { validateReport } from '../../engine/validate/validate-findings.js';

beforeAll(() => ensureBuilt(), 180_000);

/** A copy of the repository's rules/ and schemas/ to scaffold into. */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'wdfleak-cli-newsig-'));
  cpSync(join(ROOT, 'rules'), join(root, 'rules'), { recursive: true });
  cpSync(join(ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
  return root;
}

function maxId(dir: string): number {
  let max = 0;
  for (const n of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const id = (JSON.parse(readFileSync(join(dir, n), 'utf8')) as { id?: string }).id;
    if (id) max = Math.max(max, Number(id.slice('WDFLEAK-'.length)));
  }
  return max;
}

describe('wdfleak new-signature', () => {
  it('scaffolds a signature that validates and passes its own fixtures from the start', () => {
    const root = tree();
    const sigs = join(root, 'rules', 'signatures');
    const next = `WDFLEAK-${String(maxId(sigs) + 1).padStart(4, '0')}`;
    const r = wdfleak(['new-signature', 'timer-per-request', '--title', 'WDFTIMER created per request and never deleted', '--severity', 'high'], { cwd: root });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 5)).toEqual([
      `created ${next} timer-per-request`,
      '  rules/signatures/timer-per-request.json',
      '  rules/signatures/timer-per-request.md',
      '  rules/signatures/timer-per-request/positive/example.log',
      '  rules/signatures/timer-per-request/negative/example.log',
    ]);
    const sig = JSON.parse(readFileSync(join(sigs, 'timer-per-request.json'), 'utf8'));
    expect(sig).toMatchObject({ id: next, slug: 'timer-per-request', status: 'experimental', severity: 'high', title: 'WDFTIMER created per request and never deleted' });

    const v = wdfleak(['rules', 'validate', '--root', root, 'rules/signatures/timer-per-request.json', 'rules/signatures/timer-per-request.md', 'rules/signatures/timer-per-request'], { cwd: root });
    expect(v.stdout).toMatch(/^✓ rules valid/);
    expect(v.status).toBe(0);

    const t = wdfleak(['rules', 'test', 'timer-per-request', '--rules', sigs, '--rules-only'], { cwd: root });
    expect(t.stdout).toMatch(/^ok {3}\S+ timer-per-request positive {2}rules\/signatures\/timer-per-request\/positive\/example\.log {2}1 finding/m);
    expect(t.stdout).toMatch(/^ok {3}\S+ timer-per-request negative {2}rules\/signatures\/timer-per-request\/negative\/example\.log {2}no finding/m);
    expect(t.status).toBe(0);
  });

  it('refuses a taken slug, a bad slug and a folder that does not exist; --dry-run writes nothing', () => {
    const root = tree();
    const taken = wdfleak(['new-signature', 'workitem-created-in-dpc'], { cwd: root });
    expect(taken.status).toBe(2);
    expect(oneLine(taken.stderr)).toBe("wdfleak new-signature: rules/signatures/workitem-created-in-dpc.json: exists already: the slug 'workitem-created-in-dpc' is taken");
    const bad = wdfleak(['new-signature', 'Timer.Leak'], { cwd: root });
    expect(bad.status).toBe(2);
    expect(oneLine(bad.stderr)).toBe("wdfleak new-signature: 'Timer.Leak' is not a slug: use lower-case words joined by hyphens (timer-created-per-request); see 'wdfleak new-signature --help'");
    const nowhere = wdfleak(['new-signature', 'x-leak'], { cwd: tmpdir() });
    expect(nowhere.status).toBe(2);
    expect(oneLine(nowhere.stderr)).toMatch(/no rules\/signatures folder here: run it in a wdfleak checkout or give --dir$/);
    const dry = wdfleak(['new-signature', 'dry-leak', '--dry-run', '--tag', 'Dry1'], { cwd: root });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('--- rules/signatures/dry-leak.json\n{');
    expect(dry.stdout).toContain('"value": "Dry1"');
    expect(existsSync(join(root, 'rules/signatures/dry-leak.json'))).toBe(false);
  });
});

describe('a new signature is visible', () => {
  /** The arguments of the printed `wdfleak …` line that follows `lead`. */
  const printed = (out: string, lead: string): string[] => {
    const lines = out.split('\n');
    const line = lines[lines.indexOf(lead) + 1]!;
    expect(line).toMatch(/^ {2}wdfleak /);
    return line.trim().split(/\s+/).slice(1);
  };

  it('new-signature prints the analyze command that gives its finding on the positive fixture, and the explain command', () => {
    const root = tree();
    const r = wdfleak(['new-signature', 'xmpl-leak'], { cwd: root });
    expect(r.status).toBe(0);
    const run = printed(r.stdout, 'Run it on its positive fixture:');
    expect(run).toEqual(['analyze', 'rules/signatures/xmpl-leak/positive/example.log', '--rules', 'rules/signatures', '--status', 'experimental']);
    const a = wdfleak([...run, '--format', 'json'], { cwd: root });
    expect(a.status).toBe(0);
    const report = JSON.parse(a.stdout) as Report;
    expect(validateReport(report)).toEqual([]);
    // The example fixture: Xmpl holds 52614 allocations (>= 10000) and the second most nonpaged bytes
    // (16835200 after EtwB's 254173440), so the top-nonpaged item holds: 0.4 + 0.2 = 0.6, confirmed.
    const mine = report.findings.filter((f) => f.signature.slug === 'xmpl-leak');
    expect(mine.map((f) => [f.subject.tag, f.confidence.level, f.confidence.score])).toEqual([['Xmpl', 'confirmed', 0.6]]);
    expect(report.skipped).toBeUndefined();

    const why = printed(r.stdout, 'When it does not match, see which condition fails and the value it read:');
    expect(why).toEqual(['explain', '--signature', 'xmpl-leak', 'rules/signatures/xmpl-leak/positive/example.log', '--rules', 'rules/signatures']);
    const e = wdfleak(why, { cwd: root });
    expect(e.status).toBe(0);
    expect(e.stdout).toContain('experimental: analyze runs it only with --status experimental');
    expect(e.stdout).toContain('tag Xmpl: finding, confirmed (0.60)\n');
    expect(e.stdout).toContain('      ✓ pool $.nonpagedAllocs greaterThanInclusive 10000 · actual 52614\n');
  });

  it('analyze without --status says the experimental signature was not run, in text, Markdown and JSON', () => {
    const root = tree();
    expect(wdfleak(['new-signature', 'xmpl-leak'], { cwd: root }).status).toBe(0);
    const args = ['analyze', 'rules/signatures/xmpl-leak/positive/example.log', '--rules', 'rules/signatures'];
    const text = wdfleak(args, { cwd: root });
    expect(text.status).toBe(0);
    // The bundled pack may hold experimental signatures of its own: every one not run is counted and named.
    const report = JSON.parse(wdfleak([...args, '--format', 'json'], { cwd: root }).stdout) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(report.skipped!.minStatus).toBe('test');
    expect(report.skipped!.signatures).toContainEqual({ id: expect.stringMatching(/^WDFLEAK-\d{4}$/), slug: 'xmpl-leak', status: 'experimental' });
    expect(report.skipped!.signatures.every((s) => s.status === 'experimental')).toBe(true);
    const n = report.skipped!.signatures.length;
    const slugs = report.skipped!.signatures.map((s) => s.slug).join(', ');
    const count = n === 1 ? '1 experimental signature not run (xmpl-leak): --status experimental runs it.' : `${n} experimental signatures not run (${slugs}): --status experimental runs them.`;
    expect(text.stdout).toContain(`No leak signature matched; ${count}\n`);
    const md = wdfleak([...args, '--format', 'markdown'], { cwd: root });
    expect(md.stdout).toContain(`No leak signature matched the transcript; ${count}\n`);
    // --status stable skips the test signatures too and names the option that runs every one.
    const stable = JSON.parse(wdfleak([...args, '--format', 'json', '--status', 'stable'], { cwd: root }).stdout) as Report;
    expect(stable.skipped!.minStatus).toBe('stable');
    expect(stable.skipped!.signatures.map((s) => s.status)).toContain('test');
    expect(wdfleak([...args, '--status', 'stable'], { cwd: root }).stdout).toMatch(/\d+ test or experimental signatures not run \(.*\): --status experimental runs them\./);
  });
});
