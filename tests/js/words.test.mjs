// The search vocabulary's matcher (content/assets/words.mjs) on the real vocabulary (data/words.yaml, as the
// build publishes it at /api/v1/words.json), beside the place matcher it runs before. Run: node --test tests/js/
// (PYTHON names the project's Python, which prints the vocabulary; default .venv/bin/python, then python3).
import assert from "node:assert/strict";
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {dirname, join} from "node:path";
import {test} from "node:test";
import {fileURLToPath} from "node:url";

import {resolve, suggest} from "../../content/assets/places.mjs";
import {match} from "../../content/assets/words.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYTHON = process.env.PYTHON || [join(ROOT, ".venv", "bin", "python")].find(existsSync) || "python3";
const WORDS = JSON.parse(execFileSync(PYTHON, ["-c",
  "import json; from generator.model.site import load_site; from generator.settings import Settings; " +
  "from generator.outputs.words_index import words_index; print(json.dumps(words_index(load_site(Settings()))))"],
{cwd: ROOT, encoding: "utf-8"}));

const answer = (text) => { const found = match(WORDS, text); return found && found.entry.id; };

// What a visitor types → the entry whose card comes first, in English, Spanish and Portuguese, with misspellings.
const EXPECTED = {
  naloxone: ["naloxone", "Narcan", "narcan", "NARCAN", "Narcn", "narcann", "naloxon", "overdose", "Overdoes",
    "naloxona", "Naloxona", "sobredosis", "sobredose", "narcan near me", "where to get narcan"],
  treatment: ["detox", "Detox", "detx", "withdrawal", "withdrawl", "rehab", "treatment", "tratamiento",
    "desintoxicación", "desintoxicacion", "desintoxicação", "reabilitação", "tratamento", "rehabilitación"],
  meetings: ["AA", "aa", "NA", "SMART", "SMART Recovery", "AA meeting", "meeting", "meetings", "meetng",
    "reunión", "reunion", "reunião", "reuniao", "alcohólicos anónimos", "alcoólicos anônimos"],
  "sober-homes": ["sober house", "Sober House", "sober living", "sober hose", "casa sobria", "moradia sóbria"],
  crisis: ["crisis", "suicide", "suicid", "988", "crise", "suicidio", "suicídio"],
  interpreter: ["interpreter", "interpeter", "intérprete", "interprete", "tradutor", "idioma"],
  vietnamese: ["Vietnamese", "vietnamese", "Tiếng Việt", "tieng viet", "vietnamita", "vietnamse"],
  "haitian-creole": ["Haitian Creole", "haitian creole", "Kreyòl ayisyen", "Kreyòl", "kreyol", "creole", "crioulo haitiano"],
  chinese: ["Chinese", "中文", "简体中文", "繁體中文", "chino", "chinês"],
  khmer: ["Khmer", "ភាសាខ្មែរ", "cambodian"],
  russian: ["Russian", "Русский", "русский", "ruso", "russo"],
  arabic: ["Arabic", "العربية", "árabe", "arabe"],
  korean: ["Korean", "한국어", "coreano"],
  french: ["French", "Français", "francais", "francés", "francês"],
  "cape-verdean-creole": ["Cape Verdean Creole", "Kriolu", "kriolu", "crioulo cabo-verdiano"],
  portuguese: ["Portuguese", "português", "portugues", "portugués"],
  spanish: ["Spanish", "español", "espanol", "espanhol"],
};

for (const [id, typed] of Object.entries(EXPECTED)) {
  test(`words: ${id} ← ${typed.join(", ")}`, () => {
    for (const text of typed) { assert.equal(answer(text), id, `"${text}"`); }
  });
}

test("words: every entry of the vocabulary is tested here", () => {
  assert.deepEqual(WORDS.words.map((w) => w.id).sort(), Object.keys(EXPECTED).sort());
});

test("words: every word of the vocabulary leads to its own entry", () => {
  for (const entry of WORDS.words) {
    for (const word of entry.words) {
      const found = match(WORDS, word).entry;
      assert.ok(found.answer === entry.answer, `"${word}" gives ${found.id}, not ${entry.id}`);
    }
  }
});

test("words: towns, villages, ZIPs and nonsense are not words", () => {
  for (const text of ["Pittsfield", "Lenox", "Boston", "Hyannis", "Worcester", "Worchester", "01201", "Nantucket",
    "Natick", "Athol", "Salem", "Ware", "Lee", "Avon", "Dracut", "xyzzy", ""]) {
    assert.equal(match(WORDS, text), null, `"${text}"`);
  }
});

// The place matcher, beside it: "detox" comes close to Lenox there, which is why find.js and search-places.js
// ask the vocabulary first; a town stays a town.
const town = (name, slug) => ({name, slug, lat: 42.3, lon: -73.2, region: "western", prsc: "", rlc: "", zone: "main"});
const INDEX = {towns: [town("Lenox", "lenox"), town("Pittsfield", "pittsfield")], villages: [], zips: [], centers: [], coaches: []};

test("words: detox is a word and never a town; Pittsfield is a town and not a word", () => {
  assert.equal(answer("detox"), "treatment");
  assert.equal(match(WORDS, "Lenox"), null);
  assert.equal(match(WORDS, "Pittsfield"), null);
  assert.equal(resolve(INDEX, "Pittsfield").town.slug, "pittsfield");
  assert.equal(resolve(INDEX, "detox"), null);
});
