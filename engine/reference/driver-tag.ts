// The KMDF driver-tag rule (rules/reference/pool-tags.json → driverTagRule) both ways: the tag a driver
// name gives, and the driver names that give a tag.
import { DRIVER_TAG_RULE } from './pool-tags.js';
import { displayTag, tagFromValue, tagHex, tagToValue } from '../format/pool-tag.js';

export type DriverTagSource = 'driver-pool-tag' | 'service-name' | 'fallback';

export interface DriverTagDerivation {
  /** Exact tag characters (a 3-character name gives a NUL 4th byte). */
  tag: string;
  /** As a debugger prints it (NUL → `.`). */
  display: string;
  value: number;
  hex: string;
  source: DriverTagSource;
  /** The driver name the rule worked on (after truncation to bytes and to 31 characters). */
  driverName: string;
  /** True when a leading "wdf" was removed. */
  strippedPrefix: boolean;
  /** True when DriverPoolTag was given but ignored (the rejected DDK default tag). */
  rejectedPoolTag?: boolean;
  /** Whether WDF_DRIVER_GLOBALS.DriverTag receives the tag (not in the fallback). */
  updatesDriverTag: boolean;
}

export interface DriverTagInput {
  /** Service key name (what `Public.DriverName` holds). */
  serviceName?: string;
  /** The RegistryPath given to DriverEntry; its last component is the name when serviceName is absent. */
  registryPath?: string;
  /** WDF_DRIVER_CONFIG.DriverPoolTag as a value or as its four characters. */
  driverPoolTag?: number | string;
  /** False when the driver passed the KMDF 1.1 WDF_DRIVER_CONFIG, which has no DriverPoolTag. */
  configHasPoolTag?: boolean;
}

/** The driver name KMDF builds from a RegistryPath: last component, bytes, at most 31 characters. */
export function driverNameFromRegistryPath(registryPath: string | undefined): string {
  const rule = DRIVER_TAG_RULE.name;
  if (registryPath === undefined) return rule.whenNoRegistryPath;
  const slash = registryPath.lastIndexOf('\\');
  return slash < 0 ? rule.whenNoBackslash : toDriverName(registryPath.slice(slash + 1));
}

/** Each UTF-16 unit truncated to a byte, case kept, cut to the maximum length. */
function toDriverName(name: string): string {
  const max = DRIVER_TAG_RULE.name.maxLength;
  let out = '';
  for (let i = 0; i < name.length && out.length < max; i++) out += String.fromCharCode(name.charCodeAt(i) & 0xff);
  return out;
}

/** The KMDF pool tag of a driver (rules/reference/pool-tags.json → driverTagRule). */
export function deriveDriverTag(input: DriverTagInput): DriverTagDerivation {
  const rule = DRIVER_TAG_RULE;
  const driverName =
    input.serviceName !== undefined ? toDriverName(input.serviceName) : driverNameFromRegistryPath(input.registryPath);
  const base = { driverName, strippedPrefix: false };

  let rejectedPoolTag: boolean | undefined;
  if (input.driverPoolTag !== undefined && input.configHasPoolTag !== false) {
    const value = typeof input.driverPoolTag === 'number' ? input.driverPoolTag >>> 0 : tagToValue(input.driverPoolTag);
    if (value !== undefined && value !== 0) {
      if (rule.explicitTag.rejected.some((r) => r.value === value)) rejectedPoolTag = true;
      else return make(value, 'driver-pool-tag', { ...base, updatesDriverTag: rule.explicitTag.updatesDriverTag });
    }
  }
  const extra = rejectedPoolTag ? { rejectedPoolTag } : {};

  let s = driverName;
  let strippedPrefix = false;
  const prefix = rule.stripPrefix.prefix;
  const head = s.slice(0, prefix.length);
  if (s.length >= prefix.length && (rule.stripPrefix.caseInsensitive ? head.toLowerCase() === prefix.toLowerCase() : head === prefix)) {
    s = s.slice(prefix.length);
    strippedPrefix = true;
  }
  if (s.length < rule.minLength) {
    return make(rule.fallback.value, 'fallback', {
      driverName, strippedPrefix, updatesDriverTag: rule.fallback.updatesDriverTag ?? false, ...extra,
    });
  }
  const taken = s.slice(0, rule.take);
  const tag = taken.length < 4 ? taken + String.fromCharCode(rule.shortNameFourthByte).repeat(4 - taken.length) : taken;
  return make(tagToValue(tag)!, 'service-name', { driverName, strippedPrefix, updatesDriverTag: true, ...extra });
}

function make(
  value: number,
  source: DriverTagSource,
  rest: { driverName: string; strippedPrefix: boolean; updatesDriverTag: boolean; rejectedPoolTag?: boolean },
): DriverTagDerivation {
  const tag = tagFromValue(value);
  return { tag, display: displayTag(tag), value, hex: tagHex(value), source, ...rest };
}

/** Shorthand: the tag of a driver that sets no DriverPoolTag, as printed (`amdacpbus2` → `amda`). */
export function driverTag(serviceName: string): string {
  return deriveDriverTag({ serviceName }).display;
}

// ---- tag → candidate drivers ----------------------------------------------------------------

export type TagMatch = 'exact' | 'case-insensitive';

export interface TagCandidate {
  /** The name as given. */
  name: string;
  /** The service name the rule was applied to (path and `.sys` removed). */
  serviceName: string;
  derived: DriverTagDerivation;
  match: TagMatch;
  /** True when the name was an image name (`x.sys`): the service name may differ. */
  fromImageName: boolean;
}

// Tags that may stand for a NUL 4th byte in printed output.
const SHORT_PAD = new Set(['\0', ' ', '.']);

function sameTag(derived: string, wanted: string, fold: boolean): boolean {
  const a = fold ? derived.toLowerCase() : derived;
  const b = fold ? wanted.toLowerCase() : wanted;
  if (a === b) return true;
  // A 3-character KMDF tag has a NUL 4th byte, which output may show as space or dot.
  return a.length === 4 && b.length >= 3 && a[3] === '\0' && a.slice(0, 3) === b.slice(0, 3) && (b.length === 3 || SHORT_PAD.has(b[3]!));
}

/**
 * Names (services, driver images, `!wdfdriverinfo` names …) whose KMDF-derived tag equals `tag`.
 * Exact matches first, then case-insensitive ones (an image name's case may differ from the
 * service name's); each group sorted by name. The FxDr fallback is matched like any other tag.
 */
export function candidateDriversForTag(tag: string | number, names: Iterable<string>): TagCandidate[] {
  const wanted = typeof tag === 'number' ? tagFromValue(tag) : tag;
  const seen = new Set<string>();
  const out: TagCandidate[] = [];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const base = name.slice(Math.max(name.lastIndexOf('\\'), name.lastIndexOf('/')) + 1);
    const fromImageName = /\.sys$/i.test(base);
    const serviceName = fromImageName ? base.slice(0, -4) : base;
    if (serviceName.length === 0) continue;
    const derived = deriveDriverTag({ serviceName });
    const match: TagMatch | undefined = sameTag(derived.tag, wanted, false)
      ? 'exact'
      : sameTag(derived.tag, wanted, true)
        ? 'case-insensitive'
        : undefined;
    if (match) out.push({ name, serviceName, derived, match, fromImageName });
  }
  const rank = (c: TagCandidate): number => (c.match === 'exact' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
