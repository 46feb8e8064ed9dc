// Dashboard charts: a thin ES-module wrapper around ApexCharts for Blazor (IJSRuntime).
//
//   var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/charts.js");
//   int handle = await module.InvokeAsync<int>("createLineChart", elementRef, options);
//
// ApexCharts itself is a classic script loaded by the page (window.ApexCharts):
//   <script src="lib/apexcharts/apexcharts.min.js"></script>
// This module does not touch `window`/`document` at import time, so its pure helpers
// (downsampleMinMax) can be imported and tested under Node.
//
// Data points are [x, y] pairs (y may be null for a gap). Charts are addressed by the numeric
// handle returned from create*; every function ignores unknown handles (a component may be
// disposed while a SignalR update is still in flight).

/** Series longer than this are downsampled (min/max per bucket) before being drawn. */
export const DEFAULT_MAX_POINTS = 2000;

const PALETTE = [
  "#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed",
  "#0891b2", "#db2777", "#4b5563", "#65a30d", "#9333ea",
];

/** @type {Map<number, object>} */
const charts = new Map();
let nextHandle = 1;

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

function yOf(point) {
  if (Array.isArray(point)) return point[1];
  return point == null ? undefined : point.y;
}

function xOf(point) {
  if (Array.isArray(point)) return point[0];
  return point == null ? undefined : point.x;
}

/**
 * Min/max-per-bucket downsampling of an x-ordered series.
 *
 * Returns `points` itself when it already has at most `maxPoints` points. Otherwise keeps the
 * first and the last point and splits the points in between into floor((maxPoints - 2) / 2)
 * consecutive buckets; from each bucket it keeps the point with the smallest y and the one with
 * the largest y, in their original order, so spikes and dips stay visible. Points with a
 * non-finite y are ignored when choosing min/max; a bucket without any finite y keeps its first
 * point (so gaps survive). The result has at most `maxPoints` points and preserves x order.
 *
 * @param {Array<[number, number|null]>} points  x-ordered [x, y] pairs ({x, y} objects also work)
 * @param {number} [maxPoints=DEFAULT_MAX_POINTS]
 * @returns {Array<[number, number|null]>}
 */
export function downsampleMinMax(points, maxPoints = DEFAULT_MAX_POINTS) {
  if (!Array.isArray(points)) return [];
  const max = Math.floor(Number(maxPoints));
  if (!(max >= 0)) throw new RangeError(`maxPoints must be a non-negative number, got ${maxPoints}`);
  const n = points.length;
  if (n <= max) return points;
  if (max === 0) return [];
  const first = points[0];
  const last = points[n - 1];
  if (max === 1) return [last];

  const buckets = Math.floor((max - 2) / 2);
  const out = [first];
  const inner = n - 2; // points strictly between first and last; inner > 2 * buckets here
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets); // exclusive
    let minI = -1;
    let maxI = -1;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = start; i < end; i++) {
      const y = yOf(points[i]);
      if (typeof y !== "number" || !Number.isFinite(y)) continue;
      if (y < minY) { minY = y; minI = i; }
      if (y > maxY) { maxY = y; maxI = i; }
    }
    if (minI < 0) {
      out.push(points[start]);
    } else if (minI === maxI) {
      out.push(points[minI]);
    } else if (minI < maxI) {
      out.push(points[minI], points[maxI]);
    } else {
      out.push(points[maxI], points[minI]);
    }
  }
  out.push(last);
  return out;
}

/** Compact number formatting for axis labels and tooltips. */
export function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(2);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

function formatPercent(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  const pct = value * 100;
  const digits = Math.abs(pct) >= 10 ? 1 : 2;
  return `${pct.toFixed(digits)}%`;
}

/** 2^value, for an axis whose values are log2 of a count (n_id = 8, 16, ...). */
export function formatPow2(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return formatNumber(value);
  const n = 2 ** value;
  return Math.abs(n - Math.round(n)) < 1e-6 * n ? String(Math.round(n)) : String(Number(n.toPrecision(3)));
}

function formatStep(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return formatNumber(value);
  return Math.abs(value) >= 1 ? String(Math.round(value)) : formatNumber(value);
}

// Accepts one point [x, y] / {x, y} or a list of points; returns a list.
function asPointList(value) {
  if (value == null) return [];
  if (!Array.isArray(value)) return typeof value === "object" && "x" in value ? [[value.x, value.y]] : [];
  if (value.length === 0) return [];
  const head = value[0];
  if (Array.isArray(head) || (head !== null && typeof head === "object")) {
    return value.map((p) => (Array.isArray(p) ? p : [p.x, p.y]));
  }
  return [value]; // a single [x, y]
}

// ---------------------------------------------------------------------------------------------
// DOM / ApexCharts plumbing (only called from the exported chart functions)
// ---------------------------------------------------------------------------------------------

function apex() {
  const ApexCharts = globalThis.ApexCharts;
  if (typeof ApexCharts !== "function") {
    throw new Error(
      'ApexCharts is not loaded: add <script src="lib/apexcharts/apexcharts.min.js"></script> to the page.');
  }
  return ApexCharts;
}

function resolveElement(element) {
  const el = typeof element === "string" ? globalThis.document.getElementById(element) : element;
  if (!el || typeof el.appendChild !== "function") {
    throw new Error(`Chart container not found: ${typeof element === "string" ? `#${element}` : element}`);
  }
  return el;
}

function prefersDark(options) {
  if (options && (options.theme === "dark" || options.theme === "light")) return options.theme === "dark";
  const mm = globalThis.matchMedia;
  return typeof mm === "function" && mm("(prefers-color-scheme: dark)").matches;
}

function baseOptions(type, options) {
  const dark = prefersDark(options);
  return {
    chart: {
      type,
      height: options.height ?? 320,
      width: "100%",
      background: "transparent",
      foreColor: dark ? "#aab4c3" : "#374151",
      fontFamily: "inherit",
      animations: { enabled: false },
      redrawOnParentResize: true,
      toolbar: {
        show: true,
        tools: { download: true, selection: false, zoom: true, zoomin: true, zoomout: true, pan: true, reset: true },
      },
    },
    theme: { mode: dark ? "dark" : "light" },
    title: {
      text: options.title ?? undefined,
      align: "left",
      style: { fontSize: "14px", fontWeight: 600 },
    },
    grid: { borderColor: dark ? "#2f3846" : "#e5e7eb", strokeDashArray: 3 },
    dataLabels: { enabled: false },
    noData: { text: options.noDataText ?? "No data yet" },
  };
}

function finiteOrUndefined(v) {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function buildYAxis(state) {
  const { options, logY } = state;
  let min = finiteOrUndefined(options.yMin);
  let max = finiteOrUndefined(options.yMax);
  if (logY) {
    if (min !== undefined && min <= 0) min = undefined;
    if (max !== undefined && max <= 0) max = undefined;
  }
  const formatter = options.percent ? formatPercent : formatNumber;
  return {
    title: { text: options.yTitle ?? "", style: { fontWeight: 500 } },
    min,
    max,
    logarithmic: !!logY,
    logBase: 10,
    forceNiceScale: !logY,
    labels: { formatter: (v) => formatter(v), minWidth: 40 },
  };
}

function displaySeries(state) {
  // Copies: ApexCharts keeps references to the data arrays it is given and pushes into them.
  return state.series.map((s) => ({ name: s.name, data: s.shown.slice() }));
}

function makeSeriesState(s, index, maxPoints) {
  const raw = asPointList(s && s.data).slice();
  return {
    name: (s && s.name) || `series ${index + 1}`,
    raw,
    shown: downsampleMinMax(raw, maxPoints).slice(),
  };
}

/**
 * Escapes text for the places where ApexCharts inserts strings as HTML (legend entries, tooltip
 * titles and values). Series names are run names a user typed: they must reach the page as text.
 */
export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Legend and tooltip-title formatters that render a series name as text. */
const TEXT_LEGEND = { formatter: (name) => escapeHtml(name) };
const TEXT_TOOLTIP_TITLE = { formatter: (name) => (name ? `${escapeHtml(name)}: ` : "") };

function report(promise) {
  if (promise && typeof promise.catch === "function") {
    promise.catch((err) => console.error("charts.js:", err));
  }
}

// ---------------------------------------------------------------------------------------------
// Line charts
// ---------------------------------------------------------------------------------------------

/**
 * Creates a numeric-x line chart.
 * @param {string|HTMLElement} element  container id or element (Blazor ElementReference)
 * @param {{title?: string, yTitle?: string, xTitle?: string, yMin?: number, yMax?: number,
 *          logY?: boolean, percent?: boolean, series?: Array<{name: string, data: Array<[number, number|null]>}>,
 *          height?: number|string, maxPoints?: number, theme?: "light"|"dark", noDataText?: string,
 *          xLog2?: boolean}} options
 *   percent: y values are fractions (0..1) shown as percentages.
 *   xLog2: x values are log2 of a count; the axis and tooltip show 2^x (a log2 axis).
 * @returns {number} handle
 */
export function createLineChart(element, options) {
  const ApexCharts = apex();
  const el = resolveElement(element);
  const opts = { ...(options || {}) };
  const maxPoints = Math.max(4, Math.floor(opts.maxPoints ?? DEFAULT_MAX_POINTS));
  const state = {
    kind: "line",
    options: opts,
    logY: !!opts.logY,
    maxPoints,
    series: (opts.series || []).map((s, i) => makeSeriesState(s, i, maxPoints)),
    chart: null,
  };
  const xTitle = opts.xTitle ?? "step";
  const yFormatter = opts.percent ? formatPercent : formatNumber;
  // xLog2: x values are log2 of the quantity (e.g. n_id on a phase diagram's axis); ticks and
  // tooltips show the quantity itself, 2^x.
  const xFormatter = opts.xLog2 ? (v) => formatPow2(v) : (v) => formatStep(v);

  const config = {
    ...baseOptions("line", opts),
    series: displaySeries(state),
    colors: PALETTE,
    // dashArray: one dash length per series (0 = solid), e.g. to tell last-shot from mean accuracy.
    stroke: { width: 2, curve: "straight", dashArray: opts.dashArray ?? 0 },
    markers: { size: 0, hover: { size: 4 } },
    legend: { show: true, position: "top", horizontalAlign: "left", showForSingleSeries: true, ...TEXT_LEGEND },
    xaxis: {
      type: "numeric",
      title: { text: xTitle, style: { fontWeight: 500 } },
      labels: { formatter: xFormatter, hideOverlappingLabels: true },
      // xTickAmount: e.g. k-1 for a shots axis, so every tick is a whole number of examples.
      tickAmount: opts.xTickAmount ?? 8,
      // xMin/xMax: a fixed x range, e.g. whole powers of two around the data on a log2 axis, so
      // the ticks fall on 8, 16, 32... instead of ApexCharts' evenly split 16.9, 35.8.
      min: opts.xMin ?? undefined,
      max: opts.xMax ?? undefined,
      tooltip: { enabled: false },
    },
    yaxis: buildYAxis(state),
    tooltip: {
      shared: true,
      intersect: false,
      x: { formatter: (v) => escapeHtml(`${xTitle} ${xFormatter(v)}`) },
      y: { formatter: (v) => yFormatter(v), title: TEXT_TOOLTIP_TITLE },
    },
  };
  config.chart.zoom = { enabled: true, type: "x", autoScaleYaxis: true };

  state.chart = new ApexCharts(el, config);
  const handle = nextHandle++;
  charts.set(handle, state);
  report(state.chart.render());
  return handle;
}

/**
 * Appends points to a line chart without rebuilding it (ApexCharts appendData). A series that
 * grows beyond maxPoints is re-downsampled from its full-resolution copy (to maxPoints / 2,
 * leaving room for further appends) and the chart series are replaced.
 * Points whose x is not greater than the series' last x are dropped (overlap between a history
 * load and live updates).
 * @param {number} handle
 * @param {Array<[number, number|null] | Array<[number, number|null]> | null> |
 *         Object<string, Array<[number, number|null]> | [number, number|null]>} seriesPoints
 *   array: entry i (one [x, y] point or a list of points) goes to series i;
 *   object: keyed by series name (an unknown name adds a series).
 * @returns {boolean} false when the handle is unknown
 */
export function appendPoints(handle, seriesPoints) {
  const state = charts.get(handle);
  if (!state || state.kind !== "line" || seriesPoints == null) return false;

  let perSeries; // array aligned with state.series
  let added = false;
  if (Array.isArray(seriesPoints)) {
    perSeries = seriesPoints.map(asPointList);
    while (state.series.length < perSeries.length) {
      state.series.push(makeSeriesState(null, state.series.length, state.maxPoints));
      added = true;
    }
  } else {
    perSeries = new Array(state.series.length).fill(null);
    for (const [name, pts] of Object.entries(seriesPoints)) {
      let index = state.series.findIndex((s) => s.name === name);
      if (index < 0) {
        state.series.push(makeSeriesState({ name, data: [] }, state.series.length, state.maxPoints));
        index = state.series.length - 1;
        added = true;
      }
      perSeries[index] = asPointList(pts);
    }
  }

  let redraw = added;
  const appendData = state.series.map(() => null);
  let anyNew = false;
  perSeries.forEach((pts, i) => {
    if (!pts || pts.length === 0) return;
    const s = state.series[i];
    const fresh = [];
    let lastX = s.raw.length ? xOf(s.raw[s.raw.length - 1]) : -Infinity;
    for (const p of pts) {
      const x = xOf(p);
      if (typeof x === "number" && x <= lastX) continue;
      s.raw.push(p);
      s.shown.push(p);
      fresh.push(p);
      if (typeof x === "number") lastX = x;
    }
    if (fresh.length === 0) return;
    anyNew = true;
    if (s.shown.length > state.maxPoints) {
      s.shown = downsampleMinMax(s.raw, Math.floor(state.maxPoints / 2)).slice();
      redraw = true;
    } else {
      appendData[i] = { data: fresh.slice() };
    }
  });

  if (redraw) {
    report(state.chart.updateSeries(displaySeries(state), false));
  } else if (anyNew) {
    report(state.chart.appendData(appendData));
  }
  return true;
}

/** Replaces all series of a line chart (each downsampled to maxPoints). */
export function setSeries(handle, series) {
  const state = charts.get(handle);
  if (!state || state.kind !== "line") return false;
  state.series = (series || []).map((s, i) => makeSeriesState(s, i, state.maxPoints));
  report(state.chart.updateSeries(displaySeries(state), false));
  return true;
}

/** Switches the y axis of a line chart between linear and log10. */
export function setLogScale(handle, logY) {
  const state = charts.get(handle);
  if (!state || state.kind !== "line") return false;
  state.logY = !!logY;
  report(state.chart.updateOptions({ yaxis: buildYAxis(state) }, false, false));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Heatmaps (phase diagrams, attention maps)
// ---------------------------------------------------------------------------------------------

function heatmapSeries(opts) {
  const values = opts.values || [];
  const rows = values.length;
  const xLabels = opts.xLabels || (rows ? values[0].map((_, c) => String(c)) : []);
  const yLabels = opts.yLabels || values.map((_, r) => String(r));
  const topDown = opts.origin !== "bottom";
  // ApexCharts draws series[0] at the bottom: reverse rows so that row 0 is on top.
  const order = [...Array(rows).keys()];
  if (topDown) order.reverse();
  const series = order.map((r) => ({
    name: String(yLabels[r] ?? r),
    data: xLabels.map((label, c) => {
      const v = values[r] ? values[r][c] : null;
      return { x: String(label), y: typeof v === "number" && Number.isFinite(v) ? v : null };
    }),
  }));
  return { series, rowOf: (seriesIndex) => order[seriesIndex], cells: rows * xLabels.length };
}

/**
 * Creates a heatmap.
 * @param {string|HTMLElement} element
 * @param {{title?: string, xTitle?: string, yTitle?: string, xLabels?: Array<string|number>,
 *          yLabels?: Array<string|number>, values: number[][], origin?: "top"|"bottom",
 *          colorRange?: Array<{from: number, to: number, color: string, name?: string}>,
 *          tooltips?: string[][], tooltip?: string[][], dataLabels?: boolean, percent?: boolean,
 *          height?: number|string, theme?: "light"|"dark"}} options
 *   values: rows = y (values[r][c] is the cell of yLabels[r], xLabels[c]); origin "top" (default)
 *   puts row 0 at the top like a matrix, "bottom" like a plot axis. tooltips: optional text per
 *   cell (same shape as values) shown instead of the number.
 * @returns {number} handle
 */
export function createHeatmap(element, options) {
  const ApexCharts = apex();
  const el = resolveElement(element);
  const opts = { ...(options || {}) };
  const built = heatmapSeries(opts);
  const state = { kind: "heatmap", options: opts, built, chart: null };
  const valueFormatter = opts.percent ? formatPercent : formatNumber;
  const tooltipText = (val, ctx) => {
    const texts = state.options.tooltips || state.options.tooltip;
    const r = state.built.rowOf(ctx.seriesIndex);
    const t = Array.isArray(texts) && texts[r] ? texts[r][ctx.dataPointIndex] : undefined;
    return escapeHtml(t != null && t !== "" ? String(t) : valueFormatter(val));
  };

  const heatmap = { shadeIntensity: 0.5, radius: 0, useFillColorAsStroke: false };
  if (Array.isArray(opts.colorRange) && opts.colorRange.length) {
    heatmap.enableShades = false;
    heatmap.colorScale = { ranges: opts.colorRange.map((r) => ({ ...r })) };
  }

  const config = {
    ...baseOptions("heatmap", opts),
    series: built.series,
    colors: ["#2563eb"],
    plotOptions: { heatmap },
    dataLabels: {
      enabled: opts.dataLabels ?? built.cells <= 100,
      formatter: (v) => valueFormatter(v),
      style: { fontSize: "11px" },
    },
    stroke: { width: built.cells > 1000 ? 0 : 1 },
    legend: { show: Array.isArray(opts.colorRange) && opts.colorRange.length > 0, position: "top", horizontalAlign: "left", ...TEXT_LEGEND },
    xaxis: {
      type: "category",
      title: { text: opts.xTitle ?? "" },
      labels: { rotate: -45, hideOverlappingLabels: true },
      tooltip: { enabled: false },
    },
    yaxis: { title: { text: opts.yTitle ?? "" } },
    tooltip: { y: { formatter: tooltipText, title: TEXT_TOOLTIP_TITLE } },
  };
  config.chart.toolbar = { show: true, tools: { download: true, selection: false, zoom: false, zoomin: false, zoomout: false, pan: false, reset: false } };

  state.chart = new ApexCharts(el, config);
  const handle = nextHandle++;
  charts.set(handle, state);
  report(state.chart.render());
  return handle;
}

/** Replaces a heatmap's data; `options` takes the same fields as createHeatmap (values, labels, tooltips). */
export function updateHeatmap(handle, options) {
  const state = charts.get(handle);
  if (!state || state.kind !== "heatmap") return false;
  state.options = { ...state.options, ...(options || {}) };
  state.built = heatmapSeries(state.options);
  report(state.chart.updateSeries(state.built.series, false));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Common
// ---------------------------------------------------------------------------------------------

/** Destroys a chart created by createLineChart/createHeatmap; unknown handles are ignored. */
export function destroyChart(handle) {
  const state = charts.get(handle);
  if (!state) return false;
  charts.delete(handle);
  try {
    state.chart.destroy();
  } catch (err) {
    console.error("charts.js: destroy failed", err);
  }
  return true;
}

/** Offers `text` as a file download (e.g. CSV/JSON export of metrics). */
export function downloadText(filename, mimeType, text) {
  const doc = globalThis.document;
  const blob = new Blob([text ?? ""], { type: mimeType || "text/plain;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = filename || "download.txt";
  a.rel = "noopener";
  a.style.display = "none";
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------------------------------------
// Canvas plots for the interpretability page: dense heatmaps (attention maps, neuron maps,
// spectra, correctness grids) and scatter plots (PCA). Drawn on a <canvas> because they hold tens
// of thousands of cells in total; ApexCharts draws one SVG element per cell (see README for the
// measured difference). Each plot has axes, tick labels, a title, a colour bar or legend, a hover
// read-out, and optionally enlarges in an overlay when clicked.
// ---------------------------------------------------------------------------------------------

/** Sequential colour scale (white → deep blue) for t in [0, 1]. */
export function sequentialColor(t) {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const from = [247, 251, 255];
  const to = [8, 48, 107];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * Math.pow(u, 0.8)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Diverging colour scale (blue → white → red) for t in [-1, 1]. */
export function divergingColor(t) {
  const u = Math.min(1, Math.max(-1, Number.isFinite(t) ? t : 0));
  const white = [247, 247, 247];
  const end = u < 0 ? [33, 102, 172] : [178, 24, 43];
  const a = Math.abs(u);
  const c = white.map((w, i) => Math.round(w + (end[i] - w) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Cyclic colour for value v of period n (hue wheel): neighbours mod n look alike, as residues should. */
export function cyclicColor(v, n) {
  const hue = n > 0 ? (((v % n) + n) % n) / n * 360 : 0;
  return `hsl(${hue.toFixed(1)},70%,45%)`;
}

/** Smallest and largest finite value of a matrix (or [0, 1] when it has none). */
export function valueRange(values) {
  let min = Infinity;
  let max = -Infinity;
  for (const row of values || []) for (const v of row || []) {
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [0, 1];
}

/**
 * Geometry of a heatmap: plot area inside margins, cell size. Cells are square unless the
 * matrix is far from square; the plot fits in `width`.
 */
export function heatmapLayout(rows, cols, width, opts = {}) {
  const left = opts.left ?? 34;
  const top = opts.top ?? 22;
  const right = opts.right ?? 48;
  const bottom = opts.bottom ?? 30;
  const cell = Math.max(1, (width - left - right) / Math.max(1, cols));
  return { left, top, right, bottom, cell, width, height: top + bottom + cell * rows, rows, cols };
}

/** The [row, col] under a point of the canvas, or null outside the cells. */
export function cellAt(layout, px, py) {
  const c = Math.floor((px - layout.left) / layout.cell);
  const r = Math.floor((py - layout.top) / layout.cell);
  if (r < 0 || c < 0 || r >= layout.rows || c >= layout.cols) return null;
  return [r, c];
}

/** Index of the point nearest to (x, y) within maxDistance (data given in pixels), or -1. */
export function nearestPoint(pixels, x, y, maxDistance = 8) {
  let best = -1;
  let bestD = maxDistance * maxDistance;
  for (let i = 0; i < pixels.length; i++) {
    const dx = pixels[i][0] - x;
    const dy = pixels[i][1] - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) { bestD = d; best = i; }
  }
  return best;
}

/** Fills {name} placeholders of a template from an object. */
export function fillTemplate(template, fields) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in fields ? String(fields[k]) : m));
}

function themeColors() {
  const dark = prefersDark({});
  return { text: dark ? "#cbd5e1" : "#374151", muted: dark ? "#8b95a5" : "#6b7280", grid: dark ? "#2f3846" : "#d1d5db" };
}

/** opts.width, else the container's width (capped by opts.maxWidth), else 240 px. */
function plotWidth(container, opts) {
  if (Number.isFinite(opts.width)) return opts.width;
  const el = resolveElement(container);
  const available = el.clientWidth || 240;
  return Math.max(120, Math.min(available, opts.maxWidth ?? available));
}

function prepareCanvas(container, width, height) {
  const doc = globalThis.document;
  const el = resolveElement(container);
  el.innerHTML = "";
  const canvas = doc.createElement("canvas");
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  ctx.scale(ratio, ratio);
  return { el, canvas, ctx };
}

function hoverTip(el) {
  const doc = globalThis.document;
  const tip = doc.createElement("div");
  tip.className = "plot-tip";
  tip.hidden = true;
  el.style.position = "relative";
  el.appendChild(tip);
  return (text, x, y) => {
    if (text == null) { tip.hidden = true; return; }
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = `${x + 12}px`;
    tip.style.top = `${y + 12}px`;
  };
}

/** Label every k-th cell so labels of `labelSize` px never overlap on cells of `cell` px. */
export function tickStep(labelSize, cell) {
  return Math.max(1, Math.ceil(labelSize / Math.max(0.5, cell)));
}

function colorOf(opts, v, min, max) {
  if (opts.palette && Number.isInteger(v) && opts.palette[v]) return opts.palette[v];
  if (typeof v !== "number" || !Number.isFinite(v)) return "transparent";
  if (opts.scheme === "diverging") {
    const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return divergingColor(v / m);
  }
  if (opts.scheme === "cyclic") return cyclicColor(v, opts.period ?? (max + 1));
  return sequentialColor(max > min ? (v - min) / (max - min) : 0);
}

/**
 * Draws a heatmap on a canvas inside `container`.
 * @param {string|HTMLElement} container
 * @param {{values: number[][], width?: number, maxWidth?: number, title?: string, xTitle?: string, yTitle?: string,
 *          xLabels?: string[], yLabels?: string[], min?: number, max?: number,
 *          scheme?: "sequential"|"diverging"|"cyclic", period?: number, palette?: string[],
 *          legend?: Array<{color: string, label: string}>, marks?: Array<{mask: boolean[][], style: "dot"|"ring"|"cross", color?: string}>,
 *          tooltip?: string, cellText?: string[][], enlarge?: boolean, colorBar?: boolean}} options
 *   tooltip: template with {row}, {col} (labels), {r}, {c} (indices), {v} (value) and {t} (cellText[r][c]).
 *   palette: categorical colours for integer values (then `legend` explains them).
 *   marks: boolean masks drawn over the cells (e.g. algorithm coverage).
 * @returns {number} cells drawn
 */
export function drawHeatmap(container, options) {
  const opts = { ...(options || {}) };
  const values = opts.values || [];
  const rows = values.length;
  const cols = rows ? values[0].length : 0;
  const showBar = opts.colorBar !== false && !opts.palette;
  const layout = heatmapLayout(rows, cols, plotWidth(container, opts), { right: showBar ? 56 : 10, top: opts.title ? 22 : 6, left: opts.yLabels || opts.yTitle ? 44 : 8, bottom: opts.xLabels || opts.xTitle ? 34 : 6 });
  const legendHeight = opts.legend ? 18 * Math.ceil(opts.legend.length / 3) : 0;
  const { el, canvas, ctx } = prepareCanvas(container, layout.width, layout.height + legendHeight);
  const colors = themeColors();
  let [min, max] = valueRange(values);
  if (Number.isFinite(opts.min)) min = opts.min;
  if (Number.isFinite(opts.max)) max = opts.max;
  const { left, top, cell } = layout;

  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    ctx.fillStyle = colorOf(opts, values[r][c], min, max);
    ctx.fillRect(left + c * cell, top + r * cell, Math.ceil(cell), Math.ceil(cell));
  }
  for (const mark of opts.marks || []) {
    ctx.strokeStyle = mark.color || "#111827";
    ctx.fillStyle = mark.color || "#111827";
    ctx.lineWidth = Math.max(1, cell / 10);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
      if (!mark.mask?.[r]?.[c]) continue;
      const cx = left + (c + 0.5) * cell;
      const cy = top + (r + 0.5) * cell;
      ctx.beginPath();
      if (mark.style === "ring") { ctx.arc(cx, cy, cell * 0.34, 0, 2 * Math.PI); ctx.stroke(); }
      else if (mark.style === "cross") { ctx.moveTo(cx - cell * 0.3, cy - cell * 0.3); ctx.lineTo(cx + cell * 0.3, cy + cell * 0.3); ctx.moveTo(cx + cell * 0.3, cy - cell * 0.3); ctx.lineTo(cx - cell * 0.3, cy + cell * 0.3); ctx.stroke(); }
      else { ctx.arc(cx, cy, Math.max(1, Math.min(5, cell * 0.14)), 0, 2 * Math.PI); ctx.fill(); }
    }
  }

  // Axes: tick labels (thinned to fit), titles.
  ctx.fillStyle = colors.text;
  ctx.font = "10px system-ui, sans-serif";
  if (opts.xLabels) {
    // Horizontal labels need their width; vertical ones a line height.
    const widest = Math.max(...opts.xLabels.slice(0, cols).map((l) => ctx.measureText(String(l)).width), 6);
    const step = tickStep(widest + 4, cell);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (let c = 0; c < cols; c += step) ctx.fillText(String(opts.xLabels[c] ?? c), left + (c + 0.5) * cell, top + rows * cell + 2);
  }
  if (opts.yLabels) {
    const step = tickStep(12, cell);
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (let r = 0; r < rows; r += step) ctx.fillText(String(opts.yLabels[r] ?? r), left - 3, top + (r + 0.5) * cell);
  }
  ctx.fillStyle = colors.muted;
  if (opts.xTitle) { ctx.textAlign = "center"; ctx.textBaseline = "bottom"; ctx.fillText(opts.xTitle, left + cols * cell / 2, layout.height - 1); }
  if (opts.yTitle) {
    ctx.save(); ctx.translate(9, top + rows * cell / 2); ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillText(opts.yTitle, 0, 0); ctx.restore();
  }
  if (opts.title) {
    ctx.fillStyle = colors.text; ctx.font = "600 12px system-ui, sans-serif";
    ctx.textAlign = "left"; ctx.textBaseline = "top"; ctx.fillText(opts.title, left, 3);
  }
  if (showBar) {
    const x = left + cols * cell + 8;
    const h = rows * cell;
    for (let i = 0; i < h; i++) {
      const t = 1 - i / Math.max(1, h - 1);
      ctx.fillStyle = colorOf(opts, min + (max - min) * t, min, max);
      ctx.fillRect(x, top + i, 8, 1.5);
    }
    ctx.fillStyle = colors.text; ctx.font = "10px system-ui, sans-serif"; ctx.textAlign = "left";
    ctx.textBaseline = "top"; ctx.fillText(formatNumber(max), x + 10, top);
    ctx.textBaseline = "bottom"; ctx.fillText(formatNumber(min), x + 10, top + h);
  }
  if (opts.legend) {
    ctx.font = "11px system-ui, sans-serif"; ctx.textBaseline = "middle"; ctx.textAlign = "left";
    opts.legend.forEach((item, i) => {
      const x = left + (i % 3) * Math.max(70, (cols * cell) / 3);
      const y = layout.height + 9 + 18 * Math.floor(i / 3);
      ctx.fillStyle = item.color; ctx.fillRect(x, y - 5, 10, 10);
      ctx.fillStyle = colors.text; ctx.fillText(item.label, x + 14, y);
    });
  }

  const show = hoverTip(el);
  canvas.addEventListener("mousemove", (e) => {
    const hit = cellAt(layout, e.offsetX, e.offsetY);
    if (!hit) { show(null); return; }
    const [r, c] = hit;
    const v = values[r][c];
    const fields = { r, c, row: opts.yLabels?.[r] ?? r, col: opts.xLabels?.[c] ?? c, v: typeof v === "number" ? formatNumber(v) : String(v), t: opts.cellText?.[r]?.[c] ?? "" };
    show(fillTemplate(opts.tooltip || "{row}, {col}: {v}", fields), e.offsetX, e.offsetY);
  });
  canvas.addEventListener("mouseleave", () => show(null));
  if (opts.enlarge) {
    canvas.style.cursor = "zoom-in";
    canvas.addEventListener("click", () => openOverlay((box) => drawHeatmap(box, { ...opts, width: Math.min(globalThis.innerWidth - 80, 820), enlarge: false })));
  }
  el.dataset.cells = String(rows * cols);
  return rows * cols;
}

/**
 * Draws a scatter plot on a canvas inside `container`; points coloured by a value (cyclic for residues).
 * @param {{points: number[][], colorValues?: number[], period?: number, width?: number, maxWidth?: number, height?: number,
 *          title?: string, xTitle?: string, yTitle?: string, labels?: string[], colorTitle?: string,
 *          palette?: string[], legend?: Array<{color: string, label: string}>, enlarge?: boolean, radius?: number}} options
 *   colorValues: one per point; with `palette` an index into it, else a hue on a wheel of `period`.
 * @returns {number} points drawn
 */
export function drawScatter(container, options) {
  const opts = { ...(options || {}) };
  const pts = opts.points || [];
  const width = plotWidth(container, opts);
  const height = opts.height ?? Math.min(width, 420);
  const { el, canvas, ctx } = prepareCanvas(container, width, height);
  const colors = themeColors();
  const m = { left: 30, right: 8, top: opts.title ? 22 : 8, bottom: opts.colorTitle || opts.legend ? 40 : 26 };
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1] = valueRange([xs]);
  const [y0, y1] = valueRange([ys]);
  const pad = (a, b) => { const d = (b - a) || 1; return [a - d * 0.06, b + d * 0.06]; };
  const [xa, xb] = pad(x0, x1);
  const [ya, yb] = pad(y0, y1);
  const px = (x) => m.left + (x - xa) / (xb - xa) * (width - m.left - m.right);
  const py = (y) => height - m.bottom - (y - ya) / (yb - ya) * (height - m.top - m.bottom);
  ctx.strokeStyle = colors.grid;
  ctx.strokeRect(m.left, m.top, width - m.left - m.right, height - m.top - m.bottom);
  if (xa < 0 && xb > 0) { ctx.beginPath(); ctx.moveTo(px(0), m.top); ctx.lineTo(px(0), height - m.bottom); ctx.stroke(); }
  if (ya < 0 && yb > 0) { ctx.beginPath(); ctx.moveTo(m.left, py(0)); ctx.lineTo(width - m.right, py(0)); ctx.stroke(); }
  const pixels = pts.map((p) => [px(p[0]), py(p[1])]);
  const radius = opts.radius ?? (pts.length > 200 ? 2.2 : 4);
  pts.forEach((p, i) => {
    const v = opts.colorValues ? opts.colorValues[i] : 0;
    ctx.fillStyle = opts.palette ? opts.palette[v] ?? "#6b7280" : cyclicColor(v, opts.period ?? 1);
    ctx.beginPath(); ctx.arc(pixels[i][0], pixels[i][1], radius, 0, 2 * Math.PI); ctx.fill();
  });
  ctx.fillStyle = colors.muted; ctx.font = "10px system-ui, sans-serif";
  if (opts.xTitle) { ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.fillText(opts.xTitle, (m.left + width - m.right) / 2, height - m.bottom + 3); }
  if (opts.yTitle) { ctx.save(); ctx.translate(10, (m.top + height - m.bottom) / 2); ctx.rotate(-Math.PI / 2); ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillText(opts.yTitle, 0, 0); ctx.restore(); }
  if (opts.title) { ctx.fillStyle = colors.text; ctx.font = "600 12px system-ui, sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "top"; ctx.fillText(opts.title, m.left, 4); }
  if (opts.colorTitle) {
    // Colour wheel legend: a strip of the cyclic scale with its end values.
    const y = height - 12;
    const x = m.left;
    const w = Math.min(120, width - m.left - m.right - 70);
    for (let i = 0; i < w; i++) { ctx.fillStyle = cyclicColor(i / w * (opts.period ?? 1), opts.period ?? 1); ctx.fillRect(x + i, y - 4, 1.5, 8); }
    ctx.fillStyle = colors.text; ctx.textAlign = "left"; ctx.textBaseline = "middle";
    ctx.fillText(`${opts.colorTitle}: 0 … ${(opts.period ?? 1) - 1}`, x + w + 6, y);
  }
  if (opts.legend) {
    ctx.font = "11px system-ui, sans-serif"; ctx.textBaseline = "middle"; ctx.textAlign = "left";
    opts.legend.forEach((item, i) => {
      const x = m.left + i * 80;
      ctx.fillStyle = item.color; ctx.beginPath(); ctx.arc(x + 4, height - 12, 4, 0, 2 * Math.PI); ctx.fill();
      ctx.fillStyle = colors.text; ctx.fillText(item.label, x + 12, height - 12);
    });
  }
  const show = hoverTip(el);
  canvas.addEventListener("mousemove", (e) => {
    const i = nearestPoint(pixels, e.offsetX, e.offsetY);
    show(i < 0 ? null : (opts.labels?.[i] ?? `point ${i}`), e.offsetX, e.offsetY);
  });
  canvas.addEventListener("mouseleave", () => show(null));
  if (opts.enlarge) {
    canvas.style.cursor = "zoom-in";
    canvas.addEventListener("click", () => openOverlay((box) => {
      const size = Math.min(globalThis.innerWidth - 80, globalThis.innerHeight - 120, 720);
      drawScatter(box, { ...opts, width: size, height: size, radius: radius * 1.6, enlarge: false });
    }));
  }
  el.dataset.points = String(pts.length);
  return pts.length;
}

function openOverlay(draw) {
  const doc = globalThis.document;
  const overlay = doc.createElement("div");
  overlay.className = "plot-overlay";
  const box = doc.createElement("div");
  box.className = "plot-overlay-box";
  const close = doc.createElement("button");
  close.className = "btn plot-overlay-close";
  close.textContent = "Close";
  overlay.append(box, close);
  doc.body.appendChild(overlay);
  const plot = doc.createElement("div");
  box.appendChild(plot);
  draw(plot);
  const dismiss = () => { overlay.remove(); doc.removeEventListener("keydown", onKey); };
  const onKey = (e) => { if (e.key === "Escape") dismiss(); };
  overlay.addEventListener("click", (e) => { if (e.target === overlay) dismiss(); });
  close.addEventListener("click", dismiss);
  doc.addEventListener("keydown", onKey);
}

/**
 * Draws many plots in one call (one Blazor round trip per section): each item is
 * {id, kind: "heatmap"|"scatter", options}. Returns the time taken in ms (for the page's
 * render-time read-out).
 */
export function drawPlots(items) {
  const start = globalThis.performance?.now?.() ?? Date.now();
  for (const item of items || []) {
    try {
      if (item.kind === "scatter") drawScatter(item.id, item.options);
      else drawHeatmap(item.id, item.options);
    } catch (err) {
      console.error("charts.js: drawing", item.id, "failed", err);
    }
  }
  return (globalThis.performance?.now?.() ?? Date.now()) - start;
}
