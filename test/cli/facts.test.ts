import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateFacts } from '../../engine/validate/validate-facts.js';
import type { FactsDocument } from '../../engine/types/facts.js';
import { ACP, ACP_POOLUSED, ensureBuilt, oneLine, ROOT, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);
const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-cli-facts-'));

describe('wdfleak facts', () => {
  it('prints the !poolused rows of the ACP capture as one line of schema-valid JSON', () => {
    const r = wdfleak(['facts', ACP_POOLUSED]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const facts = JSON.parse(r.stdout) as FactsDocument;
    expect(validateFacts(facts)).toEqual([]);
    expect(r.stdout.startsWith('{"schemaVersion":1,')).toBe(true);
    const amda = facts.poolUsage.find((x) => x.tag === 'amda')!;
    expect(amda.nonpaged).toEqual({ allocs: 5768754, bytes: 1938325232 });
    expect(amda.paged).toEqual({ allocs: 32, bytes: 9360 });
    expect(amda.provenance).toMatchObject({ source: ACP_POOLUSED, lines: [8, 8], command: '!poolused 2' });
    expect(facts.poolUsage.find((x) => x.tag === 'IoWI')!.nonpaged).toEqual({ allocs: 5769999, bytes: 646239888 });
  });

  it('--pretty indents the same document', () => {
    const plain = wdfleak(['facts', ACP]).stdout;
    const pretty = wdfleak(['facts', ACP, '--pretty']).stdout;
    expect(pretty).toContain('\n  "schemaVersion": 1,\n');
    expect(JSON.parse(pretty)).toEqual(JSON.parse(plain));
  });

  it('reads stdin, and a UTF-16LE CRLF copy gives the same facts but for the source', () => {
    const utf8 = JSON.parse(wdfleak(['facts', '-'], { input: readFileSync(join(ROOT, ACP)) }).stdout) as FactsDocument;
    expect(utf8.sources[0]).toMatchObject({ name: '<stdin>', encoding: 'utf-8', lines: 165 });
    const file = join(tmp, 'acp-u16.log');
    const crlf = readFileSync(join(ROOT, ACP), 'utf8').replace(/\n/g, '\r\n');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]));
    const u16 = JSON.parse(wdfleak(['facts', file]).stdout) as FactsDocument;
    expect(u16.sources[0]).toMatchObject({ name: file, encoding: 'utf-16le', lines: 165 });
    // Only the source name (also quoted in archEvidence), size and encoding may differ.
    const strip = (d: FactsDocument, name: string) => JSON.stringify({ ...d, sources: [] }).replaceAll(JSON.stringify(name).slice(1, -1), 'S');
    expect(strip(u16, file)).toBe(strip(utf8, '<stdin>'));
    expect(u16.poolUsage.length).toBeGreaterThan(0);
  });

  it('a missing file is exit 2 with one line; junk is exit 2 as in analyze', () => {
    const r = wdfleak(['facts', 'missing.log']);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe('wdfleak facts: missing.log: cannot read: no such file');
    const junk = join(tmp, 'junk.txt');
    writeFileSync(junk, 'lorem ipsum\n');
    const j = wdfleak(['facts', junk]);
    expect(j.status).toBe(2);
    expect(j.stdout).toBe('');
    expect(oneLine(j.stderr)).toBe(`wdfleak facts: ${junk}: ${wdfleak(['analyze', junk]).stderr.trim().split(`${junk}: `)[1]}`);
  });

  it('rejects an unknown option', () => {
    const r = wdfleak(['facts', ACP, '--petty']);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe("wdfleak facts: unknown option --petty for 'wdfleak facts' (did you mean --pretty?); see 'wdfleak facts --help'");
  });
});
