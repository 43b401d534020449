// `!wdfkd.wdfldr [DriverName]`: drivers bound to the frameworks. The list form prints a table per
// library (`ImageName  Ver  WdfGlobals  FxGlobals  ImageAddress  ImageSize`) and a UMDF list; the
// single-driver form (`WDF Driver: AudioCodec`) prints the client module and one row per library the
// driver is bound to (`ImageName  WdfVer Ver  WdfGlobals  BindInfo  ImageAddress  ImageSize`).
import type { WdfDriverFact } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { driverName, HEX, unknownLineReporter } from './lines.js';

const WDF_DRIVER = /^\s*WDF Driver:\s*(\S+)/;
const FIELD = /^\s*(WDF Version|Version|ImageName|ImageAddress|ImageSize|Service|CLIENT_MODULE|LIBRARY_MODULE|BindingList|LoadedModuleList|DriverManagerProcess:?)\s+(\S.*?)\s*$/;
const HEADER = /^\s*ImageName\s+(?:WdfVer\s+)?Ver\b/;
const KMDF_ROW = new RegExp(String.raw`^\s*(\S+\.(?:sys|dll))\s+(v\d+(?:\.\d+)*)\s+(${HEX})\s+(${HEX})\s+(${HEX})\s+(${HEX})\s*$`, 'i');
const BIND_ROW = new RegExp(String.raw`^\s*(\S+\.(?:sys|dll))\s+(v\d+(?:\.\d+)*)\s+(v\d+(?:\.\d+)*)\s+(${HEX})\s+(${HEX})\s+(${HEX})\s+(${HEX})\s*$`, 'i');
const UMDF_ROW = /^\s*(\S+\.dll)\s+(v\d+(?:\.\d+)*)\s*$/i;
const KNOWN =
  /^\s*(?:-{3,}|(?:#+\s*)?KMDF Drivers|(?:#+\s*)?UMDF Drivers|Associated Clients:.*|(?:#+\s*)?Total:.*|(?:#+\s*)?\.{3}|(?:#+\s*)?!wdflogdump.*|(?:#+\s*)?UMDF Device Instances.*|Process\s+DevStack\s+DeviceId|0x[0-9a-f`]+\s+\S+\s+\\Device\\.*)\s*$/i;

export const wdfldr: CommandFamily = {
  id: 'wdfldr',
  accepts: (c) => c.name === '!wdfldr',
  create: (ctx) => createLdrParser(ctx),
};

function createLdrParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfldr');
  let single: WdfDriverFact | undefined;
  let singleLast = 0;
  let umdf = false;
  const rows: WdfDriverFact[] = [];

  return {
    line(text, no) {
      if (text.trim().length === 0) return;
      let m = WDF_DRIVER.exec(text);
      if (m) {
        single = { name: driverName(m[1]!), framework: 'KMDF', provenance: ctx.provenance(no, no) };
        singleLast = no;
        return;
      }
      if (/UMDF Drivers/i.test(text)) umdf = true;
      if ((m = BIND_ROW.exec(text)) && single) {
        (single.bindings ??= []).push({
          library: driverName(m[1]!),
          libraryVersion: m[2]!,
          version: m[3]!,
          wdfGlobals: normalizeHex(m[4]!),
          bindInfo: normalizeHex(m[5]!),
        });
        single.library ??= driverName(m[1]!);
        single.wdfGlobals ??= normalizeHex(m[4]!);
        single.bindInfo ??= normalizeHex(m[5]!);
        singleLast = no;
        return;
      }
      if ((m = KMDF_ROW.exec(text))) {
        rows.push({
          name: driverName(m[1]!),
          image: m[1]!,
          version: m[2]!,
          wdfGlobals: normalizeHex(m[3]!),
          globals: normalizeHex(m[4]!),
          imageAddress: normalizeHex(m[5]!),
          imageSize: parseInt(normalizeHex(m[6]!), 16),
          framework: 'KMDF',
          provenance: ctx.provenance(no, no),
        });
        return;
      }
      if ((m = UMDF_ROW.exec(text)) && umdf) {
        rows.push({ name: m[1]!, image: m[1]!, version: m[2]!, framework: 'UMDF', provenance: ctx.provenance(no, no) });
        return;
      }
      if (HEADER.test(text)) return;
      if ((m = FIELD.exec(text))) {
        if (single) {
          const key = m[1]!;
          const value = m[2]!;
          if (key === 'WDF Version') single.version = value;
          else if (key === 'ImageName') single.image = value;
          else if (key === 'ImageAddress') single.imageAddress = normalizeHex(value);
          else if (key === 'ImageSize') single.imageSize = parseInt(normalizeHex(value), 16);
          singleLast = no;
        }
        return;
      }
      if (KNOWN.test(text)) return;
      unknown.report(no, text);
    },
    end() {
      if (single) {
        single.provenance = ctx.provenance(single.provenance.lines[0], Math.max(single.provenance.lines[0], singleLast));
        ctx.sink.add('wdfDrivers', single);
      }
      for (const r of rows) ctx.sink.add('wdfDrivers', r);
      unknown.end();
    },
  };
}
