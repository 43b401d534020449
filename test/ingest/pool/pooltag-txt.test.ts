import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePooltagTxt } from '../../../engine/ingest/pool/pooltag-txt.js';

const text = readFileSync(new URL('../../fixtures/windbg/pooltag/rktools2k3-excerpt.txt', import.meta.url), 'utf8');

describe('pooltag.txt', () => {
  const { tags, diagnostics } = parsePooltagTxt(text, 'pooltag.txt');
  const byTag = (tag: string) => tags.find((t) => t.tag === tag);

  it('reads every entry, skipping rem lines and blank lines', () => {
    // 21 entry lines in the excerpt (counted by hand), one of them the stray `<unknown>` line.
    expect(tags).toHaveLength(20);
    expect(tags[0]).toEqual({ tag: '8042', binary: 'i8042prt.sys', description: 'PS/2 kb and mouse', origin: 'pooltag.txt' });
    expect(tags.every((t) => t.origin === 'pooltag.txt')).toBe(true);
  });

  it('treats <unknown> as no binary and trims the description indent', () => {
    expect(byTag('Atom')).toEqual({ tag: 'Atom', description: 'Atom Tables', origin: 'pooltag.txt' });
    expect(byTag('AfdA')).toMatchObject({ binary: 'afd.sys', description: 'Afd EA buffer' });
    expect(byTag('Afdi')!.description).toBe('Afd "set inline mode" buffer');
  });

  it('keeps wildcard, short and blank-holding tags', () => {
    expect(byTag('Afd?')).toMatchObject({ binary: 'afd.sys', description: 'AFD objects' });
    expect(byTag('CM??')).toMatchObject({ binary: 'nt!cm' });
    expect(byTag('Afp')).toMatchObject({ description: 'SFM File server' });
    expect(byTag('Dh 0')).toMatchObject({ description: 'DirectDraw/3D default object' });
    expect(byTag('G')).toMatchObject({ description: 'Gdi Generic allocations' });
    expect(byTag('FtV')).toMatchObject({ description: 'Fault tolerance driver' });
  });

  it('reads a separator without its blank and a description holding commas', () => {
    expect(byTag('CMAl')).toEqual({ tag: 'CMAl', binary: 'nt!cm', description: 'internal registry memory allocator pool tag', origin: 'pooltag.txt' });
    expect(byTag('Arp?')!.description).toBe('ATM ARP server objects, atmarps.sys');
    expect(byTag('ACPI')).toMatchObject({ binary: 'acpi.sys', description: 'ACPI' });
  });

  it('reports the line that is no entry, by number', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ level: 'warning', code: 'malformed-line', source: 'pooltag.txt', line: 35, expected: expect.stringContaining('<Tag> - <binary> - <Description>') }),
    ]);
  });

  it('gives the same entries for CRLF, CR and a BOM', () => {
    const crlf = parsePooltagTxt('\ufeff' + text.replace(/\n/g, '\r\n'), 'pooltag.txt');
    expect(crlf.tags).toEqual(tags);
    expect(crlf.diagnostics.map((d) => d.line)).toEqual([35]);
    expect(parsePooltagTxt(text.replace(/\n/g, '\r'), 'x').tags).toEqual(tags);
  });

  it('reads the two-field form of hand-written files', () => {
    expect(parsePooltagTxt('amda - AMD audio co-processor bus driver\nIoWI - nt!io - Io work items', 'mine.txt').tags).toEqual([
      { tag: 'amda', description: 'AMD audio co-processor bus driver', origin: 'pooltag.txt' },
      { tag: 'IoWI', binary: 'nt!io', description: 'Io work items', origin: 'pooltag.txt' },
    ]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const r = parsePooltagTxt(s, 'x');
        for (const t of r.tags) {
          expect(t.tag.length).toBeGreaterThan(0);
          expect(t.description.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
