// What a bugcheck's arguments mean, in wdfleak's words, for the codes that matter to leak triage:
// 0xC4 DRIVER_VERIFIER_DETECTED_VIOLATION (0x60/0x61/0x62 leaks at unload and the pool misuse
// subcodes), 0x10D WDF_VIOLATION (subcodes 0x1–0xF, with the 0x6 and 0xB sub-tables), 0x19
// BAD_POOL_HEADER and 0xC2 BAD_POOL_CALLER (pool corruption), 0xA IRQL_NOT_LESS_OR_EQUAL.
// Subcode lists follow Microsoft's bug check reference pages (bug-check-0xc4, -0x10d, -0x19, -0xc2).

export interface BugcheckMeaning {
  subcode?: number;
  text?: string;
}

const num = (hex: string | undefined): number | undefined => {
  const s = hex?.replace(/^0x/i, '').replace(/^0+(?=.)/, '');
  if (!s || !/^[0-9a-f]{1,13}$/i.test(s)) return undefined;
  return parseInt(s, 16);
};
const h = (hex: string | undefined): string => `0x${(hex ?? '?').replace(/^0+(?=.)/, '')}`;

type Table = Record<number, (a: readonly string[]) => string>;

const C4: Table = {
  0x00: () => 'the driver asked for a zero-byte pool allocation',
  0x01: (a) => `the driver allocated paged pool at IRQL ${h(a[1])} (above APC_LEVEL)`,
  0x02: (a) => `the driver allocated nonpaged pool at IRQL ${h(a[1])} (above DISPATCH_LEVEL)`,
  0x10: (a) => `the driver freed ${h(a[1])}, an address no allocation returned`,
  0x11: (a) => `the driver freed paged pool at IRQL ${h(a[1])} (above APC_LEVEL)`,
  0x12: (a) => `the driver freed nonpaged pool at IRQL ${h(a[1])} (above DISPATCH_LEVEL)`,
  0x13: () => 'the driver freed pool that was already freed',
  0x14: () => 'the driver freed pool that was already freed',
  0x16: (a) => `the driver freed pool at a bad address (${h(a[2])}) or passed bad parameters to a memory routine`,
  0x51: (a) => `the driver freed ${h(a[1])} after writing past its end (${Number(num(a[3]) ?? 0)} bytes charged)`,
  0x52: (a) => `the driver freed ${h(a[1])} after writing past its end`,
  0x53: (a) => `the driver freed ${h(a[1])} after writing past its end`,
  0x54: (a) => `the driver freed ${h(a[1])} after writing past its end`,
  0x59: (a) => `the driver freed ${h(a[1])} after writing past its end`,
  0x60: (a) =>
    `leaked pool at driver unload: ${num(a[1]) ?? '?'} bytes paged and ${num(a[2]) ?? '?'} bytes nonpaged in ${num(a[3]) ?? '?'} allocations (Pool Tracking)`,
  0x61: (a) =>
    `a driver thread allocated pool while the driver was unloading (${num(a[1]) ?? '?'} bytes paged, ${num(a[2]) ?? '?'} bytes nonpaged, ${num(a[3]) ?? '?'} allocations)`,
  0x62: (a) =>
    `leaked pool at driver unload: ${num(a[3]) ?? '?'} allocation(s) (paged and nonpaged, IO_WORKITEMs included since Windows 8.1) were not freed; Arg2 ${h(a[1])} points at the driver name, Arg3 at the verifier's driver entry; list them with !verifier 3 <driver>.sys`,
};

const WDF: Table = {
  0x1: (a) => `a KMDF driver timed out in a power operation (WDF_POWER_ROUTINE_TIMED_OUT_DATA at ${h(a[1])}); often a pageable stack that did not set DO_POWER_PAGABLE`,
  0x2: () => 'a lock was acquired while already held',
  0x3: (a) => `WDFREQUEST ${h(a[1])} was completed while ${num(a[2]) ?? '?'} references to its buffers were outstanding (KMDF verifier)`,
  0x4: (a) => `NULL passed where a non-NULL parameter is required (caller ${h(a[2])}; use ln on it)`,
  0x5: (a) => `handle ${h(a[1])} of the wrong object type passed to a framework method`,
  0x7: (a) => `handle ${h(a[1])} deleted with WdfObjectDereference instead of WdfObjectDelete`,
  0x8: (a) => `DMA transaction ${h(a[1])} used in the wrong state`,
  0xa: (a) => `fatal error while processing a queued request (WDF_QUEUE_FATAL_ERROR_DATA at ${h(a[1])})`,
  0xc: (a) => `WDFDEVICE ${h(a[1])} received a state-changing PnP IRP (${h(a[2])}) while another one was in progress`,
  0xd: (a) => `the power policy owner (device ${h(a[1])}) received power IRP ${h(a[2])} it did not request; more than one power policy owner in the stack?`,
  0xe: (a) => `an event callback returned at IRQL ${h(a[2])} but was called at IRQL ${h(a[1])}`,
  0xf: (a) => `event callback ${h(a[1])} entered a critical region and did not leave it`,
};

const WDF_REQUEST: Table = {
  0x1: (a) => `no I/O stack location left to format IRP ${h(a[2])}`,
  0x2: (a) => `request ${h(a[2])} formatted without an IRP`,
  0x3: (a) => `request ${h(a[2])} sent to an I/O target while already sent`,
  0x4: () => 'request completed with more bytes written than the IRP allowed',
};

const BAD_POOL_HEADER: Table = {
  0x2: (a) => `special pool pattern check failed for entry ${h(a[1])}: its owner likely overran it`,
  0x3: (a) => `pool free list corrupt at entry ${h(a[1])} (flink ${h(a[2])}, blink ${h(a[3])})`,
  0x5: (a) => `adjacent pool entries ${h(a[1])} and ${h(a[3])} contradict each other`,
  0x6: () => "a pool block header's previous size is too large",
  0x7: (a) => `pool block header size corrupt (entry ${h(a[3])})`,
  0x8: (a) => `pool block header size is zero (entry ${h(a[3])})`,
  0x9: () => 'pool block header size too large',
  0xa: (a) => `pool block header size corrupt (entry ${h(a[1])} should be in page ${h(a[3])})`,
  0xd: () => 'a freed block header was modified after free, usually by an overrun of the block before it',
  0xe: () => 'a freed block header was modified after free, usually by an overrun of the block before it',
  0xf: () => 'a freed block header was modified after free, usually by an overrun of the block before it',
  0x20: (a) => `pool block header size corrupt (entry ${h(a[1])}, next ${h(a[2])})`,
  0x21: (a) => `data after freed block ${h(a[1])} is corrupt: the caller overran it`,
  0x22: (a) => `freed address ${h(a[1])} has no tracking entry: double free or never allocated`,
  0x23: () => 'a freed block header was modified after free, usually by an overrun of the block before it',
  0x24: () => 'a freed block header was modified after free, usually by an overrun of the block before it',
  0x25: () => 'a freed block header was modified after free, usually by an overrun of the block before it',
};

const BAD_POOL_CALLER: Table = {
  0x0: () => 'zero-byte pool allocation requested',
  0x1: (a) => `pool header at ${h(a[1])} corrupt`,
  0x2: (a) => `pool header at ${h(a[1])} corrupt`,
  0x4: (a) => `pool header at ${h(a[1])} corrupt`,
  0x6: () => 'pool freed twice',
  0x7: (a) => `pool block ${h(a[3])} freed twice`,
  0x8: (a) => `pool allocated at invalid IRQL ${h(a[1])}`,
  0x9: (a) => `pool freed at invalid IRQL ${h(a[1])}`,
  0xa: (a) => `pool ${h(a[1])} freed with the wrong tag (allocated as ${h(a[2])}, freed as ${h(a[3])})`,
  0xb: () => 'quota released on a corrupt pool allocation',
  0xc: () => 'quota released on a corrupt pool allocation',
  0xd: () => 'quota released on a corrupt pool allocation',
  0x40: (a) => `kernel pool freed at user-mode address ${h(a[1])}`,
  0x41: (a) => `non-allocated nonpaged pool address ${h(a[1])} freed`,
  0x42: (a) => `address ${h(a[1])} freed that was never in any pool`,
  0x43: (a) => `address ${h(a[1])} freed that was never in any pool`,
  0x44: (a) => `non-allocated nonpaged pool address ${h(a[1])} freed`,
  0x46: (a) => `invalid pool address ${h(a[1])} freed`,
  0x47: (a) => `non-allocated nonpaged pool address ${h(a[1])} freed`,
  0x48: (a) => `non-allocated paged pool address ${h(a[1])} freed`,
  0x50: (a) => `non-allocated paged pool address ${h(a[1])} freed`,
  0x60: (a) => `invalid contiguous memory address ${h(a[1])} freed`,
  0x99: (a) => `invalid pool address ${h(a[1])} freed (or a corrupt pool header)`,
  0x9a: () => 'allocation marked MUST_SUCCEED (no longer supported)',
  0x9b: () => 'pool allocated with tag 0',
  0x9c: () => 'pool allocated with tag "BIG"',
  0x9d: (a) => `pool allocated with tag ${h(a[1])}, which has no letter or digit`,
  0x41286: () => 'paged pool freed in the middle of an allocation',
};

function fromTable(table: Table, sub: number | undefined, args: readonly string[], label: string): BugcheckMeaning {
  if (sub === undefined) return {};
  const f = table[sub];
  return { subcode: sub, text: f ? f(args) : `${label} subcode 0x${sub.toString(16)}` };
}

/** Meaning of a bugcheck for the codes wdfleak knows; empty for the others. */
export function bugcheckMeaning(code: number, args: readonly string[]): BugcheckMeaning {
  const sub = num(args[0]);
  switch (code) {
    case 0xc4:
      return fromTable(C4, sub, args, 'Driver Verifier violation');
    case 0x10d: {
      if (sub === 0x6) {
        const inner = num(args[1]);
        const f = inner !== undefined ? WDF_REQUEST[inner] : undefined;
        return { subcode: sub, text: `fatal error handling a WDF request: ${f ? f(args) : `WDF_REQUEST_FATAL_ERROR 0x${(inner ?? 0).toString(16)}`}` };
      }
      if (sub === 0xb) {
        const kind = num(args[2]);
        const text =
          kind === 0
            ? `handle ${h(args[1])} passed to WdfObjectAcquireLock/ReleaseLock does not support locking`
            : kind === 1
              ? `spin lock ${h(args[1])} released by a thread that did not acquire it`
              : 'invalid lock acquire or release';
        return { subcode: sub, text };
      }
      return fromTable(WDF, sub, args, 'WDF_VIOLATION');
    }
    case 0x19:
      return fromTable(BAD_POOL_HEADER, sub, args, 'BAD_POOL_HEADER');
    case 0xc2:
      return fromTable(BAD_POOL_CALLER, sub, args, 'BAD_POOL_CALLER');
    case 0xa: {
      const bits = num(args[2]) ?? 0;
      const op = bits & 0x8 ? 'execute' : bits & 0x1 ? 'write' : 'read';
      return { text: `${op} of ${h(args[0])} at IRQL ${h(args[1])} by code at ${h(args[3])}: pageable or invalid memory touched at raised IRQL` };
    }
    default:
      return {};
  }
}

/**
 * Argument descriptions that only one bug check prints, for analyses pasted without their name line
 * and without BUGCHECK_CODE (a copy that starts in the middle of the description).
 */
const ARGUMENT_TEXT: ReadonlyArray<[RegExp, number]> = [
  [/forgotten to free its pool allocations/i, 0xc4],
  [/allocated pool while .*unload/i, 0xc4],
  [/Type !verifier 3 drivername\.sys/i, 0xc4],
  [/calling address in the driver that locked the pages/i, 0xcb],
  [/(?:Locked memory pages found in process being terminated|pages? (?:are|is) still locked)/i, 0x76],
  [/WDF_POWER_ROUTINE_TIMED_OUT_DATA|WDF_QUEUE_FATAL_ERROR_DATA|WdfObjectDelete.*WdfObjectDereference/i, 0x10d],
];

export function codeFromArgumentText(descriptions: readonly string[]): number | undefined {
  for (const d of descriptions) {
    if (!d) continue;
    for (const [re, code] of ARGUMENT_TEXT) if (re.test(d)) return code;
  }
  return undefined;
}
