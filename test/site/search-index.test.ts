// The index builder and the query side together, on the repository's real content: the ACP case
// write-up, the signatures and the reference tables.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSearchIndex, type SearchDocument } from '../../site/src/lib/search/build-index.js';
import { loadSearchIndex, searchIndex, usesQuerySyntax } from '../../site/src/lib/search/query.js';
import { apiDocument, caseDocument, fxTypeDocument, poolTagDocument, signatureDocument } from '../../site/src/lib/search-docs.js';
import type { ApisFile, FxTypesFile, PoolTagsFile } from '../../site/src/lib/reference-types.js';
import { acpCase, REPO, signaturesOnDisk } from './helpers.js';

const reference = <T>(name: string): T => JSON.parse(readFileSync(join(REPO, 'rules/reference', name), 'utf8')) as T;

function corpus(): SearchDocument[] {
  const acp = acpCase();
  return [
    caseDocument(acp.slug, acp.data, acp.body),
    ...signaturesOnDisk().map((s) => signatureDocument(s)),
    ...reference<FxTypesFile>('fx-types.json').types.map(fxTypeDocument),
    ...reference<ApisFile>('wdf-object-apis.json').apis.map(apiDocument),
    ...reference<PoolTagsFile>('pool-tags.json').tags.map(poolTagDocument),
    // A case about something else, so a query that hits everything would be caught.
    {
      kind: 'case',
      title: 'Registry keys left open by a USB filter',
      url: 'cases/usb-registry-keys/',
      summary: 'WdfDeviceOpenRegistryKey per plug-in, never closed.',
      body: 'The filter opened the hardware key on every surprise removal and kept the WDFKEY handle.',
      keywords: ['usbfilt', 'WdfRegistryClose'],
    },
  ];
}

describe('site search on the real content', () => {
  const bundle = buildSearchIndex(corpus());
  const loaded = loadSearchIndex(JSON.parse(JSON.stringify(bundle)));
  const urls = (q: string) => searchIndex(loaded, q).hits.map((h) => h.u);

  it.each([
    'FxWorkItem',
    'AcpDspSwInterruptDpc',
    'imp_WdfWorkItemCreate',
    'Wdf01000!FxPoolAllocator',
    '0x1025',
    'IoWI',
    'amda',
    'work item dpc leak',
    'work item dpc',
    'amdacpbus2!AcpDspResponseWorkItem',
    'Wdf01000!FxWorkItem::_Create+0x43',
    'm_ObjectFlags 0x819',
  ])('"%s" finds the ACP case', (q) => {
    expect(urls(q)).toContain('cases/acp-workitem-leak/');
  });

  it('ranks the ACP case first for its DPC', () => {
    expect(urls('AcpDspSwInterruptDpc')[0]).toBe('cases/acp-workitem-leak/');
  });

  it('finds the FX type row for 0x1025 and the API row for WdfWorkItemCreate', () => {
    expect(urls('0x1025')).toContain('reference/fx-types/#FX_TYPE_WORKITEM');
    expect(urls('WdfWorkItemCreate')).toContain('reference/apis/#WdfWorkItemCreate');
  });

  it('does not return the ACP case for a registry-key query', () => {
    const hits = urls('usbfilt');
    expect(hits).toEqual(['cases/usb-registry-keys/']);
  });

  it('search as you type: a prefix finds the identifier', () => {
    expect(urls('AcpDspSw')).toContain('cases/acp-workitem-leak/');
  });

  it('a symbol with another module prefix still finds its words', () => {
    // Not in any document as written; its parts (acp, dsp, interrupt, dpc …) are.
    expect(urls('otherdrv!AcpDspSwInterruptDpc')).toContain('cases/acp-workitem-leak/');
  });

  it('reports a query syntax error politely instead of throwing', () => {
    const outcome = searchIndex(loaded, 'title:leak ~');
    expect(outcome.hits).toEqual([]);
    expect(outcome.error).toMatch(/could not read/);
    const unknownField = searchIndex(loaded, 'nosuchfield:x +dpc');
    expect(unknownField.error).toMatch(/nosuchfield/);
  });

  it('runs lunr syntax when the reader uses it', () => {
    expect(usesQuerySyntax('+dpc -timer')).toBe(true);
    expect(usesQuerySyntax('work*')).toBe(true);
    expect(usesQuerySyntax('title:leak')).toBe(true);
    expect(usesQuerySyntax('FxWorkItem::_Create')).toBe(false);
    expect(usesQuerySyntax('work-item')).toBe(false);
    const titled = searchIndex(loaded, 'title:leak');
    expect(titled.error).toBeUndefined();
    expect(titled.hits.length).toBeGreaterThan(0);
    expect(titled.hits.every((h) => /leak/i.test(h.t))).toBe(true);
    expect(searchIndex(loaded, '+amda +dpc').hits[0]?.u).toBe('cases/acp-workitem-leak/');
  });

  it('returns nothing for an empty query', () => {
    expect(searchIndex(loaded, '   ')).toEqual({ hits: [], total: 0 });
  });

  it('builds the same bytes from the same documents', () => {
    expect(JSON.stringify(buildSearchIndex(corpus()))).toBe(JSON.stringify(bundle));
  });

  it('keeps the result store small: title, url, kind and a cut summary', () => {
    const entry = bundle.store.find((e) => e.u === 'cases/acp-workitem-leak/')!;
    expect(Object.keys(entry).sort()).toEqual(['k', 's', 't', 'u']);
    expect(entry.s!.length).toBeLessThanOrEqual(240);
  });

  it('refuses an index of another format', () => {
    expect(() => loadSearchIndex({ ...bundle, version: 1 } as never)).toThrow(/unknown format/);
  });
});

describe('one result count for the header dropdown and the search page', () => {
  it('states the number of matching pages, and how many are shown when fewer', async () => {
    const { resultCountText } = await import('../../site/src/lib/search/result-count.js');
    expect(resultCountText(' amda ', 2, 2)).toBe('2 results for “amda”.');
    expect(resultCountText('work item', 13, 8)).toBe('13 results for “work item”, the first 8 shown.');
    expect(resultCountText('x', 1, 1)).toBe('1 result for “x”.');
    expect(resultCountText('zzz', 0, 0)).toBe('Nothing found for “zzz”.');
  });
});
