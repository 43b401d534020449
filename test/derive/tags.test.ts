import { describe, expect, it } from 'vitest';
import { candidateDriversForTag, deriveDriverTag, driverNameFromRegistryPath, driverTag } from '../../engine/reference/driver-tag.js';
import { displayTag, parseTag, printedTagValue, tagCLiteral, tagFromValue, tagHex, tagToValue } from '../../engine/format/pool-tag.js';

describe('one codec for printed and derived tags', () => {
  it('pads a printed short tag with blanks and a derived one with NUL, and refuses wildcards', () => {
    expect(printedTagValue('Abc')).toBe(0x20636241);
    expect(tagToValue('Abc')).toBe(0x00636241);
    expect(printedTagValue('Ir*')).toBeUndefined();
  });
});

describe('tag ↔ value', () => {
  it('reads the four bytes little-endian: amda ↔ 0x61646d61 (ACP: r8=0000000061646d61, db "61 6d 64 61")', () => {
    expect(tagToValue('amda')).toBe(0x61646d61);
    expect(tagFromValue(0x61646d61)).toBe('amda');
    expect(tagHex(0x61646d61)).toBe('0x61646d61');
  });

  it('round-trips FxDr (C literal \'rDxF\' = 0x72447846) and the rejected DDK tag', () => {
    expect(tagToValue('FxDr')).toBe(0x72447846);
    expect(tagCLiteral('FxDr')).toBe("'rDxF'");
    expect(tagToValue('Ddk ')).toBe(0x206b6444);
    expect(tagCLiteral('Ddk ')).toBe("' kdD'");
  });

  it('keeps spaces and pads short tags with NUL unless told to use spaces', () => {
    expect(tagToValue('Io  ')).toBe(0x20206f49);
    expect(tagToValue('Io', ' ')).toBe(0x20206f49);
    expect(tagToValue('abc')).toBe(0x00636261);
    expect(tagFromValue(0x00636261)).toBe('abc\0');
  });

  it('prints non-printable bytes as dots, as !poolused does', () => {
    expect(displayTag(0x00636261)).toBe('abc.');
    expect(displayTag('\x01\x02rx')).toBe('..rx');
    expect(displayTag(0xe56c6946)).toBe('Fil.'); // 'File' (0x656c6946) with bit 31 set: a protected tag
  });

  it('refuses what is not a 1–4 byte tag', () => {
    expect(tagToValue('')).toBeUndefined();
    expect(tagToValue('toolong')).toBeUndefined();
    expect(tagToValue('a\u0141cd')).toBeUndefined();
    expect(parseTag('0x61646d61')).toEqual({ tag: 'amda', value: 0x61646d61 });
    expect(parseTag('amda')).toEqual({ tag: 'amda', value: 0x61646d61 });
    expect(parseTag('0x1234567890')).toBeUndefined();
  });
});

describe('KMDF driver tag', () => {
  it('takes the first four characters of the service name, case kept', () => {
    expect(deriveDriverTag({ serviceName: 'amdacpbus2' })).toMatchObject({ tag: 'amda', value: 0x61646d61, source: 'service-name', strippedPrefix: false });
    expect(driverTag('amdacpbus2')).toBe('amda');
    expect(driverTag('AmdAcpBus2')).toBe('AmdA');
  });

  it('strips a leading "wdf" in any case first (WdfRawBusEnumTest → RawB, docs !wdfpoolusage)', () => {
    expect(deriveDriverTag({ serviceName: 'WdfRawBusEnumTest' })).toMatchObject({ tag: 'RawB', strippedPrefix: true });
    expect(driverTag('wdfrawbusenumtest')).toBe('rawb');
    expect(driverTag('WDF01000')).toBe('0100');
  });

  it('gives three characters a NUL 4th byte and two or fewer FxDr', () => {
    expect(deriveDriverTag({ serviceName: 'abc' })).toMatchObject({ tag: 'abc\0', display: 'abc.', value: 0x00636261 });
    expect(deriveDriverTag({ serviceName: 'WdfXyz' })).toMatchObject({ tag: 'Xyz\0', strippedPrefix: true });
    for (const name of ['ab', 'wdfab', 'Wdf', 'WDF1', '']) {
      expect(deriveDriverTag({ serviceName: name }), name).toMatchObject({ tag: 'FxDr', value: 0x72447846, source: 'fallback', updatesDriverTag: false });
    }
  });

  it('uses the last RegistryPath component; no backslash means "WDF"; no path means empty', () => {
    const path = '\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\amdacpbus2';
    expect(driverNameFromRegistryPath(path)).toBe('amdacpbus2');
    expect(deriveDriverTag({ registryPath: path }).tag).toBe('amda');
    expect(driverNameFromRegistryPath('amdacpbus2')).toBe('WDF');
    expect(deriveDriverTag({ registryPath: 'amdacpbus2' }).source).toBe('fallback');
    expect(driverNameFromRegistryPath(undefined)).toBe('');
  });

  it('truncates UTF-16 units to bytes and the name to 31 characters', () => {
    // U+0141 truncates to 0x41 'A'; the name rule does not fold case.
    expect(deriveDriverTag({ serviceName: '\u0141bcd' }).tag).toBe('Abcd');
    expect(deriveDriverTag({ serviceName: 'x'.repeat(40) }).driverName).toHaveLength(31);
  });

  it('lets a DriverPoolTag win unless it is 0, the DDK default, or the 1.1 config has none', () => {
    expect(deriveDriverTag({ serviceName: 'amdacpbus2', driverPoolTag: 'MyTg' })).toMatchObject({ tag: 'MyTg', source: 'driver-pool-tag' });
    expect(deriveDriverTag({ serviceName: 'amdacpbus2', driverPoolTag: 0x67546d4d })).toMatchObject({ tag: 'MmTg' });
    expect(deriveDriverTag({ serviceName: 'amdacpbus2', driverPoolTag: 0 }).tag).toBe('amda');
    expect(deriveDriverTag({ serviceName: 'amdacpbus2', driverPoolTag: 0x206b6444 })).toMatchObject({ tag: 'amda', rejectedPoolTag: true });
    expect(deriveDriverTag({ serviceName: 'amdacpbus2', driverPoolTag: 'MyTg', configHasPoolTag: false }).tag).toBe('amda');
  });
});

describe('tag → candidate drivers', () => {
  const names = [
    'amdgpio2',
    'amdacpbus2',
    'C:\\Windows\\System32\\drivers\\amdacpbus2.sys',
    'AmdAcpBus2.sys',
    'nvlddmkm',
    'WdfRawBusEnumTest',
    'wdfab',
    'abc',
  ];

  it('lists exact matches first, then case-insensitive ones, flagging image names', () => {
    const c = candidateDriversForTag('amda', names);
    expect(c.map((x) => [x.name, x.match, x.fromImageName])).toEqual([
      ['C:\\Windows\\System32\\drivers\\amdacpbus2.sys', 'exact', true],
      ['amdacpbus2', 'exact', false],
      ['AmdAcpBus2.sys', 'case-insensitive', true],
    ]);
    expect(candidateDriversForTag(0x61646d61, names).length).toBe(3);
  });

  it('finds stripped, fallback and three-character names', () => {
    expect(candidateDriversForTag('RawB', names).map((x) => x.name)).toEqual(['WdfRawBusEnumTest']);
    expect(candidateDriversForTag('FxDr', names).map((x) => x.name)).toEqual(['wdfab']);
    // A NUL 4th byte may be printed as a space or a dot.
    for (const shown of ['abc\0', 'abc ', 'abc.', 'abc']) expect(candidateDriversForTag(shown, names).map((x) => x.name), shown).toEqual(['abc']);
    expect(candidateDriversForTag('zzzz', names)).toEqual([]);
  });
});
