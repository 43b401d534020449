// Frontmatter of a case write-up (`site/cases/<slug>/case.md`). Used by the content collection
// and by the tests, so a broken write-up fails with a message that says what to write instead.
import { z } from 'astro/zod';

/** Signature slugs: lowercase words joined by hyphens, no dots (see rules/signatures). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const CASE_STATUSES = ['draft', 'confirmed', 'fixed'] as const;

export const caseSchema = z
  .object({
    title: z.string().trim().min(1, 'title: give the case a one-line title'),
    date: z.coerce.date({ invalid_type_error: 'date: write the date the case was closed as YYYY-MM-DD' }),
    drivers: z
      .array(z.string().regex(/^[\w.-]+$/, 'drivers: use the module name as WinDbg prints it, e.g. amdacpbus2'))
      .min(1, 'drivers: name at least one driver module'),
    poolTags: z.array(z.string().regex(/^[\x20-\x7e]{1,4}$/, 'poolTags: a pool tag is 1 to 4 printable characters, e.g. amda or IoWI')),
    fxTypes: z.array(z.string().regex(/^FX_TYPE_[A-Z0-9_]+$/, 'fxTypes: use the FX_TYPE constant name, e.g. FX_TYPE_WORKITEM')),
    signatures: z.array(z.string().regex(SLUG, 'signatures: use the signature slug, e.g. workitem-created-in-dpc')),
    status: z.enum(CASE_STATUSES, {
      errorMap: () => ({ message: `status: must be one of ${CASE_STATUSES.join(', ')}` }),
    }),
    authors: z.array(z.string().trim().min(1)).min(1, 'authors: name at least one author'),
    summary: z.string().trim().min(20, 'summary: write one or two sentences (at least 20 characters)'),
  })
  .strict();

export type CaseFrontmatter = z.infer<typeof caseSchema>;
