// Reads the ground-truth tables in ../shared/reference/ (outside the repository) for the tests that
// compare the project's own JSON with them. Absent files make those tests skip with a message.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared/reference/<name>` from the repository root, resolved from this file. */
export function sharedReferencePath(name: string): string {
  return fileURLToPath(new URL(`../../../shared/reference/${name}`, import.meta.url));
}

export function sharedReferenceExists(name: string): boolean {
  return existsSync(sharedReferencePath(name));
}

export function readSharedReference(name: string): string {
  return readFileSync(sharedReferencePath(name), 'utf8');
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
