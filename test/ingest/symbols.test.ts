import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { splitNameAndSignature } from '../../engine/ingest/symbols.js';
import { ingestJunk, junkTranscript } from './junk.js';
import { fixtureSchemaErrors } from './schema-check.js';

const fixture = (dir: string, name: string): string => readFileSync(new URL(`../fixtures/windbg/${dir}/${name}`, import.meta.url), 'utf8');
const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');
const brief = (s: { address: string; module?: string; name: string; signature?: string }) => [s.address, s.module, s.name, s.signature];

describe('x', () => {
  it('reads the ACP `x Wdf01000!FxPoolAllocator` row with its signature', () => {
    const f = ingestText(ACP);
    expect(f.symbols).toEqual([{
      address: 'fffff8040591d7b0',
      module: 'Wdf01000',
      name: 'FxPoolAllocator',
      signature: '(struct _FX_DRIVER_GLOBALS *, struct FX_POOL *, struct FxPoolTypeOrPoolFlags *, unsigned int64, unsigned long, void *)',
      provenance: { source: '<text>', lines: [38, 38], block: 3, command: 'x Wdf01000!FxPoolAllocator' },
    }]);
  });

  it('reads `x /v` (with and without prv/pub), `x /2`, and skips the names-only `x /1`', () => {
    const f = ingestText(fixture('symbols', 'x-verbose-doc.log'));
    expect(f.symbols.map(brief)).toEqual([
      ['0000000100003340', 'notepad', 'WinMain', '(struct HINSTANCE__ *, struct HINSTANCE__ *, char *, int)'],
      ['000000010000a7b0', 'notepad', 'WinMainCRTStartup$filt$0', '(void)'],
      ['000000010000a540', 'notepad', 'WinMainCRTStartup', '(void)'],
      ['806c9e68', 'nt', 'CmTypeName', '= struct _UNICODE_STRING []'],
      ['806c9e68', 'nt', 'CmTypeName', '= struct _UNICODE_STRING [42]'],
      ['806c9e68', 'nt', 'CmTypeName', '= struct _UNICODE_STRING []'],
      ['805bd7b0', 'nt', 'CmTypeString', '= unsigned short *[]'],
      ['00b51410', 'MyApp', 'AddThreeIntegers', undefined],
      ['00b513d0', 'MyApp', 'AddTwoIntegers', undefined],
      ['0109e02c', 'vuln', '__security_cookie_complement', '= 0x44bf19b1'],
      ['0109e030', 'vuln', '__security_cookie', '= 0x1344d51e'],
      ['010375b8', 'vuln', '__security_check_cookie', '(unsigned int)'],
      ['010388b0', 'vuln', 'ValidateLocalCookies', '(struct _EH4_SCOPETABLE *, char *)'],
      ['01038181', 'vuln', '__security_init_cookie', '(void)'],
    ]);
    // `x /1` prints names only: its block says it yielded nothing, and is not counted as parsed.
    expect(f.diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([['no-facts', 'info', 10]]);
    expect(f.blocks.find((b) => b.command === 'x /1 MyApp!Add*')!.parsed).toBe(false);
  });

  it('splits names with templates before the signature', () => {
    expect(splitNameAndSignature('app!std::map<int, Foo>::find (int)')).toEqual({ name: 'app!std::map<int, Foo>::find', signature: '(int)' });
    expect(splitNameAndSignature('nt!PoolTrackTable = <no type information>')).toEqual({ name: 'nt!PoolTrackTable', signature: '= <no type information>' });
  });

  it('recognises `x /v` rows pasted without the command and reports junk rows', () => {
    const f = ingestText('prv func   00000001`00003340  249 notepad!WinMain (void)');
    expect(f.blocks[0]).toMatchObject({ family: 'symbols', parsed: true });
    expect(f.symbols[0]).toMatchObject({ address: '0000000100003340', name: 'WinMain' });
    const g = ingestText('0: kd> x nt!Foo*\nsomething odd');
    expect(g.diagnostics).toEqual([expect.objectContaining({ code: 'malformed-line', line: 2 })]);
  });
});

describe('ln', () => {
  it('modern output: each symbol at its own address, exact-match signature attached', () => {
    const f = ingestText(fixture('symbols', 'ln-variants.log'));
    expect(f.symbols.map(brief)).toEqual([
      ['8056f074', 'nt', 'NtQueryDirectoryFile', '(<no parameter info>)'],
      ['8056f0da', 'nt', 'NtNotifyChangeDirectoryFile', undefined],
      ['bf8751a3', 'win32k', 'NtGdiSetPixel', undefined],
      // NT4-era output shows the queried address with signed offsets: the starts are computed.
      ['8013601b', 'NT', '_KiServiceExit', undefined],
      ['801361b0', 'NT', '_KiServiceExit2', undefined],
      ['fe682ab8', 'rdr', '_RdrSectionInfo', undefined],
      ['fe682b98', 'rdr', '_RdrFcbReferenceLock', undefined],
    ]);
    expect(f.diagnostics).toEqual([]);
  });

  it('reads x64 `ln` of an expression and the DML form with `Browse module`', () => {
    const f = ingestText(fixture('memory', 'x64-ln-db-dd-lsasrv.log'));
    expect(f.symbols.map(brief)).toEqual([
      ['00007fff888e86d0', 'lsasrv', 'InitializationVector', undefined],
      ['00007fff888e86e0', 'lsasrv', 'hAesKey', undefined],
    ]);
    const g = ingestText(fixture('memory', 'x86-dd-ln-pagedpools.log'));
    expect(g.symbols.map(brief)).toEqual([
      ['83daa014', 'nt', 'ExpNumberOfPagedPools', '= <no type information>'],
      ['83daa018', 'nt', 'WmipMaxKmWnodeEventSize', undefined],
    ]);
    expect(g.diagnostics).toEqual([]);
  });
});

describe('symbols: junk never stops the parser', () => {
  const samples = [...fixture('symbols', 'x-verbose-doc.log').split('\n'), ...fixture('symbols', 'ln-variants.log').split('\n')];
  it('arbitrary lines under x and ln', () => {
    fc.assert(fc.property(junkTranscript(['x nt!*Pool*', 'x /v notepad!*', 'ln 80136039', 'ln poi(rsp)'], samples), (text) => {
      const f = ingestJunk(text);
      expect(f.diagnostics.filter((d) => d.code === 'parser-error')).toEqual([]);
      for (const s of f.symbols) expect(s.address).toMatch(/^[0-9a-f]+$/);
    }), { numRuns: 300 });
  });

  it('long adversarial ln lines finish quickly', () => {
    const t0 = performance.now();
    ingestText(['0: kd> ln 1', '(1) a' + ' '.repeat(4000) + 'b', '(' + '('.repeat(4000)].join('\n'));
    expect(performance.now() - t0).toBeLessThan(10_000); // a hang guard against regex backtracking, not a speed measurement
  });
});

describe('symbols: schema', () => {
  it('the facts of every capture in fixtures/windbg/symbols validate against facts.schema.json', () => {
    expect(fixtureSchemaErrors('symbols')).toEqual([]);
  });
});

describe('ln on a real paste (MicrosoftDocs/windows-driver-docs#3248, double blank after the prompt)', () => {
  it('keeps the address asked about and the site as printed on the symbol that contains it', () => {
    const f = ingestText(readFileSync(new URL('../corpus/leak/windows-driver-docs-3248-cb-arg1-mmlk-pool.txt', import.meta.url), 'utf8'));
    expect(f.symbols[0]).toMatchObject({ module: 'nt', name: 'MiAddMdlTracker', address: 'fffff80180d4a5f4', query: 'fffff80180d4a6f1', site: 'nt!MiAddMdlTracker+0xfd' });
    expect(f.symbols[1]!.query).toBeUndefined();
  });
});
