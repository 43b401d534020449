// Every case write-up: valid frontmatter, a transcript beside it, excerpts that are the transcript's
// own lines at the line numbers they claim, and signatures that exist.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { caseSchema } from '../../site/src/lib/case-schema.js';
import { excerptMismatches, markedLines, quotedBlocks } from '../../site/src/lib/evidence-lines.js';
import { casesOnDisk, SIGNATURES_DIR } from './helpers.js';

const cases = casesOnDisk();

describe('case write-ups', () => {
  it('there is at least the ACP case', () => {
    expect(cases.map((c) => c.slug)).toContain('acp-workitem-leak');
  });

  describe.each(cases.map((c) => [c.slug, c] as const))('%s', (_slug, c) => {
    it('has valid frontmatter', () => {
      const result = caseSchema.safeParse(c.frontmatter);
      expect(result.success ? [] : result.error.issues.map((i) => i.message)).toEqual([]);
    });

    it('has its transcript beside it', () => {
      expect(c.transcript, `site/cases/${c.slug}/transcript.log`).toBeDefined();
    });

    it('quotes the transcript exactly where it says', () => {
      expect(excerptMismatches(c.body, c.transcript ?? '')).toEqual([]);
    });

    it('cites signatures that exist in rules/signatures', () => {
      const parsed = caseSchema.parse(c.frontmatter);
      const missing = parsed.signatures.filter((slug) => !existsSync(join(SIGNATURES_DIR, `${slug}.json`)));
      expect(missing).toEqual([]);
    });
  });
});

describe('the ACP case', () => {
  const acp = cases.find((c) => c.slug === 'acp-workitem-leak')!;

  it('claims the two work-item signatures', () => {
    expect(caseSchema.parse(acp.frontmatter).signatures).toEqual(['workitem-created-in-dpc', 'iowi-tracks-driver-tag']);
  });

  it('marks the evidence lines named in the investigation', () => {
    const marks = markedLines(acp.body);
    // 8-9 amda/IoWI in !poolused; 31 AcpDspSwInterruptDpc; 69 Tag 0x61646d61; 125 m_Type 0x1025;
    // 129 m_ObjectFlags 0x819; 163 m_Callback AcpDspResponseWorkItem.
    for (const line of [8, 9, 31, 69, 125, 129, 163]) expect(marks.has(line), `line ${line}`).toBe(true);
    const lines = acp.transcript!.split('\n');
    expect(lines[124]).toContain('m_Type           : 0x1025');
    expect(lines[162]).toContain('amdacpbus2!AcpDspResponseWorkItem');
  });

  it('shows every command of the investigation at least once', () => {
    const firsts = quotedBlocks(acp.body).map((b) => b.from);
    for (const commandLine of [1, 17, 18, 37, 39, 52, 54, 63, 72, 112, 123, 139]) {
      expect(quotedBlocks(acp.body).some((b) => commandLine >= b.from && commandLine < b.from + b.lines.length), `line ${commandLine} in ${firsts}`).toBe(true);
    }
  });
});

describe('excerpt checks catch mistakes', () => {
  const transcript = 'one\ntwo\nthree\n';
  it('a changed line', () => {
    expect(excerptMismatches('```windbg from=2\ntwo\nTHREE\n```', transcript)).toEqual([
      'block from=2: line 3 reads "THREE" but the transcript has "three"',
    ]);
  });
  it('a block past the end and a mark outside its block', () => {
    expect(excerptMismatches('```windbg from=3 {1}\nthree\nfour\n```', transcript)).toEqual([
      'block from=3: line 4 reads "four" but the transcript has ""',
      'block from=3: marked line 1 is outside the block',
    ]);
  });
  it('trailing spaces do not count', () => {
    expect(excerptMismatches('```windbg from=1\none   \n```', 'one\n')).toEqual([]);
  });
});

describe('case frontmatter schema', () => {
  const good = {
    title: 'A leak',
    date: '2024-11-14',
    drivers: ['amdacpbus2'],
    poolTags: ['amda', 'IoWI'],
    fxTypes: ['FX_TYPE_WORKITEM'],
    signatures: ['workitem-created-in-dpc'],
    status: 'confirmed',
    authors: ['someone'],
    summary: 'One work item per interrupt, never deleted.',
  };

  it('accepts a complete frontmatter and turns the date into a Date', () => {
    const parsed = caseSchema.parse(good);
    expect(parsed.date.toISOString()).toBe('2024-11-14T00:00:00.000Z');
  });

  it.each([
    [{ status: 'solved' }, 'status: must be one of draft, confirmed, fixed'],
    [{ poolTags: ['toolong'] }, 'poolTags: a pool tag is 1 to 4 printable characters, e.g. amda or IoWI'],
    [{ signatures: ['WDFLEAK.0001'] }, 'signatures: use the signature slug, e.g. workitem-created-in-dpc'],
    [{ fxTypes: ['WORKITEM'] }, 'fxTypes: use the FX_TYPE constant name, e.g. FX_TYPE_WORKITEM'],
    [{ authors: [] }, 'authors: name at least one author'],
    [{ summary: 'short' }, 'summary: write one or two sentences (at least 20 characters)'],
    [{ drivers: [] }, 'drivers: name at least one driver module'],
    [{ date: 'last week' }, 'Invalid date'],
    [{ extra: 1 }, "Unrecognized key(s) in object: 'extra'"],
  ])('rejects %j with a message that says what to write', (change, message) => {
    const result = caseSchema.safeParse({ ...good, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toContain(message);
  });
});
