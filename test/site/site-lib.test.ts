// Small site modules: Markdown → search text, site links, the doc-page heading shift, search documents.
import { describe, expect, it } from 'vitest';
import { markdownText } from '../../site/src/lib/markdown/text.js';
import { isSitePath, joinBase } from '../../site/src/lib/url.js';
import { docSections } from '../../site/src/lib/doc-html.js';
import { caseDocument, fxTypeDocument, signatureDocument } from '../../site/src/lib/search-docs.js';
import { acpCase, REPO, signaturesOnDisk } from './helpers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { otherApis } from '../../site/src/lib/api-index.js';

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

describe('docSections: a signature doc page filed by topic', () => {
  const html =
    '<h1 id="t">Title</h1>\n<p>intro</p><h2 id="a">What it means</h2><p>m</p><h2>Why it leaks</h2><p>w</p><h3>Detail</h3><p>d</p>' +
    '<h2>How to fix</h2><ol><li>f</li></ol><h2>Odd <code>x</code></h2><p>o</p><h2>Fixtures</h2><p>fx</p><h2>Why it leaks</h2><p>w2</p>';
  const d = docSections(html);

  it('drops the h1, keeps the intro and files each h2 section under its topic', () => {
    expect(d.intro).toBe('<p>intro</p>');
    expect(d.topics.meaning).toEqual({ title: 'What it means', html: '<p>m</p>' });
    expect(d.topics.fix?.html).toBe('<ol><li>f</li></ol>');
    expect(d.topics.fixtures?.html).toBe('<p>fx</p>');
    expect(d.topics.confirm).toBeUndefined();
  });

  it('keeps the sub-headings of a section and joins a repeated topic into one', () => {
    expect(d.topics.why?.html).toBe('<p>w</p><h3>Detail</h3><p>d</p>\n<p>w2</p>');
  });

  it('keeps sections of no topic under their own titles', () => {
    expect(d.others).toEqual([{ title: 'Odd x', html: '<p>o</p>' }]);
  });

  it('files every heading of every bundled doc page', () => {
    for (const s of signaturesOnDisk()) {
      const md = readFileSync(join(REPO, 'rules/signatures', `${s.slug}.md`), 'utf8');
      const h2 = [...md.matchAll(/^## (.+)$/gm)].map((m) => `<h2>${m[1]}</h2><p>x</p>`).join('');
      expect(docSections(h2).others.map((o) => o.title), s.slug).toEqual([]);
    }
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

describe('otherApis: the delete and mentioned APIs of the APIs page', () => {
  it('lists WdfObjectDelete with what it deletes, and mentioned APIs with who mentions them', () => {
    const file = JSON.parse(readFileSync(join(REPO, 'rules/reference/wdf-object-apis.json'), 'utf8'));
    const others = otherApis(file);
    const byName = new Map(others.map((o) => [o.api, o]));
    expect(byName.get('WdfObjectDelete')?.deletes).toContain('WDFWORKITEM');
    expect(byName.get('WdfRegistryClose')?.deletes).toContain('WDFKEY');
    expect(byName.get('WdfCollectionAdd')?.mentionedBy).toContain('WdfCollectionCreate');
    for (const api of ['WdfRequestComplete', 'WdfTimerStop']) expect(byName.has(api)).toBe(true);
    expect(others.some((o) => o.api === 'WdfWorkItemCreate')).toBe(false);
    expect(otherApis(undefined)).toEqual([]);
  });
});

describe('repositoryOf: the source links come from package.json `repository`', () => {
  it('reads the forms npm accepts', async () => {
    const { repositoryOf } = await import('../../site/src/lib/repository.js');
    const web = 'https://github.com/acme/leaks';
    for (const form of ['git+https://github.com/acme/leaks.git', 'https://github.com/acme/leaks/', 'github:acme/leaks', 'acme/leaks', 'git@github.com:acme/leaks.git', { type: 'git', url: 'git+ssh://git@github.com/acme/leaks.git'.replace('git+ssh://', 'ssh://') }]) {
      expect(repositoryOf(form).url, JSON.stringify(form)).toBe(web);
    }
    expect(repositoryOf('acme/leaks', 'trunk').branch).toBe('trunk');
    expect(() => repositoryOf(undefined)).toThrow(/no `repository`/);
    expect(() => repositoryOf('file:../x')).toThrow(/not a repository URL/);
  });

  it('is the setting the site uses', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const { REPOSITORY, sourceUrl } = await import('../../site/src/config.js');
    expect(pkg.repository.url).toMatch(/github\.com\/[\w.-]+\/[\w.-]+/);
    expect(REPOSITORY.url).toBe(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''));
    expect(sourceUrl('rules/x.json')).toBe(`${REPOSITORY.url}/blob/main/rules/x.json`);
  });
});
