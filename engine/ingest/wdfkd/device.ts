// `!wdfkd.wdfdevice Handle [Flags]`: WDM device object, Pnp / Power / Power policy states and their
// histories (flags 0x2/0x4/0x8), parent device, child lists, and power references with their tag
// tracker. No public capture of the power-reference lines was found: `Power references: N` and the
// ACX-style `# Power references: N` are accepted, with a `!wdftagtracker 0x...` link after them.
import type { WdfHandleFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { HEX, isPhrase, isRule, unknownLineReporter } from './lines.js';

const DUMPING = new RegExp(String.raw`^\s*(?:#\s*)?Dumping WDFDEVICE\s+(${HEX})`);
const WDM = /^\s*WDM PDEVICE_OBJECTs:\s*self\s+([0-9a-f`]+)/i;
const STATE = /^(\s*)(Pnp|Power|Power Pol)\s+state:\s*([0-9a-f]+)\s*\(\s*(\w+)\s*\)/i;
const PARENT = new RegExp(String.raw`^\s*Parent WDFDEVICE\s+(${HEX})`);
const HISTORY_HEAD = /^\s*(Pnp|Power|Power policy)\s+state history:\s*$/i;
const HISTORY = /^\s*\[(\d+)\]\s+(\w+)(?:\s*\((0x[0-9a-f]+)\))?\s*$/i;
const POWER_REFS = /^\s*(?:#\s*)?Power references?\s*(?::\s*)?(\d+)/i;
const TAGTRACKER = new RegExp(String.raw`^\s*!wdftagtracker\s+(${HEX})`);
const CHILDLIST = new RegExp(String.raw`^\s*!WDFCHILDLIST\s+(${HEX})`, 'i');
const SETTING = /^\s*(SyncronizationScope|SynchronizationScope|ExecutionLevel) is (\w+)\s*$/i;
const POLICY_OWNER = /^\s*Device is (not )?the power policy owner\b/i;

/** Banners and headings with nothing to keep. */
function isKnown(text: string): boolean {
  return isRule(text, '=', 1) || isPhrase(text, ['Treating handle as a KMDF handle!', 'Parent states:', 'No pended pnp or power irps', 'WDFCHILDLIST Handles:']);
}

export const wdfdevice: CommandFamily = {
  id: 'wdfdevice',
  links: true,
  accepts: (c) => c.name === '!wdfdevice',
  recognise: (line) => DUMPING.test(line),
  leads: '#D',
  create: (ctx) => createDeviceParser(ctx),
};

function createDeviceParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfdevice');
  const arg = (ctx.command?.args ?? '').split(/\s+/)[0] ?? '';
  const device: WdfHandleFact = { handle: /^(?:0x)?[0-9a-f`]+$/i.test(arg) ? normalizeHex(arg) : '', handleType: 'WDFDEVICE', provenance: ctx.provenance(0, 0) };
  const childLists: WdfHandleFact[] = [];
  let history: 'pnpHistory' | 'powerHistory' | 'powerPolicyHistory' | undefined;
  let parentStates = false;
  let powerRefs = false;
  let first: number | undefined;
  let last = 0;
  let seen = false;

  return {
    line(text, no) {
      first ??= no;
      if (text.trim().length === 0) {
        history = undefined;
        return;
      }
      const used = (): void => {
        last = no;
        seen = true;
      };
      let m = DUMPING.exec(text);
      if (m) return (device.handle = normalizeHex(m[1]!)), used();
      if ((m = WDM.exec(text))) return (device.wdmDevice = normalizeHex(m[1]!)), used();
      if ((m = PARENT.exec(text))) {
        device.parent = normalizeHex(m[1]!);
        device.parentType = 'WDFDEVICE';
        return used();
      }
      if (/^\s*Parent states:/i.test(text)) {
        parentStates = true;
        return;
      }
      if ((m = STATE.exec(text))) {
        // Indented state lines under `Parent states:` describe the parent, not this device.
        if (parentStates && m[1]!.length > 0) return;
        parentStates = false;
        const kind = m[2]!.toLowerCase();
        if (kind === 'pnp') device.pnpState = m[4]!;
        else if (kind === 'power') device.powerState = m[4]!;
        else device.powerPolicyState = m[4]!;
        return used();
      }
      parentStates = false;
      if ((m = HISTORY_HEAD.exec(text))) {
        const k = m[1]!.toLowerCase();
        history = k === 'pnp' ? 'pnpHistory' : k === 'power' ? 'powerHistory' : 'powerPolicyHistory';
        return;
      }
      if (history && (m = HISTORY.exec(text))) return (device[history] ??= []).push(m[2]!), used();
      if ((m = POWER_REFS.exec(text))) {
        device.powerReferences = Number(m[1]);
        powerRefs = true;
        return used();
      }
      if ((m = TAGTRACKER.exec(text))) {
        if (powerRefs) device.powerTagTracker = normalizeHex(m[1]!);
        else device.tagTracker = normalizeHex(m[1]!);
        return used();
      }
      if ((m = CHILDLIST.exec(text))) {
        childLists.push({ handle: normalizeHex(m[1]!), handleType: 'WDFCHILDLIST', provenance: ctx.provenance(no, no) });
        return used();
      }
      if ((m = SETTING.exec(text))) {
        // wdfkd spells it `SyncronizationScope`; the value is the WDF enum name either way.
        if (m[1]!.toLowerCase() === 'executionlevel') device.executionLevel = m[2]!;
        else device.synchronizationScope = m[2]!;
        return used();
      }
      if ((m = POLICY_OWNER.exec(text))) return (device.powerPolicyOwner = !m[1]), used();
      if (isKnown(text)) return;
      unknown.report(no, text);
    },
    end(lastLine) {
      const f = first ?? lastLine;
      if (seen || device.handle) {
        device.provenance = ctx.provenance(f, Math.max(f, last));
        for (const c of childLists) {
          if (!device.handle) continue;
          c.parent = device.handle;
          c.parentType = 'WDFDEVICE';
          (device.children ??= []).push(c.handle);
        }
        ctx.sink.add('wdfHandles', device);
        for (const c of childLists) ctx.sink.add('wdfHandles', c);
      } else {
        ctx.diag(f, 'empty-output', 'nothing understood in !wdfdevice output', '`Dumping WDFDEVICE 0x...` and state lines');
      }
      unknown.end();
    },
  };
}
