import { describe, expect, it } from 'vitest';
import { formatText, wrapText } from '../../engine/report/text.js';
import { ANSI } from '../../engine/report/style.js';
import { acpReport } from './sample-report.js';

describe('formatText', () => {
  const text = formatText(acpReport());

  it('names the finding, its subject and its bucket', () => {
    expect(text).toContain('1. HIGH  confirmed (0.95)  WDFLEAK-0001 workitem-created-in-dpc');
    expect(text).toContain('tag      amda');
    expect(text).toContain('driver   amdacpbus2');
    expect(text).toContain('object   FX_TYPE_WORKITEM (0x1025) · WDFWORKITEM');
    expect(text).toContain('creator  amdacpbus2!AcpWorkItemCreate ← amdacpbus2!AcpDspSwInterruptDpc');
    expect(text).toContain('bucket   WDF_LEAK_WORKITEM_amdacpbus2!AcpDspSwInterruptDpc');
  });

  it('quotes the evidence with its source line and lists next steps and the fix', () => {
    expect(text).toContain('transcript.log:8  !poolused 2');
    expect(text).toContain("│  amda   5768754   1938325232");
    expect(text).toContain('!wdfkd.wdfdriverinfo amdacpbus2 0x50');
    expect(text).toContain(' 1. Create the work item once and re-enqueue it.');
    expect(text).toContain('Cannot tell from this text');
    expect(text).toContain('a conditional breakpoint on the allocator caught an allocation of the tag');
  });

  it('ends with a summary line counting findings, signatures, blocks and diagnostics', () => {
    expect(text.trimEnd().split('\n').pop()).toBe('1 finding (1 high) · 12 signatures · 14 command blocks (0 not parsed) · 165 lines · 1 diagnostic (--verbose lists them)');
  });

  it('has no escape codes in plain style and some with ANSI', () => {
    expect(text).not.toContain('\u001b[');
    expect(formatText(acpReport(), { style: ANSI })).toContain('\u001b[1m\u001b[31mHIGH');
  });

  it('says so when nothing matched', () => {
    const r = acpReport();
    r.findings = [];
    expect(formatText(r)).toContain('No leak signature matched.');
  });

  it('with findings, names the signatures its status skipped after the summary line', () => {
    const r = acpReport();
    r.skipped = { minStatus: 'test', signatures: [{ id: 'WDFLEAK-0099', slug: 'timer-per-request', status: 'experimental' }] };
    const lines = formatText(r).trimEnd().split('\n');
    expect(lines[lines.length - 2]).toMatch(/^1 finding \(1 high\) · 12 signatures · /);
    expect(lines[lines.length - 1]).toBe('1 experimental signature not run (timer-per-request): --status experimental runs it');
    expect(formatText(acpReport())).not.toContain('not run');
  });

  it('lists diagnostics with --verbose', () => {
    expect(formatText(acpReport(), { verbose: true })).toContain('warning transcript.log:99  malformed-line: odd line (expected a dt field)');
  });
});

describe('wrapText', () => {
  it('wraps at the width and keeps long words whole', () => {
    expect(wrapText('aaa bbb ccc', 7, '> ')).toEqual(['> aaa bbb', '> ccc']);
    expect(wrapText('averyveryverylongword x', 5, '')).toEqual(['averyveryverylongword', 'x']);
  });
});
