import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);
const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-cli-rules-'));
const bundled = (slug: string) => JSON.parse(readFileSync(join(ROOT, 'rules', 'signatures', `${slug}.json`), 'utf8'));

describe('wdfleak rules list', () => {
  it('lists every signature with id, status, severity, subject, slug and title', () => {
    const r = wdfleak(['rules', 'list']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +STATUS +SEVERITY +SUBJECT +SLUG +TITLE$/);
    expect(r.stdout).toMatch(/^WDFLEAK-0001 +stable +high +tag +workitem-created-in-dpc +WDFWORKITEM created per event/m);
    expect(lines[lines.length - 1]).toMatch(/^\d+ signatures$/);
  });

  it('--status filters and --format json gives the same rows as data', () => {
    const rows = JSON.parse(wdfleak(['rules', 'list', '--status', 'stable', '--format', 'json']).stdout) as Array<{ id: string; status: string; file: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.status === 'stable')).toBe(true);
    expect(rows.find((x) => x.id === 'WDFLEAK-0001')!.file).toBe('rules/signatures/workitem-created-in-dpc.json');
  });
});

describe('wdfleak rules show', () => {
  it('renders a signature in words: conditions, evidence weights, next steps, fix, references, fixtures', () => {
    for (const key of ['workitem-created-in-dpc', 'WDFLEAK-0001', '1']) {
      const r = wdfleak(['rules', 'show', key]);
      expect(r.status, key).toBe(0);
      const out = r.stdout;
      expect(out.split('\n')[0]).toBe('WDFLEAK-0001 workitem-created-in-dpc  stable · high · subject: tag');
      expect(out).toContain('rules/signatures/workitem-created-in-dpc.json');
      expect(out).toContain('Fires when (a suspected finding, confidence 0.5)');
      // The context group is read from rules/reference/execution-contexts.json (groups → elevated).
      expect(out).toContain('  - creation.context is one of "isr", "timer-dpc" or "dpc" (execution-contexts#elevated)');
      expect(out).toContain('companion.iowiRatio is between 0.9 and 1.1 (thresholds#oneForOne)');
      expect(out).toMatch(/^ {2}\+0\.1 object-is-workitem: /m);
      expect(out).toContain('  !poolfind {tag.name} -nonpaged');
      expect(out).toMatch(/^ {2}positive: rules\/signatures\/workitem-created-in-dpc\/positive\/\S+\.log/m);
    }
  });

  it('an unknown signature is a usage error with a suggestion', () => {
    const r = wdfleak(['rules', 'show', 'workitem']);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^wdfleak rules: no signature 'workitem' \(did you mean workitem-created-in-dpc.*\); 'wdfleak rules list' shows them all; see 'wdfleak rules --help'$/);
  });
});

describe('wdfleak rules facts', () => {
  it('prints the facts and paths of one subject kind with type, a real example, meaning and command', () => {
    const r = wdfleak(['rules', 'facts', '--subject', 'tag']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^tag subject$/m);
    expect(r.stdout).not.toMatch(/^unload subject$/m);
    expect(r.stdout).toMatch(/^ {2}creation {2}The stack that creates the objects: .*\n {4}from k \(kb, kn, kp …\)/m);
    expect(r.stdout).toMatch(/^ {4}\$\.context +string +"dpc" +Execution context found below the driver frames/m);
    expect(r.stdout).toMatch(/^ {4}\$\.name +string +"\w{1,4}" +The tag as printed/m);
  });

  it('--format json gives the same entries as data', () => {
    const entries = JSON.parse(wdfleak(['rules', 'facts', '--subject', 'unload', '--format', 'json']).stdout) as Array<Record<string, unknown>>;
    expect(new Set(entries.map((e) => e.subject))).toEqual(new Set(['unload']));
    expect(entries.find((e) => e.fact === 'unload' && e.path === '$.leakedAllocations')).toMatchObject({ types: ['number'], command: '!analyze -v' });
  });

  it('an unknown subject kind is a usage error', () => {
    expect(wdfleak(['rules', 'facts', '--subject', 'device']).status).toBe(2);
  });
});

describe('wdfleak rules validate', () => {
  const root = join(tmp, 'tree');
  cpSync(join(ROOT, 'rules'), join(root, 'rules'), { recursive: true });
  cpSync(join(ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });

  it('reports a schema error as one line with the file and JSON pointer, exit 2 (a rule pack that cannot be used)', () => {
    const sig = bundled('iowi-tracks-driver-tag');
    writeFileSync(join(root, 'rules/signatures/iowi-tracks-driver-tag.json'), JSON.stringify({ ...sig, severity: 'severe' }, null, 2));
    const r = wdfleak(['rules', 'validate', '--root', root, 'rules/signatures/iowi-tracks-driver-tag.json'], { cwd: root });
    expect(r.status).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.some((l) => l.startsWith('✗ rules/signatures/iowi-tracks-driver-tag.json /severity: '))).toBe(true);
    expect(lines.every((l) => l.includes('iowi-tracks-driver-tag') || /^\d+ problems?$/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^\d+ problems?$/);
    writeFileSync(join(root, 'rules/signatures/iowi-tracks-driver-tag.json'), JSON.stringify(sig, null, 2));
  });

  // A misspelt name would never match and nothing would say so: each is exit 2 with the pointer and the nearest name.
  const F = 'rules/signatures/workitem-created-in-dpc.json';
  it.each([
    ['fact', (s: any) => (s.confidence.evidence[0].condition.fact = 'objcts'), `${F} /confidence/evidence/0/condition/fact: unknown fact 'objcts' of a tag subject; did you mean 'objects'?`],
    ['path', (s: any) => (s.conditions.all[1].path = '$.contxt'), `${F} /conditions/all/1/path: unknown path $.contxt of fact creation; did you mean $.context?`],
    ['placeholder', (s: any) => (s.nextSteps[0].command = '!poolfind {tag.nmae} -nonpaged'), `${F} /nextSteps/0/command: unknown placeholder {tag.nmae}: fact tag has no path $.nmae; did you mean {tag.name}?`],
    ['subject kind', (s: any) => (s.subject = 'tga'), `${F} /subject: unknown subject kind 'tga'; did you mean 'tag'?`],
  ])('a misspelt %s: exit 2, one line with the pointer and a suggestion', (_what, edit, line) => {
    const sig = bundled('workitem-created-in-dpc');
    edit(sig);
    writeFileSync(join(root, F), JSON.stringify(sig, null, 2));
    try {
      const r = wdfleak(['rules', 'validate', '--root', root], { cwd: root });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe(`✗ ${line}\n1 problem\n`);
    } finally {
      writeFileSync(join(root, F), JSON.stringify(bundled('workitem-created-in-dpc'), null, 2));
    }
  });

  it('passes a valid signature (the selection keeps only its own problems)', () => {
    const r = wdfleak(['rules', 'validate', '--root', root, 'rules/signatures/iowi-tracks-driver-tag.json'], { cwd: root });
    expect(r.stdout).toBe('✓ rules valid (rules/signatures/iowi-tracks-driver-tag.json)\n');
    expect(r.status).toBe(0);
  });

  it('a --root without rules/ is an input error', () => {
    const r = wdfleak(['rules', 'validate', '--root', tmp]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(`wdfleak rules: ${tmp}: no rules/ folder here (expected the folder that holds rules/ and schemas/)`);
  });
});

describe('wdfleak rules test', () => {
  it('runs a signature on its fixtures: positive must match, negative must not', () => {
    const r = wdfleak(['rules', 'test', 'iowi-tracks-driver-tag']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok {3}WDFLEAK-0002 iowi-tracks-driver-tag positive {2}rules\/signatures\/iowi-tracks-driver-tag\/positive\/\S+/m);
    expect(r.stdout).toMatch(/^ok {3}WDFLEAK-0002 iowi-tracks-driver-tag negative /m);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^\d+ passed, 0 failed \(1 signature\)$/);
  });

  it('fails (exit 1) when a positive fixture gives no finding or does not match its expect file', () => {
    const dir = join(tmp, 'pack');
    const sig = { ...bundled('iowi-tracks-driver-tag'), id: 'WDFLEAK-9200', slug: 'iowi-copy', supersedes: undefined };
    mkdirSync(join(dir, 'iowi-copy', 'positive'), { recursive: true });
    mkdirSync(join(dir, 'iowi-copy', 'negative'), { recursive: true });
    writeFileSync(join(dir, 'iowi-copy.json'), JSON.stringify(sig));
    cpSync(join(ROOT, 'test/fixtures/cases/acp-poolused-only.log'), join(dir, 'iowi-copy', 'positive', 'acp.log'));
    writeFileSync(join(dir, 'iowi-copy', 'positive', 'acp.log.expect.json'), JSON.stringify({ confidence: { level: 'confirmed' }, subject: { tag: 'amda' } }));
    // A healthy capture as a "positive" fixture: no finding.
    writeFileSync(join(dir, 'iowi-copy', 'positive', 'healthy.log'), readFileSync(join(ROOT, 'test/fixtures/cases/acp-poolused-only.log'), 'utf8').replace(/ amda .*\n/, '').replace(/ IoWI .*\n/, ''));
    cpSync(join(ROOT, 'test/fixtures/cases/acp-poolused-only.log'), join(dir, 'iowi-copy', 'negative', 'acp.log'));
    const r = wdfleak(['rules', 'test', '--rules', dir, '--rules-only'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAIL WDFLEAK-9200 iowi-copy positive  iowi-copy/positive/acp.log\n       no finding matches acp.log.expect.json: confidence.level: expected "confirmed", got "suspected"');
    expect(r.stdout).toContain('FAIL WDFLEAK-9200 iowi-copy positive  iowi-copy/positive/healthy.log\n       expected a finding of iowi-copy, got none');
    expect(r.stdout).toMatch(/FAIL WDFLEAK-9200 iowi-copy negative {2}iowi-copy\/negative\/acp\.log\n {7}expected no finding above info, got high suspected for tag amda/);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('0 passed, 3 failed (1 signature)');
    const json = JSON.parse(wdfleak(['rules', 'test', '--rules', dir, '--rules-only', '--format', 'json'], { cwd: dir }).stdout) as { passed: number; failed: number };
    expect(json).toMatchObject({ passed: 0, failed: 3 });
  });

  it('a failing fixture prints the condition tree: a threshold raised above the 5768754 amda allocations of the fixture', () => {
    const dir = join(tmp, 'raised');
    const sig = bundled('iowi-tracks-driver-tag');
    const leaves = sig.conditions.all as Array<{ path?: string; value?: unknown }>;
    const allocs = leaves.find((c) => c.path === '$.nonpagedAllocs')!;
    expect(allocs.value).toBe(10000);
    allocs.value = 6000000;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'iowi-tracks-driver-tag.json'), JSON.stringify(sig));
    cpSync(join(ROOT, 'rules/signatures/iowi-tracks-driver-tag'), join(dir, 'iowi-tracks-driver-tag'), { recursive: true });
    const r = wdfleak(['rules', 'test', '--rules', dir, '--rules-only'], { cwd: dir });
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    const fail = lines.indexOf('FAIL WDFLEAK-0002 iowi-tracks-driver-tag positive  iowi-tracks-driver-tag/positive/acp-poolused-only.log');
    expect(fail).toBeGreaterThanOrEqual(0);
    expect(lines[fail + 1]).toBe('       expected a finding of iowi-tracks-driver-tag, got none');
    const amda = lines.indexOf('       tag amda: no finding: a required condition fails', fail);
    expect(amda).toBeGreaterThan(fail);
    expect(lines.slice(amda + 1, amda + 5)).toEqual([
      '         Required conditions',
      '           ✗ all of these hold:',
      '             ✓ companion $.iowiRatio between [0.9,1.1] · actual 0.9998',
      '             ✗ pool $.nonpagedAllocs greaterThanInclusive 6000000 · actual 5768754',
    ]);
    expect(r.stdout).toContain('       8 tag subjects: 0 match\n');
    // The negative fixtures still pass, and a passing fixture prints no tree without --explain.
    expect(r.stdout).toMatch(/^ok {3}WDFLEAK-0002 iowi-tracks-driver-tag negative {2}iowi-tracks-driver-tag\/negative\/iowi-not-one-for-one\.log {2}no finding\n(?:ok|\d)/m);
    const json = JSON.parse(wdfleak(['rules', 'test', '--rules', dir, '--rules-only', '--format', 'json'], { cwd: dir }).stdout) as {
      results: Array<{ ok: boolean; kind: string; explanation?: { subjects: Array<{ id: string; trace: { matched: boolean } }> } }>;
    };
    const failed = json.results.find((x) => !x.ok)!;
    expect(failed.kind).toBe('positive');
    expect(failed.explanation!.subjects.find((x) => x.id === 'amda')!.trace.matched).toBe(false);
    expect(json.results.filter((x) => x.ok).every((x) => x.explanation === undefined)).toBe(true);
  });

  it('--explain prints the tree of passing fixtures too', () => {
    const r = wdfleak(['rules', 'test', 'iowi-tracks-driver-tag', '--explain']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('       tag amda: finding, suspected (0.45)\n');
    // The negative fixture: NxRx has 131587 allocations against 20455 IoWI.
    expect(r.stdout).toContain('             ✗ companion $.iowiRatio between [0.9,1.1] · actual 6.433\n');
  });

  it('unknown subcommands and signatures are usage errors', () => {
    expect(oneLine(wdfleak(['rules', 'check']).stderr)).toBe("wdfleak rules: unknown rules subcommand 'check'; use list, show, validate, test, diff, facts; see 'wdfleak rules --help'");
    expect(wdfleak(['rules']).status).toBe(2);
    expect(wdfleak(['rules', 'test', 'no-such-signature']).status).toBe(2);
  });
});
