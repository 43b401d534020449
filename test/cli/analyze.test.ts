import { mkdtempSync, readFileSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReport } from '../../engine/validate/validate-findings.js';
import type { Report } from '../../engine/types/findings.js';
import { ACP, ACP_POOLUSED, ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);
const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-cli-analyze-'));
const json = (args: string[], input?: string | Buffer): Report => {
  const r = wdfleak(['analyze', ...args, '--format', 'json'], input === undefined ? {} : { input });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
};
/** Findings without what depends on the source name and encoding. */
const comparable = (r: Report) => JSON.stringify(r.findings).replaceAll(/"source":"[^"]*"/g, '"source":"S"');

describe('wdfleak analyze on the ACP transcript', () => {
  it('prints the work-item finding with subject, evidence lines and next steps, exit 0', () => {
    const r = wdfleak(['analyze', ACP]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('HIGH  confirmed');
    expect(out).toContain('WDFLEAK-0001 workitem-created-in-dpc');
    expect(out).toMatch(/^ {3}tag {6}amda$/m);
    expect(out).toMatch(/^ {3}driver {3}amdacpbus2$/m);
    expect(out).toContain('FX_TYPE_WORKITEM (0x1025)');
    expect(out).toContain('callback amdacpbus2!AcpDspResponseWorkItem');
    // Evidence quotes are the transcript's own lines.
    expect(out).toContain(`${ACP}:8  !poolused 2`);
    expect(out).toContain("│  amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt");
    expect(out).toContain('│    +0x008 m_Type           : 0x1025');
    expect(out).toContain('Next steps');
    expect(out).toContain('!wdfkd.wdfdriverinfo amdacpbus2 0x50');
    expect(out).not.toContain('\u001b[');
  });

  it('--format json is a schema-valid report, byte-identical from run to run', () => {
    const a = wdfleak(['analyze', ACP, '--format', 'json']);
    const b = wdfleak(['analyze', ACP, '--format', 'json']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(report.sources).toEqual([{ name: ACP, encoding: 'utf-8', bytes: readFileSync(join(ROOT, ACP)).length, lines: 165 }]);
    const f = report.findings.find((x) => x.signature.slug === 'workitem-created-in-dpc')!;
    expect(f.subject).toMatchObject({ tag: 'amda', driver: 'amdacpbus2', fxType: 'FX_TYPE_WORKITEM' });
    expect(f.evidence.find((e) => e.lines[0] === 8)!.quote).toEqual([" amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt"]);
    expect(report.facts).toBeUndefined();
  });

  it('--with-facts adds the facts document and the subjects', () => {
    const report = json([ACP, '--with-facts']);
    expect(report.facts!.poolUsage.find((r) => r.tag === 'amda')!.nonpaged).toEqual({ allocs: 5768754, bytes: 1938325232 });
    expect(report.subjects!.some((s) => s.kind === 'tag' && s.id === 'amda')).toBe(true);
    expect(validateReport(report)).toEqual([]);
  });

  it('--format markdown prints a write-up draft', () => {
    const r = wdfleak(['analyze', ACP, '--format', 'markdown']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('---\ntitle: ')).toBe(true);
    expect(r.stdout).toContain('drivers: ["amdacpbus2"]');
    expect(r.stdout).toContain('\n## Root cause\n');
  });
});

describe('wdfleak analyze exit codes', () => {
  it('--fail-on high exits 1 on the !poolused-only capture (a high, suspected work-item leak)', () => {
    const r = wdfleak(['analyze', ACP_POOLUSED, '--fail-on', 'high']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('suspected');
    expect(r.stdout).toMatch(/^ {3}tag {6}amda$/m);
  });

  it('--fail-on critical exits 0 when nothing is critical, and no --fail-on never fails', () => {
    expect(wdfleak(['analyze', ACP_POOLUSED, '--fail-on', 'critical']).status).toBe(0);
    expect(wdfleak(['analyze', ACP_POOLUSED]).status).toBe(0);
  });

  it('--min-severity critical hides the high finding', () => {
    const r = wdfleak(['analyze', ACP_POOLUSED, '--min-severity', 'critical']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No leak signature matched[.;]/);
  });
});

describe('wdfleak analyze inputs', () => {
  it('reads stdin with - and with no file when stdin is a pipe', () => {
    const text = readFileSync(join(ROOT, ACP_POOLUSED));
    const fromFile = json([ACP_POOLUSED]);
    const dash = json(['-'], text);
    expect(dash.sources[0]!.name).toBe('<stdin>');
    expect(comparable(dash)).toBe(comparable(fromFile));
    expect(dash.findings[0]!.evidence[0]!.quote).toBeDefined();
    const bare = wdfleak(['analyze'], { input: text });
    expect(bare.status).toBe(0);
    expect(bare.stdout).toContain('<stdin>');
  });

  it('gives the same findings for the UTF-16LE CRLF log that .logopen /u writes', () => {
    const file = join(tmp, 'acp-utf16.log');
    const crlf = readFileSync(join(ROOT, ACP), 'utf8').replace(/\n/g, '\r\n');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]));
    const u16 = json([file]);
    expect(u16.sources[0]!.encoding).toBe('utf-16le');
    expect(comparable(u16)).toBe(comparable(json([ACP])));
  });

  it('a missing file is one line naming it, exit 2; --verbose adds the system message, not a stack', () => {
    const r = wdfleak(['analyze', 'nope.log']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toBe('wdfleak analyze: nope.log: cannot read: no such file');
    const v = wdfleak(['analyze', 'nope.log', '--verbose']);
    expect(v.stderr).toContain("ENOENT: no such file or directory, open 'nope.log'");
    expect(v.stderr).not.toMatch(/\n\s+at /);
  });

  it('input without debugger output (binary junk, empty stdin, a directory) is an input error naming it', () => {
    const junk = join(tmp, 'junk.bin');
    writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const r = wdfleak(['analyze', junk]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(new RegExp(`^wdfleak analyze: ${junk}: no WinDbg output that wdfleak reads \\(\\d+ lines?, \\d+ command blocks?, none parsed\\); expected a log with commands such as '0: kd> !poolused 2'`));
    const empty = wdfleak(['analyze', '-']);
    expect(empty.status).toBe(2);
    expect(oneLine(empty.stderr)).toMatch(/^wdfleak analyze: <stdin>: no WinDbg output that wdfleak reads \(0 lines/);
    // A folder is a batch (test/cli/analyze-batch.test.ts); one without transcripts is an input error.
    const folder = mkdtempSync(join(tmpdir(), 'wdfleak-cli-analyze-empty-'));
    const dir = wdfleak(['analyze', folder]);
    expect(dir.status).toBe(2);
    expect(oneLine(dir.stderr)).toBe(`wdfleak analyze: ${folder}: no transcripts (*.log or *.txt) here`);
  });

  it('several files are one case; a file without debugger output among them is a warning', () => {
    const notes = join(tmp, 'notes.txt');
    writeFileSync(notes, 'customer says audio stutters after a day\n');
    const r = wdfleak(['analyze', ACP_POOLUSED, notes]);
    expect(r.status).toBe(0);
    expect(oneLine(r.stderr)).toBe(`wdfleak: warning: ${notes}: no WinDbg output that wdfleak reads (1 line)`);
    expect(wdfleak(['analyze', ACP_POOLUSED, notes, '--quiet']).stderr).toBe('');
  });
});

describe('wdfleak analyze options', () => {
  it('rejects unknown options, bad values and --with-facts without json', () => {
    const cases: Array<[string[], string]> = [
      [['--fromat', 'json'], "wdfleak analyze: unknown option --fromat for 'wdfleak analyze' (did you mean --format?); see 'wdfleak analyze --help'"],
      [['--format', 'xml'], "wdfleak analyze: --format must be one of text, json, markdown or ndjson (got 'xml'); see 'wdfleak analyze --help'"],
      [['--fail-on'], "wdfleak analyze: --fail-on needs a value: critical, high, medium, low, info or none; see 'wdfleak analyze --help'"],
      [['--with-facts'], "wdfleak analyze: --with-facts applies to --format json only; see 'wdfleak analyze --help'"],
      [['--pooltag', 'missing.txt'], 'wdfleak analyze: missing.txt: cannot read: no such file'],
      [['--rules', 'missing-dir'], 'wdfleak analyze: missing-dir: cannot read rule pack: no such file'],
    ];
    for (const [args, message] of cases) {
      const r = wdfleak(['analyze', ACP_POOLUSED, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr)).toBe(message);
    }
  });

  it('--arch sets the architecture the text does not show', () => {
    expect(json([ACP_POOLUSED]).arch).toBeUndefined();
    expect(json([ACP_POOLUSED, '--arch', 'x86']).arch).toBe('x86');
  });

  it('--rules adds a pack; --rules-only runs it alone', () => {
    const dir = join(tmp, 'pack');
    mkdirSync(dir, { recursive: true });
    const sig = JSON.parse(readFileSync(join(ROOT, 'rules/signatures/iowi-tracks-driver-tag.json'), 'utf8'));
    writeFileSync(join(dir, 'my-iowi.json'), JSON.stringify({ ...sig, id: 'WDFLEAK-9100', slug: 'my-iowi', supersedes: undefined }));
    const only = json([ACP_POOLUSED, '--rules', dir, '--rules-only']);
    expect(only.findings.map((f) => f.signature.id)).toEqual(['WDFLEAK-9100']);
    expect(only.stats.signatures).toBe(1);
    const both = json([ACP_POOLUSED, '--rules', dir]);
    expect(both.findings.map((f) => f.signature.id)).toContain('WDFLEAK-9100');
    expect(both.stats.signatures).toBeGreaterThan(1);
  });

  it('--pooltag names a tag from the engineer\'s pooltag.txt', () => {
    const file = join(tmp, 'pooltag.txt');
    writeFileSync(file, 'rem my tags\r\namda - amdacpbus2.sys - AMD audio co-processor bus\r\n');
    const r = wdfleak(['analyze', ACP_POOLUSED, '--pooltag', file, '--format', 'json', '--with-facts']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('AMD audio co-processor bus');
    const bad = join(tmp, 'notpooltag.txt');
    writeFileSync(bad, 'hello world\n');
    const e = wdfleak(['analyze', ACP_POOLUSED, '--pooltag', bad]);
    expect(e.status).toBe(2);
    expect(oneLine(e.stderr)).toMatch(new RegExp(`^wdfleak analyze: ${bad}:1: not a pooltag.txt`));
  });
});

describe('wdfleak analyze colour', () => {
  it('is off on a pipe, on with FORCE_COLOR, and off again with NO_COLOR or --no-color', () => {
    expect(wdfleak(['analyze', ACP_POOLUSED]).stdout).not.toContain('\u001b[');
    expect(wdfleak(['analyze', ACP_POOLUSED], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[31mHIGH');
    expect(wdfleak(['analyze', ACP_POOLUSED], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(wdfleak(['analyze', ACP_POOLUSED, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });
});

describe('wdfleak analyze past the block listing cap', () => {
  it('a parsed block after BLOCKS_LISTED unknown commands still counts: the input is used, not refused', async () => {
    const { BLOCKS_LISTED } = await import('../../engine/facts/document.js');
    const dir = mkdtempSync(join(tmpdir(), 'wdfleak-blocks-'));
    const file = join(dir, 'many-blocks.log');
    const unknown = Array.from({ length: BLOCKS_LISTED + 1 }, (_, i) => `0: kd> !nosuchext ${i}`).join('\n');
    writeFileSync(file, `${unknown}\n${readFileSync(ACP_POOLUSED, 'utf8')}`);
    const r = wdfleak(['analyze', file, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.stats.blocks).toBe(BLOCKS_LISTED + 2);
    expect(report.stats.unparsedBlocks).toBe(BLOCKS_LISTED + 1);
    // The same finding as the listing alone gives (test/fixtures/cases/acp-poolused-only.log).
    expect(report.findings.map((f) => f.signature.slug)).toEqual(['iowi-tracks-driver-tag']);
  }, 60_000);
});
