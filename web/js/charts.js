// Small SVG charts built with DOM calls (no library, no network, no inline script or style).
import { svg } from './common.js';

const M = { top: 30, right: 56, bottom: 40, left: 56 };

/** About `count` round tick values covering [lo, hi]. */
export function ticks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) || 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

function scale(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

function fmt(v) {
  if (Math.abs(v) >= 1000) return v.toFixed(0);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function extent(values, { zero = false, pad = 0.05 } = {}) {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (zero) lo = Math.min(0, lo);
  if (lo === hi) {
    hi = lo + (lo === 0 ? 1 : Math.abs(lo) * 0.1);
  }
  const p = (hi - lo) * pad;
  return [zero && lo >= 0 ? lo : lo - p, hi + p];
}

function frame(width, height, label) {
  return svg('svg', { class: 'chart-svg', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
    preserveAspectRatio: 'xMidYMid meet' });
}

function axisTitle(text, x, y, rotate = false, cls = '') {
  const attrs = { class: 'axis-title ' + cls, x, y, 'text-anchor': 'middle' };
  if (rotate) attrs.transform = `rotate(-90 ${x} ${y})`;
  return svg('text', attrs, text);
}

/**
 * A line chart with up to two y axes.
 * series: [{ name, points: [[x, y], ...], axis: 'left' | 'right', cls }]
 */
export function lineChart({ series, xLabel = '', leftLabel = '', rightLabel = '', width = 560, height = 280, leftZero = false, rightZero = true }) {
  const root = frame(width, height, series.map((s) => s.name).join(', '));
  const all = series.flatMap((s) => s.points);
  const [x0, x1] = extent(all.map((p) => p[0]), { pad: 0 });
  const x = scale(x0, x1, M.left, width - M.right);
  const axes = {};
  for (const side of ['left', 'right']) {
    const pts = series.filter((s) => s.axis === side).flatMap((s) => s.points);
    if (pts.length) {
      const [lo, hi] = extent(pts.map((p) => p[1]), { zero: side === 'left' ? leftZero : rightZero });
      axes[side] = { lo, hi, y: scale(lo, hi, height - M.bottom, M.top) };
    }
  }
  const grid = svg('g', { class: 'grid' });
  const main = axes.left || axes.right;
  for (const t of ticks(main.lo, main.hi)) {
    grid.appendChild(svg('line', { x1: M.left, x2: width - M.right, y1: main.y(t), y2: main.y(t) }));
  }
  root.appendChild(grid);
  const axisG = svg('g', { class: 'axis' });
  axisG.appendChild(svg('line', { x1: M.left, x2: width - M.right, y1: height - M.bottom, y2: height - M.bottom }));
  for (const t of ticks(x0, x1, Math.min(8, Math.max(1, Math.round(x1 - x0))))) {
    axisG.appendChild(svg('text', { x: x(t), y: height - M.bottom + 16, 'text-anchor': 'middle' }, fmt(t)));
  }
  if (axes.left) {
    axisG.appendChild(svg('line', { x1: M.left, x2: M.left, y1: M.top, y2: height - M.bottom }));
    for (const t of ticks(axes.left.lo, axes.left.hi)) {
      axisG.appendChild(svg('text', { x: M.left - 6, y: axes.left.y(t) + 4, 'text-anchor': 'end' }, fmt(t)));
    }
  }
  if (axes.right) {
    axisG.appendChild(svg('line', { x1: width - M.right, x2: width - M.right, y1: M.top, y2: height - M.bottom }));
    for (const t of ticks(axes.right.lo, axes.right.hi)) {
      axisG.appendChild(svg('text', { x: width - M.right + 6, y: axes.right.y(t) + 4, 'text-anchor': 'start' }, fmt(t)));
    }
  }
  root.appendChild(axisG);
  root.appendChild(axisTitle(xLabel, (M.left + width - M.right) / 2, height - 6));
  if (axes.left) root.appendChild(axisTitle(leftLabel, 14, (M.top + height - M.bottom) / 2, true));
  if (axes.right) root.appendChild(axisTitle(rightLabel, width - 10, (M.top + height - M.bottom) / 2, true));
  series.forEach((s, i) => {
    const y = axes[s.axis].y;
    const g = svg('g', { class: 'series ' + (s.cls || 'series-' + (i + 1)), 'data-series': s.name });
    g.appendChild(svg('polyline', { points: s.points.map((p) => `${x(p[0])},${y(p[1])}`).join(' ') }));
    for (const p of s.points) {
      g.appendChild(svg('circle', { cx: x(p[0]), cy: y(p[1]), r: 2.5 }, svg('title', {}, `${s.name}: ${fmt(p[0])} → ${p[1]}`)));
    }
    root.appendChild(g);
    const lx = M.left + 8 + i * 170;
    root.appendChild(svg('g', { class: 'legend ' + (s.cls || 'series-' + (i + 1)) },
      svg('rect', { x: lx, y: 10, width: 12, height: 4 }),
      svg('text', { x: lx + 16, y: 16 }, s.name)));
  });
  return root;
}

/** Vertical bars over integer x: bars = [[x, count], ...]. */
export function barChart({ bars, xLabel = '', yLabel = '', width = 560, height = 280 }) {
  const root = frame(width, height, yLabel + ' by ' + xLabel);
  const xs = bars.map((b) => b[0]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const slots = x1 - x0 + 1;
  const band = (width - M.left - M.right) / slots;
  const [, hi] = extent(bars.map((b) => b[1]), { zero: true });
  const y = scale(0, hi, height - M.bottom, M.top);
  const grid = svg('g', { class: 'grid' });
  for (const t of ticks(0, hi)) grid.appendChild(svg('line', { x1: M.left, x2: width - M.right, y1: y(t), y2: y(t) }));
  root.appendChild(grid);
  const g = svg('g', { class: 'bars' });
  for (const [bx, count] of bars) {
    const left = M.left + (bx - x0) * band;
    g.appendChild(svg('rect', { x: left + band * 0.1, y: y(count), width: Math.max(1, band * 0.8), height: Math.max(0, y(0) - y(count)) },
      svg('title', {}, `${xLabel} ${bx}: ${count}`)));
  }
  root.appendChild(g);
  const axisG = svg('g', { class: 'axis' });
  axisG.appendChild(svg('line', { x1: M.left, x2: width - M.right, y1: y(0), y2: y(0) }));
  axisG.appendChild(svg('line', { x1: M.left, x2: M.left, y1: M.top, y2: y(0) }));
  for (const t of ticks(x0, x1, Math.min(10, slots))) {
    if (Number.isInteger(t)) axisG.appendChild(svg('text', { x: M.left + (t - x0 + 0.5) * band, y: y(0) + 16, 'text-anchor': 'middle' }, fmt(t)));
  }
  for (const t of ticks(0, hi)) axisG.appendChild(svg('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, fmt(t)));
  root.appendChild(axisG);
  root.appendChild(axisTitle(xLabel, (M.left + width - M.right) / 2, height - 6));
  root.appendChild(axisTitle(yLabel, 14, (M.top + height - M.bottom) / 2, true));
  return root;
}

/** Horizontal bars with text labels: bars = [[label, count], ...], largest first. */
export function hbarChart({ bars, width = 560, rowHeight = 20 }) {
  const left = 170;
  const right = 56;
  const height = bars.length * rowHeight + 8;
  const root = frame(width, height, 'documents per label');
  const hi = Math.max(1, ...bars.map((b) => b[1]));
  const x = scale(0, hi, left, width - right);
  bars.forEach(([label, count], i) => {
    const yTop = 4 + i * rowHeight;
    const shown = label.length > 26 ? label.slice(0, 25) + '…' : label;
    root.appendChild(svg('text', { class: 'bar-label', x: left - 6, y: yTop + rowHeight * 0.65, 'text-anchor': 'end' }, shown));
    root.appendChild(svg('rect', { class: 'hbar', x: left, y: yTop + 3, width: Math.max(1, x(count) - left), height: rowHeight - 6 },
      svg('title', {}, `${label}: ${count}`)));
    root.appendChild(svg('text', { class: 'bar-value', x: x(count) + 4, y: yTop + rowHeight * 0.65 }, String(count)));
  });
  return root;
}
