// Search quality on the real index of the built site (site/dist/search-index.json): queries a driver or
// support engineer types, each with the page it must find among the first three results.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSearchIndex, searchIndex, type LoadedIndex } from '../../../site/src/lib/search/query.js';
import { DIST } from './crawl.js';

let loaded: LoadedIndex;
beforeAll(() => {
  loaded = loadSearchIndex(JSON.parse(readFileSync(join(DIST, 'search-index.json'), 'utf8')));
});

const top3 = (q: string): string[] => searchIndex(loaded, q, 3).hits.map((h) => h.u);

/** [query, page that must be in the top 3]. */
const QUERIES: ReadonlyArray<readonly [string, string]> = [
  // The four spellings of one object type.
  ['spinlock', 'reference/fx-types/#FX_TYPE_SPIN_LOCK'],
  ['spin lock', 'reference/fx-types/#FX_TYPE_SPIN_LOCK'],
  ['WDFSPINLOCK', 'reference/fx-types/#FX_TYPE_SPIN_LOCK'],
  ['FX_TYPE_SPIN_LOCK', 'reference/fx-types/#FX_TYPE_SPIN_LOCK'],
  ['spinlock', 'reference/apis/#WdfSpinLockCreate'],
  // Pool tags and the driver tag rule.
  ['amda', 'reference/pool-tags/#driver-tag-rule'],
  ['amda', 'cases/acp-workitem-leak/'],
  ['IoWI', 'reference/pool-tags/#tag-IoWI'],
  ['FxDr', 'reference/pool-tags/#tag-FxDr'],
  ['DriverPoolTag', 'reference/pool-tags/#driver-tag-rule'],
  ['pool tag calculator', 'reference/pool-tags/#driver-tag-rule'],
  // Symbols and values pasted from WinDbg.
  ['0x1025', 'reference/fx-types/#FX_TYPE_WORKITEM'],
  ['amdacpbus2', 'cases/acp-workitem-leak/'],
  ['AcpDspSwInterruptDpc', 'cases/acp-workitem-leak/'],
  ['Wdf01000!FxPoolAllocator+0x81', 'cases/acp-workitem-leak/'],
  ['_POOL_HEADER', 'reference/layouts/pool-header/#struct-_POOL_HEADER'],
  ['_FX_DRIVER_GLOBALS', 'reference/layouts/fx-driver-globals/#struct-_FX_DRIVER_GLOBALS'],
  ['FxObject', 'reference/layouts/fxobject/#struct-FxObject'],
  ['DELETECALLED', 'reference/layouts/fxobject-enums/#enum-FXOBJECT_FLAGS'],
  // Facts a signature reads, by the name a contributor writes in a condition or a placeholder.
  ['iowiRatio', 'reference/facts/#tag-companion'],
  ['iowiRatio', 'reference/facts/#tag-companion'],
  ['kmdfVerifier', 'reference/facts/#driver-kmdfVerifier'],
  // APIs.
  ['WdfWorkItemCreate', 'reference/apis/#WdfWorkItemCreate'],
  ['work item', 'signatures/workitem-created-in-dpc/'],
  ['WdfObjectDelete', 'reference/apis/#WdfObjectDelete'],
  ['WdfRequestComplete', 'reference/apis/#WdfRequestComplete'],
  ['WdfDeviceOpenRegistryKey', 'reference/apis/#WdfDeviceOpenRegistryKey'],
  ['WdfTimerCreate', 'reference/apis/#WdfTimerCreate'],
  ['WDFTIMER', 'reference/fx-types/#FX_TYPE_TIMER'],
  // Symptoms in words → the signature.
  ['work item created in DPC', 'signatures/workitem-created-in-dpc/'],
  ['WDFLEAK-0001', 'signatures/workitem-created-in-dpc/'],
  ['IoWI tracks driver tag', 'signatures/iowi-tracks-driver-tag/'],
  ['registry key not closed', 'signatures/device-registry-key-not-closed/'],
  ['request completed not deleted', 'signatures/request-completed-not-deleted/'],
  ['timer created repeatedly', 'signatures/timer-dpc-created-repeatedly/'],
  ['verifier leak at unload', 'signatures/kmdf-verifier-leak-at-unload/'],
  ['bug check 0xC4', 'signatures/verifier-pool-leak-at-unload/'],
  ['excessive objects', 'signatures/kmdf-verifier-excessive-objects/'],
  ['WDFMEMORY buffer', 'signatures/wdfmemory-buffer-separate-tag/'],
  ['driver parented objects', 'signatures/driver-parented-objects-accumulate/'],
  ['deleted object still referenced', 'signatures/deleted-object-still-referenced/'],
  ['one tag dominates nonpaged pool', 'signatures/tag-dominates-nonpaged-single-size/'],
  ['dpc', 'signatures/workitem-created-in-dpc/'],
  // Pages.
  ['paste windbg output', 'analyzer/'],
];

describe('search quality', () => {
  it('has at least 30 queries', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(QUERIES)('%s → %s in the top 3', (query, page) => {
    expect(top3(query)).toContain(page);
  });

  it('finds the same things for spinlock, spin lock, WDFSPINLOCK and FX_TYPE_SPIN_LOCK', () => {
    const sets = ['spinlock', 'spin lock', 'WDFSPINLOCK', 'FX_TYPE_SPIN_LOCK'].map((q) => new Set(top3(q).slice(0, 2)));
    for (const s of sets) expect([...s].sort()).toEqual(['reference/apis/#WdfSpinLockCreate', 'reference/fx-types/#FX_TYPE_SPIN_LOCK']);
  });

  it('counts the same matches whatever the number shown (header dropdown and search page)', () => {
    for (const q of ['work item', 'amda', 'leak']) {
      const header = searchIndex(loaded, q, 8);
      const page = searchIndex(loaded, q, 50);
      expect(header.total).toBe(page.total);
      expect(header.hits.length).toBe(Math.min(8, header.total));
      expect(page.hits.slice(0, header.hits.length)).toEqual(header.hits);
    }
  });
});
