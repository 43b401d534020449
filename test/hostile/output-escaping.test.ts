// Quoted transcript lines reach terminals and Markdown inert: control characters become visible
// escapes, colour comes only from wdfleak's Style, and a quoted line of backticks cannot close the
// write-up's code block.
import { readFileSync } from 'node:fs';
import { ROOT, analyzer } from '../signatures/fixtures.js';
import { describe, expect, it } from 'vitest';
import { quoteFromText } from '../../engine/analyze.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import { formatText } from '../../engine/report/text.js';
import { formatMarkdown } from '../../engine/report/markdown.js';
import { ANSI } from '../../engine/report/style.js';
import { fenceFor, mdCode, mdText, visible } from '../../engine/report/escape.js';

const ACP = readFileSync(new URL('site/cases/acp-workitem-leak/transcript.log', ROOT), 'utf8');

// An OSC title change, a BEL, a colour, a C1 CSI and a bidi override inside a quoted source path,
// and a run of backticks.
const HOSTILE = 'acp_7_0\u001b]0;owned\u0007\u001b[31m\u009b2J\u202e````.c';
const text = ACP.replace('acp_7_0.c', HOSTILE);

async function report() {
  return analyzer.run(ingestText(text, 'hostile.log'), { quote: quoteFromText('hostile.log', text) });
}

describe('terminal and Markdown safety', () => {
  it('the hostile bytes are in a quoted evidence line (so the test means something)', async () => {
    const r = await report();
    const quotes = r.findings.flatMap((f) => f.evidence.flatMap((e) => e.quote ?? []));
    expect(quotes.some((q) => q.includes('\u001b]0;owned'))).toBe(true);
  });

  it('text output: no control character from the transcript; ESC only in wdfleak SGR colour codes', async () => {
    const out = formatText(await report(), { style: ANSI });
    expect(out).toContain('acp_7_0\\x1b]0;owned\\x07\\x1b[31m\\x9b2J\\u202e````.c');
    const withoutSgr = out.replace(/\u001b\[\d+m/g, '');
    // eslint-disable-next-line no-control-regex
    expect(withoutSgr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('write-up: the fence is longer than the backtick run; no raw control characters', async () => {
    const md = formatMarkdown(await report(), { date: '2024-01-01' });
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    const quoted = md.split('\n').find((l) => l.includes('owned') && l.includes('DpcHandler') === false && l.startsWith('  '))!;
    expect(quoted).toBeDefined();
    // The block that holds the line opens with five backticks and closes with the same five.
    const lines = md.split('\n');
    const at = lines.indexOf(quoted);
    const open = lines.slice(0, at).reverse().find((l) => /^\s*`{3,}/.test(l))!;
    expect(open.trim()).toBe('`````text');
    const close = lines.slice(at + 1).find((l) => /^\s*`{3,}/.test(l))!;
    expect(close.trim()).toBe('`````');
  });

  it('escapes names and picks fences', () => {
    expect(visible('a\u001b[2Jb\u0007')).toBe('a\\x1b[2Jb\\x07');
    expect(visible('tab\tkept')).toBe('tab\tkept');
    expect(mdText('![x](http://evil/x.png) <img src=x> *b* a|b')).toBe('!\\[x\\](http://evil/x.png) &lt;img src=x&gt; \\*b\\* a\\|b');
    expect(mdCode('drv!a`b')).toBe('``drv!a`b``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(fenceFor(['plain'])).toBe('```');
    expect(fenceFor(['a ```` b', '``'])).toBe('`````');
  });
});
