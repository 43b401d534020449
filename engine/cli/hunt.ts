// `wdfleak hunt <tag>`: conditional breakpoints that stop on the allocations of one pool tag, for each
// allocation routine and architecture, and the survey commands around them — ready to paste.
import { flag, list, str, UsageError, type OptionSpec } from './args.js';
import { EXIT, type CommandModule } from './command.js';
import type { Arch } from '../types/facts.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'arch', type: 'string', values: ['x64', 'arm64', 'x86', 'all'], description: 'architecture of the target', defaultText: 'x64' },
  { name: 'api', type: 'string', multiple: true, placeholder: 'name', description: 'only this allocation routine (ExAllocatePool2, ExAllocatePoolWithTag, ExAllocatePool3, ExAllocatePoolWithQuotaTag)' },
  { name: 'log', type: 'boolean', description: 'breakpoints that print the stack and continue instead of stopping' },
  { name: 'commands', type: 'boolean', description: 'print only the commands, one per line (to paste or to pipe into a script)' },
  { name: 'format', short: 'f', type: 'string', values: ['text', 'json'], description: 'output format', defaultText: 'text' },
];

export const command: CommandModule = {
  help: {
    usage: ['hunt <tag> [--arch x64|arm64|x86|all] [--api name] [--log]'],
    summary: 'WinDbg breakpoints that catch the allocations of a pool tag',
    description: [
      'The tag is 1 to 4 characters (amda) or its 32-bit value (0x61646d61). For each pool allocation routine wdfleak knows, it prints a conditional breakpoint that compares the Tag argument with the tag where the calling convention puts it on entry: r8 on x64 and x2 on ARM64 (3rd argument), and on x86 the stack slot after the return address and the earlier arguments (poi(@esp+0x10) for ExAllocatePool2, whose Flags is 8 bytes; poi(@esp+0xc) for ExAllocatePoolWithTag). Then the commands that survey the tag and decode a block.',
    ],
    options: OPTIONS,
    examples: [
      ['wdfleak hunt amda', 'x64 breakpoints for the ACP driver tag'],
      ['wdfleak hunt 0x61646d61 --arch x86 --api ExAllocatePoolWithTag', 'one x86 breakpoint, tag given as its value'],
      ['wdfleak hunt amda --arch arm64 --log --commands', 'only the commands, logging stacks instead of stopping'],
    ],
    exitCodes: [
      [0, 'printed the recipes'],
      [2, 'usage error (not a tag, unknown API or architecture)'],
      [3, 'internal error in wdfleak'],
    ],
  },
  async run(args, io) {
    const { huntRecipe, parseTagArgument, ALLOCATION_APIS } = await import('../hunt/recipes.js');
    if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? 'hunt takes one tag' : 'hunt needs a pool tag, e.g. wdfleak hunt amda');
    let tag: string;
    try {
      tag = parseTagArgument(args.positionals[0]!);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const archArg = str(args, 'arch') ?? 'x64';
    const arches: Arch[] = archArg === 'all' ? ['x64', 'arm64', 'x86'] : [archArg as Arch];
    const apis = list(args, 'api');
    for (const a of apis) {
      if (!ALLOCATION_APIS.some((x) => x.name.toLowerCase() === a.toLowerCase())) {
        throw new UsageError(`unknown allocation API '${a}'; known: ${ALLOCATION_APIS.map((x) => x.name).join(', ')}`);
      }
    }
    const recipes = arches.map((arch) => {
      const r = huntRecipe(tag, arch);
      if (apis.length) r.breakpoints = r.breakpoints.filter((b) => apis.some((a) => a.toLowerCase() === b.api.toLowerCase()));
      return r;
    });
    const mode = flag(args, 'log') ? 'log' : 'stop';
    if (str(args, 'format') === 'json') {
      const { formatJson } = await import('../report/json.js');
      io.out(formatJson(recipes));
      return EXIT.ok;
    }
    if (flag(args, 'commands')) {
      const lines = new Set<string>();
      for (const r of recipes) for (const b of r.breakpoints) lines.add(b[mode]);
      for (const r of recipes) for (const f of r.followUps) if (!f.command.includes('<address>')) lines.add(f.command);
      io.out([...lines].join('\n') + '\n');
      return EXIT.ok;
    }
    const st = io.style;
    const out: string[] = [];
    const first = recipes[0]!;
    const bytes = [0, 1, 2, 3].map((i) => ((parseInt(first.value, 16) >>> (8 * i)) & 0xff).toString(16).padStart(2, '0')).join(' ');
    out.push(`${st.bold(`Pool tag '${tag}'`)} = ${first.value} (bytes in memory: ${bytes})`);
    for (const r of recipes) {
      out.push('', st.bold(`${r.arch}: ${mode === 'stop' ? 'stop on each allocation of the tag (then k, then g)' : 'print the stack of each allocation and go on'}`));
      for (const b of r.breakpoints) {
        out.push(`  ${st.dim(`${b.api}: tag in ${b.location.description}`)}`);
        out.push(`  ${st.cyan(b[mode])}`);
      }
    }
    out.push('', st.bold('Survey and decode'));
    const width = Math.max(...first.followUps.map((f) => f.command.length)) + 2;
    for (const f of first.followUps) out.push(`  ${st.cyan(f.command.padEnd(width))}${st.dim(f.why)}`);
    for (const r of recipes.slice(1)) {
      for (const f of r.followUps) {
        if (!first.followUps.some((g) => g.command === f.command)) out.push(`  ${st.cyan(f.command.padEnd(width))}${st.dim(`on ${r.arch}`)}`);
      }
    }
    out.push('', st.bold('Notes'));
    for (const n of first.notes) out.push(`  - ${n}`);
    io.out(out.join('\n') + '\n');
    return EXIT.ok;
  },
};
