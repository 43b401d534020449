// Numbers for humans, the one formatter of the CLI reports, the finding messages and the site: bytes in
// binary units labelled as such (KiB = 1024 bytes, MiB, GiB …), with the exact byte count beside them where
// there is room; counts with thousands separators. A leaf module: it imports nothing, so every layer may use it.

const BINARY_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export interface BytesOptions {
  /** Add the exact count: `1.8 GiB (1,938,325,232 bytes)`. Off for fixed-width columns. */
  exact?: boolean;
}

/** `512 B`, `1.5 KiB`, `1.8 GiB`; with `exact`, `1.8 GiB (1,938,325,232 bytes)` and `512 bytes`. */
export function formatBytes(n: number, options: BytesOptions = {}): string {
  const sign = n < 0 ? '-' : '';
  let v = Math.abs(n);
  if (v < 1024) return options.exact ? `${formatCount(n)} byte${Math.abs(Math.round(n)) === 1 ? '' : 's'}` : `${sign}${Math.round(v)} B`;
  let i = -1;
  while (v >= 1024 && i < BINARY_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const short = `${sign}${v.toFixed(1)} ${BINARY_UNITS[i]}`;
  return options.exact ? `${short} (${formatCount(n)} bytes)` : short;
}

export function formatCount(n: number): string {
  const s = String(Math.abs(Math.round(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 ? '-' : '') + grouped;
}

/** `+1,234` / `-56` / `0`. */
export function formatDelta(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}

/** Hours as `45 min`, `3.2 h`, `4.5 days`. */
export function formatHours(h: number): string {
  if (!Number.isFinite(h)) return 'never';
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} days`;
}
