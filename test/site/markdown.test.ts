// The site's Markdown pipeline (the options astro.config.mjs uses) run through Astro's own Markdown
// processor: write-ups cannot inject script, and WinDbg fences get numbered, marked lines.
import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { markdownOptions } from '../../site/src/lib/markdown/options.js';
import { isSafeUrl, sanitizeTree } from '../../site/src/lib/markdown/sanitize.js';
import { parseCodeMeta, rangesText } from '../../site/src/lib/markdown/code-lines.js';
import type { HastNode } from '../../site/src/lib/markdown/hast.js';

const processor = await createMarkdownProcessor(markdownOptions);
const render = async (md: string) => (await processor.render(md)).code;

const HOSTILE = `
# A case with hostile Markdown

<script>alert('raw script')</script>

<img src="x" onerror="alert('img')">

<a href="javascript:alert('raw link')">raw link</a>

<iframe src="https://evil.example/"></iframe>

<div onclick="alert('div')" style="position:fixed">div</div>

[md link](javascript:alert('md'))
[upper](JAVASCRIPT:alert('upper'))
[entity](&#106;avascript:alert('entity'))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[vb](vbscript:msgbox)
<javascript:alert('autolink')>
![image](javascript:alert('image'))
[ref link][bad]

[bad]: javascript:alert('ref')

[fine](https://learn.microsoft.com/windows-hardware/drivers/wdf/) and [relative](../../signatures/x/) and [anchor](#fix) and <mailto:team@example.com>
`;

describe('write-up Markdown is neutralised', () => {
  it('renders no script, event handler, frame or script URL', async () => {
    const html = await render(HOSTILE);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    // Neutralised links keep their text (an autolink's text is its URL), never an attribute.
    expect(html).not.toMatch(/(href|src|action|formaction)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'https://learn.microsoft.com/windows-hardware/drivers/wdf/',
      '../../signatures/x/',
      '#fix',
      'mailto:team@example.com',
    ]);
    expect(html).not.toMatch(/style=/i);
    expect(html).not.toMatch(/<img/i);
  });

  it('keeps the text of neutralised links and the safe links themselves', async () => {
    const html = await render(HOSTILE);
    expect(html).toContain('md link');
    expect(html).toContain('ref link');
    expect(html).toContain('<a href="https://learn.microsoft.com/windows-hardware/drivers/wdf/">fine</a>');
    expect(html).toContain('<a href="../../signatures/x/">relative</a>');
    expect(html).toContain('<a href="#fix">anchor</a>');
    expect(html).toContain('href="mailto:team@example.com"');
  });

  it('drops raw HTML blocks rather than showing or running them', async () => {
    const html = await render('before\n\n<b onmouseover="x()">bold</b>\n\nafter');
    expect(html).toContain('before');
    expect(html).toContain('after');
    expect(html).not.toContain('onmouseover');
  });
});

describe('sanitizeTree', () => {
  it('removes raw nodes, dangerous elements and unknown attributes; unwraps unknown elements', () => {
    const tree: HastNode = {
      type: 'root',
      children: [
        { type: 'raw', value: '<script>alert(1)</script>' },
        { type: 'element', tagName: 'script', properties: {}, children: [{ type: 'text', value: 'alert(1)' }] },
        { type: 'element', tagName: 'p', properties: { onClick: 'x()', className: ['lead'], style: 'color:red' }, children: [{ type: 'text', value: 'kept' }] },
        { type: 'element', tagName: 'blink', properties: {}, children: [{ type: 'text', value: 'unwrapped' }] },
        { type: 'element', tagName: 'a', properties: { href: ' java\tscript:alert(1)' }, children: [{ type: 'text', value: 'tabbed' }] },
        { type: 'element', tagName: 'input', properties: { type: 'text' }, children: [] },
        { type: 'element', tagName: 'input', properties: { type: 'checkbox', checked: true, disabled: true }, children: [] },
        { type: 'comment', value: 'hidden' },
      ],
    };
    const clean = sanitizeTree(tree);
    expect(clean.children).toEqual([
      { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'kept' }] },
      { type: 'text', value: 'unwrapped' },
      { type: 'element', tagName: 'a', properties: {}, children: [{ type: 'text', value: 'tabbed' }] },
      // A text field becomes a disabled checkbox, the only input GFM task lists make.
      { type: 'element', tagName: 'input', properties: { type: 'checkbox', disabled: true }, children: [] },
      { type: 'element', tagName: 'input', properties: { type: 'checkbox', checked: true, disabled: true }, children: [] },
    ]);
  });

  it('keeps the code-line markup and nothing else of its kind', () => {
    const clean = sanitizeTree({
      type: 'root',
      children: [
        { type: 'element', tagName: 'mark', properties: { className: ['line', 'hl', 'evil'], dataLine: '9', dataX: '1' }, children: [] },
        { type: 'element', tagName: 'img', properties: { src: 'https://example.com/x.png' }, children: [] },
      ],
    });
    expect(clean.children).toEqual([{ type: 'element', tagName: 'mark', properties: { className: ['line', 'hl'], dataLine: '9' }, children: [] }]);
  });

  it.each([
    ['https://example.com/', true],
    ['http://example.com/', true],
    ['mailto:a@b.c', true],
    ['../x/', true],
    ['#anchor', true],
    ['x:y', false],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['\u0000javascript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['data:image/png;base64,AAAA', false],
    [42, false],
  ])('isSafeUrl(%j) is %s', (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });
});

describe('WinDbg code fences', () => {
  it('numbers lines from the transcript line and marks the evidence', async () => {
    const html = await render(
      '```windbg from=8 {9} title="!poolused 2"\n amda   5768754   1938325232\n IoWI   5769999    646239888\n```',
    );
    expect(html).toContain('<figcaption><code>!poolused 2</code><span class="evidence-note">evidence: line 9</span></figcaption>');
    expect(html).toContain('<span class="line" data-line="8"> amda   5768754   1938325232</span>');
    expect(html).toContain('<mark class="line hl" data-line="9"> IoWI   5769999    646239888</mark>');
    expect(html).toContain('<pre class="code numbered" tabindex="0">');
  });

  it('escapes markup inside code', async () => {
    const html = await render('```windbg\n+0x018 m_ObjectFlagsByName : FxObject::<unnamed-tag>\n```');
    expect(html).toContain('FxObject::&#x3C;unnamed-tag>');
    expect(html).not.toContain('<unnamed-tag>');
  });

  it('leaves fences without meta as plain numbered-less blocks', async () => {
    const html = await render('```c\nWdfWorkItemEnqueue(item);\n```');
    expect(html).toBe('<pre class="code" tabindex="0"><code class="language-c"><span class="line">WdfWorkItemEnqueue(item);</span></code></pre>');
  });

  it('reads the fence meta', () => {
    const meta = parseCodeMeta('from=72 {76,78-80} title="!poolfind amda -nonpaged" caption=\'x\'');
    expect(meta.from).toBe(72);
    expect([...meta.marks]).toEqual([76, 78, 79, 80]);
    expect(meta.title).toBe('!poolfind amda -nonpaged');
    expect(meta.caption).toBe('x');
    expect(rangesText(meta.marks)).toBe('76, 78–80');
    expect(parseCodeMeta(undefined)).toEqual({ marks: new Set() });
  });
});
