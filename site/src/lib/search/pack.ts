// A compact wire form of a lunr index. lunr's own JSON stores every (term, field, document) twice —
// once in the inverted index, once as a scored field vector — with three-decimal scores that gzip
// poorly. The packed form keeps only what the scores are computed from: the sorted term list and,
// per field and document, the field length and the term frequencies (term indices delta-coded).
// `unpackIndex` recomputes lunr's BM25 field vectors with lunr's own formula and rounding, so the
// loaded index scores exactly as one built in place (tested in test/site/search-pack.test.ts).
import lunr from 'lunr';

export interface PackedIndex {
  /** lunr version the index was built with. */
  lunr: string;
  fields: Array<[name: string, boost: number]>;
  /** BM25 parameters of the builder. */
  k1: number;
  b: number;
  /** Search pipeline function names (lunr's `pipeline` in the JSON form). */
  pipeline: string[];
  /** Every indexed term, sorted; a term's position is its index. */
  terms: string[];
  /**
   * `docs[field][document]` = [field length, Δterm, Δterm, -tf, …]: term indices ascending and
   * delta-coded (the first from 0); a negative number is the frequency of the term before it when
   * that is more than 1. Documents are in ref order (ref = position in base 36).
   */
  docs: number[][][];
  /** Document boosts (`builder.add(doc, { boost })`) in ref order; absent when every one is 1. */
  boosts?: number[];
}

/** The parts of lunr.Builder that lunr's typings leave out. */
interface BuilderInternals {
  _fields: Record<string, { boost?: number }>;
  _k1: number;
  _b: number;
  fieldTermFrequencies: Record<string, Record<string, number>>;
  fieldLengths: Record<string, number>;
  searchPipeline: lunr.Pipeline;
  _documents: Record<string, { boost?: number } | null>;
}

/** Packs a builder after all documents were added, before (or instead of) `build()`. */
export function packBuilder(builder: lunr.Builder, refs: readonly string[]): PackedIndex {
  const b = builder as unknown as BuilderInternals;
  const fields = Object.keys(b._fields);
  const termSet = new Set<string>();
  for (const frequencies of Object.values(b.fieldTermFrequencies)) for (const term of Object.keys(frequencies)) termSet.add(term);
  const terms = [...termSet].sort();
  const indexOf = new Map(terms.map((t, i) => [t, i]));
  const docs = fields.map((field) =>
    refs.map((ref) => {
      const key = `${field}/${ref}`;
      const frequencies = b.fieldTermFrequencies[key] ?? {};
      const entries = Object.entries(frequencies)
        .map(([term, tf]) => [indexOf.get(term)!, tf] as const)
        .sort((x, y) => x[0] - y[0]);
      const out = [b.fieldLengths[key] ?? 0];
      let previous = 0;
      for (const [index, tf] of entries) {
        out.push(index - previous);
        if (tf > 1) out.push(-tf);
        previous = index;
      }
      return out;
    }),
  );
  const boosts = refs.map((ref) => b._documents[ref]?.boost ?? 1);
  return {
    lunr: lunr.version,
    fields: fields.map((f) => [f, b._fields[f]?.boost ?? 1]),
    k1: b._k1,
    b: b._b,
    pipeline: b.searchPipeline.toJSON() as unknown as string[],
    terms,
    docs,
    ...(boosts.some((x) => x !== 1) ? { boosts } : {}),
  };
}

/** lunr's serialized index (for `lunr.Index.load`) from the packed form. */
export function unpackIndex(packed: PackedIndex, refOf: (position: number) => string): object {
  const fieldNames = packed.fields.map(([name]) => name);
  const documentCount = packed.docs[0]?.length ?? 0;
  // Per document: field → [[termIndex, tf]] and the field lengths.
  const postings: Array<Record<string, Record<string, object>> & { _index: number }> = packed.terms.map((_, i) => {
    const posting = { _index: i } as Record<string, Record<string, object>> & { _index: number };
    for (const name of fieldNames) posting[name] = {};
    return posting;
  });
  const decoded = packed.docs.map((perDoc) =>
    perDoc.map((list) => {
      const pairs: Array<[number, number]> = [];
      let index = 0;
      for (let i = 1; i < list.length; i++) {
        const n = list[i]!;
        if (n < 0) pairs[pairs.length - 1]![1] = -n;
        else {
          index += n;
          pairs.push([index, 1]);
        }
      }
      return { length: list[0] ?? 0, pairs };
    }),
  );
  decoded.forEach((perDoc, f) => {
    const name = fieldNames[f]!;
    perDoc.forEach(({ pairs }, d) => {
      const ref = refOf(d);
      for (const [index] of pairs) postings[index]![name]![ref] = {};
    });
  });
  // lunr.idf: documents with the term, counted once per field they have it in.
  const idf = postings.map((posting) => {
    let withTerm = 0;
    for (const name of fieldNames) withTerm += Object.keys(posting[name]!).length;
    const x = (documentCount - withTerm + 0.5) / (withTerm + 0.5);
    return Math.log(1 + Math.abs(x));
  });
  const fieldVectors: Array<[string, number[]]> = [];
  decoded.forEach((perDoc, f) => {
    const [name, boost] = packed.fields[f]!;
    let total = 0;
    for (const { length } of perDoc) total += length;
    const average = total / perDoc.length;
    perDoc.forEach(({ length, pairs }, d) => {
      const elements: number[] = [];
      for (const [index, tf] of pairs) {
        // lunr.Builder#createFieldVectors, term for term: field boost, then document boost.
        let score = idf[index]! * ((packed.k1 + 1) * tf) / (packed.k1 * (1 - packed.b + packed.b * (length / average)) + tf);
        score *= boost || 1;
        score *= packed.boosts?.[d] ?? 1;
        elements.push(index, Math.round(score * 1000) / 1000);
      }
      fieldVectors.push([`${name}/${refOf(d)}`, elements]);
    });
  });
  return {
    version: packed.lunr,
    fields: fieldNames,
    fieldVectors,
    invertedIndex: packed.terms.map((term, i) => [term, postings[i]]),
    pipeline: packed.pipeline,
  };
}
