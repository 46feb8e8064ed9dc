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
