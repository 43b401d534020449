// `!wdfkd.wdfdevicequeues Handle`: the queues of a device, one section per queue between `----` rules:
//   Queue: 2 (!wdfqueue 0x7ce7d1e8)                  (older wdfkd: `Queue: 2 !wdfqueue  0x...`)
//       Parallel, Power-managed, PowerOff, Can accept, Can dispatch, ExecutionLevelDispatch, SynchronizationScopeNone
//       Number of driver owned requests: 0
//       Number of waiting requests: 0
//   This is WDF internal queue for create requests.
//       EvtIoDefault: (0xf221fad0) wdfrawbusenumtest!EvtIoQueueDefault
// One WDFQUEUE handle fact per queue, owned by the dumped device, with its settings, request counts
// and I/O callbacks as printed.
import type { WdfHandleFact, WdfQueueInfo } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { HEX, isElision, isPhrase, isRule, unknownLineReporter, withoutHeadingMarks } from './lines.js';

const DUMPING = new RegExp(String.raw`^\s*Dumping queues of WDFDEVICE\s+(${HEX})`);
const QUEUE = new RegExp(String.raw`^\s*Queue:\s*(\d+)\s+\(?!wdfqueue\s+(${HEX})`, 'i');
const REQUESTS = /^\s*Number of (driver owned|waiting) requests:\s*(\d+)\s*$/i;
const QUEUES = /^\s*Number of queues:\s*(\d+)\s*$/i;
const IO_CALLBACK = new RegExp(String.raw`^\s*(Evt\w+):\s*\((${HEX})\)(.*)$`);
const INTERNAL_PREFIX = 'This is WDF internal queue for ';

export const wdfdevicequeues: CommandFamily = {
  id: 'wdfdevicequeues',
  links: true,
  accepts: (c) => c.name === '!wdfdevicequeues',
  recognise: (line) => DUMPING.test(line),
  leads: 'D',
  create: (ctx) => createDeviceQueuesParser(ctx),
};

function createDeviceQueuesParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfdevicequeues');
  const arg = (ctx.command?.args ?? '').split(/\s+/)[0] ?? '';
  let device = /^(?:0x)?[0-9a-f`]+$/i.test(arg) ? normalizeHex(arg) : undefined;
  const queues: Array<{ fact: WdfHandleFact; info: WdfQueueInfo; first: number; last: number }> = [];
  let current: (typeof queues)[number] | undefined;
  /** The settings line comes right after the `Queue:` line. */
  let expectFlags = false;
  let declared: number | undefined;
  let first: number | undefined;

  return {
    line(raw, no) {
      first ??= no;
      const text = withoutHeadingMarks(raw);
      if (text.trim().length === 0) return;
      let m = QUEUE.exec(text);
      if (m) {
        const info: WdfQueueInfo = { index: Number(m[1]) };
        const fact: WdfHandleFact = { handle: normalizeHex(m[2]!), handleType: 'WDFQUEUE', queue: info, provenance: ctx.provenance(no, no) };
        current = { fact, info, first: no, last: no };
        queues.push(current);
        expectFlags = true;
        return;
      }
      const wasFlags = expectFlags;
      expectFlags = false;
      if (current && wasFlags && applyFlags(current.fact, current.info, text)) {
        current.last = no;
        return;
      }
      if ((m = REQUESTS.exec(text))) {
        if (!current) return unknown.report(no, text);
        if (m[1]!.toLowerCase() === 'waiting') current.info.waitingRequests = Number(m[2]);
        else current.info.driverOwnedRequests = Number(m[2]);
        current.last = no;
        return;
      }
      if ((m = IO_CALLBACK.exec(text))) {
        if (!current) return unknown.report(no, text);
        const cb: { kind: string; address: string; symbol?: string } = { kind: m[1]!, address: normalizeHex(m[2]!) };
        const symbol = m[3]!.trim();
        if (symbol) cb.symbol = symbol;
        (current.fact.callbacks ??= []).push(cb);
        current.last = no;
        return;
      }
      const t = text.trim();
      if (t.startsWith(INTERNAL_PREFIX)) {
        // Printed after the queue's counts, before the next rule.
        if (!current) return unknown.report(no, text);
        current.info.frameworkQueueFor = t.slice(INTERNAL_PREFIX.length).replace(/\.$/, '');
        current.last = no;
        return;
      }
      if ((m = DUMPING.exec(text))) return void (device = normalizeHex(m[1]!));
      if ((m = QUEUES.exec(text))) return void (declared = Number(m[1]));
      if (isRule(text, '-') || isRule(text, '=') || isElision(text) || isPhrase(text, ['Treating handle as a KMDF handle!'])) return;
      unknown.report(no, text);
    },
    end(last) {
      for (const q of queues) {
        if (device) q.fact.owningDevice = device;
        q.fact.provenance = ctx.provenance(q.first, q.last);
        ctx.sink.add('wdfHandles', q.fact);
      }
      if (queues.length === 0 && declared !== 0) {
        ctx.diag(first ?? last, 'empty-output', 'no queue in !wdfdevicequeues output', '`Queue: 1 (!wdfqueue 0x...)` lines');
      }
      unknown.end();
    },
  };
}

/**
 * `Manual, Not power-managed, PowerOn, Can accept, Can dispatch, ExecutionLevelDispatch, SynchronizationScopeNone`:
 * the execution level and synchronization scope go to their fields, the other words to `flags`.
 */
function applyFlags(fact: WdfHandleFact, info: WdfQueueInfo, text: string): boolean {
  const t = text.trim();
  if (t.indexOf(',') < 0 || t.indexOf(':') >= 0) return false;
  const flags: string[] = [];
  for (const part of t.split(',')) {
    const word = part.trim();
    if (!word) continue;
    if (word.startsWith('ExecutionLevel')) fact.executionLevel = word;
    else if (word.startsWith('SynchronizationScope')) fact.synchronizationScope = word;
    else flags.push(word);
  }
  info.flags = flags;
  return true;
}
