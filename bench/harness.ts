// Small tools shared by the benchmarks: timing, medians, progress on stderr, formatting.

import { performance } from 'node:perf_hooks';

/** How a benchmark run is sized. */
export interface BenchSettings {
  /** `--quick`: every benchmark shortened, for a smoke run. */
  readonly quick: boolean;
  /** How many timed repetitions each measurement takes the median of. */
  readonly runs: number;
  /** Progress lines on stderr (off in tests). */
  readonly progress: boolean;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The `p`-th percentile (0–100) of `values`, by the nearest-rank method. */
export function percentile(sorted: Float64Array | readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs the garbage collector when node runs with `--expose-gc`; says whether it could. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
  return true;
}

/** Milliseconds since an arbitrary origin, monotonic. */
export function now(): number {
  return performance.now();
}

/** Wall-clock milliseconds that two processes on one machine agree on (to a few µs). */
export function sharedClock(): number {
  return performance.timeOrigin + performance.now();
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A progress reporter that writes to stderr, at most every 200 ms for `tick`. */
export class Progress {
  private lastTick = 0;

  constructor(private readonly enabled: boolean) {}

  /** A line of progress. */
  say(message: string): void {
    if (this.enabled) process.stderr.write(`  ${message}\n`);
  }

  /** A progress line that overwrites itself (a counter). */
  tick(message: string): void {
    if (!this.enabled) return;
    const t = now();
    if (t - this.lastTick < 200) return;
    this.lastTick = t;
    process.stderr.write(`\r  ${message}   `);
  }

  /** Ends a run of `tick`s. */
  done(message = ''): void {
    if (!this.enabled) return;
    this.lastTick = 0;
    process.stderr.write(`\r  ${message}${' '.repeat(20)}\n`);
  }
}

/** A number with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A rate in events per second, e.g. `812k/s`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return 'n/a';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k/s`;
  return `${perSecond.toFixed(0)}/s`;
}

/** A ratio with two decimals. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a';
}

/** Bytes, in B, KiB or MiB. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (abs >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes.toFixed(0)} B`;
}

/** A plain-text table with aligned columns, for the terminal. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** A measured target: what it asks, what was measured, whether it holds. */
export interface TargetResult {
  readonly benchmark: string;
  readonly target: string;
  readonly measured: string;
  /** `undefined` when a quick run cannot judge it. */
  readonly holds: boolean | undefined;
}
