// A progress line on stderr while a large input is read: bytes, lines, rate (and a bar when the size
// is known). Drawn only on a terminal and without --quiet; nothing at all for inputs read in < 0.3 s.
import type { ReadProgress } from '../node/read-input.js';
import { formatBytes } from '../format/units.js';

export interface Progress {
  update(p: ReadProgress): void;
  /** Erase the line (call before printing results or errors). */
  done(): void;
}

const QUIET: Progress = { update() {}, done() {} };
const FIRST_DRAW_MS = 300;
const REDRAW_MS = 100;

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled) return QUIET;
  const start = now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const t = now();
      if (t - start < FIRST_DRAW_MS || t - last < REDRAW_MS) return;
      last = t;
      drawn = true;
      const width = stream.columns || 80;
      stream.write(`\r\u001b[2K${progressLine(p, (t - start) / 1000, width)}`);
    },
    done() {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

/** The text of one progress line (pure, for tests). */
export function progressLine(p: ReadProgress, seconds: number, width = 80): string {
  const rate = seconds > 0 ? p.bytes / seconds : 0;
  const parts = [shortName(p.source)];
  if (p.total) {
    const frac = Math.min(1, p.bytes / p.total);
    const barWidth = 12;
    const full = Math.round(frac * barWidth);
    parts.push(`[${'#'.repeat(full)}${'.'.repeat(barWidth - full)}] ${String(Math.floor(frac * 100)).padStart(3)}%`);
    parts.push(`${formatBytes(p.bytes)} / ${formatBytes(p.total)}`);
  } else {
    parts.push(formatBytes(p.bytes));
  }
  parts.push(`${p.lines.toLocaleString('en-US')} lines`, `${formatBytes(rate)}/s`);
  const line = parts.join('  ');
  return line.length > width - 1 ? line.slice(0, width - 1) : line;
}

function shortName(name: string): string {
  // The file name only: the user knows which folder it is in.
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1) || name;
  return base.length > 24 ? '…' + base.slice(-23) : base;
}
