// The real-transcript corpus on disk (test/corpus/{leak,clean}/<name>.txt + <name>.json): load it,
// analyze every transcript with a rule pack, score it. Used by `npm run corpus` and `rules diff`.
import { readdirSync, readFileSync, lstatSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../types/findings.js';
import type { RulePack } from '../analyze.js';
import { createAnalyzer } from '../analyze.js';
import { scoreTranscript, type CorpusEntry, type CorpusKind, type CorpusRecord } from '../corpus/score.js';
import { InputError } from './errors.js';
import { readFacts } from './facts-of-files.js';

export interface CorpusFile extends CorpusEntry {
  /** The transcript file. */
  file: string;
  /** The sidecar, as read (so `--update` rewrites only `recorded`). */
  sidecar: Record<string, unknown>;
  sidecarFile: string;
}

const KINDS: readonly CorpusKind[] = ['leak', 'clean'];

export interface LoadedCorpus {
  entries: CorpusFile[];
  /** Transcripts left out, each with the file and what is wrong with it. */
  problems: InputError[];
}

/** Every transcript with a usable sidecar; the others are reported, not fatal. */
export function loadCorpus(dir: string): LoadedCorpus {
  const out: CorpusFile[] = [];
  const problems: InputError[] = [];
  for (const kind of KINDS) {
    const sub = join(dir, kind);
    if (!existsSync(sub)) continue;
    for (const f of readdirSync(sub).sort()) {
      if (!f.endsWith('.txt')) continue;
      const file = join(sub, f);
      const sidecarFile = file.replace(/\.txt$/, '.json');
      if (lstatSync(file).isSymbolicLink()) {
        problems.push(new InputError('a corpus transcript must be a file, not a symbolic link', file));
        continue;
      }
      let sidecar: Record<string, unknown>;
      try {
        sidecar = JSON.parse(readFileSync(sidecarFile, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        problems.push(new InputError(`no readable sidecar (${err instanceof Error ? err.message : String(err)}); every transcript needs <name>.json`, sidecarFile));
        continue;
      }
      const expect = sidecar.expect as CorpusEntry['expect'] | undefined;
      if (!expect || !Array.isArray(expect.signatures) || !Array.isArray(expect.values) || typeof sidecar.source !== 'string') {
        problems.push(new InputError('sidecar needs "source" and "expect": { "signatures": [...], "values": [...] }', sidecarFile));
        continue;
      }
      const entry: CorpusFile = { name: `${kind}/${f.slice(0, -4)}`, kind, expect, file, sidecar, sidecarFile };
      if (sidecar.recorded) entry.recorded = sidecar.recorded as CorpusRecord;
      out.push(entry);
    }
  }
  return { entries: out, problems };
}

export interface CorpusResult {
  entry: CorpusFile;
  record: CorpusRecord;
  report: Report;
}

/** Analyze every corpus transcript with every signature of the pack that is not deprecated. */
export async function runCorpus(entries: readonly CorpusFile[], pack: RulePack): Promise<CorpusResult[]> {
  const analyzer = createAnalyzer(pack);
  const results: CorpusResult[] = [];
  for (const entry of entries) {
    const { facts } = await readFacts([entry.file]);
    const report = await analyzer.run(facts, { status: 'experimental' });
    results.push({ entry, record: scoreTranscript(entry, facts, report), report });
  }
  return results;
}
