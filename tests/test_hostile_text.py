"""Hostile text through the validator and every output (issue 22): any value a maintainer or a form can put in a
text or web-address field of a centre, a coach, a track, a help line, a search word or a retired listing is either
refused by the validator at that field, or published exactly as written, escaped for each place it goes.

Hypothesis draws one to four fields and a value for each: markup (`</script>`, `"><img onerror>`, `<!--`), template
syntax (`{{ }}`, `{% %}`), `javascript:`/`data:` addresses, line and paragraph separators, bidi overrides, NUL and
control characters, combining marks, emoji, look-alike letters and digits, very long strings, and any Unicode. The
validated data goes through `load_site` and the outputs layer's own functions in the three languages, the way
app/build.py calls them but without MkDocs (the page shell is a small stand-in with the same tokens; the real shell
is exercised by tests/test_stamp_safety.py, which builds the nastiest fixed values with MkDocs): the stamped profile,
track, town and retired pages, the list, freshness, maintainers and help pages MkDocs would wrap, the help banner and
drawer, the offline page, the map page, redirects, every /api/v1/ export (find.json, words.json, ids.json, HSDS…),
the search index and sitemap entries, the service worker's precache manifest and the call sheet (CSV and HTML).

Each output is compared with the same output of plain data: no element or attribute kind it lacked, no event-handler
attribute, no inline script it did not have (the map page's data scripts keep their number), no `javascript:`,
`vbscript:` or `data:` link, JSON-LD without `</script` or `<!--`, and every JSON, XML and CSV file parses. An
accepted value comes back exactly (HTML text or attribute parsed with html.parser, JSON and CSV decoded) on its
record's page in every language and in its registry's export. The seed is fixed (`derandomize`) and nothing is
stored (`database=None`, no shrinking): every run checks the same EXAMPLES examples, about a third of them accepted,
in about 15 s of CPU for the whole file (the plain outputs included).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import textwrap
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from generator.model.site import load_site
from generator.outputs import callsheet, offline
from generator.outputs.csp import with_policy
from generator.outputs.exports import english_files, language_files
from generator.outputs.render import help_banner, help_drawer, pages
from generator.outputs.stamp import checked_shell, index_files, stamped
from generator.outputs.translations import translator
from generator.registry.fields import Field, Kind, ListOf, Obj, Pattern, Text, Url, mixed_scripts, phone_like
from generator.registry.load import _INVISIBLE
from generator.registry.problems import DataError, format_path
from generator.registry.schema import REGISTRY, SUPPORTABLE
from generator.settings import Settings
from tests.conftest import MINIMAL, SITE_URL, TODAY, Registry

EXAMPLES = 30
PHASES = (Phase.explicit, Phase.generate)

# --- the data: MINIMAL with every free-text field filled, so plain data shows every kind of element -------------

PLAIN = "Plain words"
EXTRA = {
    "centers": {"former_ids": ["lir-old-name"], "host": PLAIN, "funder": PLAIN, "website": "https://example.org/lir",
                "hours": PLAIN, "services": [PLAIN], "eligibility": PLAIN, "virtual": PLAIN, "notes": PLAIN,
                "conflicts": PLAIN},
    "coaches": {"summary": PLAIN, "employer": PLAIN, "website": "https://example.org/rosa",
                "source": ["https://example.org/rosa-source"]},
    "help_lines": {"short_name": PLAIN, "options": PLAIN, "chat": "https://example.org/chat"},
    "retired": {"id": "old-centre-pittsfield", "registry": "centers", "name": PLAIN, "town": "Pittsfield",
                "retired_on": "2026-06-01", "reason": PLAIN, "source": ["https://example.org/closed"]},
}
FILES = {"centers": "centers.yaml", "coaches": "coaches.yaml", "tracks": "tracks.yaml", "help_lines": "help.yaml",
         "words": "words.yaml", "retired": "retired.yaml"}


def base_data() -> dict[str, dict]:
    """The registries as YAML data, by key: the first record of each is the one the examples change."""
    data = {key: yaml.safe_load(textwrap.dedent(MINIMAL[name])) for key, name in FILES.items()}
    data["retired"] = {"retired": [EXTRA["retired"]]}
    for key in ("centers", "coaches", "help_lines"):
        data[key][key][0].update(copy.deepcopy(EXTRA[key]))
    data["centers"]["centers"][0]["sources"][0]["supports"] = list(SUPPORTABLE[:0]) + [
        "name", "host", "funder", "street", "town", "phone", "website", "hours", "services", "eligibility", "virtual"]
    data["centers"]["centers"][0]["address"]["place"] = PLAIN
    return data


@dataclass(frozen=True, repr=False)
class Target:
    """A field the examples may set: its registry, its path in the first record, and its declaration."""

    key: str
    path: tuple
    field: Field
    kind: Kind  # the field's, or its items' for a list

    @property
    def where(self) -> str:
        """The path the validator names, e.g. 'centers[0].sources[0].title'."""
        return format_path((self.key, 0) + (self.path[:-1] if self.path[-1] == 0 else self.path))

    @property
    def url(self) -> bool:
        return isinstance(self.kind, Url)

    def __repr__(self) -> str:
        return self.where


def _fields(kind, path: tuple = (), field: Field | None = None) -> list[tuple[tuple, Field, Kind]]:
    """Every free-text and web-address field below a declaration, with the Field that declares it."""
    if isinstance(kind, Obj):
        return [found for name, spec in kind.fields.items() for found in _fields(spec.kind, path + (name,), spec)]
    if isinstance(kind, ListOf):
        return _fields(kind.item, path + (0,), field)
    if field and (isinstance(kind, Url) or (isinstance(kind, Text) and not isinstance(kind, Pattern))):
        return [(path, field, kind)]
    return []


def _present(record: dict, path: tuple) -> bool:
    node: object = record
    for step in path:
        if isinstance(step, int):
            if not (isinstance(node, list) and node):
                return False
            node = node[0]
        elif isinstance(node, dict) and step in node:
            node = node[step]
        else:
            return False
    return True


def _put(record: dict, path: tuple, value: str) -> None:
    *parents, last = path
    node: object = record
    for step in parents:
        node = node[0] if isinstance(step, int) else node[step]  # type: ignore[index]
    node[0 if isinstance(last, int) else last] = value  # type: ignore[index]


BASE = base_data()
TARGETS = [Target(key, path, field, kind) for key in FILES for path, field, kind in _fields(REGISTRY[key].record)
           if _present(BASE[key][key][0], path)]


def plain_value(number: int, target: Target) -> str:
    """A value of its own for each field, so that the plain outputs show where each field goes."""
    code = chr(97 + number // 26) + chr(97 + number % 26)
    return f"https://example.org/{code}" if target.url else f"Plain {code}"


for _number, _target in enumerate(TARGETS):
    _put(BASE[_target.key][_target.key][0], _target.path, plain_value(_number, _target))


def _get(record: object, path: tuple) -> object:
    """The typed record's value at a data path (a search word's lists are one list, `words`)."""
    for step in path:
        if isinstance(step, int):
            record = record[0]  # type: ignore[index]
        else:
            record = getattr(record, "words" if step in ("en", "es", "pt") else step)
    return record


# --- the hostile values ---------------------------------------------------------------------------------------

PIECES = ["<script>alert(1)</script>", "</script>", "</SCRIPT >", '"><img src=x onerror=alert(1)>', "' onmouseover='x",
          '"', "'", "`", "&amp;", "&", "&#x3C;", "<", ">", "<!--", "-->", "]]>", "<![CDATA[", "</title>",
          "</textarea>", "<svg/onload=alert(1)>", "javascript:alert(1)", "data:text/html,x", "{{ 7*7 }}", "{{",
          "}}", "{% raw %}", "{%", "{#", "${x}", "PRN-SHELL-TITLE", "PRN-SHELL-JSONLD", "<h1>PRN-SHELL-CONTENT</h1>",
          "_shell/page/", "prn-help-languages:/", "\\", "|", "@org/maintainers", "#12", "[x](javascript:alert(1))",
          "**b**", ": ", "- ", "# ", "%s", "%(name)s", "\n", "\n\n", "\r", "\t", "\u00a0", "\u2028", "\u2029",
          "\u200b", "\u200f", "\u202e", "\u2066", "\u00ad", "\U000e0041", "\ufeff", "\x00", "\x07", "\x1b", "\x85",
          "e\u0301", "\u0301", "Nu\u0303n\u0303ez", "N\u00fa\u00f1ez", "\U0001f469\U0001f3fd\u200d\u2695\ufe0f",
          "\U0001f600", "\ufe0f", "R\u0435\u0441\u043every", "m\u0430ss", "\u0420\u043e\u0441\u0441\u0438\u044f",
          "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u4e2d\u6587",
          "(413) 570-8244", "\u0664\u0661\u0663\u0665\u0667\u0660\u0668\u0662\u0664\u0664", "\uff14\uff11\uff13",
          "\U0001d7d9\U0001d7da\U0001d7db", "1-900-555-0175", "(800) 327-5050", "2019", "9am-5pm", "Recovery", " "]
LONG = ["Recovery " * 34, "x" * 301, "\u4e2d" * 1001]
URLS = ["javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x", "/relative",
        'https://example.org/"><script>alert(1)</script>', "https://example.org/?q=<b>&x='1'#{{x}}",
        "https://example.org/a b", "https://example.org/%22%3E%3Cscript%3E", "https://www.mass.gov@evil.example/",
        "https://[::1/x", "https://m\u0430ss.gov/", "https://example.org/\u202e", "https://example.org/\\..\\x",
        "http://example.org/\njavascript:x", "https://example.org/PRN-SHELL-TITLE", "https://example.org/</script>"]

pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
any_unicode = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30)
# Letters, digits, marks, punctuation, symbols and spaces of any script: text the validator mostly lets through.
visible = st.text(st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=30)
markup = st.lists(st.sampled_from([piece for piece in PIECES if piece.isprintable() and piece.strip()]),
                  min_size=1, max_size=6).map(" ".join)
text_values = st.one_of(markup, visible, st.lists(st.one_of(markup, visible), min_size=2, max_size=3).map(" ".join),
                        pieces, any_unicode, st.sampled_from(LONG))
url_values = st.one_of(st.sampled_from(URLS), st.builds(lambda tail: "https://example.org/" + tail, pieces))
def values_for(target: Target):
    return url_values if target.url else text_values


changes = st.lists(st.sampled_from(TARGETS).flatmap(lambda target: st.tuples(st.just(target), values_for(target))),
    min_size=1, max_size=3, unique_by=lambda change: change[0])

# The nastiest values the validator accepts in every field (40 characters at most: a help line's short name), and
# a web address; tests/test_stamp_safety.py builds them with MkDocs.
NASTY = ["<h1>x</h1> <base href=//evil.example/>", "</script><script>alert(1)</script>",
         '"\'><img src=x onerror=alert(1)> &amp; &', "{{ 7*7 }} {% raw %} <!-- --> ]]> {#",
         "\u05e2\u05d1\u05e8\u05d9\u05ea \U0001f44b\U0001f3fd\U0001f600 N\u00fa\u00f1ez",
         "<svg/onload=alert(1)> ${x} `x`"]
NASTY_URL = "https://example.org/x?a=1&b=%22%3E%3Cscript%3E#</script>"


def nasty_data() -> tuple[dict[str, dict], list[tuple[Target, str]]]:
    """The plain data with every field holding one of the nasty values (in turn), and those changes."""
    changed = [(target, NASTY_URL if target.url else NASTY[n % len(NASTY)]) for n, target in enumerate(TARGETS)]
    data = copy.deepcopy(BASE)
    for target, value in changed:
        _put(data[target.key][target.key][0], target.path, value)
    return data, changed


# --- reading the outputs back ------------------------------------------------------------------------------------

SCHEMES = re.compile(r"^(?:javascript|vbscript|data):", re.I)
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data")


class Parsed(HTMLParser):
    """A page as a browser reads its structure: element kinds, scripts, links, text and attribute values."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.kinds: set[tuple[str, tuple[str, ...]]] = set()
        self.scripts: list[str] = []  # executable inline scripts
        self.script_count = 0
        self.jsonld: list[str] = []
        self.links: list[str] = []
        self.handlers: list[str] = []
        self.strings: list[str] = []  # text runs and attribute values
        self._script: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        names = tuple(sorted(name for name, _ in attrs))
        self.kinds.add((tag, names))
        values = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name in names if name.startswith("on")]
        self.links += [value for name, value in attrs if name in URL_ATTRS and value]
        self.strings += [value for _, value in attrs if value]
        if tag == "script":
            self.script_count += 1
            kind = values.get("type") or ""
            self._script = "ld" if kind == "application/ld+json" else "data" if "json" in kind else \
                None if values.get("src") else "code"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._script = None

    def handle_data(self, data):
        if self._script == "ld":
            self.jsonld.append(data)
        elif self._script == "code":
            self.scripts.append(data)
        self.strings.append(data)

    def handle_endtag(self, tag):
        self._script = None


def _json_strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *_json_strings(item)]]
    if isinstance(value, list):
        return [s for item in value for s in _json_strings(item)]
    return [value] if isinstance(value, str) else []


def read(made: dict[str, str]) -> dict[str, tuple[list[str], Parsed | None]]:
    """Each output's strings, and an HTML output's structure, checking that every output parses."""
    readings: dict[str, tuple[list[str], Parsed | None]] = {}
    for rel, text in made.items():
        if rel.endswith("search_index.json"):  # the theme shows its titles and texts as HTML: read as a page
            docs = json.loads(text)["docs"]
            text = "".join(f"<p>{entry}</p>" for doc in docs for entry in (doc["title"], doc["text"]))
        page = Parsed(text) if rel.endswith((".html", "search_index.json")) else None
        readings[rel] = (page.strings, page) if page else (strings_of(rel, text), None)
    return readings


def strings_of(rel: str, content: str) -> list[str]:
    """The strings an output gives back to its reader, after checking that it parses."""
    if rel.endswith((".json", ".webmanifest")):
        return _json_strings(json.loads(content))
    if rel.endswith((".xml", ".svg")):
        ET.fromstring(content.encode("utf-8"))
        return []
    if rel.endswith(".csv"):
        return [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    if rel.endswith("sw.js"):
        manifest = re.search(r"^var PRECACHE = (.*);$", content, re.M)
        assert manifest, f"{rel}: no precache manifest"
        return _json_strings(json.loads(manifest.group(1)))
    if rel.endswith(".html"):
        return Parsed(content).strings
    return []


# --- making the outputs ------------------------------------------------------------------------------------------

# A stand-in for the page shell MkDocs makes (generator/outputs/stamp.py), with the same tokens and an inline script.
SHELL = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>PRN-SHELL-TITLE - Peer Recovery Navigator</title>
<meta name="description" content="PRN-SHELL-DESCRIPTION"><link rel="canonical" href="{url}_shell/page/">
<script>document.documentElement.classList.replace("no-js", "js")</script>
<script type="application/ld+json">PRN-SHELL-JSONLD</script></head>
<body>{banner}<main><article><h1>PRN-SHELL-CONTENT</h1></article></main>{drawer}</body></html>
"""
SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           "</urlset>")
TRANSLATORS = [translator(code, Settings().translations_dir) for code in Settings().languages]


def _kept_page(path: str) -> bool:
    """The generated pages data can reach (the 351 town pages differ only by town: one stands for them)."""
    return not ((path.startswith("towns/") and path != "towns/pittsfield.md")
                or (path.startswith("help/") and path != "help/index.md"))


def outputs(site) -> dict[str, str]:
    """Every output of the site that its data reaches, by path in the built site."""
    out: dict[str, str] = {}
    for tr in TRANSLATORS:
        prefix, url = tr.language.prefix, SITE_URL + tr.language.prefix
        generated = [page for page in pages(site, tr) if _kept_page(page.path)]
        banner, drawer = help_banner(site, tr), help_drawer(site, tr)
        shell = checked_shell(with_policy(SHELL.format(lang=tr.code, url=url, banner=banner, drawer=drawer)))
        out |= {prefix + page.url + "index.html": stamped(shell, page) if page.stamped else page.body()
                for page in generated}
        offline_page = offline.page_markdown(site, tr)
        out[prefix + "offline/index.html"] = offline_page.split("-->\n", 1)[1]
        files = english_files(site) if tr.language.english else language_files(site, tr)
        out |= {prefix + rel: text for rel, text in files.items()}
        indexes = index_files(generated, '{"docs": []}', SITEMAP, url, TODAY)
        out |= {prefix + rel: text for rel, text in indexes.items() if isinstance(text, str)}
    sheet = callsheet.rows(site)
    out |= {"callsheet.csv": callsheet.as_csv(sheet), "callsheet.html": callsheet.as_html(sheet, "Call sheet")}
    for tr in TRANSLATORS:
        made = offline.language_files("Peer Recovery Navigator", tr, list(out),
                                      offline.Reader(lambda rel: out[rel].encode("utf-8")))
        out[tr.language.prefix + "sw.js"] = made[tr.language.prefix + "sw.js"].decode("utf-8")
    return out


class Sites:
    """Writes data into one folder and reads it back as a Site, the way every command does (load_site)."""

    def __init__(self, folder: Path):
        self.registry = Registry(folder / "data")
        self.settings = Settings(data_dir=self.registry.dir, site_dir=folder / "site", today=TODAY,
                                 site_url=SITE_URL, examples=True)

    def load(self, data: dict[str, dict]):
        for key, name in FILES.items():
            self.registry.write(name, yaml.safe_dump(data[key], allow_unicode=True, sort_keys=False))
        return load_site(self.settings)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Sites:
    return Sites(tmp_path_factory.mktemp("hostile"))


class Outputs(dict):
    """Outputs by path, shown by their number (Hypothesis prints its arguments)."""

    readings: dict[str, tuple[list[str], Parsed | None]]
    shown: dict[Target, list[str]]  # the outputs where each field's plain value comes back

    def __repr__(self) -> str:
        return f"<{len(self)} outputs>"


def plain_outputs(made: dict[str, str]) -> Outputs:
    """The outputs of the plain data, read: what hostile data may not add to, and where each field is shown."""
    plain = Outputs(made)
    plain.readings = read(plain)
    plain.shown = {target: shown_in(plain.readings, plain_value(n, target)) for n, target in enumerate(TARGETS)}
    return plain


@pytest.fixture(scope="module")
def plain(sites) -> Outputs:
    return plain_outputs(outputs(sites.load(BASE)))


# --- the property ------------------------------------------------------------------------------------------------

def structure_problems(rel: str, page: Parsed, plain_page: Parsed) -> list[str]:
    """What hostile data added to an HTML output that plain data does not have."""
    found = [f"new element {kind}" for kind in sorted(page.kinds - plain_page.kinds)]
    found += [f"event handler {handler}" for handler in page.handlers]
    found += [f"link {link!r}" for link in page.links if SCHEMES.match(re.sub(r"[\x00-\x20]", "", link))
              and link not in plain_page.links]
    if page.script_count != plain_page.script_count:
        found.append(f"{page.script_count} scripts, not {plain_page.script_count}")
    if not rel.endswith("map/index.html"):  # the map's data is inside its scripts, escaped by folium's tojson
        found += [f"new inline script {script[:60]!r}" for script in page.scripts if script not in plain_page.scripts]
    for block in page.jsonld:
        if re.search(r"</script|<!--", block, re.I):
            found.append(f"JSON-LD that can end its element: {block[:80]!r}")
        json.loads(block)
    return found


def located(err: DataError, changed: list[tuple[Target, str]]) -> list[str]:
    """The problems not at one of the changed fields of their file, or at the record that holds it (a rule of the
    whole record); a problem without a path, such as an invisible character, is located by line and column."""
    places = {(FILES[target.key], target.where) for target, _ in changed}
    return [str(p) for p in err.problems if p.line < 1 or not any(
        Path(p.file).name == file and (not p.path or p.path.startswith(where) or where.startswith(p.path))
        for file, where in places)]


def kept_as_text(target: Target, kept: str) -> list[str]:
    """What an accepted value should not be (the validator's own guarantees for text)."""
    if target.url:
        return []
    wrong = []
    if not unicodedata.is_normalized("NFC", kept):
        wrong.append("not NFC")
    if _INVISIBLE.search(kept):
        wrong.append("has an invisible character")
    if mixed_scripts(kept):
        wrong.append("mixes alphabets in a word")
    assert isinstance(target.kind, Text)
    if not target.kind.numbers and [n for n in phone_like(kept) if n != "(800) 327-5050"]:
        wrong.append("quotes a phone number")
    return wrong


def shows(strings: list[str], value: str) -> bool:
    """Whether a value comes back whole in one of an output's strings (each paragraph of a multi-paragraph text)."""
    parts = [part.strip() for part in value.split("\n\n") if part.strip()]
    return all(any(part in s for s in strings) for part in parts)


def shown_in(readings: dict[str, tuple[list[str], Parsed | None]], value: str) -> list[str]:
    """The outputs that give the value back."""
    return [rel for rel, (strings, _) in readings.items() if shows(strings, value)]


def _count(what: str) -> None:
    """Counted in Hypothesis's statistics (pytest --hypothesis-show-statistics) when run by it."""
    if currently_in_test_context():
        event(what)


def check(sites: Sites, plain: Outputs, changed: list[tuple[Target, str]]) -> bool:
    """Whether the changed data was accepted; assert that it was refused where it should be, or shown safely."""
    data = copy.deepcopy(BASE)
    for target, value in changed:
        _put(data[target.key][target.key][0], target.path, value)
    try:
        site = sites.load(data)
    except DataError as err:
        _count("refused by the validator")
        wrong = located(err, changed)
        assert not wrong, f"refused, but not at the changed fields {[t.where for t, _ in changed]}: {wrong[:3]}"
        return False
    _count("accepted")
    failures = output_problems(site, read(outputs(site)), plain, changed)
    assert not failures, "\n".join(failures[:12])
    return True


def output_problems(site, readings: dict, plain: Outputs, changed: list[tuple[Target, str]]) -> list[str]:
    """What is wrong with the outputs of accepted data, against those of the plain data."""
    records = {"centers": site.centers, "coaches": site.coaches, "tracks": site.tracks, "help_lines": site.help_lines,
               "words": site.words, "retired": site.retired}
    failures = []
    for rel, (_, page) in readings.items():
        if page:
            before = plain.readings[rel][1] or page
            failures += [f"{rel}: {problem}" for problem in structure_problems(rel, page, before)]
    for target, value in changed:
        kept = _get(records[target.key][0], target.path)
        assert isinstance(kept, str)
        if kept != value.strip():
            failures.append(f"{target.where}: {value!r} kept as {kept!r}")
        failures += [f"{target.where}: {kept!r} {why}" for why in kept_as_text(target, kept)]
        failures += [f"{target.where}: {kept!r} not given back exactly in {rel}"
                     for rel in plain.shown[target] if not shows(readings[rel][0], kept)]
    return failures


# No shrinking: a failure reports the example as drawn, in seconds rather than minutes. The whole suite's (about
# 30 s); the fast loop keeps the nastiest accepted text in every field at once, below.
@pytest.mark.slow
@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changed=changes)
@example(changed=[(target, "javascript:alert(1)" if target.url else "</script><script>alert(1)</script>")
                  for target in TARGETS[:1]])
def test_any_text_in_any_field_is_refused_there_or_comes_back_exactly_without_changing_any_output(
        sites, plain, changed):
    check(sites, plain, changed)


def test_the_nastiest_text_the_validator_accepts_in_every_field_at_once_comes_back_exactly_everywhere(
        sites, plain):
    assert check(sites, plain, nasty_data()[1])


@pytest.mark.parametrize("where", ["help_lines[0].name", "help_lines[0].chat", "centers[0].name"])
def test_text_naming_a_shell_token_is_refused_where_it_is_written(sites, plain, where):
    """The help banner is data inside the page shell, whose tokens stamping fills on every page: a help line
    naming one would show as each page's title or address, so no field may hold one."""
    target = next(target for target in TARGETS if target.where == where)
    value = "https://example.org/_shell/page/" if target.url else "Call PRN-SHELL-TITLE now"
    assert not check(sites, plain, [(target, value)])
    data = copy.deepcopy(BASE)
    _put(data[target.key][target.key][0], target.path, value)
    with pytest.raises(DataError) as refused:
        sites.load(data)
    said = f"'{value}' holds '_shell/page'" if target.url else "holds 'PRN-SHELL-'"
    assert [problem.message for problem in refused.value.problems] == [
        f"{said}, which the site's page shell reserves for itself; reword it"]


def test_every_field_of_every_registry_is_tried_and_shown_somewhere_public_unless_private(plain):
    """A field missing from TARGETS would never be tried; one whose plain value no output shows would be checked
    for nothing. A private field's value is in no output at all."""
    assert {target.key for target in TARGETS} == set(FILES)
    assert len(TARGETS) >= 35, [target.where for target in TARGETS]
    # A help line's `options` is declared and validated, but no page or export shows it today.
    assert [target.where for target in TARGETS if not plain.shown[target] and not target.field.private] == [
        "help_lines[0].options"]
    assert [target.where for target in TARGETS if plain.shown[target] and target.field.private] == []
