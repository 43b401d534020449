// What a value read from a transcript may look like before it is put into a next-step command that a
// user pastes into WinDbg. Every placeholder has a kind (symbol, address, tag, number, module,
// identifier); a value that is not a plain instance of its kind is refused, and the step shows
// `<unknown>` instead. A produced command is checked once more as a whole: no line break or other
// control character, no `.shell`, `$$<`, `$><`, `.block`, and no `;` outside a quoted string that the
// signature itself wrote.

export type ValueKind = 'symbol' | 'address' | 'tag' | 'number' | 'module' | 'identifier' | 'breakpoint' | 'option';

/** Placeholders of the bundled signatures by kind; others are judged by their name (see kindOf). */
const KINDS: Record<string, ValueKind> = {
  'tag.name': 'tag',
  'memoryBuffer.objectTag': 'tag',
  'creation.creator': 'symbol',
  'creation.entry': 'symbol',
  'unload.topCallerFunction': 'symbol',
  'driver.name': 'module',
  'tag.driver': 'module',
  'memoryBuffer.objectDriver': 'module',
  'unload.image': 'module',
  'handles.createApi': 'identifier',
  'handles.fxClass': 'identifier',
  'blocks.fxObjectOffsetHex': 'number',
  'hunt.exAllocatePool2': 'breakpoint',
  'hunt.exAllocatePoolWithTag': 'breakpoint',
};

/** The kind of a placeholder: from the table, else from its last name (`…Address`, `…Handle`, `…Tag`). */
export function kindOf(path: string): ValueKind {
  const known = KINDS[path];
  if (known) return known;
  const name = path.slice(path.lastIndexOf('.') + 1);
  if (/(?:address|handle|object|buffer|leak|owner|block|tracker|parent)$/i.test(name)) return 'address';
  if (/tag$/i.test(name)) return 'tag';
  if (/(?:function|creator|caller|symbol|routine|entry|pointer)$/i.test(name)) return 'symbol';
  if (/(?:arg\d|value)$/i.test(name)) return 'number';
  if (/flag$/i.test(name)) return 'option';
  if (/(?:driver|image|module)$/i.test(name)) return 'module';
  if (/(?:count|allocs|size|offset|limit|objects|outstanding|hex)$/i.test(name)) return 'number';
  return 'identifier';
}

const HEX = '[0-9A-Fa-f]';
/** Each pattern is anchored and made of one-way runs: checked in time linear in the value. */
const ACCEPT: Record<ValueKind, RegExp> = {
  // `ffffda00`0f16ed40`, `0xffffda000f16ed40`, `83584e38`.
  address: new RegExp(`^(?:0x)?${HEX}{1,8}(?:\`?${HEX}{8})?$`),
  // `0x50`, `0n42`, `42`, `10` (hex offsets are printed without 0x).
  number: new RegExp(`^(?:0x${HEX}{1,16}|0n[0-9]{1,20}|${HEX}{1,16})$`),
  // 1 to 4 printable characters of a pool tag, with `?`/`*` wildcards; nothing WinDbg reads as syntax.
  tag: /^[A-Za-z0-9_?*.\-@#%&+=/~^]{1,4}$/,
  // `drv!Routine`, `drv!FxClass::Method+0x13c`, `Routine`.
  symbol: /^(?:[A-Za-z_][\w.-]{0,63}!)?[A-Za-z_?@$~][\w?@$~]{0,255}(?:::[A-Za-z_~][\w~]{0,255}){0,8}(?:\+0x[0-9A-Fa-f]{1,16})?$/,
  // A driver or image name: `amdacpbus2`, `ovpn-dco`, `Sample.sys`.
  module: /^[A-Za-z_][\w.-]{0,63}$/,
  identifier: /^[A-Za-z_]\w{0,127}$/,
  // A command option or flag value: `-nonpaged`, `2`, `0x50`.
  option: /^-?[A-Za-z0-9]{1,16}$/,
  // The conditional breakpoints wdfleak writes itself (engine/hunt): `bp nt!ExAllocatePool2 ".if (…) {} .else {gc}"`.
  breakpoint: /^bp [A-Za-z_][\w!]{0,127} "\.if \([\w@ &()+=x]{1,80}\) \{(?:k 20; gc)?\} \.else \{gc\}"$/,
};

export const UNKNOWN = '<unknown>';

/** True when the value may be pasted into a command where a `kind` is expected. */
export function acceptable(kind: ValueKind, value: string): boolean {
  return ACCEPT[kind].test(value);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const FORBIDDEN = /\.shell|\$\$<|\$\$>|\$><|\.block|\$\$ ?>a</i;

/** Why a whole command must not be shown for pasting, or undefined when it is safe. */
export function unsafeCommand(command: string): string | undefined {
  if (CONTROL.test(command)) return 'a line break or control character';
  if (FORBIDDEN.test(command)) return 'a command that runs other programs or scripts';
  // `;` separates commands: allowed only inside a quoted breakpoint command the signature wrote.
  let quoted = false;
  for (let i = 0; i < command.length; i++) {
    const c = command.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 59 && !quoted) return "a ';' that would start another command";
  }
  if (quoted) return 'an unclosed quote';
  return undefined;
}
