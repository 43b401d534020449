import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/windbg/${p}`, import.meta.url), 'utf8');

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
});
