// The KMDF driver tag rule and tag ↔ value conversion. Expected values are the ones the reference
// documents (amdacpbus2 → amda = 0x61646d61 from the ACP case's _FX_DRIVER_GLOBALS.Tag; FxDr =
// 0x72447846; WdfRawBusEnumTest → RawB from the !wdfpoolusage documentation example).
import { describe, expect, it } from 'vitest';
import { FX_TAG, hex32, parseTagValue, tagBytes, tagFromServiceName, tagToValue, valueToTag } from '../../site/src/lib/pool-tag.js';

describe('tagFromServiceName', () => {
  it('amdacpbus2 → amda, 0x61646d61 (ACP transcript line 69)', () => {
    const d = tagFromServiceName('amdacpbus2');
    expect(d.tag).toBe('amda');
    expect(hex32(d.value)).toBe('0x61646d61');
    expect(d.fallback).toBe(false);
  });

  it('strips a leading "wdf" in any case and keeps the case of the rest', () => {
    expect(tagFromServiceName('WdfRawBusEnumTest').tag).toBe('RawB');
    expect(tagFromServiceName('WDFrawbus').tag).toBe('rawb');
  });

  it('falls back to FxDr when 2 characters or fewer remain', () => {
    for (const name of ['wdf', 'WdfAB', 'ab', '']) {
      const d = tagFromServiceName(name);
      expect(d.tag).toBe('FxDr');
      expect(d.value).toBe(0x72447846);
      expect(d.fallback).toBe(true);
    }
    expect(FX_TAG).toBe(0x72447846);
  });

  it('a 3-character rest leaves the 4th byte zero', () => {
    const d = tagFromServiceName('wdfabc');
    expect(d.tag).toBe('abc');
    expect(hex32(d.value)).toBe('0x00636261');
  });

  it('takes the last component of a registry path', () => {
    expect(tagFromServiceName('\\Registry\\Machine\\System\\CurrentControlSet\\Services\\amdacpbus2').tag).toBe('amda');
  });

  it('an explicit DriverPoolTag wins, except the old default "Ddk "', () => {
    expect(tagFromServiceName('amdacpbus2', 'Acp1').tag).toBe('Acp1');
    expect(tagFromServiceName('amdacpbus2', 'Ddk ').tag).toBe('amda');
  });

  it('explains each step', () => {
    expect(tagFromServiceName('WdfRawBusEnumTest').steps[0]).toMatch(/skipped, leaving "RawBusEnumTest"/);
  });
});

describe('tag ↔ value', () => {
  it.each([
    ['amda', 0x61646d61, '61 6d 64 61'],
    ['IoWI', 0x49576f49, '49 6f 57 49'],
    ['FxDr', 0x72447846, '46 78 44 72'],
  ])('%s ↔ %s', (tag, value, bytes) => {
    expect(tagToValue(tag)).toBe(value);
    expect(valueToTag(value)).toBe(tag);
    expect(tagBytes(value)).toBe(bytes);
  });

  it('shows non-printing bytes escaped', () => {
    expect(valueToTag(0x00636261)).toBe('abc\\x00');
  });

  it('rejects tags that are not 1 to 4 single-byte characters', () => {
    expect(() => tagToValue('')).toThrow(RangeError);
    expect(() => tagToValue('abcde')).toThrow(RangeError);
    expect(() => tagToValue('a€')).toThrow(/single-byte/);
  });

  it.each([
    ['0x61646d61', 0x61646d61],
    ['61646d61', 0x61646d61],
    ['0X72447846', 0x72447846],
    ['1633971553', 0x61646d61],
    ['  0x10  ', 0x10],
  ])('parses %j', (text, value) => {
    expect(parseTagValue(text)).toBe(value);
  });

  it.each(['', 'amda', '0x123456789', 'xyz'])('refuses %j', (text) => {
    expect(parseTagValue(text)).toBeUndefined();
  });
});
