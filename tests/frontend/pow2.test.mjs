// The log2 axis labels of wwwroot/js/charts/format.js (phase diagram's n_id axis).  Run: node --test tests/frontend/
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatPow2 } from "../../wwwroot/js/charts/format.js";

test("whole log2 values label as the count itself", () => {
  assert.deepEqual([3, 4, 9].map(formatPow2), ["8", "16", "512"]);
});

test("values between powers of two keep three significant digits", () => {
  assert.equal(formatPow2(Math.log2(20)), "20");
  assert.equal(formatPow2(3.5), "11.3");
});

test("tick labels grow digits until neighbouring ticks differ", async () => {
  const { formatTicks } = await import("../../wwwroot/js/charts/format.js");
  assert.deepEqual(formatTicks([0.0009998, 0.0009999, 0.001]), ["9.998e-4", "9.999e-4", "0.001"]);
  assert.deepEqual(formatTicks([0, 0.5, 1]), ["0", "0.5", "1"]);
  assert.deepEqual(formatTicks([0.1, 0.15, 0.2], true), ["10%", "15%", "20%"]);
});

test("round ticks inside a narrow range (a log axis within one decade)", async () => {
  const { niceTicks } = await import("../../wwwroot/js/charts/format.js");
  assert.deepEqual(niceTicks(1.85, 2.05, 5), [1.85, 1.9, 1.95, 2, 2.05]);
  assert.deepEqual(niceTicks(0.3, 2.9, 5), [0.5, 1, 1.5, 2, 2.5]);
});
