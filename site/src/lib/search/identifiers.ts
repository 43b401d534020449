// Driver identifiers → search terms. WinDbg text is full of names that a word index cannot find as
// typed: `Wdf01000!FxPoolAllocator+0x81`, `imp_WdfWorkItemCreate`, `_FX_DRIVER_GLOBALS`, `IoWI`.
// Each identifier is indexed whole (lowercased, offset dropped) and in its parts, so a reader who
// types the full symbol, the bare function or a word inside it ("interrupt") lands on it.

/** Characters that separate a module from a symbol or a scope from a member. */
const SCOPE_SPLIT = /!|::|->|\.|\/|\\|@|=|\+/;
/** camelCase / PascalCase / ACRONYMWord / digits. */
const CAMEL_PART = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g;
/** Punctuation around a token in prose or debugger output. */
const EDGE_PUNCT = /^[\s"'`([{<,;:*]+|[\s"'`)\]}>,;:.*?]+$/g;
/** A trailing `+0x81` displacement on a stack frame. */
const DISPLACEMENT = /\+0x[0-9a-f]+$/i;
/** Addresses and raw hex dumps are noise for search: `ffffda00`0f16ed30`, `fffff8040591e433`. */
const ADDRESS = /^(?:0x)?[0-9a-f]{8}`?[0-9a-f]{8}$|^[0-9a-f]{9,}$/i;

/** Lowercased whole form of an identifier: edge punctuation and stack displacement removed. */
export function normalizeIdentifier(token: string): string {
  return token.replace(EDGE_PUNCT, '').replace(DISPLACEMENT, '').toLowerCase();
}

/** Framework prefixes that name no concept of their own: `FX_TYPE_SPIN_LOCK`, `WDFSPINLOCK`, `FxSpinLock`. */
const FRAMEWORK_PREFIX = /^(?:fx_type_|fx_|wdf_?|fx(?=[A-Z]))/i;

/**
 * The concept forms of one scope piece: its words without a framework prefix, run together, and each
 * two neighbouring words run together. They let the spellings of one thing meet: `FX_TYPE_SPIN_LOCK`,
 * `WDFSPINLOCK`, `FxSpinLock` and `WdfSpinLockCreate` all give `spinlock`, as does the query `spin lock`.
 */
export function conceptTerms(piece: string): string[] {
  if (/^0x[0-9a-f]+$/i.test(piece)) return [];
  const rest = piece.replace(/^imp_/i, '').replace(/^_+/, '').replace(FRAMEWORK_PREFIX, '');
  const words = rest
    .split('_')
    .flatMap((w) => w.match(CAMEL_PART) ?? [])
    .map((w) => w.toLowerCase());
  const out = new Set<string>();
  if (words.length > 0) out.add(words.join(''));
  for (let i = 0; i + 1 < words.length; i++) out.add(words[i]! + words[i + 1]!);
  return [...out].filter((t) => t.length > 2 && !/^\d+$/.test(t));
}

/** The two neighbouring words of a query run together: `spin lock` → `spinlock`. */
export function joinedPairs(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!.toLowerCase();
    const b = words[i + 1]!.toLowerCase();
    if (/^[a-z]+$/.test(a) && /^[a-z]+$/.test(b)) out.push(a + b);
  }
  return out;
}

/**
 * The search terms of one identifier, lowercased and unique: the whole form first, then the
 * module/scope pieces, the pieces without `imp_`/leading underscores, the camelCase words and the
 * concept forms ({@link conceptTerms}).
 * `imp_WdfWorkItemCreate` → imp_wdfworkitemcreate, wdfworkitemcreate, imp, wdf, work, item, create,
 * workitemcreate, workitem, itemcreate.
 */
export function splitIdentifier(token: string): string[] {
  const cleaned = token.replace(EDGE_PUNCT, '').replace(DISPLACEMENT, '');
  if (cleaned === '') return [];
  const terms = new Set<string>([cleaned.toLowerCase()]);
  for (const piece of cleaned.split(SCOPE_SPLIT)) {
    if (piece === '') continue;
    terms.add(piece.toLowerCase());
    const bare = piece.replace(/^imp_/i, '').replace(/^_+/, '');
    if (bare !== '') terms.add(bare.toLowerCase());
    for (const word of bare.split('_')) {
      if (word === '') continue;
      terms.add(word.toLowerCase());
      for (const part of word.match(CAMEL_PART) ?? []) {
        // Single letters (`m` of `m_Type`) only add noise to the index.
        if (part.length > 1) terms.add(part.toLowerCase());
      }
    }
    for (const concept of conceptTerms(piece)) terms.add(concept);
  }
  return [...terms];
}

/** Does this token look like code rather than an English word? */
export function isIdentifier(token: string): boolean {
  const t = token.replace(EDGE_PUNCT, '');
  if (t.length < 2 || ADDRESS.test(t) || t.includes('://')) return false;
  if (/^0x[0-9a-f]+$/i.test(t)) return true; // 0x1025, 0x61646d61
  if (/[!_]|::|->/.test(t)) return /[A-Za-z]/.test(t);
  if (/[a-z][A-Z]|[A-Z]{2}[a-z]|[A-Z][a-z]+[A-Z]/.test(t)) return true; // FxWorkItem, IoWI, KMDFDriver
  return /[A-Za-z]/.test(t) && /\d/.test(t) && /^[A-Za-z]/.test(t); // Wdf01000, DAL3
}

/**
 * Every identifier term found in a text (prose, Markdown or debugger output), unique, in order of
 * first appearance. Tokens are split at whitespace and at punctuation that never occurs inside a
 * symbol; `explicit` terms (frontmatter tags, driver names) are split and added whatever they look like.
 */
export function identifierTerms(text: string, explicit: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const token of explicit) for (const term of splitIdentifier(token)) out.add(term);
  for (const token of text.split(/[\s,;()[\]{}"'<>|]+/)) {
    if (token === '' || !isIdentifier(token)) continue;
    for (const term of splitIdentifier(token)) out.add(term);
  }
  return [...out];
}
