// Builds little-endian memory images for decoder tests: pool blocks laid out from values that real
// `dt` output shows (the raw bytes of those objects were not captured, so they are rebuilt here).
export class Memory {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u8(at: number, v: number): this {
    this.view.setUint8(at, v);
    return this;
  }
  u16(at: number, v: number): this {
    this.view.setUint16(at, v, true);
    return this;
  }
  u32(at: number, v: number): this {
    this.view.setUint32(at, v >>> 0, true);
    return this;
  }
  u64(at: number, v: bigint): this {
    this.view.setBigUint64(at, v, true);
    return this;
  }
  ascii(at: number, s: string): this {
    for (let i = 0; i < s.length; i++) this.bytes[at + i] = s.charCodeAt(i);
    return this;
  }
}

// Values of the ACP FxWorkItem, from `dt Wdf01000!FxWorkItem ffffda000f16ed30+10` (site/cases/acp-workitem-leak).
export const ACP = {
  block: 0xffffda000f16ed30n,
  object: 0xffffda000f16ed40n,
  vtable: 0xfffff8005980dc30n,
  globals: 0xffffda0ff0157710n,
  childListHead: 0xffffda000f16ed60n,
  parent: 0xffffda0ff7ce3000n,
  childEntry: [0xffffda000f171cc8n, 0xffffda000f170288n] as const,
  callback: 0xfffff8009f760a28n,
};

/** The FxWorkItem (x64, shipped layout) with ACP values at `at` in `m`, object address `address`. */
export function writeAcpWorkItem(m: Memory, at: number, address: bigint, opts: { flags?: number; globals?: bigint } = {}): Memory {
  m.u64(at + 0x00, ACP.vtable)
    .u16(at + 0x08, 0x1025)
    .u16(at + 0x0a, 0xd0)
    .u32(at + 0x0c, 2)
    .u64(at + 0x10, opts.globals ?? ACP.globals)
    .u16(at + 0x18, opts.flags ?? 0x819)
    .u16(at + 0x1a, 1)
    .u64(at + 0x20, address + 0x20n)
    .u64(at + 0x28, address + 0x20n)
    .u64(at + 0x40, ACP.parent)
    .u64(at + 0x48, ACP.childEntry[0])
    .u64(at + 0x50, ACP.childEntry[1])
    .u64(at + 0x60, ACP.parent)
    .u64(at + 0x88, ACP.parent)
    .u64(at + 0xa0, ACP.callback);
  // FxContextHeader.Object at this + m_ObjectSize points back at the object.
  if (at + 0xd0 + 8 <= m.bytes.length) m.u64(at + 0xd0, address);
  return m;
}
