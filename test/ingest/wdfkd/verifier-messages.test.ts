import { describe, expect, it } from 'vitest';
import type { IfrRecord, Provenance } from '../../../engine/types/facts.js';
import { verifierReports } from '../../../engine/ingest/wdfkd/verifier-messages.js';

const base = { driver: 'drv', provenance: (a: number, b: number): Provenance => ({ source: 't', lines: [a, b], block: 0 }) };
const rec = (line: number, message: string, fn = 'F'): IfrRecord => ({ line, function: fn, message });

describe('verifier messages in IFR records', () => {
  it('reads FX_POOL leaks of both pools and the summary of the destroyed pool', () => {
    const r = verifierReports(
      [
        rec(1, 'Destroying Pool 0xFFFFCF0F92C95E48', 'FxPoolDestroy'),
        rec(2, 'FxPoolDump: NonPagedBytes 136, PagedBytes 0, NonPagedAllocations 1, PagedAllocations 0,PeakNonPagedBytes 33748, PeakPagedBytes 392,FxPoolDump: PeakNonPagedAllocations 131, PeakPagedAllocations 10'),
        rec(3, 'FX_POOL 0xFFFFCF0F92C95E48 leaked paged memory alloc 0xFFFFCF0FB5044A50 (tracking block FFFFCF0FB5044A10)'),
      ],
      base,
    );
    expect(r.map((x) => x.kind)).toEqual(['fxpool-summary', 'fxpool-leak']);
    expect(r[0]).toMatchObject({ fxPool: 'ffffcf0f92c95e48', nonpagedBytes: 136, peakPagedAllocations: 10, driver: 'drv' });
    expect(r[1]).toMatchObject({ pool: 'paged', address: 'ffffcf0fb5044a50', provenance: { lines: [3, 3] } });
  });

  it('joins a leak line split over two records (`(track` / `ing block ...)`), even with the blank lost at the cut', () => {
    const r = verifierReports(
      [rec(7, 'FX_POOL 0xFFFFCF0F92C95E48 leaked non-paged memory alloc 0xFFFFCF0FB5044A50 (track'), { line: 8, message: 'ing block FFFFCF0FB5044A10)' }],
      base,
    );
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'fxpool-leak', trackingBlock: 'ffffcf0fb5044a10', provenance: { lines: [7, 8] } });
    const lostBlank = verifierReports([rec(1, 'FX_POOL 0x10 leaked non-paged memory alloc0x20(tracking block 30)')], base);
    expect(lostBlank[0]).toMatchObject({ address: '20', trackingBlock: '30' });
  });

  it('reads leaked MDLs with owner and caller', () => {
    const r = verifierReports([rec(4, 'PMDL 0xFFFFB60940A11320 leaked, FxObject owner FFFFB6093F618120, Callers Address FFFFF8038A3E3C90', 'FxMdlDump')], base);
    expect(r[0]).toMatchObject({ kind: 'mdl-leak', address: 'ffffb60940a11320', owner: 'ffffb6093f618120', caller: 'fffff8038a3e3c90' });
  });

  it('reads abandoned references, the possible ones, and dropped references', () => {
    const r = verifierReports(
      [
        rec(1, 'Abandonded ref on object FFFFB6093F618120 tag FFFFB6093F6D0010 (minkernel\\wdf\\framework\\shared\\core\\fxworkitem.cpp @ 231)'),
        rec(2, 'Possibly Abandonded ref on object FFFFB6093F618120 tag 0000000000000000 (fxobject.cpp @ 58).  Is benign unless there are other outstanding leaked references.'),
        rec(3, 'Dropped references on a tag tracker, show references with: !wdftagtracker FFFFB6093F6D9000'),
      ],
      base,
    );
    expect(r[0]).toMatchObject({ kind: 'abandoned-reference', address: 'ffffb6093f618120', tag: 'ffffb6093f6d0010', file: 'minkernel\\wdf\\framework\\shared\\core\\fxworkitem.cpp', sourceLine: 231 });
    expect(r[0]!.possible).toBeUndefined();
    expect(r[1]).toMatchObject({ kind: 'abandoned-reference', possible: true, sourceLine: 58 });
    expect(r[2]).toMatchObject({ kind: 'abandoned-reference', tagTracker: 'ffffb6093f6d9000' });
  });

  it('folds the object count into the excessive-objects warning that precedes it', () => {
    const r = verifierReports(
      [
        rec(10, 'WDF Verifier has detected an excessive number of allocated WDF objects. Investigate with !wdfDriverInfo <driverName> 0x41 or 0x50', 'FxObject::FxObject'),
        rec(11, 'WDF Verifier found 5000 objects allocated, limit=5000, and the scaled limit=5000', 'FxObject::FxObject'),
      ],
      base,
    );
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'excessive-objects', objectCount: 5000, limit: 5000, scaledLimit: 5000, provenance: { lines: [10, 11] } });
  });

  it('ignores records that are not verifier reports', () => {
    expect(verifierReports([rec(1, 'FxIFR logging started'), rec(2, 'WDFREQUEST 0x00007AFA4B69EF68 was cancelled')], base)).toEqual([]);
  });
});
