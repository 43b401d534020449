// The raw transcript of each case, served beside its page (`cases/<slug>/transcript.log`).
import type { APIRoute, GetStaticPaths } from 'astro';
import { transcriptOf, transcriptSlugs } from '../../../lib/cases.js';
import { repo } from '../../../lib/repo-files.js';

export const getStaticPaths: GetStaticPaths = () => transcriptSlugs(repo).map((slug) => ({ params: { slug } }));

export const GET: APIRoute = ({ params }) =>
  new Response(transcriptOf(repo, params.slug!) ?? '', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
