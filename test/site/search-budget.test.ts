// The search index ships to every reader who uses the search box: 500 case write-ups must fit in
// 300 KB gzip, index and result store together.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { buildSearchIndex } from '../../site/src/lib/search/build-index.js';
import { caseDocument } from '../../site/src/lib/search-docs.js';
import { caseSchema } from '../../site/src/lib/case-schema.js';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { generateCases } from './generate-cases.js';

const BUDGET = 300 * 1024;

describe('search index size budget', () => {
  it('500 generated cases fit in 300 KB gzip', () => {
    const docs = generateCases(500).map((c) => {
      const { frontmatter, content } = parseFrontmatter(c.markdown);
      return caseDocument(c.slug, caseSchema.parse(frontmatter), content);
    });
    // The generator is meant to look like real write-ups: check it does before trusting the size.
    const words = docs.reduce((n, d) => n + (d.body ?? '').split(/\s+/).length, 0) / docs.length;
    expect(words).toBeGreaterThan(600);
    const json = JSON.stringify(buildSearchIndex(docs));
    const gzip = gzipSync(json).length;
    console.info(`search index for 500 cases: ${(json.length / 1024).toFixed(0)} KB raw, ${(gzip / 1024).toFixed(0)} KB gzip`);
    expect(gzip).toBeLessThanOrEqual(BUDGET);
  });
});
