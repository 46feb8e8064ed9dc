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
    legend: { show: true, position: "top", horizontalAlign: "left", showForSingleSeries: true },
    xaxis: {
      type: "numeric",
      title: { text: xTitle, style: { fontWeight: 500 } },
      labels: { formatter: xFormatter, hideOverlappingLabels: true },
      // xTickAmount: e.g. k-1 for a shots axis, so every tick is a whole number of examples.
      tickAmount: opts.xTickAmount ?? 8,
      tooltip: { enabled: false },
    },
    yaxis: buildYAxis(state),
    tooltip: {
      shared: true,
      intersect: false,
      x: { formatter: (v) => `${xTitle} ${xFormatter(v)}` },
      y: { formatter: (v) => yFormatter(v) },
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
    return t != null && t !== "" ? String(t) : valueFormatter(val);
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
    legend: { show: Array.isArray(opts.colorRange) && opts.colorRange.length > 0, position: "top", horizontalAlign: "left" },
    xaxis: {
      type: "category",
      title: { text: opts.xTitle ?? "" },
      labels: { rotate: -45, hideOverlappingLabels: true },
      tooltip: { enabled: false },
    },
    yaxis: { title: { text: opts.yTitle ?? "" } },
    tooltip: { y: { formatter: tooltipText } },
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
