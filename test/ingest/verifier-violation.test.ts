import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';

const corpus = (p: string): string => readFileSync(new URL(`../corpus/${p}`, import.meta.url), 'utf8');

describe('Driver Verifier console report (no bug check)', () => {
  it('reads the report between the stars and the break-in location after it (usbip-win#345, inside a backtick span)', () => {
    const f = ingestText(corpus('clean/usbip-win-345-verifier-banner-inline-code.txt'));
    expect(f.verifierViolations).toHaveLength(1);
    expect(f.verifierViolations[0]).toMatchObject({
      text: 'Caller has completed untouched IRP_MJ_PNP (instead of passing the irp down) or non-PDO has failed the irp using incorrect value of STATUS_NOT_SUPPORTED.',
      values: { CulpritAddress: 'FFFFF806E5968960', Irp: 'FFFFA10115546E50' },
      breakCode: '80000003',
      provenance: { lines: [12, 19] },
    });
    expect(f.registers[0]).toMatchObject({ location: 'nt!ViErrorFinishReport+0x8e', instruction: { address: 'fffff8075afda2ca', bytes: 'cc' } });
    expect(f.bugchecks).toEqual([]);
    // The prose line after the paste is the only line left over.
    expect(f.diagnostics.map((d) => d.line)).toEqual([24]);
  });

  it('keeps two reports of one paste apart', () => {
    const stars = '*'.repeat(60);
    const one = [stars, 'Driver Verifier detected violation:', '', 'The driver is trying to complete an IRP twice.', '', 'CulpritAddress = FFFFF806E5968960, Irp = FFFFA10115546E50.', stars];
    const f = ingestText([...one, '', ...one.map((l) => l.replace('E50', 'E60'))].join('\n'));
    expect(f.verifierViolations.map((v) => v.values['Irp'])).toEqual(['FFFFA10115546E50', 'FFFFA10115546E60']);
    expect(f.diagnostics).toEqual([]);
  });

  it('keeps a bounded description and at most 64 values of a report that never ends', () => {
    const lines = ['Driver Verifier detected violation:'];
    for (let i = 0; i < 20_000; i++) lines.push(i % 2 ? `Name${i} = ${i.toString(16)}` : `line ${i} of a description that goes on`);
    const f = ingestText(lines.join('\n'));
    expect(f.verifierViolations).toHaveLength(1);
    const v = f.verifierViolations[0]!;
    // About 4 KB of the 10,000 description lines (plus the blanks joining them), not 400 KB.
    expect(v.text.length).toBeGreaterThan(4000);
    expect(v.text.length).toBeLessThan(4500);
    expect(Object.keys(v.values)).toHaveLength(64);
    expect(v.values['Name1']).toBe('1');
  });
});
