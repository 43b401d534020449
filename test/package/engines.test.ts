// `npm ci` on the oldest Node the package supports (package.json engines) installs nothing whose own engines
// exclude it: such a package makes npm warn EBADENGINE (astro's font helper pulled undici 8, Node ≥ 22.19,
// until package.json `overrides` pinned it to undici 7).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run.js';

interface Lock {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
const oldest = semver.minVersion(pkg.engines.node)!;

/** Packages of the lockfile whose engines.node does not accept `node`. */
export function engineMismatches(packages: Lock['packages'], node: semver.SemVer): string[] {
  return Object.entries(packages)
    .filter(([path, p]) => path !== '' && !Array.isArray(p.engines) && p.engines?.node !== undefined)
    .filter(([, p]) => !semver.satisfies(node, (p.engines as { node: string }).node, { includePrerelease: true }))
    .map(([path, p]) => `${path.replace(/^node_modules\//, '')}@${p.version} wants node ${(p.engines as { node: string }).node}`);
}

describe('engines', () => {
  it(`every locked package runs on Node ${oldest.version}, the oldest package.json allows`, () => {
    expect(oldest.major).toBe(20);
    expect(engineMismatches(lock.packages, oldest)).toEqual([]);
  });

  it('reports a package that needs a newer Node', () => {
    const found = engineMismatches({ '': {}, 'node_modules/undici': { version: '8.13.1', engines: { node: '>=22.19.0' } } }, oldest);
    expect(found).toEqual(['undici@8.13.1 wants node >=22.19.0']);
  });
});
