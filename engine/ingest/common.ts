// Small text helpers shared by the parsers. Hex in the output may carry a WinDbg backtick separator.

/** `ffffda0f`f7ce3000` / `0xffffda0ff7ce3000` → `ffffda0ff7ce3000` (lower case, no 0x, no backtick). */
export function normalizeHex(text: string): string {
  let s = text.trim();
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2);
  return s.replace(/`/g, '').toLowerCase();
}

/** Lead characters (CommandFamily.leads) of common shapes. */
export const DIGITS = '0123456789';
export const HEX_DIGITS = `${DIGITS}abcdefABCDEF`;
export const UPPER_CASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A blank or a tab (by character code): what separates the columns of debugger output. */
export const isBlank = (c: number): boolean => c === 32 || c === 9;

const HEX = /^(?:0x)?[0-9a-f]+(?:`[0-9a-f]+)?$/i;

export function isHex(text: string): boolean {
  return HEX.test(text.trim());
}

/** Parse hex (with optional 0x and backtick) to a number when it is a safe integer. */
export function hexToNumber(text: string): number | undefined {
  const s = normalizeHex(text);
  if (!/^[0-9a-f]{1,13}$/.test(s)) return undefined;
  return parseInt(s, 16);
}

/** WinDbg number syntax: `0n123` decimal, `0x1f`/bare hex, `0y101` binary. */
export function parseDebuggerNumber(text: string, defaultRadix: 10 | 16 = 16): number | undefined {
  const s = text.trim().replace(/`/g, '');
  let m = /^0n(-?\d+)$/i.exec(s);
  if (m) return Number(m[1]);
  m = /^0y([01]+)$/i.exec(s);
  if (m) return parseInt(m[1]!, 2);
  m = /^(-?)0x([0-9a-f]+)$/i.exec(s);
  if (m) return (m[1] ? -1 : 1) * parseInt(m[2]!, 16);
  if (defaultRadix === 16 && /^[0-9a-f]+$/i.test(s)) return parseInt(s, 16);
  if (/^-?\d+$/.test(s)) return Number(s);
  return undefined;
}

/** Pointer width of a printed address: 64-bit when it has 16 hex digits or a backtick. */
export function pointerBits(text: string): 32 | 64 | undefined {
  const s = text.trim();
  if (s.includes('`')) return 64;
  const h = normalizeHex(s);
  if (h.length === 16) return 64;
  if (h.length === 8) return 32;
  return undefined;
}
