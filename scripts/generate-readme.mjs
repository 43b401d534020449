#!/usr/bin/env node
// README's signature table, generated from rules/signatures/*.json so it cannot drift from the rules:
// the rows between the signature-table markers of README.md, one per signature, by id.
//
//   node scripts/generate-readme.mjs          rewrite the table in README.md (npm run generate:readme)
//   node scripts/generate-readme.mjs --check  exit 1 when README.md's table is stale
//
// test/signatures/readme-table.test.ts makes the same comparison and fails when the table is stale.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BEGIN = '<!-- signature-table: written by npm run generate:readme from rules/signatures/*.json -->';
export const END = '<!-- /signature-table -->';

/** The signatures of a rules/signatures folder, parsed. */
export function readSignatures(dir = join(root, 'rules', 'signatures')) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}

/** The Markdown table: id, linked slug, status, severity, title; sorted by id. */
export function signatureTable(signatures) {
  const cell = (s) => String(s).replace(/\|/g, '\\|');
  const rows = [...signatures]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => `| ${s.id} | [\`${s.slug}\`](rules/signatures/${s.slug}.md) | ${s.status} | ${s.severity} | ${cell(s.title)} |`);
  return ['| id | slug | status | severity | what it finds |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** README text with the table between the markers replaced; throws when a marker is missing. */
export function withSignatureTable(readme, signatures) {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md lacks the markers ${BEGIN} … ${END}`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${signatureTable(signatures)}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = join(root, 'README.md');
  const current = readFileSync(path, 'utf8');
  const next = withSignatureTable(current, readSignatures());
  if (process.argv.includes('--check')) {
    if (next !== current) process.stderr.write('stale: README.md signature table (run npm run generate:readme)\n');
    process.exitCode = next === current ? 0 : 1;
  } else if (next !== current) {
    writeFileSync(path, next);
    process.stdout.write('wrote README.md signature table\n');
  }
}
