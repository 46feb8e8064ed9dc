// Number formatting for chart axes, legends and tooltips. Pure: no DOM, importable under Node.

/** Compact number: integers as they are, otherwise 4 significant digits, exponent outside [1e-3, 1e5). */
export function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(2).replace(/\.?0+e/, "e");
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** A fraction (0..1) as a percentage: one decimal from 10%, two below. */
export function formatPercent(value) {
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

/** A step count: whole numbers with thousands separators (12,000), small fractions as numbers. */
export function formatStep(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return formatNumber(value);
  return Math.abs(value) >= 1 ? Math.round(value).toLocaleString("en-US") : formatNumber(value);
}

/** Seconds as a duration: 45 s, 12.5 min, 3.2 h. */
export function formatSeconds(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return formatNumber(value);
  const abs = Math.abs(value);
  if (abs < 120) return `${Number(value.toPrecision(3))} s`;
  if (abs < 7200) return `${Number((value / 60).toPrecision(3))} min`;
  return `${Number((value / 3600).toPrecision(3))} h`;
}

/**
 * Labels for a row of axis ticks: as short as possible while neighbouring ticks stay distinct
 * (a learning rate axis from 9.998e-4 to 1e-3 must not read "1e-3" three times).
 * @param {number[]} values  tick values in order
 * @param {boolean} [percent]  values are fractions shown as percentages
 */
export function formatTicks(values, percent = false) {
  const finite = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  for (let digits = 2; digits <= 10; digits++) {
    const format = (v) => {
      if (typeof v !== "number" || !Number.isFinite(v)) return "";
      if (percent) return `${Number((v * 100).toPrecision(digits))}%`;
      if (v === 0) return "0";
      const abs = Math.abs(v);
      if (abs >= 1e5 || abs < 1e-3) return v.toExponential(digits - 1).replace(/\.?0+e/, "e");
      return String(Number(v.toPrecision(digits)));
    };
    const labels = values.map(format);
    if (new Set(finite.map(format)).size === finite.length) return labels;
  }
  return values.map((v) => (percent ? formatPercent(v) : formatNumber(v)));
}

/**
 * About `count` round tick values inside [min, max] (1, 2 or 5 times a power of ten apart), for a
 * log axis that spans less than a decade, where log-spaced ticks would leave one label or none.
 */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // The round step whose tick count comes closest to `count`.
  const step = [1, 2, 5, 10].map((m) => m * mag)
    .reduce((best, s) => (Math.abs((max - min) / s - count) < Math.abs((max - min) / best - count) ? s : best));
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Pixels between x ticks: the widest label at this axis' ends (about 7 px a character) and a gap. */
export function labelSpace(format, min, max) {
  const chars = Math.max(String(format(min) ?? "").length, String(format(max) ?? "").length);
  return Math.max(50, 7 * chars + 20);
}

/** A fitted accuracy range: 5% room around the data, clamped to [0, 1] when the data lies inside it. */
export function percentRange(min, max) {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [0, 1];
  const pad = Math.max(0.02, (max - min) * 0.05);
  return [min >= 0 ? Math.max(0, min - pad) : min - pad, max <= 1 ? Math.min(1, max + pad) : max + pad];
}
