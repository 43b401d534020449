// Object-type subjects from handle trees: counted per driver × handle type, by kind of parent; growth
// only between two prints of the same tree; a `!wdfdriverinfo` device list alone is not a tree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { deriveObjectTypeSubjects } from '../../engine/derive/object-type-subjects.js';
import { KNOWLEDGE } from '../../engine/reference/knowledge.js';

const ROOT = new URL('../../', import.meta.url);
const ACX = readFileSync(new URL('test/fixtures/baseline/acx-hdaudio-healthy.log', ROOT), 'utf8');
const byId = (text: string) => new Map(deriveObjectTypeSubjects(ingestText(text, 't.log'), KNOWLEDGE).map((s) => [s.id, s]));

describe('deriveObjectTypeSubjects', () => {
  it('counts the real ACX hierarchy of Microsoft\'s documentation per type and parent kind', () => {
    const s = byId(ACX);
    expect([...s.keys()]).toEqual([
      'AcxHdAudio/WDFCHILDLIST', 'AcxHdAudio/WDFCMRESLIST', 'AcxHdAudio/WDFDEVICE', 'AcxHdAudio/WDFDPC', 'AcxHdAudio/WDFIOTARGET',
      'AcxHdAudio/WDFOBJECT', 'AcxHdAudio/WDFQUEUE', 'AcxHdAudio/WDFSTRING', 'AcxHdAudio/WDFWORKITEM',
    ]);
    // Six FxDpc rows under the [ACXCIRCUIT] FxUserObject 0x000049f6bf436b88, nothing else has one.
    expect(s.get('AcxHdAudio/WDFDPC')!.facts['handles']).toMatchObject({
      count: 6, driverParented: 0, deviceParented: 0, otherParented: 6, maxUnderOneParent: 6,
      busiestParent: '0x000049f6bf436b88', busiestParentType: 'WDFOBJECT', fxType: 'FX_TYPE_DPC', createApi: 'WdfDpcCreate',
    });
    // FDO and PDO hang under the WDFDRIVER row.
    expect(s.get('AcxHdAudio/WDFDEVICE')!.facts['handles']).toMatchObject({ count: 2, driverParented: 2 });
    // Eight ACX objects: the circuit under the PDO, the rest under other ACX objects; at most four under one.
    expect(s.get('AcxHdAudio/WDFOBJECT')!.facts['handles']).toMatchObject({ count: 8, deviceParented: 1, otherParented: 7, maxUnderOneParent: 4 });
    // Two queues under FxPkgIo rows count for their device (the nearest handle above an internal row).
    expect(s.get('AcxHdAudio/WDFQUEUE')!.facts['handles']).toMatchObject({ count: 5, deviceParented: 4, otherParented: 1 });
    expect(s.get('AcxHdAudio/WDFDPC')!.facts['driver']).toMatchObject({ name: 'AcxHdAudio', devices: 2, handle: '0x000049f6bfe9d5d8', verifierOn: false });
    // One print of the tree: nothing to compare.
    expect(s.get('AcxHdAudio/WDFDPC')!.facts['growth']).toBeUndefined();
  });

  it('a !wdfdriverinfo device list alone gives no object-type subject', () => {
    const onlyInfo = ACX.slice(0, ACX.indexOf('0: kd> !wdfhandle'));
    expect(byId(onlyInfo).size).toBe(0);
  });

  it('growth compares two prints of the same root, never a subtree with the whole tree', () => {
    const tree = ACX.slice(ACX.indexOf('0: kd> !wdfhandle'), ACX.indexOf('0: kd> !wdflogdump'));
    // The same tree twice, the second time with two more strings under the circuit object.
    const more = tree.replace(
      '                !wdfhandle 0x000049f6bf8be8d8  dt FxString 0xffffb60940741720\n',
      '                !wdfhandle 0x000049f6bf8be8d8  dt FxString 0xffffb60940741720\n' +
        '                !wdfhandle 0x000049f6bf8be7c8  dt FxString 0xffffb60940741830\n' +
        '                !wdfhandle 0x000049f6bf8be6b8  dt FxString 0xffffb60940741940\n',
    );
    expect(more).not.toBe(tree);
    const grown = byId(tree + more).get('(unknown driver)/WDFSTRING')!;
    expect(grown.facts['growth']).toMatchObject({ earlier: 2, later: 4, count: 2, growing: true, snapshots: 2 });

    // A subtree printed from the PDO device before the whole tree: not the same root, no growth.
    const pdo = [
      '0: kd> !wdfhandle 0x000049f6bef1a848 0xff',
      'Dumping WDFHANDLE 0x000049f6bef1a848',
      '=============================',
      'Handle type is WDFDEVICE',
      'Refcount: 1',
      'Child WDFHANDLEs of 0x000049f6bef1a848:',
      '    !wdfdevice 0x000049f6bef1a848  dt FxDevice 0xffffb609410e57b0',
      '        !wdfhandle 0x000049f6bf8bf6a8  dt FxString 0xffffb60940740950',
      '',
    ].join('\n');
    expect(byId(pdo + tree).get('(unknown driver)/WDFSTRING')!.facts['growth']).toBeUndefined();
  });
});
