// `!wdfkd.wdfdriverinfo [DriverName [Flags]]`: image and library names, FxDriverGlobals, bind info,
// KMDF version, the WDFDRIVER handle with its contexts, the device list (`!wdfdevice 0x... ff (FDO)`
// with Pnp/Power states; legacy `!WDFDEVICE 0x...`), the 0x10 handle hierarchy (`dt FxXxx` rows),
// object counts (0x1), the verifier settings and the 0x200 potentially-leaked handles.
import type { WdfDriverFact, WdfHandleFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { applyRow } from './handle.js';
import {
  driverArg,
  driverName,
  HEX,
  isNoCallbacks,
  parseCallback,
  parseContext,
  parseTreeRow,
  TreeBuilder,
  unknownLineReporter,
} from './lines.js';

const IMAGE = /^\s*Default driver image name:\s*(\S+)/;
const LIBRARY = /^\s*WDF library image name:\s*(\S+)/;
const GLOBALS = new RegExp(String.raw`^\s*FxDriverGlobals\s+(${HEX})\s*$`);
const BIND = new RegExp(String.raw`^\s*WdfBindInfo\s+(${HEX})\s*$`);
const VERSION = /^\s*Version\s+(v\d+(?:\.\d+)*)(?:\s+build\((\d+)\))?/;
const WDFDRIVER = new RegExp(String.raw`^\s*WDFDRIVER:\s*(${HEX})`);
const STATES = /^\s*Pnp\/Power State:\s*([^,\s](?:[^,]*?[^,\s])?)\s*,\s*([^,\s](?:[^,]*?[^,\s])?)(?:\s*,\s*(\S+))?\s*$/;
const VERIFIER = /^\s*WDF Verifier settings for\s+(\S+)\s+is\s+(ON|OFF)\b/i;
const COUNT = /^\s*(WDF[A-Z_]+|Fx\w+)(?:\s*[:=]\s+|\s+)(\d+)\s*$/;
const HANDLE_LINK = new RegExp(String.raw`^\s*!wdfhandle\s+(${HEX})\s*$`);
const KNOWN =
  /^\s*(?:(?:-{3,}|={3,}|Library module\s+\S+|ImageName\s+\S+|!wdfdevicequeues\s+\S+|Treating handle as a KMDF handle!)\s*|(?:ServiceName\s|Object Hierarchy:|Driver logs:|Framework logs:).*)$/;

export const wdfdriverinfo: CommandFamily = {
  id: 'wdfdriverinfo',
  links: true,
  accepts: (c) => c.name === '!wdfdriverinfo',
  recognise: (line) => IMAGE.test(line),
  leads: 'D',
  create: (ctx) => createDriverInfoParser(ctx),
};

function createDriverInfoParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfdriverinfo');
  const argName = driverArg(ctx.command?.args);
  const driver: WdfDriverFact = { name: argName ?? '', provenance: ctx.provenance(0, 0) };
  const handles = new Map<string, WdfHandleFact>();
  const order: WdfHandleFact[] = [];
  const devices = new TreeBuilder({ link: false });
  const hierarchy = new TreeBuilder();
  let current: WdfHandleFact | undefined;
  let first: number | undefined;
  let lastUseful = 0;
  let verifierBlock = false;
  let leakSection = false;

  const factFor = (handle: string, line: number): WdfHandleFact => {
    let f = handle ? handles.get(handle) : undefined;
    if (!f) {
      f = { handle, provenance: ctx.provenance(line, line) };
      if (handle) handles.set(handle, f);
      order.push(f);
    } else {
      f.provenance = ctx.provenance(f.provenance.lines[0], line);
    }
    return f;
  };
  const note = (line: number, text: string): void => {
    const notes = (driver.notes ??= []);
    if (notes.length < 50) notes.push(text.trim());
    unknown.report(line, text);
  };

  return {
    line(text, no) {
      first ??= no;
      if (text.trim().length === 0) return;
      const used = (): void => {
        lastUseful = no;
      };
      let m = IMAGE.exec(text);
      if (m) return (driver.name = m[1]!), used();
      if ((m = LIBRARY.exec(text))) return (driver.library = m[1]!), used();
      if ((m = GLOBALS.exec(text))) return (driver.globals = normalizeHex(m[1]!)), used();
      if ((m = BIND.exec(text))) return (driver.bindInfo = normalizeHex(m[1]!)), used();
      if ((m = VERSION.exec(text))) {
        driver.version = m[1]!;
        if (m[2]) driver.build = m[2];
        return used();
      }
      if ((m = WDFDRIVER.exec(text))) {
        driver.driverHandle = normalizeHex(m[1]!);
        current = factFor(driver.driverHandle, no);
        current.handleType = 'WDFDRIVER';
        return used();
      }
      if ((m = VERIFIER.exec(text))) {
        driver.verifierOn = m[2]!.toUpperCase() === 'ON';
        driver.image ??= m[1]!;
        verifierBlock = true;
        return used();
      }
      if (/^\s*-{3,}\s*$/.test(text)) {
        verifierBlock = false;
        return;
      }
      if (verifierBlock) {
        (driver.verifierSettings ??= []).push(text.trim());
        return used();
      }
      const row = parseTreeRow(text);
      if (row) {
        const fact = factFor(row.handle, no);
        applyRow(fact, row);
        if (row.fxClass) {
          hierarchy.add(row, fact);
        } else {
          devices.add(row, fact);
          // The device list nests PDOs under the FDO that enumerated them; the object parent is the driver.
          if (driver.driverHandle && fact.handleType === 'WDFDEVICE') {
            fact.parent = driver.driverHandle;
            fact.parentType = 'WDFDRIVER';
          }
        }
        if (leakSection && row.handle) {
          fact.potentiallyLeaked = true;
          (driver.potentiallyLeakedHandles ??= []).push(row.handle);
        }
        current = fact;
        return used();
      }
      if ((m = HANDLE_LINK.exec(text)) && leakSection) {
        const f = factFor(normalizeHex(m[1]!), no);
        f.potentiallyLeaked = true;
        (driver.potentiallyLeakedHandles ??= []).push(f.handle);
        return used();
      }
      if ((m = STATES.exec(text)) && current) {
        current.pnpState = m[1]!;
        current.powerState = m[2]!;
        if (m[3]) current.powerPolicyState = m[3];
        return used();
      }
      const c = parseContext(text);
      if (c && current) {
        (current.contexts ??= []).push(c);
        return used();
      }
      const cb = parseCallback(text);
      if (cb && current) {
        (current.callbacks ??= []).push(cb);
        return used();
      }
      if (isNoCallbacks(text) || KNOWN.test(text)) return;
      if ((m = COUNT.exec(text))) {
        (driver.objectCounts ??= {})[m[1]!] = Number(m[2]);
        return used();
      }
      // The 0x200 section header has no public sample, so any other line speaking of leaks opens it.
      if (/\bleak/i.test(text)) leakSection = true;
      note(no, text);
    },
    end(last) {
      const firstLine = first ?? last;
      if (!driver.name && driver.image) driver.name = driverName(driver.image);
      driver.provenance = ctx.provenance(firstLine, Math.max(firstLine, lastUseful));
      if (driver.name || driver.globals || driver.driverHandle) {
        ctx.sink.add('wdfDrivers', driver);
      } else {
        ctx.diag(firstLine, 'empty-output', 'no driver found in !wdfdriverinfo output', '`Default driver image name: x` or `WDFDRIVER: 0x...`');
      }
      for (const f of order) {
        if (driver.name) f.driver = driver.name;
        ctx.sink.add('wdfHandles', f);
      }
      unknown.end();
    },
  };
}
