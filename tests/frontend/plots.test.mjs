// Unit tests for the canvas-plot helpers of wwwroot/js/charts/canvas-plots.js.  Run: node --test tests/frontend/
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  sequentialColor, divergingColor, cyclicColor, valueRange, heatmapLayout, cellAt, nearestPoint, fillTemplate, tickStep,
} from "../../wwwroot/js/charts/canvas-plots.js";

test("the sequential scale runs from near-white to deep blue and clamps outside [0, 1]", () => {
  assert.equal(sequentialColor(0), "rgb(247,251,255)");
  assert.equal(sequentialColor(1), "rgb(8,48,107)");
  assert.equal(sequentialColor(-3), sequentialColor(0));
  assert.equal(sequentialColor(9), sequentialColor(1));
  assert.equal(sequentialColor(NaN), sequentialColor(0));
});

test("the diverging scale is white at 0, blue below, red above", () => {
  assert.equal(divergingColor(0), "rgb(247,247,247)");
  assert.equal(divergingColor(-1), "rgb(33,102,172)");
  assert.equal(divergingColor(1), "rgb(178,24,43)");
});

test("cyclic colours repeat with the period, as residues mod p do", () => {
  assert.equal(cyclicColor(3, 29), cyclicColor(32, 29));
  assert.equal(cyclicColor(-1, 29), cyclicColor(28, 29));
  assert.notEqual(cyclicColor(0, 29), cyclicColor(14, 29));
});

test("valueRange ignores non-finite cells and defaults to [0, 1]", () => {
  assert.deepEqual(valueRange([[1, NaN, 5], [null, -2, Infinity]]), [-2, 5]);
  assert.deepEqual(valueRange([]), [0, 1]);
});

test("cellAt maps canvas pixels to matrix cells and rejects the margins", () => {
  const layout = heatmapLayout(29, 29, 34 + 48 + 29 * 10, { left: 34, right: 48, top: 22, bottom: 30 });
  assert.equal(layout.cell, 10);
  assert.deepEqual(cellAt(layout, 34, 22), [0, 0]);
  assert.deepEqual(cellAt(layout, 34 + 10 * 28 + 9, 22 + 10 * 5 + 1), [5, 28]);
  assert.equal(cellAt(layout, 33, 30), null);
  assert.equal(cellAt(layout, 34 + 290, 30), null);
  assert.equal(cellAt(layout, 40, 22 + 290), null);
  assert.equal(layout.height, 22 + 30 + 290);
});

test("nearestPoint finds the closest point within reach, or -1", () => {
  const pixels = [[0, 0], [10, 10], [13, 10]];
  assert.equal(nearestPoint(pixels, 11, 10), 1);
  assert.equal(nearestPoint(pixels, 12.6, 10), 2);
  assert.equal(nearestPoint(pixels, 100, 100), -1);
});

test("tooltips fill known placeholders and leave unknown ones", () => {
  assert.equal(fillTemplate("query {row} → key {col}: {v} {w}", { row: "y2=4", col: "x1=3", v: "0.25" }), "query y2=4 → key x1=3: 0.25 {w}");
});

test("tick labels are thinned so they never overlap", () => {
  assert.equal(tickStep(12, 20), 1);
  assert.equal(tickStep(12, 3), 4);
  assert.equal(tickStep(30, 2.5), 12);
});
