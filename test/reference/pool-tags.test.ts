import { describe, expect, it } from 'vitest';
import { DRIVER_TAG_RULE, POOL_TAGS, POOL_TAGS_DOCUMENT, poolTagEntry, poolTagEntryByValue } from '../../engine/reference/pool-tags.js';
import { fxTypeByName } from '../../engine/reference/fx-types.js';
import { wdfApi } from '../../engine/reference/wdf-object-apis.js';

describe('pool-tags.json', () => {
  it('holds the tags with their little-endian values (checked by hand from the ASCII bytes)', () => {
    // I=49 o=6f W=57 I=49; F=46 x=78 D=44 r=72; V=56 f=66 w=77 i=69; V=56 M=4d d=64 l=6c; D=44 d=64 k=6b sp=20
    expect(POOL_TAGS.map((t) => [t.tag, t.hex])).toEqual([
      ['IoWI', '0x49576f49'],
      ['FxDr', '0x72447846'],
      ['Vfwi', '0x69776656'],
      ['VMdl', '0x6c644d56'],
      ['Ddk ', '0x206b6444'],
      // C=43 M=4d 3=33 1=31; 2=32 5=35; 1=31 6=36; M=4d m=6d R=52 e=65; C=43 c=63 P=50 D=44
      ['CM31', '0x31334d43'],
      ['CM25', '0x35324d43'],
      ['CM16', '0x36314d43'],
      ['MmRe', '0x65526d4d'],
      ['CcPD', '0x44506343'],
    ]);
    for (const t of POOL_TAGS) expect(t.value, t.tag).toBe(parseInt(t.hex, 16));
  });

  it('matches the values the reference notes give for FxDr and the rejected DDK tag', () => {
    expect(poolTagEntry('FxDr')!.value).toBe(0x72447846); // 'rDxF'
    expect(poolTagEntry('FxDr')!.cLiteral).toBe("'rDxF'");
    expect(DRIVER_TAG_RULE.explicitTag.rejected).toEqual([{ tag: 'Ddk ', value: 0x206b6444, hex: '0x206b6444' }]);
    expect(DRIVER_TAG_RULE.fallback).toMatchObject({ tag: 'FxDr', value: 0x72447846, updatesDriverTag: false });
  });

  it('is case-sensitive and finds tags by value', () => {
    expect(poolTagEntry('iowi')).toBeUndefined();
    expect(poolTagEntryByValue(0x49576f49)!.tag).toBe('IoWI');
  });

  it('ties IoWI to the work item type and API, and cites only listed sources', () => {
    const iowi = poolTagEntry('IoWI')!;
    expect(iowi.role).toBe('wdf-companion');
    for (const t of iowi.relatedFxTypes ?? []) expect(fxTypeByName(t), t).toBeDefined();
    for (const a of iowi.relatedApis ?? []) expect(wdfApi(a)!.companions?.[0]?.tag).toBe('IoWI');
    const ids = new Set(POOL_TAGS_DOCUMENT.sources.map((s) => s.id));
    for (const t of POOL_TAGS) for (const s of t.sources) expect(ids.has(s), `${t.tag} → ${s}`).toBe(true);
    for (const e of DRIVER_TAG_RULE.examples) expect(ids.has(e.source), e.serviceName).toBe(true);
  });

  it('states the derivation rule as data: strip "wdf" in any case, take 4, at least 3, NUL 4th byte', () => {
    expect(DRIVER_TAG_RULE.stripPrefix).toEqual({ prefix: 'wdf', caseInsensitive: true });
    expect([DRIVER_TAG_RULE.take, DRIVER_TAG_RULE.minLength, DRIVER_TAG_RULE.shortNameFourthByte]).toEqual([4, 3, 0]);
    expect(DRIVER_TAG_RULE.name).toMatchObject({ maxLength: 31, whenNoBackslash: 'WDF' });
    expect(DRIVER_TAG_RULE.examples.map((e) => [e.serviceName, e.tag, e.hex])).toEqual([
      ['amdacpbus2', 'amda', '0x61646d61'],
      ['WdfRawBusEnumTest', 'RawB', '0x42776152'],
    ]);
  });
});
