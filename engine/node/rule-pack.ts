// Rule packs from disk: the package's own rules/signatures/*.json, plus (or instead of) the user's
// packs given with --rules. A broken file is an InputError naming the file and the line; the full
// schema check is `wdfleak rules validate` (ajv is not loaded on the analysis path).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RulePack } from '../analyze.js';
import type { Signature } from '../types/signature.js';
import { fsError, InputError } from './errors.js';
import { packageRoot } from './package-root.js';
import { checkPackSignature } from './pack-limits.js';

export interface LoadRulePackOptions {
  /** Extra pack directories (a folder of <slug>.json, or a rules/ folder holding signatures/). */
  rules?: readonly string[];
  /** Use only the `rules` packs, not the bundled signatures. */
  rulesOnly?: boolean;
  /** Called when a user pack replaces a bundled signature with the same id. */
  onReplace?: (id: string, bundled: string, replacement: string) => void;
}

export interface LoadedRulePack extends RulePack {
  /** Signature id → the file it was read from. */
  files: ReadonlyMap<string, string>;
  /** The directories read, bundled first. */
  dirs: readonly string[];
}

const REQUIRED = ['id', 'slug', 'title', 'status', 'severity', 'subject', 'conditions', 'event', 'confidence'] as const;

/** The directory of the bundled signatures. */
export function bundledSignaturesDir(): string {
  return join(packageRoot(), 'rules', 'signatures');
}

export async function loadRulePack(options: LoadRulePackOptions = {}): Promise<LoadedRulePack> {
  if (options.rulesOnly && !options.rules?.length) {
    throw new InputError('--rules-only needs at least one --rules <dir>');
  }
  const byId = new Map<string, { sig: Signature; file: string }>();
  const dirs: string[] = [];
  if (!options.rulesOnly) {
    const dir = bundledSignaturesDir();
    dirs.push(dir);
    for (const { sig, file } of await readPackDir(dir)) addUnique(byId, sig, file);
  }
  for (const given of options.rules ?? []) {
    const dir = await signaturesDirOf(given);
    dirs.push(dir);
    const seenHere = new Map<string, string>();
    for (const { sig, file } of await readPackDir(dir, given)) {
      checkPackSignature(sig, file); // a user's pack is untrusted: a bad pattern is exit 2, not a hang or exit 3
      const dup = seenHere.get(sig.id);
      if (dup) throw new InputError(`signature id ${sig.id} is also used by ${dup}; ids must be unique`, file);
      seenHere.set(sig.id, file);
      const prev = byId.get(sig.id);
      if (prev) options.onReplace?.(sig.id, prev.file, file);
      byId.set(sig.id, { sig, file });
    }
  }
  const slugs = new Map<string, string>();
  for (const { sig, file } of byId.values()) {
    const other = slugs.get(sig.slug);
    if (other) throw new InputError(`slug '${sig.slug}' is also used by ${other}; slugs must be unique`, file);
    slugs.set(sig.slug, file);
  }
  const entries = [...byId.values()].sort((a, b) => (a.sig.id < b.sig.id ? -1 : a.sig.id > b.sig.id ? 1 : 0));
  return {
    signatures: entries.map((e) => e.sig),
    files: new Map(entries.map((e) => [e.sig.id, e.file])),
    dirs,
  };
}

function addUnique(byId: Map<string, { sig: Signature; file: string }>, sig: Signature, file: string): void {
  const prev = byId.get(sig.id);
  if (prev) throw new InputError(`signature id ${sig.id} is also used by ${prev.file}; ids must be unique`, file);
  byId.set(sig.id, { sig, file });
}

/** `dir` itself, or `dir/signatures` when the user pointed at a rules/ folder. */
async function signaturesDirOf(given: string): Promise<string> {
  const dir = resolve(given);
  let st;
  try {
    st = statSync(dir);
  } catch (err) {
    throw fsError(err, given, 'cannot read rule pack');
  }
  if (!st.isDirectory()) throw new InputError('cannot read rule pack: not a directory (expected a folder of <slug>.json signatures)', given);
  try {
    const sub = join(dir, 'signatures');
    if (statSync(sub).isDirectory()) return sub;
  } catch {
    // no signatures/ inside: the folder holds the signatures itself
  }
  return dir;
}

/** Every `*.json` directly in `dir`, parsed and shape-checked, sorted by file name. */
export async function readPackDir(dir: string, shownAs?: string): Promise<Array<{ sig: Signature; file: string }>> {
  let names: string[];
  try {
    // Synchronous: a dozen small files, read faster without the thread pool's round trips.
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw fsError(err, shownAs ?? dir, 'cannot read rule pack');
  }
  const out: Array<{ sig: Signature; file: string }> = [];
  for (const name of names) {
    const file = join(dir, name);
    out.push({ sig: await readSignatureFile(file), file });
  }
  return out;
}

export async function readSignatureFile(file: string): Promise<Signature> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw fsError(err, file);
  }
  const value = parseJson(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('not a signature: expected a JSON object', file);
  }
  const missing = REQUIRED.filter((k) => !(k in value));
  if (missing.length) {
    throw new InputError(`not a signature: missing ${missing.join(', ')} (run 'wdfleak rules validate' for the full check)`, file);
  }
  return value as Signature;
}

/** JSON.parse with the error turned into `file:line: message`. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    let line: number | undefined;
    let col: number | undefined;
    if (lineCol) {
      line = Number(lineCol[1]);
      col = Number(lineCol[2]);
    } else if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      line = before.split('\n').length;
      col = offset - before.lastIndexOf('\n');
    } else if (/end of (JSON|data) input/i.test(message)) {
      line = text.split('\n').length;
    }
    const what = message
      .replace(/^JSON\.parse: /, '')
      .replace(/,? ?"(?:[^"\\]|\\.)*"? is not valid JSON$/, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    throw new InputError(`invalid JSON${col !== undefined ? ` at column ${col}` : ''}: ${what}`, file, line);
  }
}
