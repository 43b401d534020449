// Small site modules: Markdown → search text, site links, the doc-page heading shift, search documents.
import { describe, expect, it } from 'vitest';
import { markdownText } from '../../site/src/lib/markdown/text.js';
import { isSitePath, joinBase } from '../../site/src/lib/url.js';
import { nestDocHtml } from '../../site/src/lib/doc-html.js';
import { caseDocument, fxTypeDocument, signatureDocument } from '../../site/src/lib/search-docs.js';
import { acpCase, signaturesOnDisk } from './helpers.js';

describe('markdownText', () => {
  it('separates prose from fenced code and strips markup', () => {
    const t = markdownText(
      '## The `!poolused` evidence\n\nSee [the signature](../../signatures/x/) and **bold** *it* with <b>html</b>.\n\n```windbg from=1\n0: kd> !poolused 2\n```\n\n| Tag | Allocs |\n|---|---|\n| amda | 5768754 |\n\n- item one\n> quoted',
    );
    expect(t.headings).toEqual(['The `!poolused` evidence']);
    expect(t.code).toBe('0: kd> !poolused 2\n');
    expect(t.prose).toBe('The !poolused evidence\nSee the signature and bold it with html .\nTag Allocs\namda 5768754\nitem one\nquoted');
  });

  it('keeps underscores inside identifiers', () => {
    expect(markdownText('Call imp_WdfWorkItemCreate and read _FX_DRIVER_GLOBALS.').prose).toBe('Call imp_WdfWorkItemCreate and read _FX_DRIVER_GLOBALS.');
  });
});

describe('site links', () => {
  it('joins a base and a path', () => {
    expect(joinBase('/', 'cases/x/')).toBe('/cases/x/');
    expect(joinBase('/wdfleak', '/cases/x/')).toBe('/wdfleak/cases/x/');
    expect(joinBase('/wdfleak/', '')).toBe('/wdfleak/');
  });

  it.each([
    ['cases/acp-workitem-leak/', true],
    ['reference/fx-types/#FX_TYPE_WORKITEM', true],
    ['javascript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['/absolute/', false],
    ['//evil.example/', false],
    ['https://evil.example/', false],
    ['cases\\x', false],
    ['', false],
    [7, false],
  ])('isSitePath(%j) is %s', (path, ok) => {
    expect(isSitePath(path)).toBe(ok);
  });
});

describe('nestDocHtml', () => {
  it('drops the leading h1 and moves the other headings one level down', () => {
    expect(nestDocHtml('<h1 id="t">Title</h1>\n<p>x</p><h2 id="a">A</h2><h3>B</h3>')).toBe('\n<p>x</p><h3 id="a">A</h3><h4>B</h4>');
  });
  it('leaves a doc without h1 intact apart from the shift', () => {
    expect(nestDocHtml('<p>x</p><h2>A</h2>')).toBe('<p>x</p><h3>A</h3>');
  });
  it('does not touch similar tags', () => {
    expect(nestDocHtml('<header><hr></header>')).toBe('<header><hr></header>');
  });
});

describe('search documents', () => {
  it('a case: url, summary, keywords from the frontmatter, code from the fences', () => {
    const acp = acpCase();
    const doc = caseDocument(acp.slug, acp.data, acp.body);
    expect(doc.url).toBe('cases/acp-workitem-leak/');
    expect(doc.keywords).toEqual(['amdacpbus2', 'Wdf01000', 'amda', 'IoWI', 'FX_TYPE_WORKITEM', 'workitem-created-in-dpc', 'iowi-tracks-driver-tag']);
    expect(doc.code).toContain('amdacpbus2!AcpDspSwInterruptDpc+0x13c');
    expect(doc.body).not.toContain('```');
  });

  it('a signature: its page url, the id and slug as keywords, the next-step commands as code', () => {
    const sig = signaturesOnDisk().find((s) => s.slug === 'workitem-created-in-dpc')!;
    const doc = signatureDocument(sig, '# Title\n\nSome **notes**.\n\n```windbg\n!wdfkd.wdfhandle\n```');
    expect(doc.url).toBe('signatures/workitem-created-in-dpc/');
    expect(doc.keywords).toEqual(expect.arrayContaining(['WDFLEAK-0001', 'workitem-created-in-dpc', 'FX_TYPE_WORKITEM', 'WdfWorkItemCreate']));
    expect(doc.code).toContain('!poolfind {tag.name} -nonpaged');
    expect(doc.code).toContain('!wdfkd.wdfhandle');
    expect(doc.body).toContain('Some notes.');
  });

  it('an FX type: anchored on its row, found by name, hex and decimal value', () => {
    const doc = fxTypeDocument({
      name: 'FX_TYPE_WORKITEM', value: 4133, hex: '0x1025', range: 'core', visibility: 'external', handleType: 'WDFWORKITEM',
      storedInMType: 'yes', createApis: ['WdfWorkItemCreate'], deleteApis: ['WdfObjectDelete'], notes: 'FxWorkItem.',
    });
    expect(doc.url).toBe('reference/fx-types/#FX_TYPE_WORKITEM');
    expect(doc.keywords).toEqual(['FX_TYPE_WORKITEM', '0x1025', '4133', 'WDFWORKITEM', 'WdfWorkItemCreate', 'WdfObjectDelete']);
  });
});
