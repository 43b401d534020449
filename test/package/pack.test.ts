// What `npm pack` ships: the files a user gets, nothing of the tests, the site or the build caches, and
// every module a shipped file needs (its own files, or a dependency named in package.json).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/run.js';

interface Packed {
  files: Array<{ path: string }>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  exports: Record<string, { types: string; default: string }>;
};
let files: string[] = [];

beforeAll(() => {
  ensureBuilt();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  files = (JSON.parse(out) as Packed[])[0]!.files.map((f) => f.path).sort();
}, 120_000);

describe('npm pack', () => {
  it('ships the licence, the readme, the launcher and its bundle', () => {
    for (const f of ['LICENSE', 'README.md', 'package.json', 'engine/cli/wdfleak.js', 'dist/cli/wdfleak.cjs', 'dist/cli/batch-worker.cjs']) expect(files).toContain(f);
    expect(files).toContain(pkg.bin['wdfleak']);
  });

  it('ships every export with its type definitions', () => {
    for (const e of Object.values(pkg.exports)) {
      expect(files).toContain(posix.normalize(e.default));
      expect(files).toContain(posix.normalize(e.types));
    }
  });

  it('ships the rules, the reference tables and the schemas', () => {
    const signatures = files.filter((f) => /^rules\/signatures\/[^/]+\.json$/.test(f));
    expect(signatures.length).toBeGreaterThanOrEqual(12);
    for (const s of signatures) expect(files).toContain(s.replace(/\.json$/, '.md'));
    expect(files).toContain('rules/reference/fx-types.json');
    expect(files).toContain('schemas/signature.schema.json');
    expect(files.some((f) => /^rules\/signatures\/[^/]+\/positive\/.+\.log$/.test(f))).toBe(true); // `wdfleak rules test`
  });

  it('leaves out tests, the site, sources, test-only references and caches', () => {
    const unwanted = files.filter(
      (f) =>
        /^(test|site|scripts|node_modules|\.github|\.ci)\//.test(f) ||
        /^rules\/reference\/sources\//.test(f) ||
        /\.v8cache$|\.tmp$|node_trace|\.cpuprofile$/.test(f) ||
        (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)),
    );
    expect(unwanted).toEqual([]);
  });

  it('needs no module it does not ship or declare as a dependency', () => {
    const shipped = new Set(files);
    const deps = new Set(Object.keys(pkg.dependencies));
    const missing: string[] = [];
    for (const f of files.filter((x) => /^dist\/engine\/.*\.js$/.test(x) || x === 'dist/cli/wdfleak.cjs' || x === 'dist/cli/batch-worker.cjs')) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
      for (const s of specs) {
        if (s.startsWith('node:') || builtinModules.includes(s)) continue;
        if (s.startsWith('.')) {
          const target = posix.normalize(posix.join(dirname(f), s));
          if (!shipped.has(target)) missing.push(`${f} → ${s}`);
        } else {
          const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!;
          if (!deps.has(name)) missing.push(`${f} → ${name} (not in dependencies)`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
