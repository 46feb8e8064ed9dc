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
