// `wdfleak rules diff <base-ref> | --against <rules dir>`: the real-transcript corpus analyzed with the
// base signatures and with the working ones, and the findings that appear, disappear or change.
// Exit 0 whatever differs (it is a report for the review, not a gate); 2 for a bad ref or folder.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { flag, list, str, UsageError, type ParsedArgs } from './args.js';
import { EXIT, type Io } from './command.js';
import { InputError } from '../node/errors.js';
import type { RulePack } from '../analyze.js';
import type { CorpusRun } from '../corpus/impact.js';

export async function runRulesDiff(rest: readonly string[], args: ParsedArgs, io: Io): Promise<number> {
  const against = str(args, 'against');
  if (rest.length > 1 || (rest.length === 1) === (against !== undefined)) {
    throw new UsageError('rules diff needs one base: a git ref (rules diff origin/main) or --against <rules dir>');
  }
  const [{ packageRoot }, { loadRulePack }, { loadCorpus, runCorpus }, { rulesAtRef }, { corpusImpact }] = await Promise.all([
    import('../node/package-root.js'),
    import('../node/rule-pack.js'),
    import('../node/corpus.js'),
    import('../node/rules-at-ref.js'),
    import('../corpus/impact.js'),
  ]);
  const root = packageRoot();
  const corpusDir = str(args, 'corpus') ?? join(root, 'test', 'corpus');
  if (!existsSync(corpusDir)) throw new InputError('no corpus here (expected a folder with leak/ and clean/ transcripts and their sidecars)', corpusDir);
  const { entries, problems } = loadCorpus(corpusDir);
  if (!io.quiet) for (const p of problems) io.err(`wdfleak: warning: ${p.toString()}\n`);
  if (entries.length === 0) throw new InputError('no corpus transcripts with sidecars', corpusDir);

  const atRef = against === undefined ? rulesAtRef(root, rest[0]!) : undefined;
  try {
    const base = await loadRulePack({ rules: [atRef?.dir ?? against!], rulesOnly: true });
    const head = await loadRulePack({ rules: list(args, 'rules'), rulesOnly: flag(args, 'rules-only') });
    const runs = async (pack: RulePack): Promise<CorpusRun[]> => (await runCorpus(entries, pack)).map((r) => ({ name: r.entry.name, report: r.report }));
    const before = await runs(base).catch((err: unknown) => {
      // An old pack may use a field this engine no longer reads: say so, it is not a bug of the working tree.
      throw new InputError(`the base signatures do not run on this engine: ${err instanceof Error ? err.message : String(err)}`, atRef ? rest[0] : against);
    });
    const impact = corpusImpact(before, await runs(head));
    const header = {
      base: atRef ? `${rest[0]} at ${atRef.commit}` : against!,
      baseSignatures: base.signatures.length,
      headSignatures: head.signatures.length,
      corpus: shown(io, corpusDir),
    };
    if (str(args, 'format') === 'json') {
      const { formatJson } = await import('../report/json.js');
      const { impactSummary } = await import('../corpus/impact-text.js');
      io.out(formatJson({ ...header, ...impact, summary: impactSummary(impact) }));
    } else {
      const { formatImpact } = await import('../corpus/impact-text.js');
      io.out(formatImpact(impact, header, io.style));
    }
    return EXIT.ok;
  } finally {
    atRef?.remove();
  }
}

function shown(io: Io, path: string): string {
  const rel = relative(io.cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
