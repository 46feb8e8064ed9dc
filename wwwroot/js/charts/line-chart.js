// Line charts of the dashboard (loss, accuracies, learning rate, comparisons): uPlot on a canvas,
// driven from Blazor through IJSRuntime.
//
//   var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/charts/line-chart.js");
//   int handle = await module.InvokeAsync<int>("createLineChart", elementId, options);
//
// Points are [x, y] pairs. Every text a user typed (run names in legends) reaches the page as
// text: uPlot sets legend labels and titles with textContent, and so does this module.
// Charts are addressed by the numeric handle from createLineChart; every function ignores unknown
// handles (a component may be disposed while a live update is still in flight).

import uPlot from "../../lib/uplot/uPlot.esm.js";
import { formatNumber, formatPercent, formatPow2, formatStep, formatSeconds, formatTicks, niceTicks, labelSpace, percentRange } from "./format.js";
import { DEFAULT_MAX_POINTS, downsampleMinMax, alignSeries, emaSmooth, positiveOrNull, countFinite, unpackSeries } from "./series.js";

const PALETTE = [
  "#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed",
  "#0891b2", "#db2777", "#4b5563", "#65a30d", "#9333ea",
];

/** @type {Map<number, object>} */
const charts = new Map();
let nextHandle = 1;

function dark() {
  const mm = globalThis.matchMedia;
  return typeof mm === "function" && mm("(prefers-color-scheme: dark)").matches;
}

function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

function pointList(data) {
  if (!Array.isArray(data)) return [];
  return data.filter((p) => Array.isArray(p) && typeof p[0] === "number").map((p) => [p[0], typeof p[1] === "number" ? p[1] : null]);
}

function seriesState(s, i, maxPoints) {
  const raw = pointList(s && s.data);
  return {
    name: String((s && s.name) ?? `series ${i + 1}`),
    color: Number.isInteger(s?.color) ? s.color : i,
    dashed: !!s?.dashed,
    faint: !!s?.faint,
    raw,
    shown: downsampleMinMax(raw, maxPoints),
  };
}

function xFormatter(o) {
  if (o.xLog2) return formatPow2;
  if (o.xSeconds) return formatSeconds;
  return formatStep;
}

/** The arrays uPlot draws and the series options that go with them, from the chart's state. */
function build(state) {
  const o = state.options;
  const smoothing = state.smoothing;
  const lines = []; // { label, points, stroke, width, dash, legend }
  state.series.forEach((s) => {
    const color = PALETTE[s.color % PALETTE.length];
    const dash = s.dashed ? [6, 4] : undefined;
    // A band's edge (e.g. a 95% interval): pale, thin, not smoothed, no legend entry.
    if (s.faint) { lines.push({ label: s.name, points: s.shown, stroke: withAlpha(color, 0.35), width: 1, dash, legend: false, raw: true }); return; }
    if (smoothing > 0) lines.push({ label: `${s.name} (raw)`, points: s.shown, stroke: withAlpha(color, 0.25), width: 1, dash, legend: false, raw: true });
    lines.push({ label: s.name, points: s.shown, stroke: color, width: 2, dash, legend: true, smooth: smoothing > 0 });
  });
  const { xs, ys } = alignSeries(lines.map((l) => l.points));
  const columns = lines.map((l, i) => {
    let col = ys[i];
    if (l.smooth) col = emaSmooth(col, smoothing);
    return state.logY ? positiveOrNull(col) : col;
  });
  for (const g of o.guides || []) {
    lines.push({ label: String(g.label ?? ""), stroke: dark() ? "#9ca3af" : "#6b7280", width: 1.5, dash: [8, 5], legend: true, guide: true });
    columns.push(xs.map(() => (state.logY && !(g.y > 0) ? null : g.y)));
  }
  return { xs, columns, lines };
}

/** 1, 2 and 5 times each power of ten inside [min, max] (only powers of ten when that is too many). */
function logTicks(min, max) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++)
    for (const m of [1, 2, 5]) { const v = m * 10 ** e; if (v >= min && v <= max) ticks.push(Number(v.toPrecision(12))); }
  return ticks.length > 10 ? ticks.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9) : ticks;
}

function uplotOptions(state, built, width) {
  const o = state.options;
  const fx = xFormatter(o);
  const fy = o.percent ? formatPercent : formatNumber;
  const fg = dark() ? "#aab4c3" : "#374151";
  const grid = { stroke: dark() ? "#2f3846" : "#e5e7eb", width: 1 };
  const fixedY = !state.logY && !state.fitY && Number.isFinite(o.yMin) && Number.isFinite(o.yMax);
  const series = [{ label: o.xTitle ?? "step", value: (u, v) => (v == null ? "–" : fx(v)) }];
  built.lines.forEach((l, i) => {
    const finite = countFinite(built.columns[i]);
    series.push({
      label: l.label,
      stroke: l.stroke,
      width: l.width,
      dash: l.dash,
      spanGaps: true,
      // A series of one or a few points is drawn as markers (a line needs two).
      // Pale lines (a raw curve behind its smoothing, an interval's edge) get no markers.
      points: { show: !l.guide && !l.raw && finite > 0 && finite <= 12, size: finite === 1 ? 9 : 6, fill: l.stroke },
      value: (u, v) => (v == null ? "–" : fy(v)),
    });
  });
  return {
    width,
    height: o.height ?? 300,
    // Room on the right for the last x label, which is centred on its tick ("2,000,000" was cut off).
    padding: [null, 36, null, null],
    title: o.title ? String(o.title) : undefined,
    series,
    scales: {
      x: {
        time: !!o.xTime,
        range: Number.isFinite(o.xMin) && Number.isFinite(o.xMax) ? [o.xMin, o.xMax] : undefined,
      },
      // Log axis fitted to the data with a little room (not widened to whole decades), so a loss
      // between 1.9 and 2.0 fills the plot.
      y: state.logY
        ? { distr: 3, log: 10, range: (u, min, max) => (min > 0 && max >= min ? [min / 1.05, max * 1.05] : [0.1, 10]) }
        : fixedY ? { range: [o.yMin, o.yMax] }
        // Fitted to the data with a little room, but an accuracy axis never runs past 0% or 100%.
        : o.percent ? { range: (u, min, max) => percentRange(min, max) } : {},
    },
    axes: [
      {
        label: o.xTitle ?? "step",
        stroke: fg,
        grid,
        ticks: grid,
        values: o.xTime ? undefined : (u, splits) => splits.map(fx),
        // Ticks at least as far apart as their labels are wide ("1,000,000" every 57 px overlapped).
        space: o.xTime ? undefined : (u, i, min, max) => labelSpace(fx, min, max),
        // Whole-number ticks on count axes (steps, shots, log2 of n_id).
        incrs: o.xTime || o.xSeconds ? undefined : [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6],
      },
      {
        label: o.yTitle ?? "",
        stroke: fg,
        grid,
        ticks: grid,
        // Wide enough for the longest tick label, so labels never run into the axis title.
        size: (u, values) => Math.max(44, 14 + 7 * Math.max(0, ...(values || []).map((v) => String(v ?? "").length))),
        labelSize: 22,
        values: (u, splits) => formatTicks(splits, !!o.percent),
        // Within one decade a log axis gets round linear ticks (log-spaced ones would be one or none).
        splits: state.logY
          ? (u, i, min, max) => (max / min < 10 ? niceTicks(min, max, 5) : logTicks(min, max))
          : undefined,
      },
    ],
    cursor: {
      // Charts sharing a sync key show the same x under the cursor (one read-out across charts).
      sync: o.syncKey ? { key: String(o.syncKey), setSeries: false } : undefined,
      drag: { x: true, y: false },
      points: { size: 7 },
    },
    legend: { live: true },
    hooks: {
      draw: [(u) => {
        state.el.dataset.drawn = String(u.data[0].length);
      }],
    },
  };
}

function render(state) {
  const built = build(state);
  const width = Math.max(200, state.el.clientWidth || 600);
  if (state.u) state.u.destroy();
  state.el.replaceChildren();
  const data = [built.xs, ...built.columns];
  state.u = new uPlot(uplotOptions(state, built, width), data, state.el);
  state.built = built;
  // The faint raw curves behind smoothed ones need no legend entry of their own.
  const rows = state.u.root.querySelectorAll(".u-legend .u-series");
  built.lines.forEach((l, i) => { if (!l.legend && rows[i + 1]) rows[i + 1].style.display = "none"; });
  state.el.dataset.log = state.logY ? "true" : "false";
  state.el.dataset.series = String(state.series.length);
}

function refreshData(state) {
  const built = build(state);
  // A chart created before its first point is built again (uPlot sizes its scales from the first data).
  if (!state.u || built.lines.length !== state.built.lines.length || state.built.xs.length === 0) { render(state); return; }
  state.built = built;
  state.u.setData([built.xs, ...built.columns]);
}

/**
 * Creates a line chart in the element with id `elementId`.
 * @param {string} elementId
 * @param {{title?: string, xTitle?: string, yTitle?: string, percent?: boolean, logY?: boolean,
 *          yMin?: number, yMax?: number, fitY?: boolean, xLog2?: boolean, xSeconds?: boolean, xTime?: boolean,
 *          xMin?: number, xMax?: number, height?: number, maxPoints?: number, smoothing?: number, syncKey?: string,
 *          guides?: Array<{y: number, label: string}>,
 *          series?: Array<{name: string, data: Array<[number, number|null]>, color?: number, dashed?: boolean}>
 *                   | {series: Array<{name: string, count: number, color?: number, dashed?: boolean}>, points: Uint8Array}}} options
 *   percent: y values are fractions shown as percentages. yMin/yMax: a fixed y range unless fitY (then from
 *   the data) or logY. guides: dashed horizontal lines (e.g. chance accuracy 1/p). xLog2: x is log2 of a
 *   count, labelled 2^x. xSeconds: x is seconds. xTime: x is a Unix time in seconds. smoothing: EMA
 *   weight in [0, 1) (raw curve faint behind). syncKey: charts with the same key share the cursor.
 *   series: as arrays of points, or packed as LineChart.razor sends them (see unpackSeries).
 * @returns {number} handle
 */
export function createLineChart(elementId, options) {
  const el = globalThis.document.getElementById(elementId);
  if (!el) throw new Error(`Chart container not found: #${elementId}`);
  const o = { ...(options || {}) };
  const maxPoints = Math.max(4, Math.floor(o.maxPoints ?? DEFAULT_MAX_POINTS));
  const state = {
    el, options: o, maxPoints, u: null, built: null,
    logY: !!o.logY, fitY: !!o.fitY, smoothing: Number(o.smoothing) || 0,
    series: unpackSeries(o.series).map((s, i) => seriesState(s, i, maxPoints)),
  };
  render(state);
  state.resize = new ResizeObserver(() => {
    const w = el.clientWidth;
    if (state.u && w > 0 && Math.abs(w - state.u.width) > 2) state.u.setSize({ width: w, height: state.u.height });
  });
  state.resize.observe(el);
  const handle = nextHandle++;
  charts.set(handle, state);
  return handle;
}

/**
 * Appends points to series by name (an unknown name adds a series). Points whose x is not past the
 * series' last x are dropped (overlap between a history load and live updates). A series that grows
 * beyond maxPoints is downsampled again from its full copy.
 * @param {number} handle
 * @param {Object<string, Array<[number, number|null]>>} seriesPoints
 */
export function appendPoints(handle, seriesPoints) {
  const state = charts.get(handle);
  if (!state || seriesPoints == null) return false;
  let changed = false;
  for (const [name, pts] of Object.entries(seriesPoints)) {
    let s = state.series.find((x) => x.name === name);
    if (!s) { s = seriesState({ name, data: [] }, state.series.length, state.maxPoints); state.series.push(s); }
    let lastX = s.raw.length ? s.raw[s.raw.length - 1][0] : -Infinity;
    for (const p of pointList(pts)) {
      if (p[0] <= lastX) continue;
      s.raw.push(p);
      lastX = p[0];
      changed = true;
    }
    s.shown = s.raw.length > state.maxPoints ? downsampleMinMax(s.raw, Math.floor(state.maxPoints / 2)) : s.raw;
  }
  if (changed) refreshData(state);
  return true;
}

/** Replaces every series (e.g. runs added to or removed from a comparison, another x-axis mode). */
export function setSeries(handle, series) {
  const state = charts.get(handle);
  if (!state) return false;
  state.series = unpackSeries(series).map((s, i) => seriesState(s, i, state.maxPoints));
  render(state);
  return true;
}

/** Changes how the chart is drawn: {logY, fitY, smoothing, guides, xTitle, xSeconds, xTime}; only the given keys change. */
export function setView(handle, view) {
  const state = charts.get(handle);
  if (!state || view == null) return false;
  if ("logY" in view) state.logY = !!view.logY;
  if ("fitY" in view) state.fitY = !!view.fitY;
  if ("smoothing" in view) state.smoothing = Number(view.smoothing) || 0;
  for (const key of ["guides", "xTitle", "xSeconds", "xTime"]) if (key in view) state.options[key] = view[key];
  render(state);
  return true;
}

/** Switches the y axis between linear and log10 (kept for callers of the earlier API). */
export function setLogScale(handle, logY) {
  return setView(handle, { logY });
}

/** Destroys a chart; unknown handles are ignored. */
export function destroyChart(handle) {
  const state = charts.get(handle);
  if (!state) return false;
  charts.delete(handle);
  state.resize?.disconnect();
  state.u?.destroy();
  return true;
}

/**
 * What a chart shows, for tests and benchmarks: whether the y axis is logarithmic, the tick labels
 * drawn on each axis, every line's label and its drawn points, and the pixel height of given y values.
 */
export function inspectChart(elementId, probeValues) {
  for (const state of charts.values()) {
    if (state.el.id !== elementId) continue;
    const u = state.u;
    return {
      logY: u.scales.y.distr === 3,
      yRange: [u.scales.y.min, u.scales.y.max],
      xTicks: (u.axes[0]._values || []).map(String),
      yTicks: (u.axes[1]._values || []).map(String),
      lines: state.built.lines.map((l, i) => ({
        label: l.label,
        legend: l.legend,
        points: u.data[0].map((x, j) => [x, u.data[i + 1][j]]).filter((p) => p[1] != null),
      })),
      legend: [...u.root.querySelectorAll(".u-legend .u-series")].filter((r) => r.style.display !== "none").map((r) => r.textContent),
      probes: (probeValues || []).map((v) => u.valToPos(v, "y")),
      plotHeight: u.bbox.height / (globalThis.devicePixelRatio || 1),
    };
  }
  return null;
}
