import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');

describe('!wdfldr', () => {
  it('reads KMDF client rows and the UMDF list', () => {
    const f = ingestText(fixture('wdfldr/doc-x64-list.log'));
    expect(f.wdfDrivers.map((d) => [d.name, d.framework, d.version])).toEqual([
      ['peauth', 'KMDF', 'v1.7'],
      ['monitor', 'KMDF', 'v1.11'],
      ['UsbHub3', 'KMDF', 'v1.11'],
      ['MyUmdfDriver.dll', 'UMDF', 'v1.11'],
      ['SomeUmdf2Driver.dll', 'UMDF', 'v2.0'],
      ['MyUmdf2Driver.dll', 'UMDF', 'v2.0'],
    ]);
    expect(f.wdfDrivers[0]).toMatchObject({ wdfGlobals: 'ffffe00003a95880', globals: 'ffffe00003a956e0', imageAddress: 'fffff80002678000', imageSize: 0xab000 });
    expect(f.diagnostics).toEqual([]);
  });

  it('reads the single-driver form with one binding per library', () => {
    const f = ingestText(fixture('wdfldr/acx-x64-audiocodec.log'));
    expect(f.wdfDrivers).toHaveLength(1);
    expect(f.wdfDrivers[0]).toMatchObject({
      name: 'AudioCodec',
      version: 'v1.31',
      image: 'AudioCodec.sys',
      imageAddress: 'fffff8079b500000',
      imageSize: 0x1e000,
      library: 'Wdf01000',
      wdfGlobals: 'ffff850470564f80',
      bindInfo: 'ffff850470564dc0',
    });
    expect(f.wdfDrivers[0]!.bindings!.map((b) => [b.library, b.version])).toEqual([
      ['Wdf01000', 'v1.33'],
      ['Acx01000', 'v1.1'],
    ]);
    expect(f.diagnostics).toEqual([]);
  });
});
