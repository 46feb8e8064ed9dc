// Pure helpers on chart series: downsampling, aligning several series on one x axis, smoothing.
// No DOM: importable and tested under Node (tests/frontend/).

/** Series longer than this are downsampled (min/max per bucket) before being drawn. */
export const DEFAULT_MAX_POINTS = 2000;

function yOf(point) {
  if (Array.isArray(point)) return point[1];
  return point == null ? undefined : point.y;
}

/**
 * Min/max-per-bucket downsampling of an x-ordered series (the server does the same for stored
 * series; this keeps a live chart bounded as points are appended).
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

/**
 * Puts several [x, y] series on one shared, sorted x axis (what uPlot draws): returns
 * { xs, ys } where ys[i][j] is series i's y at xs[j], or null where series i has no point there.
 * Non-finite y values become null.
 */
export function alignSeries(seriesPoints) {
  const all = [];
  for (const pts of seriesPoints) for (const p of pts) if (typeof p[0] === "number" && Number.isFinite(p[0])) all.push(p[0]);
  all.sort((a, b) => a - b);
  const xs = [];
  for (const x of all) if (xs.length === 0 || xs[xs.length - 1] !== x) xs.push(x);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = seriesPoints.map((pts) => {
    const col = new Array(xs.length).fill(null);
    for (const p of pts) {
      const i = index.get(p[0]);
      if (i !== undefined) col[i] = typeof p[1] === "number" && Number.isFinite(p[1]) ? p[1] : null;
    }
    return col;
  });
  return { xs, ys };
}

/**
 * Exponential moving average as TensorBoard smooths a curve: s_t = w·s_{t-1} + (1-w)·y_t,
 * debiased by 1 - w^n so the first points are not pulled towards zero. Nulls stay null and are
 * skipped. weight 0 returns the values unchanged; it is clamped to [0, 0.999].
 */
export function emaSmooth(values, weight) {
  const w = Math.min(0.999, Math.max(0, Number(weight) || 0));
  if (w === 0) return values.slice();
  let last = 0;
  let n = 0;
  return values.map((y) => {
    if (typeof y !== "number" || !Number.isFinite(y)) return null;
    last = last * w + (1 - w) * y;
    n++;
    return last / (1 - w ** n);
  });
}

/** For a log axis: values that cannot be drawn there (zero, negative, missing) become gaps. */
export function positiveOrNull(values) {
  return values.map((y) => (typeof y === "number" && y > 0 && Number.isFinite(y) ? y : null));
}

/** Number of values that are drawable numbers. */
export function countFinite(values) {
  let n = 0;
  for (const y of values) if (typeof y === "number" && Number.isFinite(y)) n++;
  return n;
}

/**
 * Series as LineChart.razor sends them (PackedSeries.cs): `{series: [{name, color, dashed, faint, count}],
 * points: Uint8Array}` where points holds every series' (x, y) pairs in order as little-endian
 * float64. Returns `[{name, color, dashed, faint, data: [[x, y|null], ...]}]`; a NaN y becomes null (a gap).
 * An array is taken to be series already unpacked and returned as it is.
 */
export function unpackSeries(packed) {
  if (Array.isArray(packed) || packed == null) return packed || [];
  const bytes = packed.points instanceof Uint8Array ? packed.points : new Uint8Array(0);
  // A copy: the received bytes may sit at an offset that a Float64Array cannot start at.
  const values = new Float64Array(bytes.slice().buffer, 0, Math.floor(bytes.length / 8));
  const out = [];
  let i = 0;
  for (const s of packed.series || []) {
    const count = Math.max(0, Math.min(Number(s.count) || 0, (values.length - i) / 2));
    const data = new Array(count);
    for (let j = 0; j < count; j++, i += 2) data[j] = [values[i], Number.isFinite(values[i + 1]) ? values[i + 1] : null];
    out.push({ name: s.name, color: s.color, dashed: s.dashed, faint: !!s.faint, data });
  }
  return out;
}
