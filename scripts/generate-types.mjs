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

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The schemas whose types are generated. */
export const GENERATED = ['facts'];

/** draft 2020-12 tuples (`prefixItems` with `items: false`) in the draft-07 form the generator reads. */
function tuplesForGenerator(value) {
  if (Array.isArray(value)) return value.map(tuplesForGenerator);
  if (value === null || typeof value !== 'object') return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tuplesForGenerator(v)]));
  if (out.prefixItems) {
    out.items = out.prefixItems;
    out.additionalItems = false;
    out.maxItems = out.prefixItems.length;
    delete out.prefixItems;
  }
  return out;
}

/** The generated source of one schema. */
export async function generatedTypes(name) {
  const file = `schemas/${name}.schema.json`;
  const schema = tuplesForGenerator(JSON.parse(readFileSync(join(root, file), 'utf8')));
  const body = await compile(schema, name, {
    bannerComment: '',
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: false,
    declareExternallyReferenced: true,
    format: false,
    cwd: join(root, 'schemas'),
  });
  return `// Generated from ${file} by scripts/generate-types.mjs: do not edit; change the schema and run\n// \`npm run generate:types\`.\n/* eslint-disable */\n${body.replace(/[ \t]+$/gm, '')}`;
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
