// Breakpoint recipes that catch the allocations of one pool tag: for each allocation routine and
// architecture, where the Tag argument is on entry (from rules/reference/allocation-apis.json) and a
// conditional `bp` that stops only for that tag, plus the survey commands around it.
import data from '../../rules/reference/allocation-apis.json' with { type: 'json' };
import type { Arch } from '../types/facts.js';
import { displayTag, tagToValue } from '../format/pool-tag.js';

export interface AllocationApi {
  name: string;
  symbol: string;
  since?: string;
  doc: string;
  note?: string;
  params: Array<{ name: string; type: string; bytes: number | 'pointer' }>;
}

export const ALLOCATION_APIS: readonly AllocationApi[] = data.apis as AllocationApi[];
export const ARCHES: readonly Arch[] = ['x64', 'arm64', 'x86'];

/** Where the Tag argument is on entry: a register, or a stack slot above the return address. */
export interface TagLocation {
  /** WinDbg expression of the 32-bit tag value, e.g. `(@r8 & 0xffffffff)` or `poi(@esp+0x10)`. */
  expression: string;
  /** In words: `r8 (3rd argument)`, `[esp+0x10] (stdcall: after the return address and the 8-byte Flags and SIZE_T)`. */
  description: string;
  register?: string;
  stackOffset?: number;
}

export interface BreakpointRecipe {
  api: string;
  symbol: string;
  arch: Arch;
  location: TagLocation;
  /** Stops only on the tag: inspect with `k` then `g`. */
  stop: string;
  /** Prints the stack for each allocation of the tag and keeps running (slow targets: use sparingly). */
  log: string;
  doc: string;
  note?: string;
}

export interface HuntRecipe {
  tag: string;
  /** Little-endian 32-bit value of the tag, `0x61646d61` for `amda`. */
  value: string;
  arch: Arch;
  breakpoints: BreakpointRecipe[];
  followUps: Array<{ command: string; why: string }>;
  notes: string[];
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/**
 * The tag's 32-bit value as the CPU sees it (amda → 0x61646d61). A short tag is padded with spaces,
 * as pooltag.txt and `!poolused` write them (`Io` is `Io  `).
 */
export function tagValue(tag: string): number {
  const v = tagToValue(tag, ' ');
  if (v === undefined) throw new RangeError(`a pool tag has 1 to 4 one-byte characters (got '${tag}')`);
  return v;
}

/** Where `api`'s Tag argument is on entry on `arch`. */
export function tagLocation(api: AllocationApi, arch: Arch): TagLocation {
  const conv = data.conventions[arch];
  const index = api.params.findIndex((p) => p.name === 'Tag');
  if (index < 0) throw new Error(`${api.name} has no Tag parameter in allocation-apis.json`);
  const ordinal = `${index + 1}${['st', 'nd', 'rd'][index] ?? 'th'} argument`;
  if (conv.registers.length > index) {
    const reg = conv.registers[index]!;
    // The tag is a ULONG: only the low 32 bits of the 64-bit register are defined by the ABI.
    return { expression: `(@${reg} & 0xffffffff)`, description: `${reg} (${ordinal})`, register: reg };
  }
  // Stack: [esp] is the return address on entry, then each argument in its 4-byte slots.
  let offset = conv.pointerBytes;
  for (const p of api.params.slice(0, index)) {
    const size = p.bytes === 'pointer' ? conv.pointerBytes : p.bytes;
    offset += Math.ceil(size / 4) * 4;
  }
  const before = api.params
    .slice(0, index)
    .map((p) => `${p.name} ${p.bytes === 'pointer' ? conv.pointerBytes : p.bytes}`)
    .join(', ');
  return {
    expression: `poi(@esp+${hex(offset)})`,
    description: `[esp+${hex(offset)}] (${ordinal}; on entry [esp] is the return address, then ${before} bytes)`,
    stackOffset: offset,
  };
}

/** One conditional breakpoint command. */
export function breakpoint(apiName: string, tag: string, arch: Arch, mode: 'stop' | 'log' = 'stop'): string {
  const api = ALLOCATION_APIS.find((a) => a.name.toLowerCase() === apiName.toLowerCase());
  if (!api) throw new RangeError(`unknown allocation API '${apiName}' (known: ${ALLOCATION_APIS.map((a) => a.name).join(', ')})`);
  return command(api, tagLocation(api, arch), tagValue(tag), mode);
}

function command(api: AllocationApi, loc: TagLocation, value: number, mode: 'stop' | 'log'): string {
  const test = `${loc.expression} == ${hex(value)}`;
  return mode === 'stop' ? `bp ${api.symbol} ".if (${test}) {} .else {gc}"` : `bp ${api.symbol} ".if (${test}) {k 20; gc} .else {gc}"`;
}

/** Offset of the FxObject after the address `!poolfind` prints (the FX_POOL_HEADER: two pointers). */
export function fxObjectOffset(arch: Arch): number {
  return data.conventions[arch].pointerBytes * 2;
}

/** Everything `wdfleak hunt <tag>` prints for one architecture. */
export function huntRecipe(tag: string, arch: Arch): HuntRecipe {
  const value = tagValue(tag);
  const breakpoints = ALLOCATION_APIS.map((api) => {
    const location = tagLocation(api, arch);
    const r: BreakpointRecipe = {
      api: api.name,
      symbol: api.symbol,
      arch,
      location,
      stop: command(api, location, value, 'stop'),
      log: command(api, location, value, 'log'),
      doc: api.doc,
    };
    if (api.note) r.note = api.note;
    return r;
  });
  const off = fxObjectOffset(arch).toString(16);
  const followUps = data.followUps.map((f) => ({
    command: f.command.replaceAll('{tag}', tag).replaceAll('{fxObjectOffset}', off).replaceAll('{address}', '<address>'),
    why: f.why,
  }));
  const notes = [
    'Conditional breakpoints on pool routines slow the target a lot: set one, catch a few hits, then clear it (bc *).',
    'At a hit, k shows who allocates; .frame /c /r <n> shows the registers of a driver frame.',
  ];
  if (tag.length < 4) notes.push(`'${tag}' is shorter than 4 characters: it is padded with spaces (${hex(value)}); a KMDF tag derived from a 3-letter name ends with a NUL byte instead (${hex(value & 0x00ffffff)}).`);
  return { tag, value: hex(value), arch, breakpoints, followUps, notes };
}

/** Parse a user's tag argument: `amda`, `'amda'`, or a value `0x61646d61`. */
export function parseTagArgument(text: string): string {
  const t = text.trim();
  const quoted = /^(['"])(.{1,4})\1$/.exec(t);
  if (quoted) return quoted[2]!;
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) {
    return displayTag(parseInt(t, 16));
  }
  if (t.length >= 1 && t.length <= 4 && /^[\x20-\x7e]+$/.test(t)) return t;
  throw new RangeError(`'${text}' is not a pool tag: expected 1 to 4 printable characters (amda) or a 32-bit value (0x61646d61)`);
}
