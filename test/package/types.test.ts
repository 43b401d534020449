// The shipped type definitions (dist/**/*.d.ts) compile for a consumer without @types/node: a small
// TypeScript program importing `wdfleak` and `wdfleak/node` by the package's own name, checked with
// `types: []`, an ES-only lib and the libraries' declarations checked too (skipLibCheck off).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/run.js';

const DIR = join(ROOT, 'test', 'output', 'types-consumer');

const CONSUMER = `
import { analyze, createIngest, ingestText, validateReport, type Finding, type Report, type FactsDocument } from 'wdfleak';
import { analyzeFiles, loadRulePack, readInto, type LoadedRulePack } from 'wdfleak/node';

export async function run(text: string): Promise<string[]> {
  const pack: LoadedRulePack = await loadRulePack();
  const report: Report = await analyze(text, pack, { minSeverity: 'medium' });
  const facts: FactsDocument = ingestText(text);
  const findings: Finding[] = report.findings;
  const ingest = createIngest();
  await readInto(ingest, '-', { stdin: (async function* () { yield new Uint8Array([0x6b, 0x64, 0x3e]); })() });
  void analyzeFiles;
  void validateReport(report);
  return [facts.schemaVersion.toString(), ...findings.map((f) => f.bucket)];
}
`;

function diagnosticsOf(options: ts.CompilerOptions): string[] {
  const program = ts.createProgram([join(DIR, 'consumer.ts')], options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(ROOT.length)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

const BASE: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
};

beforeAll(() => {
  ensureBuilt();
  mkdirSync(DIR, { recursive: true });
  // The consumer sits inside the package, so `wdfleak` resolves through package.json `exports` (self-reference).
  writeFileSync(join(DIR, 'consumer.ts'), CONSUMER);
}, 120_000);

describe('shipped type definitions', () => {
  it('compile for a consumer with types: [] and no DOM', () => {
    expect(diagnosticsOf(BASE)).toEqual([]);
  });

  it('are really the ones checked (a wrong use is reported)', () => {
    writeFileSync(join(DIR, 'consumer.ts'), `${CONSUMER}\nexport const wrong: number = ingestText('x').blocks;\n`);
    try {
      expect(diagnosticsOf(BASE).join('\n')).toMatch(/not assignable to type 'number'/);
    } finally {
      writeFileSync(join(DIR, 'consumer.ts'), CONSUMER);
    }
  });
});
