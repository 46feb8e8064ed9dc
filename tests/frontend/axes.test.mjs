// Axis spacing and the fitted accuracy range of wwwroot/js/charts/format.js.  Run: node --test tests/frontend/
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatStep, labelSpace, percentRange } from "../../wwwroot/js/charts/format.js";

test("x ticks are spaced wider than their longest label", () => {
  // "2,000,000" is 9 characters: at least 9 × 7 px plus a gap, more than uPlot's default 50 px.
  assert.equal(labelSpace(formatStep, 0, 2_000_000), 7 * 9 + 20);
  assert.equal(labelSpace(formatStep, 0, 300), 50);
});

test("a fitted accuracy axis keeps a little room but never passes 0% or 100%", () => {
  assert.deepEqual(percentRange(0, 1), [0, 1]);
  const [lo, hi] = percentRange(0.4, 0.6);
  assert.ok(lo < 0.4 && lo > 0.35 && hi > 0.6 && hi < 0.65, `${lo}..${hi}`);
  assert.deepEqual(percentRange(NaN, 1), [0, 1]);
});
