// Pastes: the same transcript quoted (`> `), nested-quoted, indented by Markdown (4 blanks or a tab),
// fenced, or with prose between its code blocks gives the same facts as the clean log.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { unpaste } from '../../engine/transcript/paste.js';
import type { FactsDocument } from '../../engine/types/facts.js';

const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');
const lines = ACP.split(/\r?\n/);

/** The facts without provenance and block bookkeeping, which legitimately move with the lines. */
function content(doc: FactsDocument): unknown {
  return JSON.parse(JSON.stringify({ ...doc, blocks: undefined, diagnostics: undefined, sources: undefined, stats: undefined, archEvidence: undefined }, (k, v) => (k === 'provenance' || k === 'line' || k === 'lastLine' ? undefined : v)));
}

const clean = ingestText(ACP, 'acp.log');

describe('pasted transcripts', () => {
  it.each([
    ['quoted with "> "', lines.map((l) => `> ${l}`)],
    ['nested quotes ">> "', lines.map((l) => `>> ${l}`)],
    ['indented by four blanks', lines.map((l) => (l ? `    ${l}` : l))],
    ['indented by a tab', lines.map((l) => (l ? `\t${l}` : l))],
    ['fenced', ['```', ...lines, '```']],
    ['fenced with an info string, quoted', ['> ```text', ...lines.map((l) => `> ${l}`), '> ```']],
  ])('%s gives the facts of the clean log', (_name, pasted) => {
    const doc = ingestText(pasted.join('\n'), 'acp.log');
    expect(content(doc)).toEqual(content(clean));
    expect(doc.blocks.filter((b) => b.parsed).length).toBe(clean.blocks.filter((b) => b.parsed).length);
  });

  it('prose at the margin between two indented code blocks ends the first and the second is read again', () => {
    const first = lines.slice(0, lines.findIndex((l, i) => i > 0 && / kd> /.test(l)));
    const rest = lines.slice(first.length);
    const doc = ingestText([...first.map((l) => `    ${l}`), '', 'Then I looked at the blocks:', '', ...rest.map((l) => `    ${l}`)].join('\n'), 'acp.log');
    expect(content(doc)).toEqual(content(clean));
  });

  it('leaves output that only looks like a quote or a fence alone', () => {
    expect(unpaste('   +0x000 __VFN_table : 0xfffff800`5980dc30')).toBe('   +0x000 __VFN_table : 0xfffff800`5980dc30');
    expect(unpaste('```')).toBe('');
    // Fences glued to the first or last line, inline-code lines, list items (real pastes in test/corpus).
    expect(unpaste('```1: kd> !wdfkd.wdfsearchpath %TEMP%')).toBe('1: kd> !wdfkd.wdfsearchpath %TEMP%');
    expect(unpaste('---- end of log ----```')).toBe('---- end of log ----');
    expect(unpaste('`Arg1: 000000000000000d, Attempt to release quota on a corrupted pool allocation.`')).toBe('Arg1: 000000000000000d, Attempt to release quota on a corrupted pool allocation.');
    expect(unpaste('- 1: kd> !analyze -v')).toBe('1: kd> !analyze -v');
    expect(unpaste('-                                            *')).toBe('-                                            *');
    expect(unpaste('fffff801`80d4a6f1 nt!MiAddMdlTracker+0xfd')).toBe('fffff801`80d4a6f1 nt!MiAddMdlTracker+0xfd');
    expect(unpaste('> > 0: kd> k')).toBe('0: kd> k');
  });

  it('a closing fence ends the block, so the prose after it is not read as output', () => {
    const pasted = [
      'I ran `!poolused 2` and got:',
      '```',
      '0: kd> !poolused 2',
      ' Sorting by NonPaged Pool Consumed',
      '',
      ' Tag     Allocs         Used     Allocs         Used',
      " amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt",
      '```',
      'Is amda the leak? It grows every hour.',
    ].join('\n');
    const doc = ingestText(pasted, 'issue.md');
    expect(doc.blocks.map((b) => [b.family, b.lines])).toEqual([['unknown', [1, 2]], ['poolused', [3, 7]], ['unknown', [9, 9]]]);
    expect(doc.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
  });

  it('an opening fence after a command line keeps the block open for its output', () => {
    const doc = ingestText(['!poolused 2', '```', ' Sorting by NonPaged Pool Consumed', ' Tag     Allocs         Used     Allocs         Used', ' amda   5768754   1938325232         32         9360', '```'].join('\n'), 'issue.md');
    expect(doc.poolUsage.map((r) => r.tag)).toEqual(['amda']);
  });

  it('takes quote, list, inline-code and heading marks off behind a code indent too, and keeps the indent', () => {
    const cases: Array<[pasted: string, line: string]> = [
      ['\t> 4: kd> !analyze -v', '4: kd> !analyze -v'],
      ['    > Arg1: 0000000000000007, Attempt to free pool which was already freed', 'Arg1: 0000000000000007, Attempt to free pool which was already freed'],
      ['    - 1: kd> !analyze -v', '    1: kd> !analyze -v'],
      ['\t`BAD_POOL_CALLER (c2)`', '\tBAD_POOL_CALLER (c2)'],
      ['> ## 0: kd> !wdfkd.wdfldr', '0: kd> !wdfkd.wdfldr'],
      ['\t## 0: kd> !wdfkd.wdfldr', '\t0: kd> !wdfkd.wdfldr'],
      // Output's own shallow indent is not a paste's: its marks stay.
      ['  - not a list', '  - not a list'],
    ];
    for (const [pasted, line] of cases) expect(unpaste(pasted), pasted).toBe(line);
  });

  it('reads an indented !analyze whose banner line also matches with its blanks', () => {
    const analysis = [
      '*******************************************************************************',
      '*                                                                             *',
      '*                        Bugcheck Analysis                                    *',
      '*                                                                             *',
      '*******************************************************************************',
      '',
      'WDF_VIOLATION (10d)',
      'Arguments:',
      'Arg1: 0000000000000006, A fatal error was made in handling a WDF request. In this case,',
      'Arg2: 0000000000000003, The driver attempted to send a framework request that has',
    ];
    const doc = ingestText(analysis.map((l) => `    ${l}`).join('\n'), 'issue.md');
    expect(doc.blocks.filter((b) => b.parsed).map((b) => b.family)).toEqual(['analyze']);
    expect(doc.bugchecks[0]?.code).toBe(0x10d);
  });

  it('a bare command at the margin after a blank line ends quoted output; a link in !wdfobject output does not', () => {
    const quoted = [
      'windbg !analyze -v show:',
      '',
      'DRIVER_VERIFIER_DETECTED_VIOLATION (c4)',
      'Arguments:',
      'Arg1: 00000060, A driver has forgotten to free its pool allocations prior to unloading.',
      'Arg2: 00000000, paged bytes',
      'Arg3: 00000288, nonpaged bytes,',
      "Arg4: 00000012, total # of (paged+nonpaged) allocations that weren't freed.",
      '',
      '!verifier 3 xxx.sys show:',
      '0x831d4fd8  0x00000024  EDIH  0xbaa30155  xxx!RtlAllocateMemory',
    ].map((l) => `> ${l}`);
    expect(ingestText(quoted.join('\n'), 'issue.md').blocks.filter((b) => b.parsed).map((b) => b.family)).toEqual(['analyze', 'verifier']);
    const links = ['kd> !wdfobject 0x83584e38', '', 'The type for object 0x83584e38 is FxDevice', 'State: FxObjectStateCreated (0x1)', '', '!wdfhandle 0x7ca7b1c0', '', 'dt FxDevice 0x83584e38'];
    expect(ingestText(links.join('\n'), 'doc.md').blocks.map((b) => b.family)).toEqual(['wdfobject']);
  });

  it('a line back at the margin right under indented output is its wrapped end, not prose', () => {
    const vm = [
      '       NonPagedPool Max:   69377   (  277508 Kb)',
      '                                                          NonPaged Pool Usage :',
      '85%',
      '       ********** Excessive NonPaged Pool Usage *****',
      '',
      '       PagedPool 0 Usage:  31684   (  126736 Kb)',
    ];
    const doc = ingestText(['    0: kd> !vm', ...vm.map((l) => `    ${l}`.replace(/^ {4}85%/, '85%'))].join('\n'), 'blog.txt');
    expect(doc.blocks.map((b) => b.family)).toEqual(['vm']);
    expect(doc.vmWarnings.map((w) => w.kind)).toEqual(['excessive-pool-usage']);
    expect(doc.vm.map((c) => c.kb)).toEqual([277508, 126736]);
  });

  it('reads output whose code indent a web page collapsed to one blank', () => {
    const collapsed = [' DRIVER_VERIFIER_IOMANAGER_VIOLATION (c9)', ' The IO manager has caught a misbehaving driver.', ' Arguments:', ' Arg1: 000000000000021f, A driver has not filled out a dispatch routine for a required IRP major function.', ' Arg3: ffffcf8147d54dc0, IRP address.'];
    const doc = ingestText(['This is the message that I get:', '', ...collapsed].join('\n'), 'issue.md');
    expect(doc.bugchecks[0]).toMatchObject({ code: 0xc9, args: ['000000000000021f', undefined, 'ffffcf8147d54dc0'] });
  });
});

