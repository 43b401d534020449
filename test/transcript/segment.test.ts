// Command blocks: prompts of every kind, unknown commands kept as counted unparsed blocks, output
// recognised without its prompt, and noise that opens nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ingestText, createIngest } from '../../engine/ingest/ingest.js';
import { parseCommand, parsePrompt } from '../../engine/transcript/prompt.js';

describe('prompts', () => {
  it.each([
    ['0: kd> !poolused 2', { text: '0: kd>', processor: 0, x86: false, command: '!poolused 2' }],
    ['8: kd> k', { text: '8: kd>', processor: 8, x86: false, command: 'k' }],
    ['kd> dt nt!_POOL_HEADER', { text: 'kd>', processor: undefined, x86: false, command: 'dt nt!_POOL_HEADER' }],
    ['lkd> !vm', { text: 'lkd>', processor: undefined, x86: false, command: '!vm' }],
    ['0: kd:x86> kb', { text: '0: kd:x86>', processor: 0, x86: true, command: 'kb' }],
    ['0:000> k', { text: '0:000>', processor: 0, x86: false, command: 'k' }],
    ['0:000:x86> r', { text: '0:000:x86>', processor: 0, x86: true, command: 'r' }],
    // Pastes: indented by Markdown or a forum, cut at the front by a partial copy.
    ['    0: kd> !poolused 2', { text: '0: kd>', processor: 0, x86: false, command: '!poolused 2', indent: '    ' }],
    ['\tkd> !vm', { text: 'kd>', processor: undefined, x86: false, command: '!vm', indent: '\t' }],
    [': kd> !analyze -v', { text: ': kd>', processor: undefined, x86: false, command: '!analyze -v' }],
    ['d> !poolused 2', { text: 'd>', processor: undefined, x86: false, command: '!poolused 2' }],
  ])('%s', (line, want) => {
    expect(parsePrompt(line)).toEqual({ indent: '', ...want });
  });

  it('does not take a bare `d>` or text with `>` for a cut prompt', () => {
    expect(parsePrompt('d>')).toBeUndefined();
    expect(parsePrompt('dd> fffff801`12345678')).toBeUndefined();
  });

  it('is not fooled by output that contains ">"', () => {
    expect(parsePrompt(' amda   5768754   1938325232 -> x')).toBeUndefined();
    expect(parsePrompt('ffffda0ff9791000 : tag amda, size   0x18f0, Nonpaged pool')).toBeUndefined();
    expect(parsePrompt('   +0x000 __VFN_table : 0xfffff800`5980dc30')).toBeUndefined();
  });

  it('normalises extension commands', () => {
    expect(parseCommand('!wdfkd.wdfhandle 0x000049f6bfe9d5d8 0xff')).toEqual({ raw: '!wdfkd.wdfhandle 0x000049f6bfe9d5d8 0xff', name: '!wdfhandle', args: '0x000049f6bfe9d5d8 0xff' });
    expect(parseCommand('  !POOLUSED 2 ')).toEqual({ raw: '!POOLUSED 2', name: '!poolused', args: '2' });
  });
});

describe('blocks', () => {
  it('keeps an unknown command as an unparsed block with its line range and counts it', () => {
    const f = ingestText(['0: kd> !poolused 2', ' Sorting by Tag', '0: kd> !frobnicate 1', 'some output', 'more output', '0: kd> lm'].join('\n'));
    const unknown = f.blocks.filter((b) => !b.parsed);
    expect(unknown[0]).toMatchObject({ command: '!frobnicate 1', lines: [3, 5], family: 'unknown' });
    expect(f.stats.unparsedBlocks).toBe(unknown.length);
    expect(f.diagnostics.find((d) => d.code === 'unknown-command')).toMatchObject({ line: 3 });
  });

  it('ignores progress dots and kd cache chatter before the first prompt', () => {
    const f = ingestText(['....................', '*** CacheSize too low - increasing to 128 MB', '0: kd> k'].join('\n'));
    expect(f.blocks.map((b) => b.command)).toEqual(['k']);
  });

  it('strips the `## ` a documentation site adds and the trailing blank of every line', () => {
    const f = ingestText(['## 0: kd> !poolused 2 ', '##  Sorting by Tag ', "##  Hack           1           0         1          112            0           0         0            0\tx "].join('\n'));
    expect(f.blocks[0]).toMatchObject({ command: '!poolused 2', family: 'poolused' });
  });

  it('keeps the processor number of the prompt', () => {
    const f = ingestText('8: kd> k\n # Child-SP          RetAddr               Call Site\n');
    expect(f.blocks[0]).toMatchObject({ prompt: '8: kd>', processor: 8 });
  });
});

describe('robustness', () => {
  it('arbitrary bytes never throw and always end', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 1, max: 300 }), (bytes, chunk) => {
        const ingest = createIngest();
        const w = ingest.source('junk.bin');
        for (let i = 0; i < bytes.length; i += chunk) w.bytes(bytes.subarray(i, i + chunk));
        w.end();
        const f = ingest.finish();
        expect(f.stats.lines).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a line without an end (binary junk) is cut and reported, the rest is still read', () => {
    const junk = 'x'.repeat(200_000);
    const f = ingestText(`${junk}\n0: kd> !poolused 2\n Sorting by Tag\n`);
    expect(f.diagnostics.find((d) => d.code === 'line-too-long')).toMatchObject({ line: 1 });
    expect(f.blocks.some((b) => b.family === 'poolused')).toBe(true);
  });
});
