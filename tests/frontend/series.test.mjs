// Aligning, smoothing and log-axis helpers of wwwroot/js/charts/series.js.  Run: node --test tests/frontend/
import { test } from "node:test";
import assert from "node:assert/strict";
import { alignSeries, emaSmooth, positiveOrNull, countFinite, unpackSeries } from "../../wwwroot/js/charts/series.js";

test("series with different steps share one sorted x axis, with gaps where a series has no point", () => {
  const { xs, ys } = alignSeries([[[10, 1], [30, 3]], [[20, 2], [30, 4]]]);
  assert.deepEqual(xs, [10, 20, 30]);
  assert.deepEqual(ys, [[1, null, 3], [null, 2, 4]]);
});

test("non-finite values become gaps when aligned", () => {
  const { ys } = alignSeries([[[1, NaN], [2, Infinity], [3, 5]]]);
  assert.deepEqual(ys, [[null, null, 5]]);
});

test("the moving average is debiased: a constant curve stays constant from the first point", () => {
  assert.deepEqual(emaSmooth([2, 2, 2], 0.9).map((v) => Number(v.toFixed(12))), [2, 2, 2]);
});

test("the moving average follows s = w·s + (1-w)·y, skipping gaps", () => {
  const w = 0.5;
  const out = emaSmooth([0, null, 4], w);
  // s1 = 0 -> 0 / (1 - 0.5) = 0; s2 = 0.5·0 + 0.5·4 = 2 -> 2 / (1 - 0.25) = 8/3
  assert.equal(out[0], 0);
  assert.equal(out[1], null);
  assert.ok(Math.abs(out[2] - 8 / 3) < 1e-12);
});

test("weight 0 leaves values unchanged; a weight near 1 smooths a noisy curve", () => {
  assert.deepEqual(emaSmooth([1, 5, 1], 0), [1, 5, 1]);
  const smoothed = emaSmooth([1, 5, 1, 5, 1, 5], 0.8);
  const spread = Math.max(...smoothed.slice(2)) - Math.min(...smoothed.slice(2));
  assert.ok(spread < 2, `spread ${spread}`);
});

test("on a log axis zero, negative and missing values are gaps, positive ones stay", () => {
  assert.deepEqual(positiveOrNull([0.5, 0, -1, null, 2e-9]), [0.5, null, null, null, 2e-9]);
  assert.equal(countFinite([1, null, NaN, 3]), 2);
});

test("packed series (float64 pairs after their names and counts) unpack to points, NaN y as a gap", () => {
  const values = new Float64Array([10, 0.5, 20, NaN, 5, 1.25]);
  // Received bytes can start at any offset of a larger buffer.
  const padded = new Uint8Array(3 + values.byteLength);
  padded.set(new Uint8Array(values.buffer), 3);
  const series = unpackSeries({
    series: [{ name: "run 1", color: 2, dashed: false, count: 2 }, { name: "<b>run 2</b>", color: null, dashed: true, faint: true, count: 1 }],
    points: padded.subarray(3),
  });
  assert.deepEqual(series, [
    { name: "run 1", color: 2, dashed: false, faint: false, data: [[10, 0.5], [20, null]] },
    { name: "<b>run 2</b>", color: null, dashed: true, faint: true, data: [[5, 1.25]] },
  ]);
});

test("a count larger than the points sent takes only the points there are; arrays pass through", () => {
  const series = unpackSeries({ series: [{ name: "a", count: 5 }], points: new Uint8Array(new Float64Array([1, 2]).buffer) });
  assert.deepEqual(series[0].data, [[1, 2]]);
  const plain = [{ name: "x", data: [[1, 2]] }];
  assert.equal(unpackSeries(plain), plain);
});
