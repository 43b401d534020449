import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');
const corpus = (p: string): string => readFileSync(new URL(`../../corpus/${p}`, import.meta.url), 'utf8');

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

  it('keeps the library block each client row is listed under, and the UMDF driver manager (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-wdfldr-list.txt'));
    const library = {
      module: 'ffffe0000039f7c0',
      name: 'Wdf01000',
      image: 'Wdf01000.sys',
      version: 'v1.13',
      service: '\\Registry\\Machine\\System\\CurrentControlSet\\Services\\Wdf01000',
      imageAddress: 'fffff800002e7000',
      imageSize: 0xc5000,
      clients: 16,
      loadedModuleList: 'fffff800003b61f8',
    };
    const kmdf = f.wdfDrivers.filter((d) => d.framework === 'KMDF');
    expect(kmdf.map((d) => d.name)).toEqual(['peauth', 'monitor', 'UsbHub3']);
    for (const d of kmdf) expect(d.loaderLibrary).toEqual(library);
    expect(kmdf[2]).toMatchObject({ image: 'UsbHub3.sys', wdfGlobals: 'ffffe000028a47b0', globals: 'ffffe000028a4610' });
    const umdf = f.wdfDrivers.filter((d) => d.framework === 'UMDF');
    expect(umdf.map((d) => [d.name, d.driverManagerProcess])).toEqual([
      ['MyUmdfDriver.dll', 'ffffe00003470500'],
      ['SomeUmdf2Driver.dll', 'ffffe00003470500'],
      ['MyUmdf2Driver.dll', 'ffffe00003470500'],
    ]);
    expect(f.diagnostics).toEqual([]);
  });

  it('keeps the client module and binding list of the single-driver form (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-acxkd-wdfldr-audiocodec.txt'));
    expect(f.wdfDrivers).toHaveLength(1);
    expect(f.wdfDrivers[0]).toMatchObject({ name: 'AudioCodec', clientModule: 'ffff850474ddedb0', bindingList: 'ffff850474ddedf8', version: 'v1.31' });
    expect(f.diagnostics).toEqual([]);
  });
});
