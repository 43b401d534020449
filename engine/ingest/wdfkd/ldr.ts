// `!wdfkd.wdfldr [DriverName]`: drivers bound to the frameworks. The list form prints a table per
// library (`ImageName  Ver  WdfGlobals  FxGlobals  ImageAddress  ImageSize`) and a UMDF list; the
// single-driver form (`WDF Driver: AudioCodec`) prints the client module and one row per library the
// driver is bound to (`ImageName  WdfVer Ver  WdfGlobals  BindInfo  ImageAddress  ImageSize`).
// In the list form each client row keeps the library block it is listed under (`LIBRARY_MODULE`,
// `Version`, `Associated Clients: 16`), and each UMDF row the `DriverManagerProcess`.
import type { WdfDriverFact, WdfLoaderLibrary } from '../../types/facts.js';
import type { BlockContext, BlockParser, CommandFamily } from '../../types/ingest.js';
import { normalizeHex } from '../common.js';
import { driverName, HEX, isPhrase, isRule, startsWithAny, unknownLineReporter, withoutHeadingMarks } from './lines.js';

const WDF_DRIVER = /^\s*WDF Driver:\s*(\S+)/;
const FIELD = /^\s*(WDF Version|Version|ImageName|ImageAddress|ImageSize|Service|CLIENT_MODULE|LIBRARY_MODULE|BindingList|LoadedModuleList|DriverManagerProcess:?)\s+(\S(?:.*\S)?)\s*$/;
const HEADER = /^\s*ImageName\s+(?:WdfVer\s+)?Ver\b/;
const KMDF_ROW = new RegExp(String.raw`^\s*(\S+\.(?:sys|dll))\s+(v\d+(?:\.\d+)*)\s+(${HEX})\s+(${HEX})\s+(${HEX})\s+(${HEX})\s*$`, 'i');
const BIND_ROW = new RegExp(String.raw`^\s*(\S+\.(?:sys|dll))\s+(v\d+(?:\.\d+)*)\s+(v\d+(?:\.\d+)*)\s+(${HEX})\s+(${HEX})\s+(${HEX})\s+(${HEX})\s*$`, 'i');
const UMDF_ROW = /^\s*(\S+\.dll)\s+(v\d+(?:\.\d+)*)\s*$/i;
const CLIENTS = /^\s*Associated Clients:\s*(\d+)\s*$/;
/** Headings, rules and the UMDF device table: known lines with nothing to keep. */
function isKnown(text: string): boolean {
  if (isRule(text, '-') || isPhrase(text, ['KMDF Drivers', 'UMDF Drivers', '...', 'Process DevStack DeviceId'])) return true;
  if (startsWithAny(text, ['Total:', '!wdflogdump', 'UMDF Device Instances', 'Associated Clients:'])) return true;
  // `0xffffe00003470500  1234  \Device\...`: a UMDF device instance row.
  const w = text.trim().split(/\s+/);
  return w.length >= 3 && /^0x[0-9a-f`]+$/i.test(w[0]!) && w[2]!.startsWith('\\Device\\');
}

export const wdfldr: CommandFamily = {
  id: 'wdfldr',
  links: true,
  accepts: (c) => c.name === '!wdfldr',
  create: (ctx) => createLdrParser(ctx),
};

function createLdrParser(ctx: BlockContext): BlockParser {
  const unknown = unknownLineReporter(ctx, '!wdfldr');
  let single: WdfDriverFact | undefined;
  let singleLast = 0;
  let umdf = false;
  const rows: WdfDriverFact[] = [];
  let lib: WdfLoaderLibrary | undefined;
  let loadedModuleList: string | undefined;
  let managerProcess: string | undefined;
  const rowLibrary = new Map<WdfDriverFact, WdfLoaderLibrary>();

  /** A `key value` line of the list form: the library block, the module list, the UMDF manager. */
  const libraryField = (key: string, value: string): void => {
    if (key === 'LoadedModuleList') loadedModuleList = normalizeHex(value);
    else if (key === 'DriverManagerProcess' || key === 'DriverManagerProcess:') managerProcess = normalizeHex(value);
    else if (key === 'LIBRARY_MODULE') {
      lib = { module: normalizeHex(value) };
      if (loadedModuleList) lib.loadedModuleList = loadedModuleList;
    } else if (lib) {
      if (key === 'Version') lib.version = value;
      else if (key === 'Service') lib.service = value;
      else if (key === 'ImageName') (lib.image = value), (lib.name = driverName(value));
      else if (key === 'ImageAddress') lib.imageAddress = normalizeHex(value);
      else if (key === 'ImageSize') lib.imageSize = parseInt(normalizeHex(value), 16);
    }
  };

  return {
    line(raw, no) {
      const text = withoutHeadingMarks(raw);
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
        const row: WdfDriverFact = {
          name: driverName(m[1]!),
          image: m[1]!,
          version: m[2]!,
          wdfGlobals: normalizeHex(m[3]!),
          globals: normalizeHex(m[4]!),
          imageAddress: normalizeHex(m[5]!),
          imageSize: parseInt(normalizeHex(m[6]!), 16),
          framework: 'KMDF',
          provenance: ctx.provenance(no, no),
        };
        if (lib) rowLibrary.set(row, lib);
        rows.push(row);
        return;
      }
      if ((m = UMDF_ROW.exec(text)) && umdf) {
        const row: WdfDriverFact = { name: m[1]!, image: m[1]!, version: m[2]!, framework: 'UMDF', provenance: ctx.provenance(no, no) };
        if (managerProcess) row.driverManagerProcess = managerProcess;
        rows.push(row);
        return;
      }
      if ((m = CLIENTS.exec(text))) {
        if (lib) lib.clients = Number(m[1]);
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
          else if (key === 'CLIENT_MODULE') single.clientModule = normalizeHex(value);
          else if (key === 'BindingList') single.bindingList = normalizeHex(value);
          singleLast = no;
        } else {
          libraryField(m[1]!, m[2]!);
        }
        return;
      }
      if (isKnown(text)) return;
      unknown.report(no, text);
    },
    end() {
      for (const [row, l] of rowLibrary) row.loaderLibrary = { ...l };
      if (single) {
        single.provenance = ctx.provenance(single.provenance.lines[0], Math.max(single.provenance.lines[0], singleLast));
        ctx.sink.add('wdfDrivers', single);
      }
      for (const r of rows) ctx.sink.add('wdfDrivers', r);
      unknown.end();
    },
  };
}
