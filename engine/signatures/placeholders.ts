// `{fact.path}` placeholders of signature templates (messages, buckets, next-step commands), optionally
// with a format after a bar (`{pool.nonpagedBytes|bytes}`). Read here once for filling (engine/findings)
// and for checking against the fact catalogue (engine/validate).
export const PLACEHOLDER = /\{([A-Za-z_][\w.[\]]*)(?:\|(bytes|count))?\}/g;

/** The placeholder names of a template, in order (`{tag.name}` → `tag.name`). */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
