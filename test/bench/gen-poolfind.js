#!/usr/bin/env node
// Writes a realistic `!poolfind` log of N lines for the ingest benchmark: several `!poolfind` commands
// (nonpaged and paged), each with its large-pool table section and its pool-scan section, about 16
// distinct tag × size pairs, the `...terminating` line of an interrupted scan, and optionally legacy
// (pre-Win8, x86) blocks. Deterministic for a given seed.
//
//   node test/bench/gen-poolfind.js [--lines 10000000] [--out test/bench/out/poolfind-10M.log]
//                                   [--legacy 0.05] [--seed 1]
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from '../support/rng.js';

/** Modern commands: tag, pool argument, pool words, sizes with their weights (leaks dominate). */
const MODERN = [
  { tag: 'amda', arg: '-nonpaged', pool: 'Nonpaged pool', search: 'nonpaged', base: 0xffffda0000000000n,
    sizes: [[0x140, 90], [0x3f0, 4], [0x300, 3], [0x730, 3]], large: [0x18f0, 0x3420] },
  { tag: 'IoWI', arg: '-nonpaged', pool: 'Nonpaged pool', search: 'nonpaged', base: 0xffffda0100000000n,
    sizes: [[0x70, 85], [0x60, 10], [0x80, 5]], large: [0x1000] },
  { tag: 'Even', arg: '', pool: 'Nonpaged pool', search: 'nonpaged', base: 0xffffda0200000000n,
    sizes: [[0x80, 70], [0x90, 30]], large: [] },
  { tag: 'MmSt', arg: '-paged', pool: 'Paged pool', search: 'paged', base: 0xffff8a0000000000n,
    sizes: [[0x1a0, 60], [0x2c0, 25], [0x4e0, 15]], large: [0x2000] },
];

/** Legacy x86 commands (`!poolfind SeSd 0`): rows with previous size and state, large-table rows. */
const LEGACY = [
  { tag: 'SeSd', flag: '0', words: 'NonPaged', base: 0x823b1000, sizes: [[0xa0, 60], [0xc0, 30], [0x10, 10]] },
  { tag: 'Ntfr', flag: '1', words: 'Paged', base: 0xe1000000, sizes: [[0x40, 80], [0x48, 20]] },
];

function parseArgs(argv) {
  const opts = { lines: 10_000_000, out: '', legacy: 0, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--lines') { opts.lines = Number(v); i++; }
    else if (a === '--out') { opts.out = v; i++; }
    else if (a === '--legacy') { opts.legacy = Number(v); i++; }
    else if (a === '--seed') { opts.seed = Number(v); i++; }
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isFinite(opts.lines) || opts.lines < 100) throw new Error('--lines must be a number ≥ 100');
  if (!opts.out) {
    const here = dirname(fileURLToPath(import.meta.url));
    opts.out = `${here}/out/poolfind-${opts.lines}.log`;
  }
  return opts;
}


function pick(rand, weighted) {
  let total = 0;
  for (const [, w] of weighted) total += w;
  let r = rand() * total;
  for (const [v, w] of weighted) {
    r -= w;
    if (r < 0) return v;
  }
  return weighted[weighted.length - 1][0];
}

const hex64 = (n) => n.toString(16).padStart(16, '0');
const hex32 = (n) => (n >>> 0).toString(16).padStart(8, '0');
const tagValue = (tag) => {
  let v = 0;
  for (let i = 3; i >= 0; i--) v = (v << 8) | tag.charCodeAt(i);
  return `0x${(v >>> 0).toString(16)}`;
};
/** `%#8x` as the modern !poolfind prints sizes: right-aligned in 8 columns, bare 0 for zero. */
const size8 = (n) => (n === 0 ? '0' : `0x${n.toString(16)}`).padStart(8, ' ');
const size4 = (n) => n.toString(16).padStart(4, ' ');

export async function generate(opts) {
  const rand = rng(opts.seed);
  mkdirSync(dirname(opts.out), { recursive: true });
  const out = createWriteStream(opts.out, { highWaterMark: 1 << 20 });
  let buf = '';
  let lines = 0;
  const flush = async () => {
    if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
    buf = '';
  };
  const emit = async (line) => {
    buf += line + '\n';
    lines++;
    if (buf.length > 1 << 19) await flush();
  };

  // Preamble a real session carries before the first command.
  await emit('Loading Kernel Symbols');
  await emit('...............................................................');
  await emit('Loading User Symbols');
  await emit('');

  const remaining = () => opts.lines - lines;
  // Each command gets a slice of the lines; blocks cycle until the budget is spent.
  const perBlock = Math.max(50, Math.floor(opts.lines / 12));
  let k = 0;
  let addr64 = MODERN.map((m) => m.base);
  let addr32 = LEGACY.map((l) => l.base);
  while (remaining() > 40) {
    const legacy = opts.legacy > 0 && rand() < opts.legacy;
    const budget = Math.min(perBlock, remaining() - 2);
    const terminated = rand() < 0.25;
    if (legacy) {
      const i = k % LEGACY.length;
      const c = LEGACY[i];
      await emit(`kd> !poolfind ${c.tag} ${c.flag}`);
      await emit('');
      await emit(`Scanning large pool allocation table for Tag: ${c.tag} (827d1000 : 827e9000)`);
      await emit('');
      await emit(`*${hex32(0x8a000000 + k * 0x10000)} :large page allocation, Tag  is ${c.tag}, size  is 0x2000 bytes`);
      await emit('');
      await emit(`Searching ${c.words} pool (${hex32(c.base)} : ${hex32(c.base + 0x44f000)}) for Tag: ${c.tag}`);
      await emit('');
      let prev = 0x40;
      const rows = budget - 10;
      for (let r = 0; r < rows && remaining() > 2; r++) {
        const size = pick(rand, c.sizes);
        const free = rand() < 0.05;
        const state = free ? '(Free)     ' : '(Allocated)';
        await emit(`${hex32(addr32[i])} size: ${size4(size)} previous size: ${size4(prev)}  ${state} ${c.tag}`);
        addr32[i] = (addr32[i] + size + 0x20 * ((rand() * 8) | 0)) >>> 0;
        prev = size;
      }
      if (terminated) {
        await emit('');
        await emit(`...terminating - searched pool to ${hex32(addr32[i] & ~0xfff)}`);
      }
    } else {
      const i = k % MODERN.length;
      const c = MODERN[i];
      await emit(`0: kd> !poolfind ${c.tag}${c.arg ? ' ' + c.arg : ''}`);
      await emit('');
      await emit(`Scanning large pool allocation table for tag ${tagValue(c.tag)} (${c.tag}) (ffffda0fe5b10000 : ffffda0fe5f10000)`);
      await emit('');
      // The big-page table lists page-aligned large blocks and (as in the ACP capture) some small ones.
      const largeRows = Math.max(2, Math.floor(budget / 200));
      for (let r = 0; r < largeRows; r++) {
        const big = c.large.length && rand() < 0.5;
        const size = big ? c.large[(rand() * c.large.length) | 0] : pick(rand, c.sizes);
        const a = big ? 0xffffda0ff9790000n + BigInt(r) * 0x2000n : addr64[i];
        if (!big) addr64[i] += BigInt(size);
        await emit(`${hex64(a)} : tag ${c.tag}, size ${size8(size)}, ${c.pool}`);
      }
      await emit('');
      const end = c.base + 0x0000100000000000n;
      await emit(`Searching ${c.search} pool (${hex64(c.base)} : ${hex64(end)}) for tag ${tagValue(c.tag)} (${c.tag})`);
      await emit('');
      const rows = budget - largeRows - 8;
      for (let r = 0; r < rows && remaining() > 2; r++) {
        const size = pick(rand, c.sizes);
        await emit(`${hex64(addr64[i])} : tag ${c.tag}, size ${size8(size)}, ${c.pool}`);
        addr64[i] += BigInt(size + 0x10 * ((rand() * 16) | 0));
      }
      if (terminated) await emit(`...terminating - searched pool to ${hex64(addr64[i] & ~0xfffn)}`);
    }
    k++;
  }
  // Pad to exactly the requested count; the last line is a bare prompt.
  while (remaining() > 1) await emit('');
  await emit('0: kd> ');
  await flush();
  await new Promise((r) => out.end(r));
  return { file: opts.out, lines };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const opts = parseArgs(process.argv.slice(2));
  const t = Date.now();
  const { file, lines } = await generate(opts);
  console.log(`wrote ${lines} lines to ${file} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
