// `wdfleak new-signature <slug>`: scaffold rules/signatures/<slug>.json (next free id, experimental),
// its doc page <slug>.md and fixtures <slug>/positive/example.log and <slug>/negative/example.log.
// The scaffold is valid and passes its own fixtures from the start; the author then replaces the
// example condition (one tag above 10,000 outstanding nonpaged allocations) with the real one.
import { existsSync, promises as fsp } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { flag, str, UsageError, type OptionSpec } from './args.js';
import { EXIT, type CommandModule } from './command.js';
import { InputError, fsError } from '../node/errors.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

const OPTIONS: readonly OptionSpec[] = [
  { name: 'dir', type: 'string', placeholder: 'dir', description: 'the signatures folder to write into', defaultText: './rules/signatures' },
  { name: 'title', type: 'string', placeholder: 'text', description: 'one-line title of the leak' },
  { name: 'severity', type: 'string', values: SEVERITIES, description: 'severity when confirmed', defaultText: 'medium' },
  { name: 'tag', type: 'string', placeholder: 'tag', description: 'pool tag used by the example condition and fixtures', defaultText: 'Xmpl' },
  { name: 'dry-run', type: 'boolean', description: 'print what would be written, write nothing' },
];

export const command: CommandModule = {
  help: {
    usage: ['new-signature <slug> [--title t] [--severity s] [--tag tag] [--dir rules/signatures]'],
    summary: 'scaffold a new signature with its doc page and fixtures',
    description: [
      'Writes <slug>.json with the next free WDFLEAK id and status experimental, <slug>.md (the doc page, with the sections to fill), and the fixture folders <slug>/positive/ and <slug>/negative/ with one transcript each. The example condition fires when the example tag holds 10,000 or more outstanding nonpaged allocations, so rules validate and rules test pass before you change anything. Then replace the condition, the texts and the fixtures with the real case, and run wdfleak rules test <slug>.',
    ],
    options: OPTIONS,
    examples: [
      ['wdfleak new-signature timer-created-per-request --title "WDFTIMER created per request and never deleted"', 'in a checkout of wdfleak'],
      ['wdfleak new-signature my-leak --dir ../my-rules/signatures --tag Abcd', 'in your own rules folder'],
    ],
    exitCodes: [
      [0, 'wrote the scaffold'],
      [2, 'usage or input error (bad slug, slug already taken, no signatures folder)'],
      [3, 'internal error in wdfleak'],
    ],
  },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError('new-signature needs one slug, e.g. new-signature timer-created-per-request');
    const slug = args.positionals[0]!;
    if (!SLUG.test(slug)) throw new UsageError(`'${slug}' is not a slug: use lower-case words joined by hyphens (timer-created-per-request)`);
    const tag = str(args, 'tag') ?? 'Xmpl';
    if (!/^[A-Za-z0-9]{4}$/.test(tag)) throw new UsageError(`--tag must be 4 letters or digits (got '${tag}')`);
    const dirArg = str(args, 'dir');
    const dir = resolve(io.cwd, dirArg ?? join('rules', 'signatures'));
    if (!existsSync(dir)) {
      throw new InputError(
        dirArg ? 'no such folder (create it, or point --dir at a rules/signatures folder)' : 'no rules/signatures folder here: run it in a wdfleak checkout or give --dir',
        dirArg ?? join('rules', 'signatures'),
      );
    }
    const file = join(dir, `${slug}.json`);
    for (const taken of [file, join(dir, `${slug}.md`), join(dir, slug)]) {
      if (existsSync(taken)) throw new InputError(`exists already: the slug '${slug}' is taken`, shown(io.cwd, taken));
    }
    const id = await nextFreeId(dir);
    const title = str(args, 'title') ?? `${slug.replace(/-/g, ' ')} (describe the leak in one line)`;
    const severity = str(args, 'severity') ?? 'medium';
    const files: Array<[string, string]> = [
      [file, signatureJson(id, slug, title, severity, tag)],
      [join(dir, `${slug}.md`), docPage(id, slug, title)],
      [join(dir, slug, 'positive', 'example.log'), poolusedLog(tag, 52614, 16835200)],
      [join(dir, slug, 'negative', 'example.log'), poolusedLog(tag, 12, 3840)],
    ];
    if (flag(args, 'dry-run')) {
      for (const [path, text] of files) io.out(`--- ${shown(io.cwd, path)}\n${text}`);
      return EXIT.ok;
    }
    try {
      await fsp.mkdir(join(dir, slug, 'positive'), { recursive: true });
      await fsp.mkdir(join(dir, slug, 'negative'), { recursive: true });
      for (const [path, text] of files) await fsp.writeFile(path, text, { flag: 'wx' });
    } catch (err) {
      throw fsError(err, dir, 'cannot write the scaffold');
    }
    const st = io.style;
    io.out(`${st.green('created')} ${id} ${slug}\n`);
    for (const [path] of files) io.out(`  ${shown(io.cwd, path)}\n`);
    // The scaffold is experimental, which analyze skips by default: the run command says --status experimental.
    const positive = shellWord(shown(io.cwd, join(dir, slug, 'positive', 'example.log')));
    const rules = shellWord(shown(io.cwd, dir));
    io.out(
      [
        '',
        'Run it on its positive fixture:',
        `  wdfleak analyze ${positive} --rules ${rules} --status experimental`,
        'When it does not match, see which condition fails and the value it read:',
        `  wdfleak explain --signature ${slug} ${positive} --rules ${rules}`,
        '',
        'Next:',
        `  1. Replace the example condition in ${slug}.json with what recognises the leak (wdfleak analyze <log> --format json --with-facts shows the facts a condition can read).`,
        '  2. Put a real transcript of the leak in positive/ and a similar healthy one in negative/.',
        `  3. wdfleak rules validate && wdfleak rules test ${slug}`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};

/** A path as one shell word: quoted when it holds anything but letters, digits and ./_- */
function shellWord(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** One more than the highest WDFLEAK id in `dir` and in the bundled signatures. */
async function nextFreeId(dir: string): Promise<string> {
  const { bundledSignaturesDir } = await import('../node/rule-pack.js');
  let max = 0;
  for (const d of new Set([dir, bundledSignaturesDir()])) {
    let names: string[] = [];
    try {
      names = (await fsp.readdir(d)).filter((n) => n.endsWith('.json'));
    } catch {
      continue;
    }
    for (const n of names) {
      const m = /"id"\s*:\s*"WDFLEAK-(\d{4})"/.exec(await fsp.readFile(join(d, n), 'utf8'));
      if (m) max = Math.max(max, Number(m[1]));
    }
  }
  return `WDFLEAK-${String(max + 1).padStart(4, '0')}`;
}

export function signatureJson(id: string, slug: string, title: string, severity: string, tag: string): string {
  const sig = {
    $schema: '../../schemas/signature.schema.json',
    id,
    slug,
    title,
    status: 'experimental',
    severity,
    subject: 'tag',
    fxTypes: [],
    apis: [],
    description: `Replace this text: what the driver does that leaks, in the words a driver developer reads first. (Example condition: tag ${tag} holds 10,000 or more outstanding nonpaged allocations.)`,
    lifetimeRule: 'Replace this text: the WDF object lifetime rule the driver breaks, and why nothing frees the objects.',
    remediation: ['Replace this text: how to fix it, one step per entry.'],
    references: [{ title: '!poolused debugger command', url: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-poolused' }],
    confidence: {
      base: 0.4,
      confirmed: 0.6,
      evidence: [
        {
          id: 'top-nonpaged',
          description: 'the tag is among the three largest consumers of nonpaged pool',
          weight: 0.2,
          condition: { fact: 'pool', path: '$.nonpagedRank', operator: 'between', value: [1, 3] },
        },
      ],
    },
    nextSteps: [{ command: '!poolfind {tag.name} -nonpaged', why: "lists the tag's blocks with their sizes" }],
    conditions: {
      all: [
        { fact: 'tag', path: '$.name', operator: 'equal', value: tag },
        { fact: 'pool', path: '$.nonpagedAllocs', operator: 'greaterThanInclusive', value: 10000 },
      ],
    },
    event: {
      type: 'pool-leak',
      params: {
        bucket: `${slug.toUpperCase().replace(/-/g, '_')}_{tag.name}`,
        message: '{tag.name}: {pool.nonpagedAllocs|count} outstanding nonpaged allocations holding {pool.nonpagedBytes|bytes}',
      },
    },
  };
  return JSON.stringify(sig, null, 2) + '\n';
}

function docPage(id: string, slug: string, title: string): string {
  return [
    `# ${title}`,
    '',
    `\`${id}\` · \`${slug}\` · experimental`,
    '',
    '## What it looks like',
    '',
    'Replace this text: the debugger output that shows the leak (which tag grows, the object type in its blocks, the creating stack).',
    '',
    '## Why it leaks',
    '',
    'Replace this text: the WDF lifetime rule, with a link to the documentation.',
    '',
    '## How to confirm it',
    '',
    'Replace this text: the commands to run and what their output must show.',
    '',
    '## How to fix it',
    '',
    'Replace this text: the code change, and how to prove it (the tag stays flat in `!poolused`).',
    '',
    '## Fixtures',
    '',
    `- \`${slug}/positive/\`: transcripts the signature must match.`,
    `- \`${slug}/negative/\`: similar healthy transcripts it must not match above info.`,
    '',
  ].join('\n');
}

/** A `!poolused 2` capture in the modern format with the example tag first. */
function poolusedLog(tag: string, allocs: number, bytes: number): string {
  const row = (t: string, a: number, b: number, pa: number, pb: number, desc: string): string =>
    ` ${t} ${String(a).padStart(9)} ${String(b).padStart(12)} ${String(pa).padStart(10)} ${String(pb).padStart(12)}\t${desc}`;
  const rows: Array<[string, number, number, number, number, string]> = [
    [tag, allocs, bytes, 0, 0, `UNKNOWN pooltag '${tag}', please update pooltag.txt`],
    ['EtwB', 1428, 254173440, 6, 196608, 'Etw Buffer , Binary: nt!etw'],
    ['File', 4120, 1318400, 0, 0, 'File objects '],
  ];
  rows.sort((a, b) => b[2] - a[2]);
  return [
    '0: kd> !poolused 2',
    '....',
    ' Sorting by NonPaged Pool Consumed',
    '',
    '               NonPaged                  Paged',
    ' Tag     Allocs         Used     Allocs         Used',
    '',
    ...rows.map((r) => row(...r)),
    '',
  ].join('\n');
}
