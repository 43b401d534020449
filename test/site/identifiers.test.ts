// Driver identifiers → search terms. Expected terms are written out by hand from the rules in
// site/src/lib/search/identifiers.ts (whole form, scope pieces, bare piece, underscore words, camelCase words, concept forms).
import { describe, expect, it } from 'vitest';
import { conceptTerms, identifierTerms, isIdentifier, joinedPairs, normalizeIdentifier, splitIdentifier } from '../../site/src/lib/search/identifiers.js';

describe('splitIdentifier', () => {
  it.each([
    ['imp_WdfWorkItemCreate', ['imp_wdfworkitemcreate', 'wdfworkitemcreate', 'wdf', 'work', 'item', 'create', 'workitemcreate', 'workitem', 'itemcreate']],
    ['Wdf01000!FxPoolAllocator+0x81', ['wdf01000!fxpoolallocator', 'wdf01000', 'wdf', '01000', 'fxpoolallocator', 'fx', 'pool', 'allocator', 'poolallocator']],
    ['AcpDspSwInterruptDpc', ['acpdspswinterruptdpc', 'acp', 'dsp', 'sw', 'interrupt', 'dpc', 'acpdsp', 'dspsw', 'swinterrupt', 'interruptdpc']],
    ['_FX_DRIVER_GLOBALS', ['_fx_driver_globals', 'fx_driver_globals', 'fx', 'driver', 'globals', 'driverglobals']],
    ['IoWI', ['iowi', 'io', 'wi']],
    ['0x1025', ['0x1025', '1025']],
    ['FxWorkItem::_Create', ['fxworkitem::_create', 'fxworkitem', 'fx', 'work', 'item', 'workitem', '_create', 'create']],
    ['`amdacpbus2!AcpDspResponseWorkItem`,', ['amdacpbus2!acpdspresponseworkitem', 'amdacpbus2', 'amdacpbus', 'acpdspresponseworkitem', 'acp', 'dsp', 'response', 'work', 'item', 'acpdsp', 'dspresponse', 'responsework', 'workitem']],
  ])('%s', (token, terms) => {
    expect(splitIdentifier(token)).toEqual(terms);
  });

  it('gives the spellings of one concept a common term', () => {
    for (const spelling of ['FX_TYPE_SPIN_LOCK', 'WDFSPINLOCK', 'WdfSpinLockCreate', 'FxSpinLock', 'imp_WdfSpinLockCreate']) {
      expect(splitIdentifier(spelling), spelling).toContain('spinlock');
    }
    expect(splitIdentifier('DriverPoolTag')).toContain('pooltag');
    expect(conceptTerms('0x1025')).toEqual([]);
    expect(joinedPairs(['spin', 'lock', 'leak'])).toEqual(['spinlock', 'lockleak']);
    expect(joinedPairs(['0x10', 'lock'])).toEqual([]);
  });

  it('gives nothing for punctuation alone', () => {
    expect(splitIdentifier('``,')).toEqual([]);
  });
});

describe('normalizeIdentifier', () => {
  it('drops edge punctuation and a stack displacement, lowercases', () => {
    expect(normalizeIdentifier('(amdacpbus2!AcpWorkItemCreate+0xd0)')).toBe('amdacpbus2!acpworkitemcreate');
    expect(normalizeIdentifier('FxWorkItem')).toBe('fxworkitem');
  });
});

describe('isIdentifier', () => {
  it.each(['FxWorkItem', 'IoWI', 'imp_WdfWorkItemCreate', 'nt!ExAllocatePool2', '0x1025', 'm_Type', 'Wdf01000', 'DAL3'])('%s is code', (t) => {
    expect(isIdentifier(t)).toBe(true);
  });
  it.each(['work', 'leak', 'The', 'ffffda00`0f16ed30', 'fffff8040591e433', 'https://learn.microsoft.com/a_b', '42', 'x'])('%s is not', (t) => {
    expect(isIdentifier(t)).toBe(false);
  });
});

describe('identifierTerms', () => {
  it('finds the identifiers of a real stack line and skips its addresses', () => {
    // Line 31 of the ACP transcript.
    const line = '0b ffffd68d`7952f030 fffff804`0595dc88     amdacpbus2!AcpDspSwInterruptDpc+0x13c [c:\\constructicon\\builds\\gfx\\five\\24.20\\drivers\\acp\\amdacpbus2\\src\\acp_7_0.c @ 2038] ';
    const terms = identifierTerms(line);
    expect(terms).toContain('amdacpbus2!acpdspswinterruptdpc');
    expect(terms).toContain('acpdspswinterruptdpc');
    expect(terms).toContain('interrupt');
    expect(terms.some((t) => t.includes('ffffd68d') || t.includes('7952f030'))).toBe(false);
  });

  it('adds explicit keywords whatever they look like, first', () => {
    expect(identifierTerms('plain words only', ['amda'])).toEqual(['amda']);
  });

  it('keeps each term once', () => {
    const terms = identifierTerms('FxWorkItem FxWorkItem Wdf01000!FxWorkItem');
    expect(terms.filter((t) => t === 'fxworkitem')).toHaveLength(1);
  });
});
