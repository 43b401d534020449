import { it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { ingestText } from '../engine/ingest/ingest.js';
it('smoke', () => {
  const base = '/work/main/test/fixtures/windbg/';
  for (const fam of (process.env.FAMS ?? '').split(',')) {
    for (const f of readdirSync(base + fam).filter((x) => x.endsWith('.log'))) {
      const doc = ingestText(readFileSync(base + fam + '/' + f, 'utf8'), f);
      const out: Record<string, unknown> = { blocks: doc.blocks.map((b) => `${b.family}:${b.parsed}:${b.lines}`), arch: doc.arch };
      for (const k of ['wdfDrivers','wdfHandles','wdfTagTrackers','wdfPoolUsage','ifrLogs','wdfVerifierReports','verifierDrivers','bugchecks','poolmon','stacks','diagnostics'] as const) {
        if ((doc[k] as unknown[]).length) out[k] = (doc[k] as any[]).map((x) => { const { provenance, ...rest } = x; return { ...rest, _p: provenance?.lines }; });
      }
      console.log('=== ' + fam + '/' + f + '\n' + JSON.stringify(out, null, 1).slice(0, Number(process.env.MAX ?? 6000)));
    }
  }
});
