// Pure functions of content/assets/places.js, run in Node (`node --test tests/js/`, part of `make check`).
// places.js is a classic browser script today: it is run here in a sandbox whose `window` it fills.
// When it becomes an ES module, replace loadPlaces() with an import of the same functions.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

function loadPlaces() {
  const source = readFileSync(new URL("../../content/assets/places.js", import.meta.url), "utf8");
  const sandbox = { window: {} };
  vm.runInNewContext(source, sandbox, { filename: "places.js" });
  return sandbox.window.PRN_PLACES;
}

const { editDistance, soundKey, norm, miles } = loadPlaces();

test("a swapped pair of letters is one edit, as a visitor mistypes a town", () => {
  assert.equal(editDistance("pittsfeild", "pittsfield"), 1);
  assert.equal(editDistance("worcester", "worcester"), 0);
  assert.equal(editDistance("", "lynn"), 4);
  assert.equal(editDistance("boston", "bostn"), 1);
  assert.equal(editDistance("salem", "lowell"), 5);
});

test("names that sound alike share a key", () => {
  assert.equal(soundKey("worchester"), soundKey("worcester"));
  assert.equal(soundKey("worcester"), "W622"); // places.js's comment says W623: the sum is W-6-2-2
  assert.equal(soundKey("new bedford"), soundKey("newbedford"));
  assert.equal(soundKey("lee"), "L000");
  assert.equal(soundKey("123"), "");
});

test("typed text is compared trimmed, lower-case, with single spaces", () => {
  assert.equal(norm("  North   Adams "), "north adams");
  assert.equal(norm(undefined), "");
});

test("a distance is zero to itself and the same both ways", () => {
  assert.equal(miles(42.45, -73.25, 42.45, -73.25), 0);
  const there = miles(42.4501, -73.2454, 42.2626, -71.8023); // Pittsfield to Worcester
  assert.ok(there > 70 && there < 80, `${there}`);
  assert.equal(there, miles(42.2626, -71.8023, 42.4501, -73.2454));
});
