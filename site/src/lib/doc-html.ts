// Signature doc pages (rules/signatures/<slug>.md) open with their own h1, the title the signature
// page already shows. On the page they sit under an h2, so the h1 goes and every other heading
// moves one level down. The HTML is the sanitised output of the site's Markdown pipeline; only
// heading tag names are touched.
export function nestDocHtml(html: string): string {
  const withoutTitle = html.replace(/^\s*<h1\b[^>]*>[\s\S]*?<\/h1>/, '');
  return withoutTitle.replace(/<(\/?)h([1-5])(?=[\s>])/g, (_m, slash: string, level: string) => `<${slash}h${Number(level) + 1}`);
}
