// Reads the ground-truth tables vendored in rules/reference/sources/ for the tests that compare the
// project's own JSON with them. The files are part of the repository, so these checks run everywhere.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `rules/reference/sources/<name>`, resolved from this file. */
export function referenceSourcePath(name: string): string {
  return fileURLToPath(new URL(`../../rules/reference/sources/${name}`, import.meta.url));
}

export function readReferenceSource(name: string): string {
  return readFileSync(referenceSourcePath(name), 'utf8');
}

/** RFC 4180 CSV: quoted fields may hold commas and doubled quotes. Returns rows of header → value. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
