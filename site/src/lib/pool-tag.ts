// The KMDF driver pool tag rule and tag ↔ value conversion as the tag calculator shows them. The
// rule itself is the engine's (an explicit WDF_DRIVER_CONFIG.DriverPoolTag wins; otherwise the
// service key name, minus a leading "wdf" in any case, gives its first 4 characters, case kept;
// 2 or fewer left gives "FxDr"); this module explains it step by step and formats values.
import { deriveDriverTag } from '../../../engine/reference/driver-tag.js';

/** 'FxDr' as a ULONG: the tag KMDF falls back to and the tag of every _FX_DRIVER_GLOBALS block. */
export const FX_TAG = 0x72447846;

export interface DerivedTag {
  /** The tag as it reads in memory order; a 3-character tag has a zero 4th byte. */
  tag: string;
  value: number;
  /** True when KMDF used its own "FxDr" instead of the name. */
  fallback: boolean;
  /** How the rule got there, one step per entry, for the calculator to show. */
  steps: string[];
}

export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

/** Tag characters → the ULONG WinDbg shows (`amda` → 0x61646d61). Throws on non-byte characters. */
export function tagToValue(tag: string): number {
  if (tag.length < 1 || tag.length > 4) throw new RangeError('a pool tag has 1 to 4 characters');
  let value = 0;
  for (let i = 0; i < tag.length; i++) {
    const code = tag.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`"${tag[i]}" is not a single-byte character`);
    value |= code << (8 * i);
  }
  return value >>> 0;
}

/** The four bytes in memory order, as `db` prints them: `61 6d 64 61`. */
export function tagBytes(value: number): string {
  return [0, 1, 2, 3].map((i) => ((value >>> (8 * i)) & 0xff).toString(16).padStart(2, '0')).join(' ');
}

/** ULONG → tag text; bytes that do not print as ASCII are shown as `\xNN`. */
export function valueToTag(value: number): string {
  let tag = '';
  for (let i = 0; i < 4; i++) {
    const byte = (value >>> (8 * i)) & 0xff;
    tag += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return tag;
}

/** Reads `0x61646d61`, `61646d61` or `1633971553` (decimal only when it has no hex letters). */
export function parseTagValue(text: string): number | undefined {
  const t = text.trim().replace(/`/g, '');
  let value: number;
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) value = Number.parseInt(t.slice(2), 16);
  else if (/^\d{1,10}$/.test(t) && Number(t) <= 0xffffffff && t.length > 8) value = Number(t);
  else if (/^[0-9a-f]{1,8}$/i.test(t)) value = Number.parseInt(t, 16);
  else return undefined;
  return value >>> 0;
}

/**
 * The tag KMDF gives a driver, by the engine's own rule (engine/reference/driver-tag.ts, data from
 * rules/reference/pool-tags.json), with the steps spelled out for the calculator. `input` is the
 * service key name, or a registry path whose last component is (it may differ from the .sys name).
 */
export function tagFromServiceName(input: string, driverPoolTag?: string): DerivedTag {
  const text = input.trim();
  const isPath = text.includes('\\');
  const d = deriveDriverTag({
    ...(isPath ? { registryPath: text } : { serviceName: text }),
    ...(driverPoolTag ? { driverPoolTag } : {}),
  });
  const steps: string[] = [];
  const tag = d.tag.replace(/\0+$/, '');
  if (d.source === 'driver-pool-tag') {
    steps.push(`WDF_DRIVER_CONFIG.DriverPoolTag is set: KMDF uses "${tag}" as given.`);
  } else {
    if (d.rejectedPoolTag) steps.push('DriverPoolTag "Ddk " is the old DDK default and is ignored: the name decides.');
    if (isPath) steps.push(`The service name is the last part of the registry path: "${d.driverName}".`);
    else if (text.length > d.driverName.length) steps.push(`Only the first ${d.driverName.length} characters are kept: "${d.driverName}".`);
    const rest = d.strippedPrefix ? d.driverName.slice(3) : d.driverName;
    if (d.strippedPrefix) steps.push(`The name starts with "${d.driverName.slice(0, 3)}": those 3 characters are skipped, leaving "${rest}".`);
    if (d.source === 'fallback') {
      steps.push(`${rest.length === 0 ? 'Nothing is' : `Only "${rest}" is`} left (2 characters or fewer): KMDF falls back to "FxDr".`);
    } else if (tag.length === 3) {
      steps.push(`Only 3 characters are left: the tag is "${tag}" followed by a zero byte.`);
    } else {
      steps.push(`The first 4 characters, case kept: "${tag}".`);
    }
  }
  steps.push(`As the ULONG in _FX_DRIVER_GLOBALS.Tag and in the pool header: ${hex32(d.value)} (bytes ${tagBytes(d.value)}).`);
  return { tag, value: d.value, fallback: d.source === 'fallback', steps };
}
