// The planner's calendar text (content/assets/ics.mjs), fed any text: what a centre's name, a step's words or a
// translation could hold. Whatever goes in comes back exactly from the file a calendar reads, in lines of at most
// 75 octets, and can never start a line of its own ("END:VEVENT", "BEGIN:VALARM"). Seeded, so every run is the same.
import assert from "node:assert/strict";
import {test} from "node:test";

import {fold, icsText} from "../../content/assets/ics.mjs";

const PIECES = ["\\", ";", ",", ":", "\n", "\r\n", "\r", "\\n", " ", "END:VEVENT", "BEGIN:VALARM", "a", "Z", "é",
  "e\u0301", "ñ", "中", "𝔘", "👩🏽‍⚕️", "\u2028", "\u05e2\u05d1", "\"", "<script>", "\t", "(800) 327-5050"];

function random(seed) {
  let state = seed >>> 0;
  return function () { state = (state * 1664525 + 1013904223) >>> 0; return state / 2 ** 32; };
}

function unescape(value) {
  return value.replace(/\\([\\;,nN])/g, function (_, c) { return c === "n" || c === "N" ? "\n" : c; });
}

test("any text survives escaping and folding, in short lines that start nothing of their own", function () {
  const next = random(20261202);
  const encoder = new TextEncoder();
  for (let run = 0; run < 2000; run++) {
    const length = Math.floor(next() * 60);
    let text = "";
    for (let i = 0; i < length; i++) { text += PIECES[Math.floor(next() * PIECES.length)]; }
    const line = "DESCRIPTION:" + icsText(text);
    const folded = fold(line);
    const physical = folded.split("\r\n");
    for (const part of physical) {
      assert.ok(encoder.encode(part).length <= 75, JSON.stringify(part));
      assert.ok(!/[\r\n]/.test(part), "a bare line break inside a line: " + JSON.stringify(part));
    }
    assert.ok(physical.slice(1).every((part) => part.startsWith(" ")), "every continuation starts with a space");
    const unfolded = folded.replace(/\r\n /g, "");
    assert.equal(unfolded, line);
    assert.equal(unescape(unfolded.slice("DESCRIPTION:".length)), text.replace(/\r\n|\r/g, "\n"));
  }
});
