// analyzeBatch, the worker pool behind `analyze --batch`: with `ordered`, records come in input order
// even when the first transcript is by far the slowest; without it, in completion order; a consumer
// that stops early ends the workers. The workers run the built bundle (dist/cli/batch-worker.cjs).
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeBatch } from '../../engine/node/batch.js';
import { loadRulePack } from '../../engine/node/rule-pack.js';
import type { BatchRecord } from '../../engine/types/batch.js';
import { ACP_POOLUSED, ensureBuilt, ROOT } from '../cli/run.js';

beforeAll(() => ensureBuilt(), 180_000);

const dir = mkdtempSync(join(tmpdir(), 'wdfleak-batch-pool-'));
// The first file is the ACP !poolused listing followed by 200,000 !poolused rows of other tags: it takes
// far longer than the ten small copies behind it.
const rows = Array.from({ length: 200_000 }, (_, i) => ` Z${(i % 1000).toString().padStart(3, '0')}  ${1000 + i}  ${64 * (1000 + i)}  0  0\tUNKNOWN pooltag`);
const big = join(dir, 'a-big.log');
writeFileSync(big, `0: kd> !poolused 2\n Tag     Allocs         Used     Allocs         Used\n${rows.join('\n')}\n`);
const small = Array.from({ length: 10 }, (_, i) => join(dir, `b-${i}.log`));
for (const f of small) copyFileSync(join(ROOT, ACP_POOLUSED), f);
const files = [big, ...small];

async function collect(ordered: boolean): Promise<BatchRecord[]> {
  const out: BatchRecord[] = [];
  for await (const r of analyzeBatch(files, { pack: await loadRulePack(), jobs: 2, ordered })) out.push(r);
  return out;
}

describe('analyzeBatch', () => {
  it('keeps input order with ordered, however the work completes', async () => {
    const records = await collect(true);
    expect(records.map((r) => r.file)).toEqual(files);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  }, 120_000);

  it('yields in completion order otherwise: the small files overtake the big one', async () => {
    const records = await collect(false);
    expect(records.map((r) => r.file).sort()).toEqual(files);
    expect(records.findIndex((r) => r.file === big)).toBeGreaterThan(0);
  }, 120_000);

  it('stops its workers when the consumer stops early', async () => {
    const pack = await loadRulePack();
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    let seen = 0;
    for await (const r of analyzeBatch(small, { pack, jobs: 2 })) {
      expect(r.status).toBe('ok');
      if (++seen === 2) break;
    }
    expect(seen).toBe(2);
    expect(terminate).toHaveBeenCalledTimes(2);
    terminate.mockRestore();
  }, 60_000);
});
