import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../engine/facts/document.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import { formatSchemaError } from '../../engine/validate/messages.js';
import { isReport, validateFinding, validateReport } from '../../engine/validate/validate-findings.js';
import type { Finding, Report } from '../../engine/types/findings.js';
import type { Signature } from '../../engine/types/signature.js';

// A finding for the ACP case, written by hand from the transcript and the issue text.
const FINDING: Finding = {
  signature: { id: 'WDFLEAK-0001', slug: 'workitem-created-in-dpc', title: 'WDFWORKITEM created per event in a DPC', status: 'stable' },
  severity: 'high',
  confidence: { score: 0.95, level: 'confirmed', matched: ['object-is-workitem', 'never-deleted'], missing: [] },
  subject: {
    kind: 'tag',
    id: 'amda',
    tag: 'amda',
    driver: 'amdacpbus2',
    fxType: 'FX_TYPE_WORKITEM',
    fxTypeValue: '0x1025',
    handleType: 'WDFWORKITEM',
    callback: 'amdacpbus2!AcpDspResponseWorkItem',
    creator: 'amdacpbus2!AcpWorkItemCreate',
    creatorChain: ['amdacpbus2!AcpWorkItemCreate', 'amdacpbus2!AcpDspSwInterruptDpc'],
    context: 'dpc',
    parent: 'WDFDEVICE',
  },
  bucket: 'WDF_LEAK_WORKITEM_amdacpbus2!AcpDspSwInterruptDpc',
  summary: 'amda: WDFWORKITEM objects created in a DPC are never deleted',
  description: 'The driver creates a work item per event and never deletes it.',
  lifetimeRule: 'A WDFWORKITEM lives until WdfObjectDelete or until its parent is deleted.',
  evidence: [
    { id: 'pool', description: 'amda holds 5768754 nonpaged allocations', source: 'acp.log', lines: [8, 8], command: '!poolused 2', quote: [' amda   5768754   1938325232'] },
  ],
  remediation: ['Create the work item once and re-enqueue it.'],
  references: [{ title: 'WdfWorkItemCreate', url: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wdfworkitem/nf-wdfworkitem-wdfworkitemcreate' }],
  nextSteps: [{ command: '!poolfind amda -nonpaged', why: 'lists the blocks of the tag' }],
  cannotTell: [],
};

const report = (over: Partial<Report> = {}): Report => ({
  tool: { name: 'wdfleak', version: '0.1.0' },
  sources: [{ name: 'acp.log', encoding: 'utf-8', bytes: 100, lines: 165 }],
  arch: 'x64',
  findings: [FINDING],
  diagnostics: [],
  stats: { blocks: 12, unparsedBlocks: 0, lines: 165, findings: 1, signatures: 2 },
  ...over,
});

const errorsOf = (r: unknown) => validateReport(r).map(formatSchemaError);

describe('findings.schema.json', () => {
  it('accepts a report of the ACP finding, with and without the facts', () => {
    expect(errorsOf(report())).toEqual([]);
    const facts = ingestText(readFileSync('site/cases/acp-workitem-leak/transcript.log', 'utf8'), 'acp.log');
    expect(errorsOf(JSON.parse(JSON.stringify(report({ facts }))))).toEqual([]);
    expect(isReport(report())).toBe(true);
  });

  it('checks the facts inside a report against facts.schema.json', () => {
    const facts = emptyFacts() as unknown as Record<string, unknown>;
    facts.schemaVersion = 2;
    expect(errorsOf(report({ facts: facts as unknown as Report['facts'] }))).toEqual(['/facts/schemaVersion: must be 1']);
  });

  it('names bad confidence, severity and bucket fields of a finding', () => {
    const bad = { ...FINDING, severity: 'urgent', bucket: '', confidence: { ...FINDING.confidence, score: 1.2, level: 'sure' } };
    expect(validateFinding(bad).map(formatSchemaError)).toEqual([
      '/severity: must be one of critical, high, medium, low, info',
      '/confidence/score: must be at most 1',
      '/confidence/level: must be one of confirmed, likely, suspected',
      '/bucket: must not be empty',
    ]);
    expect(validateFinding(FINDING)).toEqual([]);
  });

  it('accepts what the analyzer reports for the ACP transcript', async () => {
    const signatures = readdirSync('rules/signatures')
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(`rules/signatures/${f}`, 'utf8')) as Signature);
    const text = readFileSync('site/cases/acp-workitem-leak/transcript.log', 'utf8');
    // Imported here so the schema tests above do not depend on the whole engine loading.
    const { createAnalyzer } = await import('../../engine/analyze.js');
    const out = await createAnalyzer({ signatures }).run(ingestText(text, 'acp.log'), { withFacts: true });
    expect(out.findings.length).toBeGreaterThan(0);
    expect(errorsOf(JSON.parse(JSON.stringify(out)))).toEqual([]);
  });
});
