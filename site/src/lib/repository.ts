// The repository the site's "source" links point at, from package.json `repository` (the one setting;
// change it there when the project moves). Accepts the forms npm accepts: a URL (`git+https://…/x.git`),
// `github:owner/name`, `owner/name`, or an object with `url` and optionally `directory`.
export interface Repository {
  /** Web URL of the repository, without a trailing slash: `https://github.com/wdfleak/wdfleak`. */
  url: string;
  branch: string;
}

export function repositoryOf(repository: unknown, branch = 'main'): Repository {
  const raw = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof raw !== 'string' || raw.trim() === '') throw new Error('package.json has no `repository`: the site needs it for its source links');
  let url = raw.trim();
  if (/^github:/.test(url)) url = `https://github.com/${url.slice('github:'.length)}`;
  else if (/^[\w.-]+\/[\w.-]+$/.test(url)) url = `https://github.com/${url}`;
  url = url
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@([^/]+)\//, 'https://$1/')
    .replace(/^git@([^:]+):/, 'https://$1/')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  if (!/^https:\/\/[^/]+\/.+/.test(url)) throw new Error(`package.json \`repository\` is not a repository URL: ${raw}`);
  return { url, branch };
}
