import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createIngest } from '../../engine/ingest/ingest.js';
import { CHUNK_BYTES, readInto, STDIN_NAME } from '../../engine/node/read-input.js';
import { InputError } from '../../engine/node/errors.js';

const ACP = new URL('../fixtures/cases/acp-poolused-only.log', import.meta.url);
const tmp = mkdtempSync(join(tmpdir(), 'wdfleak-read-'));

function utf16le(text: string, bom = true): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

async function read(file: string, options = {}) {
  const ingest = createIngest();
  const result = await readInto(ingest, file, options);
  return { result, facts: ingest.finish() };
}

describe('readInto', () => {
  it('reads a UTF-8 file and reports its size and lines', async () => {
    const { result, facts } = await read(ACP.pathname);
    const bytes = readFileSync(ACP).length;
    expect(result).toMatchObject({ name: ACP.pathname, path: ACP.pathname, bytes, lines: 16 });
    expect(facts.poolUsage.find((r) => r.tag === 'amda')!.nonpaged).toEqual({ allocs: 5768754, bytes: 1938325232 });
  });

  it('gives the same rows for the UTF-16LE copy that .logopen /u writes, with and without BOM', async () => {
    const text = readFileSync(ACP, 'utf8').replace(/\n/g, '\r\n');
    for (const bom of [true, false]) {
      const file = join(tmp, `acp-${bom}.log`);
      writeFileSync(file, utf16le(text, bom));
      const { facts } = await read(file);
      expect(facts.sources[0]!.encoding).toBe('utf-16le');
      expect(facts.poolUsage.map((r) => [r.tag, r.nonpaged.allocs, r.provenance.lines[0]])).toEqual(
        (await read(ACP.pathname)).facts.poolUsage.map((r) => [r.tag, r.nonpaged.allocs, r.provenance.lines[0]]),
      );
    }
  });

  it('streams a file larger than one chunk in several chunks and reports progress', async () => {
    const row = ' amda   5768754   1938325232         32         9360\tUNKNOWN pooltag \'amda\', please update pooltag.txt\n';
    const file = join(tmp, 'big.log');
    writeFileSync(file, '0: kd> !poolused 2\n' + row.repeat(20000));
    const progress: number[] = [];
    const { result } = await read(file, { onProgress: (p: { bytes: number; total?: number }) => progress.push(p.bytes) });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(result.bytes);
    expect(result.lines).toBe(20001);
    expect(result.bytes).toBeGreaterThan(CHUNK_BYTES);
  });

  it('reads stdin as <stdin> and keeps its bytes for quotes up to the limit', async () => {
    const data = readFileSync(ACP);
    const ingest = createIngest();
    const result = await readInto(ingest, '-', { stdin: Readable.from([data.subarray(0, 100), data.subarray(100)]), retainStdin: 1 << 20 });
    expect(result.name).toBe(STDIN_NAME);
    expect(result.path).toBeUndefined();
    expect(Buffer.concat(result.retained!)).toEqual(data);
    const over = await readInto(createIngest(), '-', { stdin: Readable.from([data]), retainStdin: 10 });
    expect(over.retained).toBeUndefined();
  });

  it('turns a missing file and a directory into InputErrors naming the path', async () => {
    const missing = join(tmp, 'nope.log');
    await expect(read(missing)).rejects.toThrow(InputError);
    await expect(read(missing)).rejects.toMatchObject({ file: missing, message: 'cannot read: no such file' });
    const dir = join(tmp, 'adir');
    mkdirSync(dir);
    await expect(read(dir)).rejects.toMatchObject({ file: dir, message: 'cannot read: is a directory (expected a file)' });
  });
});
