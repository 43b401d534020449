// Links inside the site. Every internal link goes through `href` so the site works under any base
// path (WDFLEAK_SITE_BASE); pages never write a bare `/…` link.

/** Joins the base path and a site path: ('/wdfleak/', 'cases/x/') → '/wdfleak/cases/x/'. */
export function joinBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}${path.replace(/^\/+/, '')}`;
}

/**
 * True for a site-relative path from the search store or a page (`cases/x/`): no scheme, no
 * leading slash, no protocol-relative `//`, no backslash. Anything else is not followed.
 */
export function isSitePath(path: unknown): path is string {
  if (typeof path !== 'string' || path === '') return false;
  const compact = path.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '');
  return !/^[a-z][a-z0-9+.-]*:/i.test(compact) && !compact.startsWith('/') && !compact.includes('\\');
}
