// CommandFamily.leads lets the segmenter skip recognisers by a line's first character. A wrong lead would
// silently lose a paste, so both directions are checked on every real transcript and fixture of the repo.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../engine/ingest/families.js';
import { ingestText } from '../../engine/ingest/ingest.js';
import { cleanLine } from '../../engine/transcript/lines.js';
import { unpaste } from '../../engine/transcript/paste.js';
import { indentOf } from '../../engine/transcript/paste.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function texts(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) texts(path, out);
    else if (/\.(?:log|txt)$/.test(name)) out.push(path);
  }
  return out;
}

const FILES = ['test/corpus', 'test/fixtures', 'rules/signatures', 'site/cases'].flatMap((d) => texts(join(ROOT, d)));

describe('recogniser leads', () => {
  it('reads the real text of the repo (a sanity check of the inputs)', () => {
    expect(FILES.length).toBeGreaterThan(200);
  });

  it('every line a recogniser accepts starts, after blanks and tabs, with one of its leads', () => {
    const wrong: string[] = [];
    let recognised = 0;
    for (const file of FILES) {
      for (const raw of readFileSync(file, 'utf8').split(/\r?\n|\r/)) {
        for (const line of new Set([raw, unpaste(cleanLine(raw))])) {
          const lead = line.charAt(indentOf(line).length);
          for (const f of FAMILIES) {
            if (!f.recognise || f.leads === undefined || !f.recognise(line)) continue;
            recognised++;
            if (!f.leads.includes(lead)) wrong.push(`${f.id} ${JSON.stringify(lead)}: ${line.slice(0, 100)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(recognised).toBeGreaterThan(500);
  });

  it('the facts of every transcript are the same when every recogniser is asked about every line', () => {
    const everyLine = FAMILIES.map(({ leads: _leads, ...f }) => f);
    for (const file of FILES) {
      const text = readFileSync(file, 'utf8');
      expect(JSON.stringify(ingestText(text, file, { families: everyLine })), file).toBe(JSON.stringify(ingestText(text, file)));
    }
  });
});
