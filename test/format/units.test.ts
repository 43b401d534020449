import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDelta, formatHours } from '../../engine/format/units.js';

describe('formatBytes: binary units, labelled as such', () => {
  it('uses KiB, MiB, GiB for powers of 1024', () => {
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1849 * 1048576)).toBe('1.8 GiB');
    expect(formatBytes(612.4 * 1048576)).toBe('612.4 MiB');
    expect(formatBytes(-3 * 1048576)).toBe('-3.0 MiB');
  });

  it('puts the exact byte count beside the rounded figure', () => {
    expect(formatBytes(1938325232, { exact: true })).toBe('1.8 GiB (1,938,325,232 bytes)');
    expect(formatBytes(512, { exact: true })).toBe('512 bytes');
    expect(formatBytes(1, { exact: true })).toBe('1 byte');
    expect(formatBytes(-2048, { exact: true })).toBe('-2.0 KiB (-2,048 bytes)');
  });

  it('never says MB, KB or GB', () => {
    for (const n of [2 ** 10, 2 ** 20, 2 ** 30, 2 ** 40, 5e9]) expect(formatBytes(n, { exact: true })).not.toMatch(/\b[KMGT]B\b/);
  });
});

describe('counts and durations', () => {
  it('groups thousands and signs deltas', () => {
    expect(formatCount(5768754)).toBe('5,768,754');
    expect(formatDelta(1254296)).toBe('+1,254,296');
    expect(formatDelta(-56)).toBe('-56');
    expect(formatDelta(0)).toBe('0');
  });

  it('says hours in the unit that reads best', () => {
    expect(formatHours(0.75)).toBe('45 min');
    expect(formatHours(6)).toBe('6.0 h');
    expect(formatHours(108)).toBe('4.5 days');
    expect(formatHours(Infinity)).toBe('never');
  });
});
