import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';
import { parseTreeRow } from '../../../engine/ingest/wdfkd/lines.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');

describe('!wdfhandle', () => {
  it('reads the old x86 layout and its typed child tree, merging the dumped handle with its tree row', () => {
    const f = ingestText(fixture('wdfhandle/legacy-x86-device-tree.log'));
    expect(f.blocks[0]).toMatchObject({ family: 'wdfhandle', parsed: true });
    expect(f.wdfHandles).toHaveLength(6);
    const dev = f.wdfHandles[0]!;
    expect(dev).toMatchObject({
      handle: '7ca7b1c0',
      handleType: 'WDFDEVICE',
      object: '83584e38', // from the `!wdfobject 0x83584e38` link the output prints
      depth: 0,
      contexts: [{ address: '83584ff8', type: 'ROOT_CONTEXT', size: 1 }],
    });
    expect(dev.children).toEqual(['7ccfb058', '7cadb058', '7c72f0c8', '7cc090c8', '7c9630b8']);
    expect(f.wdfHandles.slice(1).map((h) => h.handleType)).toEqual(['WDFCMRESLIST', 'WDFCMRESLIST', 'WDFCHILDLIST', 'WDFCHILDLIST', 'WDFIOTARGET']);
    for (const c of f.wdfHandles.slice(1)) expect(c).toMatchObject({ depth: 1, parent: '7ca7b1c0', parentType: 'WDFDEVICE' });
    expect(f.wdfHandles[1]!.provenance.lines).toEqual([11, 11]);
    expect(f.diagnostics).toEqual([]);
  });

  it('reads the 0xff child tree of x64: one fact per handle with depth, parent, dt class and pointer', () => {
    const f = ingestText(fixture('wdfhandle/acx-x64-driver-tree.log'));
    const by = new Map(f.wdfHandles.filter((h) => h.handle).map((h) => [h.handle, h]));
    const driver = by.get('000049f6bfe9d5d8')!;
    expect(driver).toMatchObject({ handleType: 'WDFDRIVER', refcount: 1, fxClass: 'FxDriver', object: 'ffffb60940162a20', depth: 0 });
    expect(driver.children).toEqual(['000049f6bffba488', '000049f6bef1a848']);
    // A work item under the FDO, and one under an ACX circuit object of the PDO.
    expect(by.get('000049f6c09e7ed8')).toMatchObject({
      fxClass: 'FxWorkItem',
      object: 'ffffb6093f618120',
      depth: 2,
      parent: '000049f6bffba488',
      parentType: 'WDFDEVICE',
      contexts: [{ address: 'ffffb6093f618220' }],
    });
    expect(by.get('000049f6bfc27d98')).toMatchObject({
      fxClass: 'FxWorkItem',
      object: 'ffffb609403d8260',
      depth: 3,
      parent: '000049f6bf436b88',
      callbacks: [{ kind: 'EvtCleanupCallback', address: 'fffff8038a4a47d0' }],
    });
    expect(by.get('000049f6bf436b88')).toMatchObject({ customTypes: ['ACXCIRCUIT'], fxClass: 'FxUserObject', depth: 2 });
    expect(by.get('000049f6beff0958')!.customTypes).toEqual(['ACXELEMENT', 'ACXMUTE']);
    expect(by.get('000049f6beff0798')).toMatchObject({ depth: 4, parent: '000049f6beff0958' });
    // The queue hangs under the internal FxPkgIo: its handle parent is the device, its direct parent the package.
    expect(by.get('000049f6c00114b8')).toMatchObject({ depth: 3, parent: '000049f6bffba488', parentObject: 'ffffb6093f6d2400', fxClass: 'FxIoQueue' });
    const pkgIo = f.wdfHandles.find((h) => h.fxClass === 'FxPkgIo')!;
    expect(pkgIo).toMatchObject({ handle: '', internal: true, object: 'ffffb6093f6d2400', children: ['000049f6c00114b8'] });
    expect(f.wdfHandles).toHaveLength(16);
    expect(f.diagnostics).toEqual([]);
  });

  it('reads type with custom type, refcount, parent, owning device and the object link', () => {
    const f = ingestText(fixture('wdfhandle/acx-x64-acxmanager.log'));
    expect(f.wdfHandles).toHaveLength(1);
    expect(f.wdfHandles[0]).toMatchObject({
      handle: '000049f6c3c769f8',
      handleType: 'WDFOBJECT',
      customTypes: ['ACXMANAGER'],
      refcount: 2,
      parent: '000049f6d4e2d5c8',
      parentType: 'WDFDEVICE',
      owningDevice: '000049f6d4e2d5c8',
      object: 'ffffb6093c389600',
    });
    expect(f.wdfHandles[0]!.contexts).toHaveLength(2);
    expect(f.wdfHandles[0]!.callbacks).toHaveLength(2);
  });

  it('is recognised without its prompt from `Dumping WDFHANDLE`, also as !wdfkd.wdfhandle', () => {
    const noPrompt = fixture('wdfhandle/acx-x64-acxmanager.log').split('\n').slice(3).join('\n');
    expect(ingestText(noPrompt).wdfHandles[0]!.handle).toBe('000049f6c3c769f8');
    const prefixed = fixture('wdfhandle/acx-x64-acxmanager.log').replace('!wdfhandle', '!wdfkd.wdfhandle');
    expect(ingestText(prefixed).blocks[0]!.family).toBe('wdfhandle');
  });

  it('reports lines it does not know, capped, and never throws on junk', () => {
    const junk = ['0: kd> !wdfhandle 0x1234', ...Array.from({ length: 30 }, (_, i) => `garbage line ${i} \u0000\uffff`)].join('\n');
    const f = ingestText(junk);
    const d = f.diagnostics.filter((x) => x.code === 'unrecognised-line');
    expect(d).toHaveLength(21);
    expect(d[20]!.message).toMatch(/^10 more lines/);
    expect(f.diagnostics.some((x) => x.code === 'empty-output')).toBe(true);
  });
});

describe('tree rows', () => {
  it('splits a row into verb type, handle, class, pointer, contexts and callbacks', () => {
    expect(parseTreeRow('        !wdfdevice 0x000049f6bef1a848  dt FxDevice 0xffffb609410e57b0 Context ffffb609410e5aa0 Cleanup fffff8038a3e6400')).toEqual({
      indent: 8,
      handle: '000049f6bef1a848',
      handleType: 'WDFDEVICE',
      internal: false,
      fxClass: 'FxDevice',
      object: 'ffffb609410e57b0',
      contexts: [{ address: 'ffffb609410e5aa0' }],
      callbacks: [{ kind: 'EvtCleanupCallback', address: 'fffff8038a3e6400' }],
    });
    expect(parseTreeRow('    !wdfdevicequeues 0x000049f6bffba488')).toBeUndefined();
    expect(parseTreeRow('    WDFDEVICE 12')).toBeUndefined();
    expect(parseTreeRow('Handle type is WDFDRIVER')).toBeUndefined();
  });
});
