#!/usr/bin/env node
// TypeScript types generated from the JSON Schemas, so the two are never kept by hand side by side:
// schemas/<name>.schema.json → engine/types/generated/<name>.ts (json-schema-to-typescript).
//
//   node scripts/generate-types.mjs          write the files
//   node scripts/generate-types.mjs --check  exit 1 when a committed file differs from what the schema gives
//   node scripts/generate-types.mjs --print facts   write one generated file to stdout
//
// test/validate/generated-types.test.ts runs the same generation and fails when a file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The schemas whose types are generated, in families: a file imports the declarations it shares with an
 * earlier file of its family (findings the fact and signature types; the reference tables their `Source`)
 * instead of declaring them again.
 */
const FAMILIES = [
  ['facts', 'signature', 'findings', 'fact-catalogue', 'fact-examples'],
  ['fx-types', 'layout', 'wdf-object-apis', 'pool-tags'],
];
export const GENERATED = FAMILIES.flat();

/**
 * A schema in the form the generator reads, same meaning for types:
 * - draft 2020-12 tuples (`prefixItems` with `items: false`) in the draft-07 form;
 * - `if`/`then`/`else` chains whose branches are whole types (they pick the branch that gives the best
 *   error message) as the `anyOf` of the branches;
 * - a value of any type as `unknown`, an object of any keys as `Record<string, unknown>` (the generator's
 *   own `tsType` keyword, set only on this copy; the schemas ajv reads never see it);
 * - the fact catalogue's constraints (fact-paths.schema.json: which fact names, paths and placeholders
 *   exist) as plain strings: they change with the catalogue, the shape of a signature does not.
 */
const FACT_PATHS = 'fact-paths.schema.json#';
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

function forGenerator(value, isMap = false) {
  if (Array.isArray(value)) return value.map((v) => forGenerator(v));
  if (value === null || typeof value !== 'object') return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forGenerator(v, !isMap && SCHEMA_MAPS.has(k))]));
  if (isMap) return out;
  if (typeof out.$ref === 'string' && out.$ref.startsWith(FACT_PATHS)) {
    delete out.$ref;
    out.type = 'string';
  }
  // …and the FactPath constraint, which only narrows `path`, dropped from the allOf that held it.
  if (Array.isArray(out.allOf)) {
    out.allOf = out.allOf.filter((x) => !(x.type === 'string' && Object.keys(x).length === 1));
    if (!out.allOf.length) delete out.allOf;
  }
  if (out.prefixItems) {
    out.items = out.prefixItems;
    out.additionalItems = false;
    out.maxItems = out.prefixItems.length;
    delete out.prefixItems;
  }
  if (out.if && out.then && out.else && !out.properties) {
    const branches = [];
    for (let node = out; node?.if && node.then; node = node.else) {
      branches.push(node.then);
      if (!(node.else?.if && node.else.then)) branches.push(node.else);
    }
    delete out.if;
    delete out.then;
    delete out.else;
    out.anyOf = branches;
  }
  const shaped = ['type', '$ref', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'items', 'properties'];
  const isSchema = 'description' in out || Object.keys(out).length === 0;
  if (isSchema && !shaped.some((k) => k in out) && !('if' in out)) out.tsType = 'unknown';
  if (out.type === 'object' && !out.properties && !out.patternProperties && out.additionalProperties === undefined && !out.anyOf && !out.if) {
    out.tsType = 'Record<string, unknown>';
  }
  return out;
}

/** Reads the schemas a schema refers to (`facts.schema.json#/$defs/…`) through the same transform. */
const localSchemas = {
  order: 1,
  canRead: /\.schema\.json$/,
  read: (file) => JSON.stringify(forGenerator(JSON.parse(readFileSync(file.url.startsWith('file:') ? fileURLToPath(file.url) : file.url, 'utf8')))),
};

/**
 * Declarations the generator copied from another generated file (a schema that refers to facts or
 * signature types gets its own copy of them) are replaced by an import of the original.
 */
async function withoutCopies(name, body) {
  const family = FAMILIES.find((f) => f.includes(name));
  const earlier = family.slice(0, family.indexOf(name));
  if (earlier.length === 0) return body;
  const owners = new Map();
  const primitives = new Map();
  const declarations = (text, file) => ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true).statements.filter((st) => st.name);
  const bodies = [body, ...(await Promise.all(earlier.map(generatedBody)))];
  for (const text of bodies) {
    for (const st of declarations(text, 'x.ts')) {
      // Aliases of a primitive or a union of literals (`Count`, `Arch`): compared by what they stand for.
      if (ts.isTypeAliasDeclaration(st) && !/\b[A-Z]/.test(st.type.getText())) primitives.set(st.name.text, st.type.getText());
    }
  }
  // Compared without comments, with those aliases and the generator's numbered duplicate names
  // (`LineRange1`) spelled out.
  const normal = (st) =>
    st
      .getText()
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\b([A-Z][A-Za-z]*?)\d+\b/g, '$1')
      .replace(/\b[A-Z]\w*\b/g, (id) => primitives.get(id) ?? id)
      .replace(/\s+/g, ' ');
  earlier.forEach((other, i) => {
    for (const st of declarations(bodies[i + 1], `${other}.ts`)) if (!owners.has(st.name.text)) owners.set(st.name.text, { module: other, text: normal(st) });
  });
  const source = ts.createSourceFile(`${name}.ts`, body, ts.ScriptTarget.ES2022, true);
  const imports = new Map();
  let out = '';
  let at = 0;
  for (const st of source.statements) {
    const owner = st.name && owners.get(st.name.text);
    if (!owner || owner.text !== normal(st)) continue;
    out += body.slice(at, st.getFullStart());
    at = st.getEnd();
    imports.set(owner.module, [...(imports.get(owner.module) ?? []), st.name.text]);
  }
  out += body.slice(at);
  const header = [...imports].map(([module, names]) => `import type { ${names.sort().join(', ')} } from './${module}.js';\n`).join('');
  return header + out.replace(/^\n+/, '');
}

async function generatedBody(name) {
  const file = `schemas/${name}.schema.json`;
  const schema = forGenerator(JSON.parse(readFileSync(join(root, file), 'utf8')));
  return compile(schema, name, {
    bannerComment: '',
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: false,
    declareExternallyReferenced: true,
    format: false,
    cwd: join(root, 'schemas'),
    $refOptions: { resolve: { file: localSchemas } },
  });
}

/** The generated source of one schema. */
export async function generatedTypes(name) {
  const body = await withoutCopies(name, await generatedBody(name));
  return `// Generated from schemas/${name}.schema.json by scripts/generate-types.mjs: do not edit; change the schema and\n// run \`npm run generate:types\`.\n/* eslint-disable */\n${body.replace(/[ \t]+$/gm, '')}`;
}

export function generatedPath(name) {
  return join(root, 'engine/types/generated', `${name}.ts`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--print') {
  process.stdout.write(await generatedTypes(process.argv[3]));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const name of GENERATED) {
    const text = await generatedTypes(name);
    const path = generatedPath(name);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // not written yet
    }
    if (current === text) continue;
    if (check) {
      process.stderr.write(`stale: ${path.slice(root.length + 1)} (run npm run generate:types)\n`);
      stale++;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      process.stdout.write(`wrote ${path.slice(root.length + 1)}\n`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}
