// The search index, built once at build time and fetched by the search box on first use.
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { buildSearchIndex, type SearchDocument } from '../lib/search/build-index.js';
import { signatures } from '../lib/rules.js';
import { apis, apisFile, fxTypes, layouts, poolTags, poolTagsFile } from '../lib/reference.js';
import { otherApis } from '../lib/api-index.js';
import { catalogueEntries } from '../../../engine/reference/fact-catalogue.js';
import {
  apiDocument, caseDocument, driverTagRuleDocument, factDocuments, otherApiDocument, fxTypeDocument, layoutDocuments, poolTagDocument, signatureDocument, STATIC_DOCUMENTS,
} from '../lib/search-docs.js';

export const GET: APIRoute = async () => {
  const cases = await getCollection('cases');
  const docs = new Map((await getCollection('signatureDocs')).map((d) => [d.id, d.body ?? '']));
  const documents: SearchDocument[] = [
    ...cases.map((c) => caseDocument(c.id, c.data, c.body ?? '')),
    ...signatures.map((s) => signatureDocument(s, docs.get(s.slug))),
    ...fxTypes.map(fxTypeDocument),
    ...apis.map(apiDocument),
    ...otherApis(apisFile).map(otherApiDocument),
    ...poolTags.map(poolTagDocument),
    ...layouts.flatMap(layoutDocuments),
    ...factDocuments(catalogueEntries()),
    driverTagRuleDocument(poolTagsFile?.driverTagRule),
    ...STATIC_DOCUMENTS,
  ];
  return new Response(JSON.stringify(buildSearchIndex(documents)), {
    headers: { 'Content-Type': 'application/json' },
  });
};
