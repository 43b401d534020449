import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import { markdownOptions } from '../../site/src/lib/markdown/options.js';
import { generateCases } from './generate-cases.js';
it('md', async () => {
  const docs = generateCases(100).map((c) => parseFrontmatter(c.markdown).content);
  const out: string[] = [];
  const variants = [['site', markdownOptions], ['no-smarty', { ...markdownOptions, smartypants: false }], ['no-plugins', { ...markdownOptions, rehypePlugins: [] }], ['no-gfm-no-smarty', { ...markdownOptions, gfm: false, smartypants: false }]] as const;
  for (let round = 0; round < 2; round++) for (const [name, opts] of variants) {
    const p = await createMarkdownProcessor(opts as never);
    const c0 = process.cpuUsage();
    for (const d of docs) await p.render(d);
    const c = process.cpuUsage(c0);
    if (round) out.push(`${name}: ${((c.user + c.system) / 1000 / docs.length).toFixed(1)} ms/doc cpu`);
  }
  writeFileSync('/tmp/md.txt', out.join('\n'));
}, 200000);
