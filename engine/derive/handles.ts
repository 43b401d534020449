// WDF handle ↔ FxObject pointer, from the arithmetic in rules/reference/layouts/handles.json.
// BigInt throughout: 64-bit kernel pointers do not fit a JS number.
import { HANDLE_RULE } from '../reference/layouts.js';
import type { Arch } from '../types/facts.js';

export type PointerBits = 32 | 64;

const MASKS = new Map<PointerBits, bigint>(HANDLE_RULE.masks.map((m) => [m.pointerBits, BigInt(m.mask)]));
const FLAG_MASK = BigInt(HANDLE_RULE.flagMask);
const OFFSET_FLAG = BigInt(HANDLE_RULE.offsetFlag);
const ALIGN = BigInt(HANDLE_RULE.objectAlignment);

export function pointerBitsOfArch(arch: Arch): PointerBits {
  return arch === 'x86' ? 32 : 64;
}

/** FxHandleValueMask for a pointer width. */
export function handleMask(bits: PointerBits): bigint {
  return MASKS.get(bits)!;
}

/** `0xffffda00`0f16ed40`, `ffffda000f16ed40`, 123n → bigint; undefined for anything else. */
export function parsePointer(value: string | bigint | number): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n ? value : undefined;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : undefined;
  const s = value.trim().replace(/`/g, '');
  const m = /^(?:0x)?([0-9a-f]{1,16})$/i.exec(s);
  return m ? BigInt('0x' + m[1]) : undefined;
}

/** `0x000025fff0e912b8` (16 digits) or `0x7ca7b1c0` (8), optionally with the debugger's backtick. */
export function formatPointer(value: bigint, bits: PointerBits, backtick = false): string {
  const digits = value.toString(16).padStart(bits / 4, '0');
  return '0x' + (backtick && bits === 64 ? `${digits.slice(0, 8)}\`${digits.slice(8)}` : digits);
}

export interface HandleFromObject {
  handle: bigint;
  hex: string;
  /** False when the pointer is not 8-byte aligned: it cannot be an FxObject. */
  aligned: boolean;
}

export function objectToHandle(object: string | bigint | number, bits: PointerBits): HandleFromObject | undefined {
  const p = parsePointer(object);
  if (p === undefined || p >> BigInt(bits) !== 0n) return undefined;
  const handle = p ^ handleMask(bits);
  return { handle, hex: formatPointer(handle, bits), aligned: p % ALIGN === 0n };
}

export interface ObjectFromHandle {
  handle: bigint;
  bits: PointerBits;
  /** handle AND 7. */
  flags: number;
  /** FxHandleFlagIsOffset: the decoded address holds a USHORT offset back to the object. */
  isOffset: boolean;
  /** (handle AND NOT 7) XOR mask: the object itself, or the offset slot of an offset handle. */
  pointer: bigint;
  pointerHex: string;
  /** The object, when known (plain handles, or offset handles with the offset supplied). */
  object?: bigint;
  objectHex?: string;
  /** The USHORT offset used for an offset handle. */
  offset?: number;
  problems: string[];
}

/**
 * The FxObject behind a WDF handle. For an offset handle the object is `pointer - offset`, where the
 * offset is the USHORT stored at `pointer`: pass it (or a reader) when you have the memory.
 */
export function handleToObject(
  handle: string | bigint | number,
  bits: PointerBits,
  offset?: number | ((pointer: bigint) => number | undefined),
): ObjectFromHandle | undefined {
  const h = parsePointer(handle);
  if (h === undefined || h >> BigInt(bits) !== 0n) return undefined;
  const problems: string[] = [];
  if (h === 0n) problems.push('NULL handle');
  const flags = Number(h & FLAG_MASK);
  if ((flags & ~Number(OFFSET_FLAG)) !== 0) problems.push(`flag bits 0x${flags.toString(16)} set that WDF does not define`);
  const pointer = (h & ~FLAG_MASK) ^ handleMask(bits);
  const out: ObjectFromHandle = {
    handle: h,
    bits,
    flags,
    isOffset: (BigInt(flags) & OFFSET_FLAG) !== 0n,
    pointer,
    pointerHex: formatPointer(pointer, bits),
    problems,
  };
  if (!out.isOffset) {
    out.object = pointer;
    out.objectHex = out.pointerHex;
    return out;
  }
  const off = typeof offset === 'function' ? offset(pointer) : offset;
  if (off === undefined) {
    problems.push('offset handle: read the USHORT at the decoded address to find the object');
  } else if (!Number.isInteger(off) || off < 0 || off > 0xffff) {
    problems.push(`offset ${off} is not a USHORT`);
  } else {
    out.offset = off;
    out.object = pointer - BigInt(off);
    out.objectHex = formatPointer(out.object, bits);
  }
  return out;
}

/** Pointer width of a printed handle or address: backtick or more than 8 digits → 64. */
export function pointerBitsOfText(text: string): PointerBits | undefined {
  const s = text.trim();
  if (s.includes('`')) return 64;
  const digits = s.replace(/^0x/i, '');
  if (!/^[0-9a-f]+$/i.test(digits)) return undefined;
  if (digits.length > 8) return 64;
  return digits.length === 8 ? 32 : undefined;
}

