// Adversarial debugger text for the linear-time tests: for every command family, lines made of a
// short lead (the start of a real output line of that family, so the parser's deeper patterns are
// reached) followed by a long run of one "pump" (spaces, tabs, stars, hex, backticks, separators).
// Everything is generated here; only the leads come from the committed fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Family id → the command typed before its output, and the fixture folder its leads come from. */
export const FAMILY_COMMANDS: readonly { family: string; command: string; fixtures?: string }[] = [
  { family: 'poolused', command: '!poolused 2', fixtures: 'pool' },
  { family: 'poolfind', command: '!poolfind amda -nonpaged', fixtures: 'poolfind' },
  { family: 'pool', command: '!pool ffffda000f16ed20', fixtures: 'pool' },
  { family: 'vm', command: '!vm', fixtures: 'vm' },
  { family: 'dt', command: 'dt Wdf01000!FxObject ffffda000f16ed40', fixtures: 'dt' },
  { family: 'stack', command: 'kb', fixtures: 'stack' },
  { family: 'registers', command: 'r', fixtures: 'registers' },
  { family: 'memory', command: 'dq ffffda000f16ed20', fixtures: 'memory' },
  { family: 'symbols', command: 'x drv!*', fixtures: 'symbols' },
  { family: 'breakpoints', command: 'bl', fixtures: 'breakpoints' },
  { family: 'analyze', command: '!analyze -v', fixtures: 'analyze' },
  { family: 'verifier', command: '!verifier 3 drv.sys', fixtures: 'verifier' },
  { family: 'poolmon', command: 'poolmon', fixtures: 'poolmon' },
  { family: 'wdfdriverinfo', command: '!wdfkd.wdfdriverinfo drv 0xff', fixtures: 'wdfdriverinfo' },
  { family: 'wdfhandle', command: '!wdfhandle 0x000025fff0e912b8 0xff', fixtures: 'wdfhandle' },
  { family: 'wdfobject', command: '!wdfobject 0x83584e38', fixtures: 'wdfobject' },
  { family: 'wdfdevice', command: '!wdfdevice 0x000049f6bef1a848 ff', fixtures: 'wdfdevice' },
  { family: 'wdftagtracker', command: '!wdftagtracker 0x9ea030a8', fixtures: 'wdftagtracker' },
  { family: 'wdfpoolusage', command: '!wdfpoolusage drv 0 1', fixtures: 'wdfpoolusage' },
  { family: 'wdfmemory', command: '!wdfmemory 0x00007afa48e810e1', fixtures: 'wdfmemory' },
  { family: 'wdflogdump', command: '!wdflogdump drv', fixtures: 'wdflogdump' },
  { family: 'wdfcrashdump', command: '!wdfcrashdump', fixtures: 'wdfcrashdump' },
  { family: 'wdffindobjects', command: '!wdffindobjects 0xfffffa600211b668 1', fixtures: 'wdffindobjects' },
  { family: 'wdfldr', command: '!wdfldr drv', fixtures: 'wdfldr' },
  { family: 'wdfdevicequeues', command: '!wdfdevicequeues 0x00006277d65a5b88' },
  // No prompt: every line goes through the recognisers of all families (pasted output).
  { family: '(unprompted)', command: '' },
];

/** What a long line is made of. */
export const PUMPS: readonly string[] = [' ', '\t', '*', '`', 'f', 'fffff804`', '0 ', ': ', ', ', '(', ')', '!', '+0x', '.', '-', "'", '"', '=', ' - ', '[', 'a ', '#', '\f', '\u00a0', ' (', '0x1 ', 'a:', '*** '];

/** Ends put after the pump (a line that almost matches, then fails at the very end). */
const TAILS = ['!'];

/**
 * Put before a blank pump as well as nothing: a word, a long gap, then `!` is the shape a lazy `(\S.*?)\s*$`
 * retries for every character (a `Caller: x … !` line took 4.3 s at 64 KB).
 */
const BLANK_PUMPS = new Set([' ', '\t', '\f', '\u00a0']);
const WORD_HEAD = 'x';

const FIXTURES = new URL('../fixtures/windbg/', import.meta.url);

/** Starts of real lines of a fixture folder: each line's first one and two tokens with what follows them. */
export function leadsOf(folder: string | undefined, max = 5): string[] {
  const leads = new Set<string>(['']);
  if (!folder) return [...leads];
  const dir = new URL(`${folder}/`, FIXTURES);
  const seen = new Set<string>();
  const candidates: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(log|txt)$/.test(name)) continue;
    for (const line of readFileSync(join(dir.pathname, name), 'utf8').split(/\r?\n/)) {
      if (/^\s{0,2}(\d+: )?l?kd>/.test(line) || line.trim() === '') continue;
      const m = /^(\s*\S+\s+)(\S+\s*)?/.exec(line.slice(0, 200));
      if (!m) continue;
      for (const lead of [m[1]!, m[1]! + (m[2] ?? '')]) {
        const key = lead.replace(/[0-9a-f]/gi, 'h').replace(/\s+/g, ' ');
        if (seen.has(key)) continue;
        seen.add(key);
        candidates.push(lead);
      }
    }
  }
  // Spread the picks over the folder instead of taking only its first file.
  const step = Math.max(1, Math.floor(candidates.length / max));
  for (let i = 0; i < candidates.length && leads.size < max + 1; i += step) leads.add(candidates[i]!);
  return [...leads];
}

export interface AdversarialLine {
  lead: string;
  head: string;
  pump: string;
  tail: string;
}

export function adversarialLines(leads: readonly string[]): AdversarialLine[] {
  const out: AdversarialLine[] = [];
  for (const lead of leads) {
    for (const pump of PUMPS) {
      for (const head of BLANK_PUMPS.has(pump) ? ['', WORD_HEAD] : ['']) {
        for (const tail of TAILS) out.push({ lead, head, pump, tail });
      }
    }
  }
  return out;
}

/** The line at (about) `bytes` characters. */
export function render(l: AdversarialLine, bytes: number): string {
  const n = Math.max(1, Math.floor((bytes - l.lead.length - l.head.length - l.tail.length) / l.pump.length));
  return l.lead + l.head + l.pump.repeat(n) + l.tail;
}

/** A transcript: the family's prompt and command, then the lines. */
export function transcript(command: string, lines: readonly string[]): string {
  return (command ? `0: kd> ${command}\n` : '') + lines.join('\n') + '\n';
}
