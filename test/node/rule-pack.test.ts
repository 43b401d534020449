import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSignaturesDir, loadRulePack, parseJson } from '../../engine/node/rule-pack.js';
import { InputError } from '../../engine/node/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-pack-'));
const bundledWorkitem = JSON.parse(readFileSync(join(bundledSignaturesDir(), 'workitem-created-in-dpc.json'), 'utf8'));

function pack(name: string, files: Record<string, unknown>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, value] of Object.entries(files)) writeFileSync(join(dir, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return dir;
}

const mine = { ...bundledWorkitem, id: 'WDFLEAK-9001', slug: 'my-workitem-leak', status: 'experimental' };

describe('loadRulePack', () => {
  it('loads the bundled signatures sorted by id, remembering their files', async () => {
    const p = await loadRulePack();
    const ids = p.signatures.map((s) => s.id);
    expect(ids).toContain('WDFLEAK-0001');
    expect([...ids].sort()).toEqual(ids);
    expect(p.files.get('WDFLEAK-0001')).toBe(join(bundledSignaturesDir(), 'workitem-created-in-dpc.json'));
  });

  it('adds a --rules folder, or uses it alone with rulesOnly', async () => {
    const dir = pack('extra', { 'my-workitem-leak.json': mine });
    const both = await loadRulePack({ rules: [dir] });
    expect(both.signatures.map((s) => s.id)).toContain('WDFLEAK-0001');
    expect(both.signatures.map((s) => s.id)).toContain('WDFLEAK-9001');
    const only = await loadRulePack({ rules: [dir], rulesOnly: true });
    expect(only.signatures.map((s) => s.id)).toEqual(['WDFLEAK-9001']);
  });

  it('accepts a rules/ folder holding signatures/', async () => {
    const root = join(tmp, 'rulesroot');
    pack('rulesroot/signatures', { 'my-workitem-leak.json': mine });
    expect((await loadRulePack({ rules: [root], rulesOnly: true })).signatures).toHaveLength(1);
  });

  it('lets a user signature with a bundled id replace it, and says so', async () => {
    const dir = pack('override', { 'workitem-created-in-dpc.json': { ...bundledWorkitem, title: 'patched' } });
    const replaced: string[] = [];
    const p = await loadRulePack({ rules: [dir], onReplace: (id) => replaced.push(id) });
    expect(replaced).toEqual(['WDFLEAK-0001']);
    expect(p.signatures.find((s) => s.id === 'WDFLEAK-0001')!.title).toBe('patched');
  });

  it('names the file and line of broken JSON', async () => {
    const dir = pack('broken', { 'bad.json': '{\n  "id": "WDFLEAK-9002",\n  "slug": "bad"\n  "title": "x"\n}\n' });
    const err = await loadRulePack({ rules: [dir], rulesOnly: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe(join(dir, 'bad.json'));
    expect((err as InputError).line).toBe(4);
    expect((err as InputError).message).toMatch(/^invalid JSON at column 3: /);
  });

  it('rejects a JSON object that is not a signature, duplicate ids and duplicate slugs', async () => {
    const notSig = pack('notsig', { 'x.json': { hello: 1 } });
    await expect(loadRulePack({ rules: [notSig], rulesOnly: true })).rejects.toThrow(/not a signature: missing id, slug, title/);
    const dupId = pack('dupid', { 'a.json': mine, 'b.json': { ...mine, slug: 'other-slug' } });
    await expect(loadRulePack({ rules: [dupId], rulesOnly: true })).rejects.toThrow(/signature id WDFLEAK-9001 is also used by .*a\.json/);
    const dupSlug = pack('dupslug', { 'a.json': mine, 'b.json': { ...mine, id: 'WDFLEAK-9003' } });
    await expect(loadRulePack({ rules: [dupSlug], rulesOnly: true })).rejects.toThrow(/slug 'my-workitem-leak' is also used by/);
  });

  it('says what is wrong with the --rules path', async () => {
    await expect(loadRulePack({ rules: [join(tmp, 'missing')] })).rejects.toThrow('cannot read rule pack: no such file');
    const file = join(tmp, 'afile.json');
    writeFileSync(file, '{}');
    await expect(loadRulePack({ rules: [file] })).rejects.toThrow(/not a directory/);
    await expect(loadRulePack({ rulesOnly: true })).rejects.toThrow('--rules-only needs at least one --rules <dir>');
  });
});

describe('parseJson', () => {
  it('reads a BOM and reports the line of an unexpected end', () => {
    expect(parseJson('\ufeff{"a":1}', 'x.json')).toEqual({ a: 1 });
    const err = (() => {
      try {
        parseJson('{\n"a": [1,\n', 'x.json');
      } catch (e) {
        return e as InputError;
      }
      return undefined;
    })();
    expect(err?.file).toBe('x.json');
    expect(err?.line).toBe(3);
  });
});
