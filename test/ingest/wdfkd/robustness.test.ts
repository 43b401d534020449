import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';
import { analyze } from '../../../engine/ingest/analyze.js';
import { poolmon } from '../../../engine/ingest/poolmon.js';
import { verifier } from '../../../engine/ingest/verifier.js';
import { wdfdevice } from '../../../engine/ingest/wdfkd/device.js';
import { wdfdriverinfo } from '../../../engine/ingest/wdfkd/driverinfo.js';
import { wdffindobjects } from '../../../engine/ingest/wdfkd/findobjects.js';
import { wdfhandle } from '../../../engine/ingest/wdfkd/handle.js';
import { wdfldr } from '../../../engine/ingest/wdfkd/ldr.js';
import { wdfdevicequeues } from '../../../engine/ingest/wdfkd/devicequeues.js';
import { wdfcrashdump, wdflogdump } from '../../../engine/ingest/wdfkd/logdump.js';
import { wdfmemory } from '../../../engine/ingest/wdfkd/memory.js';
import { wdfobject } from '../../../engine/ingest/wdfkd/object.js';
import { wdfpoolusage } from '../../../engine/ingest/wdfkd/poolusage.js';
import { wdftagtracker } from '../../../engine/ingest/wdfkd/tagtracker.js';
import type { CommandFamily } from '../../../engine/types/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');

const FAMILIES: Array<[CommandFamily, string]> = [
  [wdfdriverinfo, '!wdfdriverinfo x'],
  [wdfhandle, '!wdfhandle 0x1 0xff'],
  [wdfobject, '!wdfobject 0x1'],
  [wdfdevice, '!wdfdevice 0x1 ff'],
  [wdftagtracker, '!wdftagtracker 0x1'],
  [wdfpoolusage, '!wdfpoolusage x 0 0'],
  [wdfmemory, '!wdfmemory 0x1'],
  [wdflogdump, '!wdflogdump x -d'],
  [wdfcrashdump, '!wdfcrashdump'],
  [wdffindobjects, '!wdffindobjects 0x1'],
  [wdfldr, '!wdfldr'],
  [wdfdevicequeues, '!wdfdevicequeues 0x1'],
  [verifier, '!verifier 3'],
  [analyze, '!analyze -v'],
  [poolmon, 'poolmon'],
];

/** Lines that look like the formats (so the parsers get past their cheap rejects), cut and mixed. */
const PIECES = [
  fixture('wdfhandle/acx-x64-driver-tree.log'),
  fixture('wdflogdump/ovpn-dco-x64-fxpooldump.log'),
  fixture('verifier/old-x64-win7-0xf.log'),
  fixture('analyze/c4-62-x64-2015-ovs.log'),
  fixture('poolmon/doc-g-ntfs.log'),
].flatMap((t) => t.split('\n'));

const line = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.constantFrom(...PIECES),
  fc.tuple(fc.constantFrom(...PIECES), fc.nat(200), fc.string({ maxLength: 20 })).map(([l, cut, tail]) => l.slice(0, cut) + tail),
);

describe('WDF, verifier, analyze and poolmon parsers on junk', () => {
  it('never throw and always end, whatever lines they are given', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.nat(FAMILIES.length - 1), (lines, which) => {
        const [family, command] = FAMILIES[which]!;
        const doc = ingestText([`0: kd> ${command}`, ...lines].join('\n'), 'junk', { families: [family] });
        expect(doc.diagnostics.some((d) => d.code === 'parser-error')).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('stay fast on a long line of repeated separators (no regex blow-up)', () => {
    const nasty = ['0: kd> !analyze -v', 'Arg1: ' + '0'.repeat(5000) + ',', 'STACK_TEXT:', '  : '.repeat(5000), ' Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc', ' abcd Nonp ' + '1 ( 0) '.repeat(3000)].join('\n');
    const t = Date.now();
    ingestText(nasty);
    ingestText(nasty.replace('!analyze -v', '!wdflogdump x') + '\n' + 'FX_POOL '.repeat(5000));
    expect(Date.now() - t).toBeLessThan(10_000); // a hang guard against regex backtracking, not a speed measurement
  });

  it('keeps an unknown !wdfkd command as an unparsed block with a diagnostic', () => {
    const f = ingestText(['0: kd> !wdfkd.wdfqueue 0x000049f6c00114b8', 'Dumping WDFQUEUE 0x000049f6c00114b8', '0: kd> !wdfmemory 0x00007afa48e810e1', 'WDFMEMORY 0x00007afa48e810e1:  Buffer 0xffff8505cda08fe0, Length 0x0 (0) bytes'].join('\n'));
    expect(f.blocks.map((b) => [b.family, b.parsed])).toEqual([
      ['unknown', false],
      ['wdfmemory', true],
    ]);
    expect(f.diagnostics).toMatchObject([{ code: 'unknown-command', line: 1, level: 'info' }]);
    expect(f.wdfHandles).toHaveLength(1);
  });
});
