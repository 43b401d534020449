// Decode an nt!_POOL_HEADER from raw bytes with the bit positions of
// rules/reference/layouts/pool-header.json (x64: 16 bytes, 16-byte units; x86: 8 bytes, 8-byte units).
import { bytesFromHex, layoutConstant, readField, structLayout, type ResolvedLayout } from '../reference/layouts.js';
import type { Arch } from '../types/facts.js';
import { displayTag, tagFromValue, tagHex } from '../format/pool-tag.js';

export interface PoolHeader {
  arch: Arch;
  /** True on ARM64, whose header layout is assumed to be x64's. */
  assumed: boolean;
  /** Header size in bytes (the caller's pointer is header address + this). */
  headerSize: number;
  /** Bytes per BlockSize/PreviousSize unit. */
  blockUnit: number;
  previousSize: number;
  previousSizeBytes: number;
  poolIndex: number;
  blockSize: number;
  /** Block bytes including the header (what `!pool` prints as size). */
  blockSizeBytes: number;
  poolType: number;
  /** Tag characters in memory order, with the pre-Windows 8 protected bit cleared. */
  poolTag: string;
  /** As the debugger prints it (non-printable → `.`). */
  poolTagDisplay: string;
  poolTagValue: number;
  poolTagHex: string;
  /** Bit 31 of the tag was set (a "protected" tag on older Windows). */
  protectedTag: boolean;
  /** x64 only: ProcessBilled (encoded on Windows 8 and later), lower-case hex without 0x. */
  processBilled?: string;
}

const PROTECTED_BIT = 0x80000000;

function read(layout: ResolvedLayout, bytes: Uint8Array, at: number, name: string): bigint | undefined {
  const f = layout.field(name);
  return f ? readField(bytes, f, at) : undefined;
}

/**
 * The _POOL_HEADER at `at` in `bytes` (a Uint8Array or hex text such as `MemoryFact.bytes`).
 * Undefined when the bytes are too short or the architecture has no layout.
 */
export function decodePoolHeader(input: Uint8Array | string, arch: Arch, at = 0): PoolHeader | undefined {
  const bytes = typeof input === 'string' ? bytesFromHex(input) : input;
  const layout = structLayout('_POOL_HEADER', arch);
  const unit = layoutConstant('POOL_BLOCK_SIZE', arch);
  if (!bytes || !layout || layout.size === undefined || unit === undefined) return undefined;
  if (at < 0 || at + layout.size > bytes.length) return undefined;

  const n = (name: string): number => Number(read(layout, bytes, at, name) ?? 0n);
  const rawTag = n('PoolTag') >>> 0;
  const protectedTag = (rawTag & PROTECTED_BIT) !== 0;
  const tagValue = protectedTag ? (rawTag & ~PROTECTED_BIT) >>> 0 : rawTag;
  const poolTag = tagFromValue(tagValue);
  const previousSize = n('PreviousSize');
  const blockSize = n('BlockSize');
  const header: PoolHeader = {
    arch,
    assumed: layout.assumed,
    headerSize: layout.size,
    blockUnit: unit,
    previousSize,
    previousSizeBytes: previousSize * unit,
    poolIndex: n('PoolIndex'),
    blockSize,
    blockSizeBytes: blockSize * unit,
    poolType: n('PoolType'),
    poolTag,
    poolTagDisplay: displayTag(poolTag),
    poolTagValue: tagValue,
    poolTagHex: tagHex(tagValue),
    protectedTag,
  };
  const billed = read(layout, bytes, at, 'ProcessBilled');
  if (billed !== undefined && layout.field('ProcessBilled')?.size === 8) header.processBilled = billed.toString(16).padStart(16, '0');
  return header;
}
