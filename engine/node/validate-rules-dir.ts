// `wdfleak rules validate [paths]` on disk: reads schemas/*.schema.json and everything under rules/
// of a checkout (or of the installed package), runs the pure validator, and keeps the errors of the
// paths asked for. Cross-file checks (unique ids, fixtures, reference names) always see the whole tree.
import { promises as fsp } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findJsonSyntaxError } from '../validate/json-syntax.js';
import type { RuleError } from '../validate/messages.js';
import type { ReferenceTables } from '../validate/reference-tables.js';
import { compileSchemas, type SchemaDoc, type SchemaSet } from '../validate/schemas.js';
import { isFixturePath, validateRules, type RuleFileRecord } from '../validate/validate-rules.js';

export interface ValidateRulesDirOptions {
  /** Operator names conditions may use; default: json-rules-engine's and wdfleak's. */
  operators?: readonly string[];
  /** Override the FX type / API tables (default: read from rules/reference/). */
  reference?: ReferenceTables;
  /** Base for relative `paths` (default: the current directory). */
  cwd?: string;
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Errors of the rules tree under `root` (the directory holding rules/ and schemas/). With `paths`
 * (files or folders, relative to `cwd`), only errors of those files are returned; a doc page or a
 * fixture selects its signature too.
 */
export async function validateRulesDir(root: string, paths?: readonly string[], options: ValidateRulesDirOptions = {}): Promise<RuleError[]> {
  const errors: RuleError[] = [];
  const schemas = await loadSchemaSet(root, errors);
  const files: RuleFileRecord[] = [];
  const assets: string[] = [];
  const rulesDir = join(root, 'rules');
  let links: string[] | undefined;
  if (!(await isDirectory(rulesDir))) {
    errors.push({ file: 'rules/', pointer: '', message: `no rules directory in ${root}` });
  } else {
    links = [];
    for (const path of await listFiles(rulesDir, 'rules', links)) {
      if (path.endsWith('.json') && !isFixturePath(path)) files.push({ path, text: await fsp.readFile(join(root, path), 'utf8') });
      else assets.push(path);
    }
  }
  // A symlink could publish or run a file from outside the repository (a fixture, a doc page): refused.
  for (const path of links ?? []) {
    errors.push({ file: path, pointer: '', message: 'is a symbolic link; rule files, fixtures and doc pages must be plain files inside the repository (copy the file instead)' });
  }
  errors.push(
    ...validateRules({
      files,
      assets,
      schemas,
      ...(options.reference ? { reference: options.reference } : {}),
      ...(options.operators ? { operators: options.operators } : {}),
    }),
  );
  if (!paths?.length) return errors;
  return select(errors, root, paths, options.cwd ?? process.cwd());
}

async function select(errors: RuleError[], root: string, paths: readonly string[], cwd: string): Promise<RuleError[]> {
  const selected: string[] = [];
  const problems: RuleError[] = [];
  for (const given of paths) {
    const abs = resolve(cwd, given);
    const rel = toPosix(relative(resolve(root), abs));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      problems.push({ file: given, pointer: '', message: `is outside ${root}: rules validate checks files under rules/ and schemas/` });
      continue;
    }
    try {
      await fsp.stat(abs);
    } catch {
      problems.push({ file: rel || given, pointer: '', message: 'no such file or directory' });
      continue;
    }
    selected.push(rel);
    const m = /^rules\/signatures\/([^/]+?)(?:\.md|\/.*)$/.exec(rel);
    if (m) selected.push(`rules/signatures/${m[1]}.json`);
  }
  const covers = (file: string) => selected.some((s) => s === '' || file === s || file.startsWith(`${s}/`) || (file.endsWith('/') && file.startsWith(s)));
  return [...problems, ...errors.filter((e) => covers(e.file))];
}

const schemaCache = new Map<string, SchemaSet>();

/** schemas/*.schema.json of `root`, compiled once per content. */
export async function loadSchemaSet(root: string, errors: RuleError[] = []): Promise<SchemaSet> {
  const dir = join(root, 'schemas');
  const names = (await isDirectory(dir)) ? (await fsp.readdir(dir)).filter((n) => n.endsWith('.schema.json')).sort() : [];
  if (!names.length) errors.push({ file: 'schemas/', pointer: '', message: `no *.schema.json files in ${dir}` });
  const texts = await Promise.all(names.map((n) => fsp.readFile(join(dir, n), 'utf8')));
  const key = names.map((n, i) => `${n}\u0000${texts[i]}`).join('\u0001');
  const docs: SchemaDoc[] = [];
  names.forEach((name, i) => {
    const path = `schemas/${name}`;
    try {
      docs.push({ path, schema: JSON.parse(texts[i]!) as unknown });
    } catch (e) {
      const where = findJsonSyntaxError(texts[i]!);
      errors.push({
        file: path,
        pointer: '',
        message: where ? `invalid JSON at line ${where.line}, column ${where.column}: ${where.message}` : `invalid JSON: ${(e as Error).message}`,
      });
    }
  });
  let set = schemaCache.get(key);
  if (!set) {
    set = compileSchemas(docs);
    schemaCache.set(key, set);
  }
  return set;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await fsp.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Files under `dir` as repository paths (`rules/…`), sorted; hidden files and folders are skipped, symlinks go to `links`. */
async function listFiles(dir: string, prefix: string, links: string[]): Promise<string[]> {
  const out: string[] = [];
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.')) continue;
    const path = `${prefix}/${e.name}`;
    if (e.isSymbolicLink()) links.push(path);
    else if (e.isDirectory()) out.push(...(await listFiles(join(dir, e.name), path, links)));
    else if (e.isFile()) out.push(path);
  }
  return out;
}
