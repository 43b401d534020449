import { describe, expect, it } from 'vitest';
import { fxTypeByName } from '../../engine/reference/fx-types.js';
import {
  apisAnsweringFxType,
  apisForHandleType,
  apisStoringFxType,
  WDF_API_NAMES,
  WDF_OBJECT_APIS,
  WDF_OBJECT_APIS_DOCUMENT,
  wdfApi,
} from '../../engine/reference/wdf-object-apis.js';
import { parseCsv, readReferenceSource } from './reference-sources.js';

const CSV = 'wdf-object-apis.csv';

// Paths the csv names without a folder or with a wildcard, and what the JSON cites instead.
const PATH_EXCEPTIONS: Record<string, string | null> = {
  'fxcollection.hpp': null, // the csv gives no folder; not cited
  'shared/core/fxmemorybufferfrompool.*': 'shared/core/fxmemorybufferfrompool.cpp',
};

describe(
  'wdf-object-apis.json against rules/reference/sources/wdf-object-apis.csv',
  () => {
    const rows = parseCsv(readReferenceSource(CSV));

    it('has every row, in order, with its handle type and the FX types of the csv', () => {
      expect(rows).toHaveLength(33);
      expect(WDF_OBJECT_APIS.map((a) => a.api)).toEqual(rows.map((r) => r.create_api));
      for (const r of rows) {
        const a = wdfApi(r.create_api!)!;
        expect(a.handleType, a.api).toBe(r.object_type);
        const m = /^(?:m_Type=)?(\w+) \((0x[0-9A-F]+)\)(?:; QI(?: type)? (\w+) \((0x[0-9A-F]+)\))?$/i.exec(r.fx_type_name!)!;
        expect(m, r.fx_type_name).not.toBeNull();
        expect([a.fxType, a.fxTypeValue], a.api).toEqual([m[1], parseInt(m[2]!, 16)]);
        expect(a.qiType, a.api).toBe(m[3]);
        if (m[4]) expect(a.qiTypeValue, a.api).toBe(parseInt(m[4], 16));
        // The value stored in m_Type is the one fx-types.json gives that name.
        expect(fxTypeByName(a.fxType)!.value, a.api).toBe(a.fxTypeValue);
      }
    });

    it('reads the delete column: which calls delete, and who cannot delete', () => {
      for (const r of rows) {
        const a = wdfApi(r.create_api!)!;
        const text = r.delete_api!;
        if (/^(not deletable|never by driver)/.test(text)) {
          expect(a.delete.apis, a.api).toEqual([]);
          expect(a.delete.driverDeletable, a.api).toBe('no');
        } else if (text === 'unverified') {
          expect(a.delete.driverDeletable, a.api).toBe('unverified');
        } else {
          const named = ['WdfRegistryClose', 'WdfObjectDelete'].filter((n) => text.includes(n));
          expect([...a.delete.apis].sort(), a.api).toEqual(named.sort());
        }
        if (/parent deletion|parent is deleted|device deletion|enabler deletion|deleted with/.test(text)) {
          expect(a.delete.withParent, a.api).toBe(true);
        }
      }
      // Rows whose delete rule depends on the object (hand-checked): queues and devices.
      expect(wdfApi('WdfIoQueueCreate')!.delete.driverDeletable).toBe('conditional');
      expect(wdfApi('WdfDeviceCreate')!.delete.driverDeletable).toBe('conditional');
      expect(wdfApi('WdfDriverCreate')!.delete.withParent).toBe(false);
    });

    it('reads the default parent column into a parent kind', () => {
      for (const r of rows) {
        const a = wdfApi(r.create_api!)!;
        const p = r.default_parent!;
        const kind = /REQUIRED/.test(p)
          ? 'required'
          : /^none \(root/.test(p)
            ? 'root'
            : /^unverified/.test(p)
              ? 'unverified'
              : /^MemoryAttributes->ParentObject given at WdfLookasideListCreate/.test(p)
                ? 'lookaside-setting'
                : /^"?WDFDRIVER/.test(p)
                  ? 'driver'
                  : /^the WDFDMAENABLER/.test(p)
                    ? 'dma-enabler'
                    : /^the WDFUSBDEVICE/.test(p)
                      ? 'usb-device'
                      : /^the WDFWMIPROVIDER/.test(p)
                        ? 'wmi-provider'
                        : /^(the WDFDEVICE passed|device's internal FxPkgIo)/.test(p)
                          ? 'device'
                          : 'unmapped';
        expect(a.defaultParent.kind, `${a.api}: ${p}`).toBe(kind);
        expect(a.parentRequired, a.api).toBe(kind === 'required');
        if (/NOT allowed|not allowed/.test(p)) expect(a.defaultParent.parentObject, a.api).toBe('not-allowed');
      }
    });

    it('reads the IRQL column, the run-time checks and the notes that carry data', () => {
      for (const r of rows) {
        const a = wdfApi(r.create_api!)!;
        const irql = r.max_irql_create!;
        expect(a.maxIrql, a.api).toBe(/^(\w+_LEVEL)/.exec(irql)![1]);
        const paged = /; (\w+_LEVEL) \(Paged\)/.exec(irql)?.[1];
        expect(a.maxIrqlPaged, a.api).toBe(paged);
        const notes = r.notes!;
        const runtime = /no runtime IRQL check/.test(notes) ? 'no' : /runtime/.test(notes) ? 'yes' : undefined;
        if (runtime) expect(a.irqlRuntimeCheck, a.api).toBe(runtime);
        if (/IoWI/.test(notes)) expect(a.companions?.map((c) => c.tag), a.api).toEqual(['IoWI']);
        const flags = /Flags after create = (0x[0-9a-f]+)/.exec(notes)?.[1];
        expect(a.flagsAfterCreate, a.api).toBe(flags);
        if (/Default leak-detection type/.test(notes)) expect(a.verifierLeakDetection, a.api).toBe('default-type');
        const src = /src=MS-WDF ([^;]*)/.exec(notes)?.[1];
        if (src) {
          const cited = a.sources.filter((s) => s.ref === 'MS-WDF').flatMap((s) => s.paths ?? []);
          const parts = src.split(' + ').map((x) => x.replace(/\s*\(.*$/, '').trim()); // a note in parentheses may hold a ';'
          const folder = parts[0]!.replace(/[^/]+$/, '');
          for (const part of parts) {
            // "shared/core/a.cpp + b.cpp + km/c.cpp": later parts are relative to the first one's folder.
            const p = /^(shared|kmdf)\//.test(part) ? part : folder + part;
            const expected = p in PATH_EXCEPTIONS ? PATH_EXCEPTIONS[p] : part in PATH_EXCEPTIONS ? PATH_EXCEPTIONS[part] : p;
            if (expected !== null) expect(cited, `${a.api} cites ${p}`).toContain(expected);
          }
        }
      }
      // Hand-checked: the csv gives the paged IRQL for WdfRegistryCreateKey as "same as WdfRegistryOpenKey".
      expect(wdfApi('WdfRegistryCreateKey')!.irqlRuntimeCheck).toBe('yes');
    });
  },
);

describe('wdf-object-apis.json on its own', () => {
  it('cites only sources the document lists', () => {
    const ids = new Set(WDF_OBJECT_APIS_DOCUMENT.sources.map((s) => s.id));
    for (const a of WDF_OBJECT_APIS) for (const s of a.sources) expect(ids.has(s.ref), `${a.api} → ${s.ref}`).toBe(true);
  });

  it('finds APIs by name (imp_ prefix too), by FX type and by handle type', () => {
    expect(wdfApi('imp_WdfWorkItemCreate')!.api).toBe('WdfWorkItemCreate');
    expect(wdfApi('wdfworkitemcreate')!.fxTypeValue).toBe(0x1025);
    expect(apisStoringFxType('FX_TYPE_OBJECT').map((a) => a.handleType)).toEqual(['WDFMEMORY', 'WDFMEMORY', 'WDFMEMORY', 'WDFMEMORY']);
    expect(apisAnsweringFxType('FX_TYPE_IO_TARGET_REMOTE').map((a) => a.api)).toEqual(['WdfIoTargetCreate']);
    expect(apisForHandleType('WDFKEY').map((a) => a.api)).toEqual([
      'WdfRegistryOpenKey',
      'WdfRegistryCreateKey',
      'WdfDeviceOpenRegistryKey',
      'WdfDriverOpenParametersRegistryKey',
    ]);
    expect(WDF_API_NAMES.has('WdfRegistryClose')).toBe(true);
    expect(WDF_API_NAMES.has('WdfRequestComplete')).toBe(false);
  });

  it('records the work item facts the ACP case relies on', () => {
    const wi = wdfApi('WdfWorkItemCreate')!;
    expect(wi).toMatchObject({
      fxType: 'FX_TYPE_WORKITEM',
      fxTypeHex: '0x1025',
      parentRequired: true,
      maxIrql: 'DISPATCH_LEVEL',
      irqlRuntimeCheck: 'no',
      flagsAfterCreate: '0x819',
      defaultParent: { kind: 'required', ancestor: 'device' },
    });
    expect(wi.companions).toEqual([expect.objectContaining({ kind: 'pool', tag: 'IoWI', perObject: 1 })]);
    // WdfDeviceOpenRegistryKey: parented to the driver, so device removal does not free it.
    expect(wdfApi('WdfDeviceOpenRegistryKey')!.defaultParent).toMatchObject({ kind: 'driver', parentObject: 'not-allowed' });
  });
});
