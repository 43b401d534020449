// `wdfleak rules validate` on disk: the repository's own tree, and broken copies of a small tree
// (test/fixtures/rules/<case>/) laid over a copy of the repository's schemas and reference tables.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateRulesDir } from '../../engine/node/validate-rules-dir.js';
import { formatRuleError } from '../../engine/validate/messages.js';

const REPO = process.cwd();
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A tree with the repository's schemas/ and rules/reference/, and the case's rules/signatures/. */
function copyOf(fixtureCase: string): string {
  const root = mkdtempSync(join(tmpdir(), `wdfleak-rules-${fixtureCase}-`));
  made.push(root);
  cpSync(join(REPO, 'schemas'), join(root, 'schemas'), { recursive: true });
  cpSync(join(REPO, 'rules/reference'), join(root, 'rules/reference'), { recursive: true });
  cpSync(join(REPO, 'test/fixtures/rules', fixtureCase), root, { recursive: true });
  return root;
}

/** Messages for the signatures of a broken copy (the reference files are the repository's, checked below). */
async function signatureErrors(fixtureCase: string): Promise<string[]> {
  const root = copyOf(fixtureCase);
  return (await validateRulesDir(root, ['rules/signatures'], { cwd: root })).map((e) => formatRuleError(e, false));
}

describe('validateRulesDir on the repository', () => {
  it('finds no error in rules/ and schemas/', async () => {
    const errors = await validateRulesDir(REPO);
    expect(errors.map((e) => formatRuleError(e))).toEqual([]);
  });
});

describe('validateRulesDir on broken copies', () => {
  it('passes the intact copy', async () => {
    expect(await signatureErrors('valid')).toEqual([]);
  });

  it('names the file, the pointer and the allowed severities', async () => {
    expect(await signatureErrors('bad-severity')).toEqual(['rules/signatures/workitem-dpc.json /severity: must be one of critical, high, medium, low, info']);
  });

  it('wants the doc page', async () => {
    expect(await signatureErrors('missing-doc')).toEqual(['rules/signatures/workitem-dpc.json: missing doc page rules/signatures/workitem-dpc.md']);
  });

  it('wants a negative fixture (a note in the folder does not count)', async () => {
    expect(await signatureErrors('missing-negative')).toEqual([
      'rules/signatures/workitem-dpc.json: missing negative fixture: no .log or .txt transcript under rules/signatures/workitem-dpc/negative/',
    ]);
  });

  it('rejects a second signature with the same id', async () => {
    expect(await signatureErrors('duplicate-id')).toEqual([
      'rules/signatures/workitem-timer.json /id: WDFLEAK-0001 is already used by rules/signatures/workitem-dpc.json; ids must be unique',
    ]);
  });

  it('rejects a slug with a dot', async () => {
    expect(await signatureErrors('slug-with-dot')).toEqual([
      'rules/signatures/workitem.dpc.json /slug: must be lower-case letters and digits, words joined by single hyphens, e.g. workitem-created-in-dpc (no dots, spaces, underscores or capitals) (got "workitem.dpc")',
    ]);
  });

  it('rejects an FX type the reference table does not have', async () => {
    expect(await signatureErrors('unknown-fxtype')).toEqual([
      "rules/signatures/workitem-dpc.json /fxTypes/0: unknown FX type 'FX_TYPE_WORKITM' (not in rules/reference/fx-types.json)",
    ]);
  });

  it('gives the line and column of invalid JSON', async () => {
    expect(await signatureErrors('invalid-json')).toEqual([
      "rules/signatures/workitem-dpc.json: invalid JSON at line 7, column 3: expected ',' or '}' after a property value, found '\"'",
    ]);
  });
});

describe('validateRulesDir paths', () => {
  it('keeps the errors of the paths asked for; a doc page or fixture selects its signature', async () => {
    const root = copyOf('duplicate-id');
    const only = async (...paths: string[]) => (await validateRulesDir(root, paths, { cwd: root })).map((e) => e.file);
    expect(await only('rules/signatures/workitem-dpc.json')).toEqual([]);
    expect(await only('rules/signatures/workitem-timer.json')).toEqual(['rules/signatures/workitem-timer.json']);
    expect(await only('rules/signatures/workitem-timer/negative/amda-small.log')).toEqual(['rules/signatures/workitem-timer.json']);
    expect(await only(join(root, 'rules/signatures/workitem-timer.md'))).toEqual(['rules/signatures/workitem-timer.json']);
  });

  it('says when a path does not exist or lies outside the tree', async () => {
    const root = copyOf('valid');
    const errors = await validateRulesDir(root, ['rules/signatures/nope.json', '../elsewhere.json'], { cwd: root });
    expect(errors.map((e) => formatRuleError(e))).toEqual([
      'rules/signatures/nope.json: no such file or directory',
      `../elsewhere.json: is outside ${root}: rules validate checks files under rules/ and schemas/`,
    ]);
  });

  it('reports a tree without rules/', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wdfleak-rules-empty-'));
    made.push(root);
    cpSync(join(REPO, 'schemas'), join(root, 'schemas'), { recursive: true });
    expect((await validateRulesDir(root)).map((e) => formatRuleError(e))).toEqual([`rules/: no rules directory in ${root}`]);
  });
});
