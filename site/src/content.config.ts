// Content collections: the case write-ups (site/cases/<slug>/case.md, with transcript.log beside
// each) and the signature doc pages (rules/signatures/<slug>.md, written with each signature).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { caseSchema } from './lib/case-schema.ts';

/** `acp-workitem-leak/case.md` → `acp-workitem-leak`: the folder names the case. */
const folderId = ({ entry }: { entry: string }) => entry.split('/')[0]!;

const cases = defineCollection({
  loader: glob({ pattern: '*/case.md', base: './cases', generateId: folderId }),
  schema: caseSchema,
});

/** `workitem-created-in-dpc.md` → `workitem-created-in-dpc`. */
const fileId = ({ entry }: { entry: string }) => entry.replace(/\.md$/, '');

const signatureDocs = defineCollection({
  loader: glob({ pattern: '*.md', base: '../rules/signatures', generateId: fileId }),
});

export const collections = { cases, signatureDocs };
