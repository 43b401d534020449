import { it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { buildSearchIndex } from '../../engine/search/build-index.js';
import { caseDocument } from '../../site/src/lib/search-docs.js';
import { caseSchema } from '../../site/src/lib/case-schema.js';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { generateCases } from '../../test/site/generate-cases.js';
it('measure', () => {
  const docs = generateCases(500).map((c) => { const { frontmatter, content } = parseFrontmatter(c.markdown); return caseDocument(c.slug, caseSchema.parse(frontmatter), content); });
  const t0 = Date.now();
  const b = buildSearchIndex(docs) as any;
  console.log('build ms', Date.now() - t0);
  const parts: Record<string, unknown> = { fieldVectors: b.index.fieldVectors, invertedIndex: b.index.invertedIndex, store: b.store };
  for (const [k, v] of Object.entries(parts)) { const j = JSON.stringify(v); console.log(k, (j.length/1024).toFixed(0), 'KB raw', (gzipSync(j).length/1024).toFixed(0), 'KB gz'); }
  console.log('terms', b.index.invertedIndex.length);
  const byField: Record<string, number> = {};
  for (const [fr, v] of b.index.fieldVectors) { const f = fr.split('/')[0]; byField[f] = (byField[f] ?? 0) + v.length / 2; }
  console.log(byField);
});
