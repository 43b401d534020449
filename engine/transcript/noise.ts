// Lines a debugger prints around any command that carry no facts: progress dots, kd cache notes,
// symbol-load chatter. Outside a block they neither open an unparsed block nor count as text.
const NOISE = [
  /^\s*\.+\s*$/, // progress dots
  /^\s*\*+\s*$/, // banner rules of stars (the `!analyze` box) before the banner text
  /^\s*\*\*\* CacheSize too low/i,
  /^\s*Using a machine size of/i,
  /^\s*\*\* Transition PTEs are implicitly decoded/i,
  /^\s*Cached Transition PTEs/i,
  /^\s*Loading symbols|^\s*Loading (?:Kernel|User) Symbols|^\s*Loading unloaded module list/i,
  /^\s*\*\*\* (?:WARNING|ERROR): (?:Unable to verify|Symbol file could not be found|Module load completed)/i,
  /^\s*\.\.\.terminating\s*$/,
];

export function isNoise(line: string): boolean {
  for (const re of NOISE) if (re.test(line)) return true;
  return false;
}
