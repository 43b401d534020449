import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');
const corpus = (p: string): string => readFileSync(new URL(`../../corpus/${p}`, import.meta.url), 'utf8');

describe('!wdfobject', () => {
  it('reads class, state, history, handle link, contexts and the tag tracker', () => {
    const f = ingestText(fixture('wdfobject/legacy-x86-fxdevice.log'));
    expect(f.wdfHandles).toHaveLength(1);
    expect(f.wdfHandles[0]).toMatchObject({
      handle: '7ca7b1c0',
      object: '83584e38',
      fxClass: 'FxDevice',
      state: 'FxObjectStateCreated',
      stateValue: 1,
      stateHistory: ['FxObjectStateCreated'],
      tagTracker: '83722d80',
      contexts: [{ address: '83584ff8', type: 'ROOT_CONTEXT', size: 1 }],
    });
    expect(f.wdfHandles[0]!.internal).toBeUndefined();
    expect(f.diagnostics).toEqual([]);
  });

  it('marks an object with no handle link as internal', () => {
    const f = ingestText(['kd> !wdfobject 0xffffb6093f6d2400', 'The type for object 0xffffb6093f6d2400 is FxPkgIo', 'State: FxObjectStateCreated (0x1)'].join('\n'));
    expect(f.wdfHandles[0]).toMatchObject({ handle: '', internal: true, fxClass: 'FxPkgIo', object: 'ffffb6093f6d2400' });
  });

  it('keeps the verifier debug extension and lock of a tracked object (corpus)', () => {
    const f = ingestText(corpus('clean/msdocs-wdfobject-fxdevice-tagtracker.txt'));
    expect(f.wdfHandles).toHaveLength(1);
    expect(f.wdfHandles[0]).toMatchObject({
      handle: '7ca7b1c0',
      object: '83584e38',
      fxClass: 'FxDevice',
      debugExtension: '83584e20',
      tagTracker: '83722d80',
      verifierLock: '831cefa8',
    });
    expect(f.diagnostics).toEqual([]);
  });

  it('does not call an object internal when the paste left its handle line out (corpus, `[...]`)', () => {
    const f = ingestText(corpus('clean/msdn-blog-doronh-track-leaked-references-wdfhandle-wdfobject.txt'));
    const request = f.wdfHandles.find((h) => h.fxClass === 'FxRequest');
    expect(request).toMatchObject({ handle: '', object: '8205d8b0', debugExtension: '8205d898', tagTracker: '82115c98', verifierLock: '81991d08' });
    expect(request!.internal).toBeUndefined();
    expect(f.wdfHandles.find((h) => h.handle === '7dfa26d9')).toMatchObject({ handleType: 'WDFREQUEST', object: '8205d8b0' });
    expect(f.diagnostics.filter((d) => d.message.includes('[...]'))).toEqual([]);
  });
});
