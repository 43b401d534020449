// The raw transcript of each case, served beside its page (`cases/<slug>/transcript.log`).
import type { APIRoute, GetStaticPaths } from 'astro';
import { transcriptOf, transcriptSlugs } from '../../../lib/cases.js';

export const getStaticPaths: GetStaticPaths = () => transcriptSlugs().map((slug) => ({ params: { slug } }));

export const GET: APIRoute = ({ params }) =>
  new Response(transcriptOf(params.slug!) ?? '', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
