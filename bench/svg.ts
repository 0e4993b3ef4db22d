// Plain SVG charts, written by hand: horizontal bars and line charts, nothing more.

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';
const COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#9d755d'];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

function ticks(max: number, count = 5): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

function formatTick(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (Math.abs(value) >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return `${+value.toPrecision(3)}`;
}

/** A horizontal bar chart, one bar per label, with optional vertical reference lines. */
export function barChart(options: {
  readonly title: string;
  readonly unit: string;
  readonly bars: readonly { readonly label: string; readonly value: number; readonly text?: string }[];
  readonly lines?: readonly { readonly at: number; readonly label: string }[];
  readonly max?: number;
}): string {
  const labelWidth = 260;
  const width = 760;
  const barHeight = 24;
  const top = 40;
  const plotWidth = width - labelWidth - 80;
  const height = top + options.bars.length * (barHeight + 8) + 40;
  const max = options.max ?? niceMax(Math.max(...options.bars.map((b) => b.value), ...(options.lines ?? []).map((l) => l.at)));
  const x = (v: number): number => labelWidth + (Math.max(0, v) / max) * plotWidth;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="10" y="22" font-size="14" font-weight="bold">${escape(options.title)}</text>`);
  const bottom = top + options.bars.length * (barHeight + 8);
  for (const tick of ticks(max)) {
    out.push(`<line x1="${x(tick)}" y1="${top - 6}" x2="${x(tick)}" y2="${bottom}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${x(tick)}" y="${bottom + 16}" text-anchor="middle" fill="#555">${formatTick(tick)}</text>`);
  }
  out.push(`<text x="${labelWidth + plotWidth / 2}" y="${bottom + 32}" text-anchor="middle" fill="#555">${escape(options.unit)}</text>`);
  options.bars.forEach((bar, i) => {
    const y = top + i * (barHeight + 8);
    out.push(`<text x="${labelWidth - 8}" y="${y + barHeight / 2 + 4}" text-anchor="end">${escape(bar.label)}</text>`);
    out.push(`<rect x="${labelWidth}" y="${y}" width="${x(bar.value) - labelWidth}" height="${barHeight}" fill="${COLORS[0]}"/>`);
    out.push(`<text x="${x(bar.value) + 4}" y="${y + barHeight / 2 + 4}">${escape(bar.text ?? formatTick(bar.value))}</text>`);
  });
  for (const line of options.lines ?? []) {
    out.push(`<line x1="${x(line.at)}" y1="${top - 10}" x2="${x(line.at)}" y2="${bottom}" stroke="#e45756" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${x(line.at)}" y="${top - 14}" text-anchor="middle" fill="#e45756">${escape(line.label)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** A line chart of several series over a shared x axis (linear, or log10 with `logX`). */
export function lineChart(options: {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly { readonly name: string; readonly points: readonly (readonly [number, number])[]; readonly dashed?: boolean }[];
  readonly logX?: boolean;
  readonly yMax?: number;
  readonly xMin?: number;
  readonly xMax?: number;
}): string {
  const width = 760;
  const height = 380;
  const left = 70;
  const right = 20;
  const top = 40;
  const bottom = 60;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const all = options.series.flatMap((s) => s.points);
  const tx = (v: number): number => (options.logX ? Math.log10(Math.max(v, 1e-9)) : v);
  const xs = all.map(([v]) => tx(v));
  const xMin = options.xMin !== undefined ? tx(options.xMin) : Math.min(...xs);
  const xMax = options.xMax !== undefined ? tx(options.xMax) : Math.max(...xs);
  const yMax = niceMax(options.yMax ?? Math.max(...all.map(([, v]) => v)));
  const px = (v: number): number => left + ((tx(v) - xMin) / (xMax - xMin || 1)) * plotW;
  const py = (v: number): number => top + plotH - (Math.min(v, yMax) / yMax) * plotH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="10" y="22" font-size="14" font-weight="bold">${escape(options.title)}</text>`);
  for (const tick of ticks(yMax)) {
    out.push(`<line x1="${left}" y1="${py(tick)}" x2="${left + plotW}" y2="${py(tick)}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${left - 6}" y="${py(tick) + 4}" text-anchor="end" fill="#555">${formatTick(tick)}</text>`);
  }
  const xTicks: number[] = [];
  if (options.logX) {
    for (let e = Math.floor(xMin); e <= Math.ceil(xMax); e++) for (const m of [1, 2, 5]) xTicks.push(m * 10 ** e);
  } else {
    const span = niceMax(xMax - xMin);
    for (const t of ticks(span, 5)) if (xMin + t <= xMax + 1e-9) xTicks.push(xMin + t);
  }
  for (const tick of xTicks) {
    const at = tx(tick);
    if (at < xMin - 1e-9 || at > xMax + 1e-9) continue;
    out.push(`<line x1="${px(tick)}" y1="${top}" x2="${px(tick)}" y2="${top + plotH}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${px(tick)}" y="${top + plotH + 16}" text-anchor="middle" fill="#555">${formatTick(tick)}</text>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  out.push(`<text x="${left + plotW / 2}" y="${height - 22}" text-anchor="middle" fill="#555">${escape(options.xLabel)}</text>`);
  out.push(
    `<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#555">${escape(options.yLabel)}</text>`,
  );
  options.series.forEach((series, i) => {
    const color = COLORS[i % COLORS.length]!;
    const d = series.points.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"${series.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    const ly = top + 14 + i * 16;
    out.push(
      `<line x1="${left + plotW - 220}" y1="${ly - 4}" x2="${left + plotW - 200}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
    );
    out.push(`<text x="${left + plotW - 194}" y="${ly}">${escape(series.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
