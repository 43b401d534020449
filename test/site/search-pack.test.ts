// The packed index must score exactly like the index lunr builds in place: same hits, same order,
// same scores, for plain words, identifiers, wildcards and field queries.
import { describe, expect, it } from 'vitest';
import lunr from 'lunr';
import { createBuilder, fieldsOf, KIND_BOOST, refOf, type SearchDocument } from '../../site/src/lib/search/build-index.js';
import { packBuilder, unpackIndex } from '../../site/src/lib/search/pack.js';
import { generateCases } from './generate-cases.js';
import { caseDocument } from '../../site/src/lib/search-docs.js';
import { caseSchema } from '../../site/src/lib/case-schema.js';
import { parseFrontmatter } from '@astrojs/markdown-remark';

function docs(): SearchDocument[] {
  const generated = generateCases(60, 7).map((c) => {
    const { frontmatter, content } = parseFrontmatter(c.markdown);
    return caseDocument(c.slug, caseSchema.parse(frontmatter), content);
  });
  // A document with empty fields and one with a repeated word (tf > 1) exercise the edge cases.
  generated.push({ kind: 'page', title: 'Empty', url: 'empty/' });
  generated.push({ kind: 'page', title: 'leak leak leak', url: 'leak/', body: 'leak leak pool pool pool' });
  return generated;
}

function built(list: SearchDocument[]) {
  const builder = createBuilder();
  const refs = list.map((d, i) => {
    // Document boosts as the site gives them (signatures and cases above table rows); one odd boost too.
    builder.add({ r: refOf(i), ...fieldsOf(d) }, { boost: i === list.length - 1 ? 2.5 : KIND_BOOST[d.kind] });
    return refOf(i);
  });
  return { builder, refs };
}

describe('packed search index', () => {
  const list = docs();
  const { builder, refs } = built(list);
  const packed = packBuilder(builder, refs);
  const direct = builder.build();
  const loaded = lunr.Index.load(JSON.parse(JSON.stringify(unpackIndex(JSON.parse(JSON.stringify(packed)), refOf))));

  it.each(['leak', 'work item dpc', 'pool', 'poolused', 'interrupt', 'work*', 'title:leak', '+poolused -xyzzy', 'iowi', 'wdf01000!fxpoolallocator', 'empty'])(
    'scores %s like the directly built index',
    (query) => {
      const want = direct.search(query);
      expect(want.length).toBeGreaterThan(0);
      // The field vectors are identical; the query-time dot product may add them in another order,
      // so scores are compared to 12 digits and equal scores in either order are accepted.
      const norm = (hits: lunr.Index.Result[]) =>
        hits.map((r) => [r.ref, Number(r.score.toPrecision(12))] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      expect(norm(loaded.search(query))).toEqual(norm(want));
    },
  );

  it('carries the document boosts', () => {
    expect(packed.boosts).toHaveLength(list.length);
    expect(packed.boosts!.at(-1)).toBe(2.5);
    expect(packed.boosts![0]).toBe(KIND_BOOST.case);
  });

  it('keeps every term and no other', () => {
    const terms = (direct.toJSON() as unknown as { invertedIndex: Array<[string, unknown]> }).invertedIndex.map(([t]) => t);
    expect(packed.terms).toEqual(terms);
  });

  it('codes a repeated term as a negative frequency after its index', () => {
    const leakTerm = packed.terms.indexOf('leak');
    const bodyField = packed.fields.findIndex(([name]) => name === 'body');
    const body = packed.docs[bodyField]![list.length - 1]!;
    // body "leak leak pool pool pool": 5 tokens; leak twice, pool three times.
    expect(body[0]).toBe(5);
    const poolTerm = packed.terms.indexOf('pool');
    const [first, second] = leakTerm < poolTerm ? [leakTerm, poolTerm] : [poolTerm, leakTerm];
    const tfFirst = first === leakTerm ? -2 : -3;
    const tfSecond = second === leakTerm ? -2 : -3;
    expect(body.slice(1)).toEqual([first, tfFirst, second - first, tfSecond]);
  });
});
