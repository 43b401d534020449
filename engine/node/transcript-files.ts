// The transcripts of a batch: files named on the command line as given, folders walked recursively
// for *.log and *.txt in name order. Links inside a folder are not followed (a link can point
// anywhere, or loop); the walk stops past a cap so a mistaken `/` cannot fill memory.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fsError, InputError } from './errors.js';

export const DEFAULT_MAX_FILES = 10_000;
const TRANSCRIPT = /\.(log|txt)$/i;

export interface TranscriptFiles {
  files: string[];
  /** Folders that could not be read: reported per path, the batch goes on. */
  problems: InputError[];
  /** Links met inside folders, left alone. */
  links: string[];
}

/** Is `path` a folder (following a link named on the command line)? */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function transcriptFiles(paths: readonly string[], maxFiles = DEFAULT_MAX_FILES): TranscriptFiles {
  const out: TranscriptFiles = { files: [], problems: [], links: [] };
  const seen = new Set<string>();
  const add = (file: string, under: string): void => {
    if (seen.has(file)) return;
    if (seen.size >= maxFiles) throw new InputError(`more than ${maxFiles} transcripts; name fewer or raise --max-files`, under);
    seen.add(file);
    out.files.push(file);
  };
  for (const path of paths) {
    if (!isFolder(path)) {
      add(path, path); // a missing or unreadable file becomes that file's error line
      continue;
    }
    const stack = [path];
    while (stack.length) {
      const dir = stack.pop()!;
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch (err) {
        out.problems.push(fsError(err, dir, 'cannot read folder'));
        continue;
      }
      const subdirs: string[] = [];
      for (const name of names) {
        const p = join(dir, name);
        let st;
        try {
          st = lstatSync(p);
        } catch (err) {
          out.problems.push(fsError(err, p));
          continue;
        }
        if (st.isSymbolicLink()) out.links.push(p);
        else if (st.isDirectory()) subdirs.push(p);
        else if (st.isFile() && TRANSCRIPT.test(name)) add(p, path);
      }
      // Depth first, in name order: push in reverse so the first name is walked first.
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
    }
  }
  return out;
}
