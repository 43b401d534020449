// The rule pack a command loads (the bundled signatures, plus or instead of --rules folders) and one
// signature of it named by id, number or slug: shared by `rules` and `explain --signature`.
import { flag, list, UsageError, type ParsedArgs } from './args.js';
import type { Io } from './command.js';
import type { LoadedRulePack } from '../node/rule-pack.js';
import type { Signature } from '../types/signature.js';

export async function loadPack(args: ParsedArgs, io: Io): Promise<LoadedRulePack> {
  const { loadRulePack } = await import('../node/rule-pack.js');
  return loadRulePack({
    rules: list(args, 'rules'),
    rulesOnly: flag(args, 'rules-only'),
    onReplace: (id, _b, file) => {
      if (io.verbose) io.err(`wdfleak: note: ${id} from ${file} replaces the bundled signature\n`);
    },
  });
}

/** `WDFLEAK-0001`, `1` or `workitem-created-in-dpc`; a usage error with near names otherwise. */
export function findSignature(pack: LoadedRulePack, key: string): Signature {
  const k = key.toLowerCase();
  const sig = pack.signatures.find((s) => s.id.toLowerCase() === k || s.slug === k || s.id.toLowerCase() === `wdfleak-${k.padStart(4, '0')}`);
  if (sig) return sig;
  const near = pack.signatures.filter((s) => s.slug.includes(k) || s.title.toLowerCase().includes(k)).map((s) => s.slug);
  throw new UsageError(`no signature '${key}'${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}; 'wdfleak rules list' shows them all`);
}
