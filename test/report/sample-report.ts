// A hand-written report in the shape the analyzer returns, for the formatter tests. Values come from
// the ACP case transcript (site/cases/acp-workitem-leak/transcript.log).
import type { Report } from '../../engine/types/findings.js';

export function acpReport(): Report {
  return {
    tool: { name: 'wdfleak', version: '0.1.0' },
    sources: [{ name: 'transcript.log', encoding: 'utf-8', bytes: 10219, lines: 165 }],
    arch: 'x64',
    findings: [
      {
        signature: { id: 'WDFLEAK-0001', slug: 'workitem-created-in-dpc', title: 'WDFWORKITEM created per event in a DPC or ISR path and never deleted', status: 'stable' },
        severity: 'high',
        confidence: { score: 0.95, level: 'confirmed', matched: ['object-is-workitem', 'never-deleted'], missing: ['allocation-caught'] },
        subject: {
          kind: 'tag',
          id: 'amda',
          tag: 'amda',
          driver: 'amdacpbus2',
          fxType: 'FX_TYPE_WORKITEM',
          fxTypeValue: '0x1025',
          handleType: 'WDFWORKITEM',
          callback: 'amdacpbus2!AcpDspResponseWorkItem',
          creatorChain: ['amdacpbus2!AcpWorkItemCreate', 'amdacpbus2!AcpDspSwInterruptDpc'],
          context: 'DPC',
          parent: 'the device',
        },
        bucket: 'WDF_LEAK_WORKITEM_amdacpbus2!AcpDspSwInterruptDpc',
        summary: 'amda: WDFWORKITEM objects created by amdacpbus2!AcpWorkItemCreate in a DPC are never deleted',
        description: 'The driver creates a work item per event and never deletes it.',
        lifetimeRule: 'A WDFWORKITEM lives until WdfObjectDelete or until its parent is deleted.',
        evidence: [
          {
            id: 'required',
            description: 'required: !poolused: amda 5768754 nonpaged allocations',
            source: 'transcript.log',
            lines: [8, 8],
            command: '!poolused 2',
            quote: [" amda   5768754   1938325232         32         9360\tUNKNOWN pooltag 'amda', please update pooltag.txt"],
          },
        ],
        remediation: ['Create the work item once and re-enqueue it.', 'Or delete it at the end of its callback.'],
        references: [{ title: 'WdfWorkItemCreate function (wdfworkitem.h)', url: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wdfworkitem/nf-wdfworkitem-wdfworkitemcreate' }],
        nextSteps: [{ command: '!wdfkd.wdfdriverinfo amdacpbus2 0x50', why: "lists the driver's object tree" }],
        cannotTell: [{ what: 'a conditional breakpoint on the allocator caught an allocation of the tag through Wdf01000!FxPoolAllocator', command: 'bp nt!ExAllocatePool2 ".if ((@r8 & 0xffffffff) == 0x61646d61) {k 20; gc} .else {gc}"' }],
      },
    ],
    diagnostics: [{ level: 'warning', code: 'malformed-line', source: 'transcript.log', line: 99, message: 'odd line', expected: 'a dt field' }],
    stats: { blocks: 14, unparsedBlocks: 0, lines: 165, findings: 1, signatures: 12 },
  };
}
