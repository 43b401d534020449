import { describe, expect, it } from 'vitest';
import {
  FX_TYPES,
  fxTypeByName,
  fxTypeByValue,
  fxTypesOfHandleType,
  handleTypeOfMType,
  isStorableMType,
} from '../../engine/reference/fx-types.js';
import { WDF_OBJECT_APIS } from '../../engine/reference/wdf-object-apis.js';
import { parseCsv, readReferenceSource } from './reference-sources.js';

const CSV = 'fx-types.csv';

// CSV category tokens → the JSON's visibility (checked by hand against the csv's vocabulary).
const VISIBILITY: Record<string, string> = {
  external: 'external',
  internal: 'internal',
  'external-qi-only': 'external-qi-only',
  'qi-only': 'qi-only',
  interface: 'interface',
  'not-in-objectinfo-table': 'unlisted',
  'not-in-km-objectinfo-table': 'unlisted-km',
};

describe(
  'fx-types.json against rules/reference/sources/fx-types.csv',
  () => {
    const rows = parseCsv(readReferenceSource(CSV));

    it('has every row, in order, with the exact name, hex and value', () => {
      expect(rows).toHaveLength(65);
      expect(FX_TYPES.map((t) => t.name)).toEqual(rows.map((r) => r.name));
      rows.forEach((r, i) => {
        const t = FX_TYPES[i]!;
        expect(t.hex, r.name).toBe(r.value_hex);
        expect(t.value, r.name).toBe(Number(r.value_dec));
        expect(parseInt(t.hex, 16), r.name).toBe(t.value);
      });
    });

    it('carries the range, base, offset, visibility and handle type of the category column', () => {
      for (const r of rows) {
        const t = fxTypeByName(r.name!)!;
        const tokens = r.category!.split(';');
        if (tokens[0] === 'base-enum') {
          expect(t.range, r.name).toBe('base-enum');
          expect(t.visibility).toBe('range-base');
          continue;
        }
        if (tokens[0] === 'sentinel') {
          expect(t.range).toBe('sentinel');
          continue;
        }
        const m = /^(\w+)\((\w+)\+0x([0-9A-F]+)\)$/i.exec(tokens[0]!)!;
        expect(m, r.category).not.toBeNull();
        expect([t.range, t.base, t.offset], r.name).toEqual([m[1], m[2], parseInt(m[3]!, 16)]);
        const vis = tokens.includes('interface') ? 'interface' : tokens.slice(1).find((x) => VISIBILITY[x]);
        expect(t.visibility, r.name).toBe(VISIBILITY[vis!]);
        const handle = tokens.find((x) => x.startsWith('WDF'));
        const hm = handle ? /^(WDF[A-Z]+)(?:\((\w+)\))?$/.exec(handle) : null;
        expect(t.handleType, r.name).toBe(hm?.[1]);
        expect(t.handleQualifier, r.name).toBe(hm?.[2]);
      }
    });

    it('marks as never stored exactly what the csv says is never stored or stored as another type', () => {
      for (const r of rows) {
        const t = fxTypeByName(r.name!)!;
        const c = r.category!;
        if (/never-stored-in-m_Type|m_Type-is-FX_TYPE_OBJECT|qi-only|interface|base-enum|sentinel/.test(c)) {
          expect(t.storedInMType, r.name).toBe('no');
        } else if (/not-in-(km-)?objectinfo-table/.test(c)) {
          expect(t.storedInMType, r.name).toBe('unverified');
        } else {
          expect(t.storedInMType, r.name).toBe('yes');
        }
      }
      // Hand-checked against the csv notes: WDFMEMORY kinds store 0x1000, remote targets 0x1200.
      expect(fxTypeByName('IFX_TYPE_MEMORY')!.storedAs).toBe('FX_TYPE_OBJECT');
      expect(fxTypeByName('FX_TYPE_MEMORY_PREALLOCATED')!.storedAs).toBe('FX_TYPE_OBJECT');
      expect(fxTypeByName('FX_TYPE_REQUEST_MEMORY')!.storedAs).toBe('FX_TYPE_OBJECT');
      expect(fxTypeByName('FX_TYPE_IO_TARGET_REMOTE')!.storedAs).toBe('FX_TYPE_IO_TARGET');
      expect(fxTypeByName('FX_TYPE_OBJECT')!.alsoCarriedBy).toEqual(['WDFMEMORY']);
    });
  },
);

describe('fx-types.json on its own', () => {
  it('keeps every member equal to its base plus its offset', () => {
    for (const t of FX_TYPES.filter((x) => x.base)) {
      expect(fxTypeByName(t.base!)!.value + t.offset!, t.name).toBe(t.value);
    }
  });

  it('looks up by value to the member, never to the FX_*_BASE constant sharing it', () => {
    expect(fxTypeByValue(0x1000)!.name).toBe('FX_TYPE_OBJECT');
    expect(fxTypeByValue(0x1100)!.name).toBe('FX_TYPE_PACKAGE_IO');
    expect(fxTypeByValue(0x1200)!.name).toBe('FX_TYPE_IO_TARGET');
    expect(fxTypeByValue(0x1400)!.name).toBe('FX_TYPE_DMA_ENABLER');
    expect(fxTypeByValue(0x1025)!.name).toBe('FX_TYPE_WORKITEM');
    expect(fxTypeByValue(0x1300)).toBeUndefined(); // abstract range: no member
    expect(fxTypeByValue(0x1005)).toBeUndefined(); // "can be reused" gap
  });

  it('says which values an object can really hold in m_Type', () => {
    expect(isStorableMType(0x1025)).toBe(true);
    expect(isStorableMType(0x1000)).toBe(true);
    expect(isStorableMType(0x100a)).toBe(false); // IFX_TYPE_MEMORY: QueryInterface only
    expect(isStorableMType(0x1201)).toBe(false);
    expect(isStorableMType(0xffff)).toBe(false);
    expect(isStorableMType(0x4242)).toBe(false);
  });

  it('maps m_Type to a handle type, flagging the shared 0x1000', () => {
    expect(handleTypeOfMType(0x1025)).toEqual({ handleType: 'WDFWORKITEM', certain: true });
    expect(handleTypeOfMType(0x1000)).toEqual({ handleType: 'WDFMEMORY', certain: false });
    expect(handleTypeOfMType(0x100b)).toBeUndefined(); // FX_TYPE_IRPQUEUE: internal
    expect(fxTypesOfHandleType('WDFMEMORY').map((t) => t.name)).toEqual([
      'FX_TYPE_OBJECT',
      'IFX_TYPE_MEMORY',
      'FX_TYPE_MEMORY_PREALLOCATED',
      'FX_TYPE_REQUEST_MEMORY',
    ]);
  });

  it('lists create and delete APIs that agree with wdf-object-apis.json', () => {
    for (const t of FX_TYPES) {
      const stored = WDF_OBJECT_APIS.filter((a) => a.fxType === t.name).map((a) => a.api);
      const qi = WDF_OBJECT_APIS.filter((a) => a.qiType === t.name).map((a) => a.api);
      expect(t.createApis, t.name).toEqual(stored);
      expect(t.qiCreateApis, t.name).toEqual(qi);
    }
    expect(fxTypeByName('FX_TYPE_WORKITEM')).toMatchObject({ createApis: ['WdfWorkItemCreate'], deleteApis: ['WdfObjectDelete'] });
    expect(fxTypeByName('FX_TYPE_REG_KEY')!.deleteApis).toEqual(['WdfRegistryClose', 'WdfObjectDelete']);
    expect(fxTypeByName('FX_TYPE_INTERRUPT')!.deleteApis).toEqual([]); // NoDeleteDDI
    expect(fxTypeByName('FX_TYPE_OBJECT')!.createApis).toEqual([
      'WdfMemoryCreate',
      'WdfMemoryCreatePreallocated',
      'WdfMemoryCreateFromLookaside',
      'WdfUsbTargetDeviceCreateUrb',
    ]);
  });
});

describe('framework classes', () => {
  it('maps the classes dt and !wdfhandle print to their FX type and handle type', async () => {
    const { fxTypeOfClass, fxTypeEntryOfHandleType } = await import('../../engine/reference/fx-types.js');
    expect(fxTypeOfClass('FxWorkItem')?.name).toBe('FX_TYPE_WORKITEM');
    expect(fxTypeOfClass('Wdf01000!FxRequest')?.handleType).toBe('WDFREQUEST');
    // Every WDFMEMORY class answers IFX_TYPE_MEMORY (its m_Type is FX_TYPE_OBJECT).
    expect(fxTypeOfClass('FxMemoryBufferFromPool')?.name).toBe('IFX_TYPE_MEMORY');
    expect(fxTypeOfClass('FxRequestMemory')?.handleType).toBe('WDFMEMORY');
    expect(fxTypeOfClass('FxIoTargetRemote')?.handleType).toBe('WDFIOTARGET');
    expect(fxTypeOfClass('FxDmaPacketTransaction')?.handleType).toBe('WDFDMATRANSACTION');
    expect(fxTypeOfClass('FxPkgIo')).toBeUndefined();
    expect(fxTypeEntryOfHandleType('WDFMEMORY')?.name).toBe('IFX_TYPE_MEMORY');
    expect(fxTypeEntryOfHandleType('WDFKEY')?.name).toBe('FX_TYPE_REG_KEY');
  });
});
