// Shared helpers for the site tests: the repository's real content, read from disk.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { caseSchema, type CaseFrontmatter } from '../../site/src/lib/case-schema.js';
import type { Signature } from '../../engine/types/signature.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const CASES_DIR = join(REPO, 'site/cases');
export const SIGNATURES_DIR = join(REPO, 'rules/signatures');

export interface CaseOnDisk {
  slug: string;
  raw: string;
  frontmatter: Record<string, unknown>;
  body: string;
  transcript?: string;
}

export function casesOnDisk(): CaseOnDisk[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const raw = readFileSync(join(CASES_DIR, d.name, 'case.md'), 'utf8');
      const { frontmatter, content } = parseFrontmatter(raw);
      const transcriptPath = join(CASES_DIR, d.name, 'transcript.log');
      const c: CaseOnDisk = { slug: d.name, raw, frontmatter, body: content };
      if (existsSync(transcriptPath)) c.transcript = readFileSync(transcriptPath, 'utf8');
      return c;
    });
}

export function acpCase(): CaseOnDisk & { data: CaseFrontmatter } {
  const c = casesOnDisk().find((x) => x.slug === 'acp-workitem-leak');
  if (!c) throw new Error('site/cases/acp-workitem-leak is missing');
  return { ...c, data: caseSchema.parse(c.frontmatter) };
}

export function signaturesOnDisk(): Signature[] {
  if (!existsSync(SIGNATURES_DIR)) return [];
  return readdirSync(SIGNATURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(SIGNATURES_DIR, f), 'utf8')) as Signature);
}
