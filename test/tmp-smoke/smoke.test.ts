import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ingestText } from '../../engine/ingest/ingest.js';
it('smoke', () => {
  const f = ingestText(readFileSync('/work/main/site/cases/acp-workitem-leak/transcript.log', 'utf8'), 'acp');
  console.log(JSON.stringify({ groups: f.poolBlockGroups, scans: f.poolScans, arch: f.arch, ev: f.archEvidence, diags: f.diagnostics.filter(d => d.line >= 72 && d.line <= 112) }, null, 1));
});
