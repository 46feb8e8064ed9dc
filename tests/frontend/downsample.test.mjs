// Unit tests for the pure helpers of wwwroot/js/charts/series.js.  Run: node --test tests/frontend/
import { test } from "node:test";
import assert from "node:assert/strict";
import { downsampleMinMax, DEFAULT_MAX_POINTS } from "../../wwwroot/js/charts/series.js";

function noisySeries(n, seed = 42) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const points = new Array(n);
  for (let i = 0; i < n; i++) points[i] = [i, 1 + 0.1 * rand()];
  return points;
}

test("input under the limit is returned unchanged", () => {
  const points = noisySeries(1500);
  const out = downsampleMinMax(points, 2000);
  assert.equal(out, points);
  assert.deepEqual(out, noisySeries(1500));
  const exact = noisySeries(2000);
  assert.equal(downsampleMinMax(exact, 2000), exact);
  assert.deepEqual(downsampleMinMax([], 2000), []);
});

test("output length is at most maxPoints", () => {
  for (const [n, max] of [[2001, 2000], [100_000, 2000], [100_000, 2001], [10, 4], [10, 5], [7, 3], [50, 2]]) {
    const out = downsampleMinMax(noisySeries(n), max);
    assert.ok(out.length <= max, `n=${n} max=${max} -> ${out.length}`);
    assert.ok(out.length >= Math.min(max, 2), `n=${n} max=${max} -> ${out.length}`);
  }
  assert.ok(downsampleMinMax(noisySeries(100_000)).length <= DEFAULT_MAX_POINTS);
});

test("first and last points are kept", () => {
  const points = noisySeries(100_000);
  const out = downsampleMinMax(points, 2000);
  assert.equal(out[0], points[0]);
  assert.equal(out[out.length - 1], points[points.length - 1]);
});

test("a single deep dip in 100k points survives", () => {
  const points = noisySeries(100_000);
  points[54_321] = [54_321, -5];
  const out = downsampleMinMax(points, 2000);
  const dip = out.find((p) => p[1] === -5);
  assert.ok(dip, "dip missing");
  assert.equal(dip[0], 54_321);
  assert.equal(Math.min(...out.map((p) => p[1])), -5);
  // the overall maximum survives as well
  points[99] = [99, 1e6];
  assert.ok(downsampleMinMax(points, 2000).some((p) => p[1] === 1e6), "spike missing");
});

test("x order is preserved", () => {
  const points = noisySeries(100_000);
  points[10] = [10, -1];
  points[11] = [11, 9];
  points[12] = [12, -3];
  for (const max of [2000, 101, 4]) {
    const out = downsampleMinMax(points, max);
    for (let i = 1; i < out.length; i++) {
      assert.ok(out[i][0] > out[i - 1][0], `max=${max}: x not increasing at ${i}: ${out[i - 1][0]} then ${out[i][0]}`);
    }
  }
});

test("null / NaN y values do not break bucketing", () => {
  const points = noisySeries(10_000).map((p, i) => (i % 7 === 0 ? [p[0], null] : i % 11 === 0 ? [p[0], NaN] : p));
  points[5000] = [5000, -2];
  const out = downsampleMinMax(points, 200);
  assert.ok(out.length <= 200);
  assert.ok(out.some((p) => p[1] === -2));
});
