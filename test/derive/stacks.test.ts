// Execution context of a creation: read from the frames below the creating API. FxTimer::TimerHandler
// runs both from the timer DPC and from a passive timer's work item, so the thunk below it decides.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { creationOf } from '../../engine/derive/stacks.js';
import { AMBIGUOUS_FRAMES, EXECUTION_CONTEXTS, contextOfFrame } from '../../engine/reference/execution-contexts.js';
import { KNOWLEDGE } from '../../engine/reference/knowledge.js';

const ACP = readFileSync(new URL('../../site/cases/acp-workitem-leak/transcript.log', import.meta.url), 'utf8');
const PASSIVE = readFileSync(new URL('../../rules/signatures/workitem-created-in-dpc/negative/passive-timer-creates-workitem.log', import.meta.url), 'utf8');
const creation = (text: string) => {
  const f = ingestText(text);
  return f.stacks.map((s, i) => creationOf(s, i, (api) => KNOWLEDGE.createApi(api) !== undefined)).find((c) => c);
};
/** The ACP stack with its DPC frames replaced by `lines` (the same driver routine, another caller). */
const withCaller = (lines: string[]): string => {
  const all = ACP.split('\n');
  return [...all.slice(0, 31), ...lines, ...all.slice(36)].join('\n');
};

describe('execution context of a creation', () => {
  it('the ACP stack: DPC, from FxDpc::DpcHandler', () => {
    expect(creation(ACP)).toMatchObject({ context: 'dpc', irql: 'DISPATCH_LEVEL', contextFrame: 'Wdf01000!FxDpc::DpcHandler' });
  });

  it('a passive-level timer: TimerHandler proves nothing, _FxTimerWorkItemCallback below it makes it passive', () => {
    expect(creation(PASSIVE)).toMatchObject({ context: 'passive-timer', irql: 'PASSIVE_LEVEL', contextFrame: 'Wdf01000!FxTimer::_FxTimerWorkItemCallback' });
  });

  it('a timer DPC: TimerHandler over _FxTimerDpcThunk is the DPC path', () => {
    const text = withCaller([
      "0b ffffd68d`7952f030 fffff804`0595dc88     amdacpbus2!AcpPollTimerFunc+0x13c",
      "0c ffffd68d`7952f070 fffff804`0595d9a0     Wdf01000!FxTimer::TimerHandler+0x9a",
      "0d ffffd68d`7952f0b0 fffff804`73a8248e     Wdf01000!FxTimer::_FxTimerDpcThunk+0x2c",
      "0e ffffd68d`7952f0e0 fffff804`73af9a5b     nt!KiExecuteAllDpcs+0x67e",
    ]);
    expect(creation(text)).toMatchObject({ context: 'timer-dpc', irql: 'DISPATCH_LEVEL' });
  });

  it('a stack cut right after TimerHandler has no context: the text cannot tell', () => {
    const text = withCaller(["0b ffffd68d`7952f030 fffff804`0595dc88     amdacpbus2!AcpPollTimerFunc+0x13c", "0c ffffd68d`7952f070 fffff804`0595d9a0     Wdf01000!FxTimer::TimerHandler+0x9a"]);
    expect(creation(text)!.context).toBeUndefined();
  });

  it('no ambiguous frame is listed as proof of a context', () => {
    for (const f of AMBIGUOUS_FRAMES) expect(contextOfFrame(f)).toBeUndefined();
    expect(EXECUTION_CONTEXTS.map((c) => c.id)).toContain('passive-timer');
  });
});
