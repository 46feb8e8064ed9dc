// Series names are run names a user typed; ApexCharts puts legend and tooltip strings in as HTML.
import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeHtml } from "../../wwwroot/js/charts.js";

test("escapeHtml turns markup into inert text", () => {
  assert.equal(escapeHtml(`<img src=x onerror="alert('x')">`), "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;");
  assert.equal(escapeHtml("a & b"), "a &amp; b");
  assert.equal(escapeHtml(null), "");
  assert.equal(escapeHtml(42), "42");
});
