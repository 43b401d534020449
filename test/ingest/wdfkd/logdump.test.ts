import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';
import { parseIfrLine } from '../../../engine/ingest/wdfkd/logdump.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');
const corpus = (p: string): string => readFileSync(new URL(`../../corpus/${p}`, import.meta.url), 'utf8');

describe('!wdflogdump', () => {
  it('reads the IFR records of a KMDF verifier unload and the leak reports in them', () => {
    const f = ingestText(fixture('wdflogdump/ovpn-dco-x64-fxpooldump.log'));
    const log = f.ifrLogs[0]!;
    expect(log.driver).toBe('ovpn-dco');
    expect(log.records.map((r) => [r.sequence, r.function, r.line])).toEqual([
      [11993, 'FxDriver::Unload', 3],
      [11994, 'FxPoolDestroy', 4],
      [11995, 'FxPoolDump', 5],
      [11996, 'FxPoolDump', 6],
    ]);
    expect(log.provenance.lines).toEqual([2, 7]);
    expect(f.wdfVerifierReports).toHaveLength(2);
    expect(f.wdfVerifierReports[0]).toMatchObject({
      kind: 'fxpool-summary',
      driver: 'ovpn-dco',
      fxPool: 'ffffcf0f92c95e48',
      nonpagedBytes: 136,
      pagedBytes: 0,
      nonpagedAllocations: 1,
      pagedAllocations: 0,
      peakNonpagedBytes: 33748,
      peakPagedBytes: 392,
      peakNonpagedAllocations: 131,
      peakPagedAllocations: 10,
    });
    expect(f.wdfVerifierReports[1]).toMatchObject({
      kind: 'fxpool-leak',
      pool: 'nonpaged',
      fxPool: 'ffffcf0f92c95e48',
      address: 'ffffcf0fb5044a50',
      trackingBlock: 'ffffcf0fb5044a10',
      provenance: { lines: [6, 6], command: '!wdflogdump ovpn-dco' },
    });
    expect(f.diagnostics).toEqual([]);
  });

  it('joins a record the terminal wrapped inside `(track` / `ing block ...)`', () => {
    const text = fixture('wdflogdump/ovpn-dco-x64-fxpooldump.log').replace('(tracking block', '(track\ning block');
    const f = ingestText(text);
    const rec = f.ifrLogs[0]!.records[3]!;
    expect(rec).toMatchObject({ line: 6, lastLine: 7 });
    expect(rec.message.endsWith('(tracking block FFFFCF0FB5044A10)')).toBe(true);
    expect(f.wdfVerifierReports[1]).toMatchObject({ kind: 'fxpool-leak', trackingBlock: 'ffffcf0fb5044a10', provenance: { lines: [6, 7] } });
  });

  it('reads the header: driver and kind from the arguments, entry count and format prefix', () => {
    const f = ingestText(fixture('wdflogdump/acx-x64-framework.log'));
    expect(f.ifrLogs[0]).toMatchObject({ driver: 'AcxHdAudio', kind: 'framework', declaredEntries: 75, formatPrefix: '%7!u!: %!FUNC! -' });
    expect(f.ifrLogs[0]!.records).toHaveLength(4);
    expect(f.ifrLogs[0]!.records[0]).toMatchObject({ sequence: 36844, function: 'FxPowerIdleMachine::ProcessEventLocked' });
    // The doc's excerpt stops at `...`: the log is kept and the missing end is reported.
    expect(f.diagnostics.map((d) => d.code)).toEqual(['truncated-block']);
  });

  it('reads the custom level prefix form (no prompt, recognised from the header)', () => {
    const f = ingestText(fixture('wdflogdump/usbip-x64-level-prefix.log'));
    expect(f.blocks.map((b) => b.family)).toEqual(['wdflogdump']);
    expect(f.ifrLogs[0]!.records[2]).toMatchObject({
      level: 'TRACE_LEVEL_INFORMATION',
      function: 'FxPowerIdleMachine::ProcessEventLocked',
      message: 'WDFDEVICE 0x00003A77EB5C2558 !devobj 0xFFFFC5880DA312C0 entering power idle state FxIdleDecrementIo from FxIdleBusy',
    });
  });

  it('recognises a headless log whose records carry a time before the function (corpus)', () => {
    const f = ingestText(corpus('clean/identinator-21-wdflogdump-timestamped.txt'));
    expect(f.blocks.map((b) => [b.family, b.parsed])).toEqual([['wdflogdump', true]]);
    const recs = f.ifrLogs[0]!.records;
    expect(recs[0]).toMatchObject({
      sequence: 322,
      time: '10/14/2022-19:43:25.7797627',
      function: 'FxPkgPnp::PnpEnterNewState',
      message: expect.stringContaining('WDFDEVICE 0x000069706AEE1338 !devobj 0xFFFF968F7C0F99F0'),
    });
    expect(recs.map((r) => r.sequence)).toEqual([322, 323, 324, 325, 326, 327, 328]);
  });

  it('reads merged logs with a log name before the sequence', () => {
    const f = ingestText(fixture('wdflogdump/rcdr-merged-streams.log'));
    expect(f.ifrLogs[0]!.records.map((r) => [r.stream, r.sequence, r.function])).toEqual([
      ['03 RUNDOWN', 6, 'Controller_RetrievePciData'],
      ['03 RUNDOWN', 7, 'Controller_RetrievePciData'],
      ['03 SLT01 DCI03', 89911, 'TransferRing_DispatchEventsAndReleaseLock'],
    ]);
  });

  it('parses the three record forms', () => {
    expect(parseIfrLine('11995: FxPoolDump - FxPoolDump: NonPagedBytes 136')).toEqual({ sequence: 11995, function: 'FxPoolDump', message: 'FxPoolDump: NonPagedBytes 136' });
    // tracefmt's default prefix with a time (form written from the prefix definition, no capture found).
    expect(parseIfrLine('[1]0004.0050::04/19/2019-10:12:34.123 [wdf01000]FxPoolDump - FX_POOL 0x1 leaked')).toEqual({
      time: '04/19/2019-10:12:34.123',
      component: 'wdf01000',
      function: 'FxPoolDump',
      message: 'FX_POOL 0x1 leaked',
    });
    expect(parseIfrLine('12: 2024-06-26 10:00:01.5 FxPoolDump - x')).toMatchObject({ sequence: 12, time: '2024-06-26 10:00:01.5', function: 'FxPoolDump' });
    expect(parseIfrLine('[0]0000 TRACE_LEVEL_ERROR FxObject::Release:Dropped')).toEqual({ level: 'TRACE_LEVEL_ERROR', function: 'FxObject::Release', message: 'Dropped' });
    expect(parseIfrLine('There are 75 log entries')).toBeUndefined();
    expect(parseIfrLine('a long sentence with many words 12: no', true)).toBeUndefined();
  });
});

describe('!wdfcrashdump', () => {
  it('reads the driver from the header and its log', () => {
    const f = ingestText(fixture('wdfcrashdump/ebpfcore-log-x64.log'));
    expect(f.blocks[0]!.family).toBe('wdfcrashdump');
    expect(f.ifrLogs[0]).toMatchObject({ driver: 'EbpfCore', declaredEntries: 22 });
    expect(f.ifrLogs[0]!.records[1]!.message).toContain('from driver globals FFFF8505B4F6E270');
  });

  it('reads the loader table as driver facts', () => {
    const f = ingestText(fixture('wdfcrashdump/loader-x86.log'));
    expect(f.wdfDrivers.map((d) => [d.name, d.version, d.build, d.globals])).toEqual([
      ['Wdf01000', 'v1.9', '6902', undefined],
      ['msisadrv', 'v1.9', '6913', '84deb260'],
      ['vdrvroot', 'v1.9', '6913', '860e8260'],
      ['storflt', 'v1.5', '6000', '861dfe90'],
      ['cdrom', 'v1.9', '6913', '84dca008'],
    ]);
    expect(f.ifrLogs).toEqual([]);
    expect(f.diagnostics).toEqual([]);
  });

  it('keeps the recorder logs !rcdrlogdump lists, with their ids and sizes (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-rcdrlogdump-usbxhci-merged.txt'));
    expect(f.ifrLogs).toHaveLength(1);
    const log = f.ifrLogs[0]!;
    expect(log.driver).toBe('usbxhci');
    expect(log.available).toHaveLength(10);
    expect(log.available![0]).toEqual({ address: 'fffffa8005ff2b60', id: '03 SLT02 DCI04', size: 1024 });
    expect(log.available!.slice(6).map((a) => [a.id, a.size])).toEqual([
      ['03 CMD', 1024],
      ['03 INT00', 1024],
      ['03 RUNDOWN', 512],
      ['03 1033 0194', 1024],
    ]);
    expect(log.records.map((r) => r.stream)).toContain('03 SLT01 DCI04');
    expect(f.diagnostics).toEqual([]);
  });

  it('keeps the address of the one recorder log read with -a (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-rcdrlogdump-usbxhci-single-buffer.txt'));
    expect(f.ifrLogs).toHaveLength(1);
    expect(f.ifrLogs[0]).toMatchObject({ driver: 'usbxhci', address: 'fffffa8005ff2b60' });
    expect(f.ifrLogs[0]!.available).toBeUndefined();
    expect(f.diagnostics).toEqual([]);
  });

  it('keeps the size of the log buffer read (`Gather log: ... (reading 4024 bytes)`) (corpus)', () => {
    for (const name of ['clean/msdocs-acxkd-wdflogdump-f-acxhdaudio.txt', 'clean/usbip-win2-52-wdflogdump-f-framework.txt']) {
      const f = ingestText(corpus(name));
      expect(f.ifrLogs.map((l) => l.bufferBytes)).toEqual([4024]);
    }
  });

  it('keeps why no log could be read: a WDM driver, an image not loaded (corpus)', () => {
    const f = ingestText(corpus('clean/usbip-win2-34-wdflogdump-wdm-warning.txt'));
    const block = f.blocks.find((b) => b.command === '!wdfkd.wdflogdump usbip2_ude -d');
    expect(block).toMatchObject({ family: 'wdflogdump', parsed: true, lines: [6, 12] });
    expect(f.ifrLogs).toHaveLength(1);
    expect(f.ifrLogs[0]).toEqual({
      driver: 'usbip2_ude',
      kind: 'driver',
      records: [],
      searchPath: '%TEMP%',
      unavailable: {
        reasons: ['wdm-driver', 'image-not-loaded', 'no-framework-image'],
        image: '\\SystemRoot\\System32\\DriverStore\\FileRepository\\usbip2_ude.inf_amd64_c58d60c2ac484616\\usbip2_ude.sys',
        error: 'Win32 error 0n2',
      },
      provenance: { source: '<text>', block: block!.index, command: '!wdfkd.wdflogdump usbip2_ude -d', lines: [7, 12] },
    });
    expect(f.diagnostics.filter((d) => d.line >= 6)).toEqual([]);
  });
});

describe('!wdfcrashdump (UMDF)', () => {
  it('keeps the faulting driver, the failure, the thread, the minidump and the host process drivers (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-wdfcrashdump-umdf.txt'));
    expect(f.blocks[0]).toMatchObject({ family: 'wdfcrashdump', parsed: true, prompt: '0:001>' });
    expect(f.wdfDrivers).toHaveLength(1);
    const { provenance, ...driver } = f.wdfDrivers[0]!;
    expect(driver).toEqual({
      name: 'wpptest.dll',
      image: 'wpptest.dll',
      framework: 'UMDF',
      failure: { minidump: 'C:\\temp\\WudfHost_ext__1312.dmp', type: 'Unhandled Exception', code: 'WUDFUnhandledException', thread: '2840' },
      hostDrivers: ['wpptest', 'CoverageCx0102', 'coverage', 'WUDFVhidmini', 'ToastMon', 'WUDFOsrUsbFilter'],
    });
    expect(provenance.lines).toEqual([3, 17]);
    expect(f.diagnostics).toEqual([]);
  });
});
