import { describe, expect, it } from 'vitest';
import { compareSignatures, evidenceDescription, fixtureEntries, groupFixtures, subjectWithArticle, unknownSignatures } from '../../site/src/lib/signature-view.js';
import { templateParts } from '../../engine/findings/template.js';
import type { Signature } from '../../engine/types/signature.js';
import { signaturesOnDisk } from './helpers.js';

describe('groupFixtures', () => {
  it('groups fixture paths by slug and direction, sorted, ignoring other files', () => {
    const groups = groupFixtures([
      '../../../rules/signatures/workitem-created-in-dpc/positive/acp.log',
      '../../../rules/signatures/workitem-created-in-dpc/negative/timer.log',
      '../../../rules/signatures/workitem-created-in-dpc/positive/a-first.log',
      '../../../rules/signatures/workitem-created-in-dpc/positive/x64/nested.log',
      '../../../rules/signatures/iowi-tracks-driver-tag/negative/healthy.log',
      '../../../rules/signatures/workitem-created-in-dpc.json',
      '../../../rules/signatures/other/README.md',
    ]);
    expect(Object.fromEntries(groups)).toEqual({
      'workitem-created-in-dpc': { positive: ['a-first.log', 'acp.log', 'x64/nested.log'], negative: ['timer.log'] },
      'iowi-tracks-driver-tag': { positive: [], negative: ['healthy.log'] },
    });
  });
});

describe('templateParts', () => {
  it('splits a next-step template into text and placeholders', () => {
    expect(templateParts('dt Wdf01000!FxWorkItem {blocks.sampleAddress}+{blocks.fxObjectOffsetHex}')).toEqual([
      { text: 'dt Wdf01000!FxWorkItem ', placeholder: false },
      { text: 'blocks.sampleAddress', placeholder: true },
      { text: '+', placeholder: false },
      { text: 'blocks.fxObjectOffsetHex', placeholder: true },
    ]);
  });
  it('leaves WinDbg braces that are not placeholders alone', () => {
    expect(templateParts('bp nt!ExAllocatePool2 ".if (@r8 == 0x61646d61) {} .else {gc}"')).toEqual([
      { text: 'bp nt!ExAllocatePool2 ".if (@r8 == 0x61646d61) {} .else ', placeholder: false },
      { text: 'gc', placeholder: true },
      { text: '"', placeholder: false },
    ]);
  });
});

describe('ordering and lookups', () => {
  const sig = (id: string, severity: Signature['severity'], status: Signature['status']) => ({ id, severity, status }) as Signature;

  it('orders by severity, then status, then id', () => {
    const list = [sig('WDFLEAK-0003', 'high', 'test'), sig('WDFLEAK-0002', 'medium', 'stable'), sig('WDFLEAK-0001', 'high', 'stable'), sig('WDFLEAK-0004', 'high', 'stable')];
    expect(list.sort(compareSignatures).map((s) => s.id)).toEqual(['WDFLEAK-0001', 'WDFLEAK-0004', 'WDFLEAK-0003', 'WDFLEAK-0002']);
  });

  it('describes evidence ids from the signature', () => {
    const workitem = signaturesOnDisk().find((s) => s.slug === 'workitem-created-in-dpc')!;
    expect(evidenceDescription(workitem, 'never-deleted')).toMatch(/DELETECALLED/);
    expect(evidenceDescription(workitem, 'no-such-id')).toBe('no-such-id');
    expect(evidenceDescription(workitem, undefined)).toBeUndefined();
  });

  it('finds cited signatures that do not exist', () => {
    expect(unknownSignatures(['a', 'b'], new Set(['a']))).toEqual(['b']);
  });
});

describe('subjectWithArticle', () => {
  it('says "an object type" and "a pool tag"', () => {
    expect(subjectWithArticle('object-type')).toBe('an object type');
    expect(subjectWithArticle('tag')).toBe('a pool tag');
    expect(subjectWithArticle('unload')).toBe('a driver unload report');
    expect(subjectWithArticle('ioctl')).toBe('an ioctl');
  });
});

describe('fixtureEntries', () => {
  it('gives each transcript its page and its expectation file', () => {
    const entries = fixtureEntries('wi', {
      positive: ['acp.expect.json', 'acp.log', 'x64/b.log'],
      negative: ['near.log', 'README.md'],
    });
    expect(entries).toEqual([
      { direction: 'positive', file: 'acp.log', expect: 'acp.expect.json', page: 'signatures/wi/fixtures/positive/acp/' },
      { direction: 'positive', file: 'x64/b.log', page: 'signatures/wi/fixtures/positive/x64/b/' },
      { direction: 'negative', file: 'near.log', page: 'signatures/wi/fixtures/negative/near/' },
    ]);
  });
});
