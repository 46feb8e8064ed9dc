// Canvas plots for the interpretability page: dense heatmaps (attention maps, neuron maps,
// spectra, correctness grids) and scatter plots (PCA). Drawn on a <canvas> because they hold tens
// of thousands of cells in total; an SVG element per cell was measured far slower (see README).
// Each plot has axes, tick labels, a title, a colour bar or legend, a hover read-out (set as
// text, never as HTML), and optionally enlarges in an overlay when clicked.
//
// Called from C# through Components/Inside/Plots/CanvasPlots.cs:
//   double ms = await plots.DrawAsync([new HeatmapPlot("att-0-0", weights) { Title = "…" }, …]);
//
// The module does not touch `window`/`document` at import time, so its pure helpers can be
// imported and tested under Node.

import { formatNumber } from "./format.js";

function resolveElement(element) {
  const el = typeof element === "string" ? globalThis.document.getElementById(element) : element;
  if (!el || typeof el.appendChild !== "function") {
    throw new Error(`Plot container not found: ${typeof element === "string" ? `#${element}` : element}`);
  }
  return el;
}

function prefersDark() {
  const mm = globalThis.matchMedia;
  return typeof mm === "function" && mm("(prefers-color-scheme: dark)").matches;
}

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
  el.replaceChildren();
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
 * Draws many plots in one call (one Blazor round trip per section): each item is the options of
 * drawHeatmap or drawScatter with the container's `id` and `kind: "heatmap"|"scatter"` beside them
 * (the C# records of Components/Inside/Plots). Returns the time taken in ms (for the page's
 * render-time read-out).
 */
export function drawPlots(items) {
  const start = globalThis.performance?.now?.() ?? Date.now();
  for (const item of items || []) {
    try {
      if (item.kind === "scatter") drawScatter(item.id, item);
      else drawHeatmap(item.id, item);
    } catch (err) {
      console.error("canvas-plots.js: drawing", item.id, "failed", err);
    }
  }
  return (globalThis.performance?.now?.() ?? Date.now()) - start;
}
