#!/usr/bin/env node
// Writes hostile inputs for the worst-case benchmarks and the bounded-memory test, straight to a file
// (never a whole string in memory): junk lines under an `r` prompt, `!poolused` rows of distinct tags,
// and adversarial lines (runs of spaces, stars, hex, backticks, tabs) under many command families.
// Deterministic.
//
//   node test/bench/gen-hostile.js --kind adversarial|r-junk|tags|junk|mix|repeat --mb 64 --out file [--from log]
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PROMPTS = ['r', '!poolused 2', '!poolfind amda', '!pool ffffda0000001000', 'dt nt!_POOL_HEADER', 'kb', 'dq ffffda00`00001000', 'x nt!*', 'bp nt!ExAllocatePool2', '!vm', '!wdfdriverinfo drv', '!wdfhandle 0x1234', '!wdflogdump drv', '!verifier 3', '!analyze -v', 'lm', 'g'];
const SHAPES = [
  (n) => ' '.repeat(n),
  (n) => '*'.repeat(n),
  (n) => 'f'.repeat(n),
  (n) => '`'.repeat(n),
  (n) => '\t'.repeat(n),
  (n) => 'ffffda00`'.repeat(Math.ceil(n / 9)).slice(0, n),
  (n) => ' Tag  '.repeat(Math.ceil(n / 6)).slice(0, n),
  (n) => '0x1a: '.repeat(Math.ceil(n / 6)).slice(0, n),
  (n) => 'rax=' + '0'.repeat(n),
];

/** A buffered writer to `file`. */
export function writer(file) {
  const fd = openSync(file, 'w');
  let parts = [];
  let size = 0;
  let total = 0;
  const flush = () => {
    if (parts.length) writeSync(fd, parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    line(s) {
      parts.push(s, '\n');
      size += s.length + 1;
      total += s.length + 1;
      if (size > 1 << 20) flush();
    },
    bytes: () => total,
    close() {
      flush();
      closeSync(fd);
    },
  };
}

/** `count` junk lines under one `r` prompt (after a small `!poolused`, so the log is usable). */
export function rJunk(w, count) {
  poolusedTags(w, 3);
  w.line('0: kd> r');
  for (let i = 0; i < count; i++) w.line(`junk line ${i} with words ${(i * 2654435761) >>> 0}`);
}

/** One `!poolused 2` with `count` distinct tags (4 characters each, from a 62-letter alphabet). */
export function poolusedTags(w, count) {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  w.line('0: kd> !poolused 2');
  w.line(' Sorting by NonPaged Pool Consumed');
  w.line('');
  w.line('               NonPaged                  Paged');
  w.line(' Tag     Allocs         Used     Allocs         Used');
  w.line('');
  for (let i = 0; i < count; i++) {
    const tag = a[i % 62] + a[Math.floor(i / 62) % 62] + a[Math.floor(i / 3844) % 62] + a[Math.floor(i / 238328) % 62];
    w.line(` ${tag}  ${(i % 9000) + 1} ${(i % 9000) * 64 + 64} 0 0`);
  }
}

/** Adversarial lines of 1 KB to 64 KB under every prompt in turn, until `bytes` are written. */
export function adversarial(w, bytes) {
  let k = 0;
  while (w.bytes() < bytes) {
    w.line(`${k % 4}: kd> ${PROMPTS[k % PROMPTS.length]}`);
    for (let j = 0; j < 24 && w.bytes() < bytes; j++) {
      const len = [1024, 8192, 65536][(k + j) % 3];
      w.line(SHAPES[(k + j) % SHAPES.length](len));
    }
    k++;
  }
}

/** Junk text (no prompt), up to `bytes`. */
export function junk(w, bytes) {
  for (let i = 0; w.bytes() < bytes; i++) w.line(`lorem ipsum ${i} dolor sit amet ${'x'.repeat(i % 97)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const kind = arg('kind', 'adversarial');
  const mb = Number(arg('mb', '64'));
  const w = writer(arg('out', 'hostile.log'));
  if (kind === 'adversarial') adversarial(w, mb * 2 ** 20);
  else if (kind === 'r-junk') rJunk(w, Number(arg('lines', '4000000')));
  else if (kind === 'tags') poolusedTags(w, Number(arg('tags', '1000000')));
  else if (kind === 'junk') {
    // Unprompted junk (every line offered to the recognisers), then a listing so the log is usable.
    junk(w, mb * 2 ** 20);
    poolusedTags(w, 3);
  }
  else if (kind === 'mix') {
    poolusedTags(w, 1_000_000);
    rJunk(w, 4_000_000);
    adversarial(w, w.bytes() + 64 * 2 ** 20);
    w.line('0: kd> !unknowncommand');
    junk(w, mb * 2 ** 20);
  } else if (kind === 'repeat') {
    // A real transcript over and over (a soak log of the same commands): every collection fills at once.
    const lines = readFileSync(arg('from', ''), 'utf8').split(/\r?\n/);
    while (w.bytes() < mb * 2 ** 20) for (const l of lines) w.line(l);
  } else throw new Error(`unknown --kind ${kind}`);
  w.close();
}
