import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseSchema } from '../../site/src/lib/case-schema.js';
import { ACP, ensureBuilt, oneLine, wdfleak } from './run.js';

beforeAll(() => ensureBuilt(), 180_000);
const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-cli-writeup-'));

function frontmatter(md: string): Record<string, unknown> {
  const block = /^---\n([\s\S]*?)\n---\n/.exec(md)![1]!;
  return Object.fromEntries(
    block.split('\n').map((line) => {
      const [key, raw] = [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)];
      return [key, key === 'date' || key === 'status' ? raw : JSON.parse(raw)];
    }),
  );
}

describe('wdfleak writeup', () => {
  it('drafts the ACP case: frontmatter the site accepts, evidence quoted from the transcript', () => {
    const r = wdfleak(['writeup', ACP, '--author', 'Nick Kuo', '--date', '2024-11-14']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const fm = frontmatter(r.stdout);
    expect(fm).toMatchObject({ date: '2024-11-14', drivers: ['amdacpbus2'], poolTags: ['amda'], fxTypes: ['FX_TYPE_WORKITEM'], status: 'draft', authors: ['Nick Kuo'] });
    expect(fm.signatures).toContain('workitem-created-in-dpc');
    const parsed = caseSchema.safeParse(fm);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    for (const h of ['## Symptom', '## Evidence', '## Analysis', '## Root cause', '## Fix']) expect(r.stdout).toContain(`\n${h}\n`);
    expect(r.stdout).toContain('Nonpaged pool is dominated by tag `amda`: 5,768,754 outstanding allocations holding 1.8 GiB');
    expect(r.stdout).toContain('  +0x008 m_Type           : 0x1025');
  });

  it('--output writes the file and refuses to replace it without --force; no author is a note', () => {
    const out = join(tmp, 'case.md');
    const r = wdfleak(['writeup', ACP, '-o', out, '--date', '2024-11-14']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`wdfleak writeup: wrote ${out}\nwdfleak writeup: note: add authors (--author) before submitting; the site requires one\n`);
    expect(readFileSync(out, 'utf8').startsWith('---\ntitle: ')).toBe(true);
    const again = wdfleak(['writeup', ACP, '-o', out]);
    expect(again.status).toBe(2);
    expect(oneLine(again.stderr)).toBe(`wdfleak writeup: ${out}: exists already (give --force to replace it)`);
    expect(wdfleak(['writeup', ACP, '-o', out, '--force', '--author', 'x', '--quiet']).status).toBe(0);
  });

  it('bad dates and missing inputs are exit 2', () => {
    expect(oneLine(wdfleak(['writeup', ACP, '--date', '14/11/2024']).stderr)).toBe("wdfleak writeup: --date must be YYYY-MM-DD (got '14/11/2024'); see 'wdfleak writeup --help'");
    expect(wdfleak(['writeup', 'nothing.log']).status).toBe(2);
    expect(existsSync(join(tmp, 'never.md'))).toBe(false);
  });
});
