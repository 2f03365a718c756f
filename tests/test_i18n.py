"""Spanish and Portuguese: every hand-written page has its translation, the catalogues are complete,
a translated page shows no English interface text, hreflang and <html lang> are right, facts and
numbers survive translation, and the translation check notices an English page that changed."""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from markupsafe import escape

from generator.app.build import build
from generator.model.site import load_site
from generator.outputs.content import content_files, source_hash
from generator.outputs.translation_check import check
from generator.outputs.translations import TranslationError, load_catalogue
from generator.settings import PROJECT, Settings
from tests.conftest import DATA, TODAY

CONTENT, TRANSLATIONS = PROJECT / "content", PROJECT / "translations"

OTHER = ("es", "pt")
HTML_LANG = {"en": "en", "es": "es", "pt": "pt"}  # Material's pt-BR strings say lang="pt"
PAGES = sorted(str(p.relative_to(CONTENT)) for p in CONTENT.rglob("*.md"))
GUIDES = [p for p in PAGES if p.startswith("guides/")]


def url_of(page: str) -> str:
    return page.removesuffix(".md").removesuffix("index") + ("" if page.endswith("index.md") else "/")


@pytest.fixture(scope="module")
def site(bundled_site) -> Path:
    return bundled_site


@pytest.fixture(scope="module")
def preview(preview_site) -> Path:
    """The preview build, for the pages of the example coaches."""
    return preview_site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


# ---- reading pages: visible text outside lang="en" ---------------------------------------------


class _Visible(HTMLParser):
    """The text of <body> a visitor sees, without scripts, styles and elements marked lang="en"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.body = False
        self.parts: list[str] = []

    def hidden(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body = True
        if tag in self.VOID:
            if tag == "input" and attrs.get("placeholder") and self.body and not self.hidden():
                self.parts.append(attrs["placeholder"])
            return
        skip = tag in ("script", "style", "template") or attrs.get("lang") == "en"
        self.stack.append((tag, skip))
        if attrs.get("aria-label") and self.body and not self.hidden():
            self.parts.append(attrs["aria-label"])

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.body and not self.hidden():
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def visible_text(page_html: str) -> str:
    parser = _Visible()
    parser.feed(page_html)
    return parser.text


@functools.cache
def _registry_names() -> list[str]:
    """Names from the registries: proper names, shown as they are in every language."""
    names = []
    for file in ("coaches.yaml", "centers.yaml", "tracks.yaml", "help.yaml"):
        data = yaml.safe_load((DATA / file).read_text(encoding="utf-8"))
        for records in data.values():
            for record in records:
                names += [record["name"], record.get("short_name", "")]
                names += [site["name"] for site in record.get("sites", [])]
    return sorted(filter(None, names), key=len, reverse=True)


# Names of programmes the translations keep in English on purpose, because that is what a visitor
# asks for on the phone (each is followed by an explanation in the page's language).
PROPER_NAMES = ["Recovery Coach Services", "Peer Recovery Navigator"]


@functools.cache
def _english_parts(code: str) -> list[tuple[str, re.Pattern]]:
    """The catalogue's English strings (or their fixed parts, around placeholders) that its translations do
    not also contain, each with the pattern that finds it as whole words (compiled once: there are hundreds)."""
    parts = []
    for key, value in load_catalogue(code, TRANSLATIONS).strings.items():
        translations = " ".join(value.values()) if isinstance(value, dict) else value
        for part in re.split(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>", key):
            part = part.strip(" .,:;()")
            if len(part) < 4 or not re.search(r"[A-Za-z]{3}", part) or part in translations:
                continue
            parts.append((part, re.compile(rf"(?<![\w-]){re.escape(part)}(?![\w-])")))
    return parts


def leaked(text: str, code: str) -> list[str]:
    """English catalogue strings (or their fixed parts, around placeholders) that appear in text."""
    for name in _registry_names() + PROPER_NAMES:
        text = text.replace(name, " ")
    return sorted({part for part, pattern in _english_parts(code) if pattern.search(text)})


# ---- every page has its translations -----------------------------------------------------------


@pytest.mark.parametrize("code", OTHER)
@pytest.mark.parametrize("page", GUIDES)
def test_every_guide_has_its_spanish_and_portuguese_page(site, code, page):
    assert (TRANSLATIONS / code / page).is_file(), f"translations/{code}/{page} is missing"
    built = read(site, f"{code}/{url_of(page)}")
    assert f'<html lang="{HTML_LANG[code]}"' in built
    assert "prn-translation--fallback" not in built and '<div lang="en">' not in built
    assert 'class="prn-translation"' in built  # says whether a native speaker has reviewed it


@pytest.mark.parametrize("code", OTHER)
def test_home_find_plan_about_and_open_data_are_translated_too(site, code):
    for page in PAGES:
        assert (TRANSLATIONS / code / page).is_file(), f"translations/{code}/{page}"
        assert "prn-translation--fallback" not in read(site, f"{code}/{url_of(page)}"), page


def test_the_bundled_translations_are_complete_and_up_to_date(places):
    problems = check(Settings(), places.translated_names)
    assert problems == [], "\n".join(
        f"{p.file}: {p.key}: {p.detail}" for p in problems) + (
        "\nTranslate the English text (or ask for help in the pull request), then run "
        "`python -m generator translations` for each page's source_hash.")


def test_a_translated_page_says_it_is_not_yet_reviewed_in_its_own_language(site):
    assert "Página traducida, todavía no revisada por un hablante nativo." in read(site, "es/guides/carc")
    assert "Página traduzida, ainda não revisada por um falante nativo." in read(site, "pt/coaches")
    assert "prn-translation" not in read(site, "guides/carc")


# ---- the translation check ---------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path):
    """Copies of content/ and translations/ that a test may change."""
    shutil.copytree(CONTENT, tmp_path / "content", ignore=shutil.ignore_patterns("vendor"))
    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    shutil.copy(PROJECT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_the_check_reports_a_translation_whose_english_page_changed(workspace, places):
    regions = places.translated_names
    assert check(Settings(config_file=workspace / "mkdocs.yml"), regions) == []
    carc = workspace / "content" / "guides" / "carc.md"
    carc.write_text(carc.read_text().replace("valid for **2 years**", "valid for **3 years**"))
    problems = check(Settings(config_file=workspace / "mkdocs.yml"), regions)
    assert [(p.file, p.key) for p in problems] == [("translations/es/guides/carc.md", "guides/carc.md"),
                                                   ("translations/pt/guides/carc.md", "guides/carc.md")]
    assert all("out of date" in p.detail and source_hash(carc) in p.detail for p in problems)


def test_the_check_reports_missing_unused_and_broken_strings_and_untranslated_pages(workspace, places):
    regions = places.translated_names
    es = workspace / "translations" / "es.yaml"
    text = es.read_text()
    text = text.replace('  "Sources": "Fuentes"\n', "")  # missing
    text = text.replace('  "Phone": "Teléfono"\n', '  "Phone": "Teléfono"\n  "Fax": "Fax"\n')  # unused
    text = text.replace('"llame al %(number)s"', '"llame al número"')  # placeholder lost
    es.write_text(text)
    (workspace / "translations" / "pt" / "about.md").unlink()
    found = {(p.file, p.key, p.detail.split(":")[0]) for p in
             check(Settings(config_file=workspace / "mkdocs.yml"), regions)}
    assert found == {
        ("translations/es.yaml", "Sources", "missing"),
        ("translations/es.yaml", "Fax", "no longer used"),
        ("translations/es.yaml", "call %(number)s",
         "the translation must keep the placeholders %(number)s and add none"),
        ("translations/pt/about.md", "about.md", "not translated"),
    }


def test_the_check_asks_for_the_names_of_tracks_and_banner_lines_but_not_for_names_gone_from_the_data(
        workspace, places, registry):
    regions = places.translated_names
    es = workspace / "translations" / "es.yaml"
    es.write_text(es.read_text().replace('  "988 Lifeline": "Línea 988"\n', ""))
    settings = Settings(data_dir=DATA, config_file=workspace / "mkdocs.yml")
    assert [(p.key, p.detail.split(":")[0]) for p in check(settings, regions)] == [("988 Lifeline", "missing")]
    # The small data folder has one track and one help line: the catalogue's other names are not "unused".
    registry.replace("tracks.yaml", "name: Older adults\n", "name: Peers 50+\n")
    found = [(p.code, p.key, p.detail.split(":")[0]) for p in check(Settings(data_dir=registry.dir), regions)]
    assert found == [("es", "Peers 50+", "missing"), ("pt", "Peers 50+", "missing")]


def test_the_report_command_includes_the_translation_check_and_builds_do_not_run_it(registry, monkeypatch):
    """The check reads every template, script and module: `report` and `translations` run it, a build not."""
    from generator.outputs import report as report_module
    from generator.outputs.render import maintainers_report
    from generator.outputs.report import as_text, data_report, translation_section

    site = load_site(Settings(data_dir=registry.dir, today=TODAY))
    report = data_report(site, translation_section(site))
    section = next(s for s in report.sections if s.title == "Translations missing or out of date")
    assert section.findings == ()
    assert "Translations missing or out of date (0)" in as_text(report)

    def no_check(*args):
        raise AssertionError("the translation check ran")

    monkeypatch.setattr(report_module, "check", no_check)
    assert "Translations missing" not in as_text(maintainers_report(site))


def test_a_missing_translation_falls_back_to_the_english_page_marked_as_english(workspace, tmp_path):
    (workspace / "translations" / "es" / "open-data.md").unlink()
    docs = content_files("es", workspace / "content", workspace / "translations")
    page = docs["open-data.md"]
    assert page.startswith("---\nfallback: true\n")
    # Links to files only the English site publishes point at them, one level up.
    assert '<a href="../../api/v1/centers.json">`api/v1/centers.json`</a>' in page
    assert not any(path.startswith("assets/vendor/") for path in docs)
    assert docs["guides/carc.md"] == (workspace / "translations/es/guides/carc.md").read_text()


def test_a_generated_page_without_translation_is_english_with_a_note(site):
    page = read(site, "es/maintainers")
    assert "Esta página todavía no está traducida, por eso se muestra en inglés." in page
    assert '<div lang="en">' in page and "For maintainers: what to check next" in page


# ---- no English interface text on translated pages ---------------------------------------------


def test_the_leak_check_finds_an_english_string(preview):
    page = read(preview, "es/coaches/rosa-example").replace("Idiomas</dt>", "Languages</dt>")
    assert leaked(visible_text(page), "es") == ["Languages"]
    marked = page.replace("<dt>Languages</dt>", '<dt lang="en">Languages</dt>')
    assert leaked(visible_text(marked), "es") == []


@pytest.mark.parametrize("code", OTHER)
@pytest.mark.parametrize("url", [
    "coaches/rosa-example", "coaches/sam-sample", "coaches/paulo-template", "coaches",
    "centers/red-house-oak-bluffs", "centers/western-mass-rlc", "centers",
    "towns/springfield", "towns/aquinnah", "towns/pittsfield", "towns",
    "tracks/pregnant-parenting", "tracks",
])
def test_no_english_interface_string_leaks_into_a_translated_generated_page(site, preview, code, url):
    for built in (preview,) if url.startswith("coaches/") else (site, preview):  # example coaches: preview only
        page = read(built, f"{code}/{url}")
        assert f'<html lang="{HTML_LANG[code]}"' in page
        assert leaked(visible_text(page), code) == []


IN_ENGLISH = {"es": "(en inglés)", "pt": "(em inglês)"}


def note(code: str) -> str:
    return f' <small class="prn-in-english" lang="{code}">{IN_ENGLISH[code]}</small>'


def records(file: str) -> list[dict]:
    return next(iter(yaml.safe_load((DATA / file).read_text(encoding="utf-8")).values()))


def esc(text: str) -> str:
    """Text as the templates write it: folded lines joined, escaped like Jinja's autoescape."""
    return str(escape(" ".join(text.split())))


@pytest.mark.parametrize("code", OTHER)
def test_registry_text_stays_english_and_says_so(preview, code):
    center = read(preview, f"{code}/centers/red-house-oak-bluffs")
    assert '<h1 lang="en">The Red House (Martha' in center  # a name: marked, no note
    assert '<p lang="en">The hospital' in center  # the entry's notes
    coach = read(preview, f"{code}/coaches/rosa-example")
    assert '<p class="prn-lead" lang="en">I am a mother of two' in coach


@pytest.mark.parametrize("code", OTHER)
def test_registry_free_text_on_a_translated_page_is_marked_english_and_says_it_in_words(preview, code):
    """Hours, who can come, services, virtual options, notes, a coach's introduction and a track's
    summary and description: English (lang="en") with "(en inglés)" / "(em inglês)" after it."""
    seen = 0
    for c in records("centers.yaml"):
        page = read(preview, f"{code}/centers/{c['id']}")
        for field in ("hours", "eligibility", "virtual"):
            if c.get(field):
                assert f'<span lang="en">{esc(c[field])}{note(code)}</span>' in page, (c["id"], field)
                seen += 1
        if c.get("notes"):
            assert f'<p lang="en">{esc(c["notes"])}{note(code)}</p>' in page, c["id"]
            seen += 1
        if c.get("services"):
            assert re.search(rf'<ul lang="en">(<li>[^<]*</li>)+</ul>{re.escape(note(code))}', page), c["id"]
    for coach in records("coaches.yaml"):
        if coach.get("summary") and (preview / code / "coaches" / coach["id"]).is_dir():
            page = read(preview, f"{code}/coaches/{coach['id']}")
            assert f'<p class="prn-lead" lang="en">{esc(coach["summary"])}{note(code)}</p>' in page
            seen += 1
    for track in records("tracks.yaml"):
        page = read(preview, f"{code}/tracks/{track['id']}")
        assert f'<p class="prn-lead" lang="en">{esc(track["summary"])}{note(code)}</p>' in page
        assert f'<p lang="en">{esc(track["description"])}{note(code)}</p>' in page
        assert f'<p lang="en">{esc(track["summary"])}{note(code)}</p>' in read(preview, f"{code}/tracks")
    assert seen > 40
    for url in ("centers/red-house-oak-bluffs", "coaches/rosa-example", "tracks/older-adults"):
        assert "prn-in-english" not in read(preview, url)  # English pages need no note


@pytest.mark.parametrize("code", OTHER)
def test_track_names_and_focus_filter_labels_are_translated_with_no_english_beside_them(preview, code):
    catalogue = load_catalogue(code, TRANSLATIONS).strings
    names = {track["id"]: track["name"] for track in records("tracks.yaml")}
    strings_js = (preview / code / "assets" / "strings.js").read_text(encoding="utf-8")
    labels = json.loads(strings_js[strings_js.index("{"):strings_js.rindex("}") + 1])["labels"]
    assert labels["track"] == {id_: catalogue[name] for id_, name in names.items()}  # the /find/ focus filter
    find_js = (preview / "assets" / "find.js").read_text(encoding="utf-8")
    assert 'fillSelect("focus", pairs(labels.track).map(function (p) { return ["track:" + p[0], p[1]]; })' in find_js
    pages = [read(preview, f"{code}/{url}") for url in ("tracks", "coaches/rosa-example", "towns/springfield")]
    pages += [read(preview, f"{code}/tracks/{id_}") for id_ in names]
    for id_, name in names.items():
        assert f'<a href="../tracks/{id_}/">{esc(catalogue[name])}</a>' in pages[0]
        assert f"<h1>{esc(catalogue[name])}</h1>" in read(preview, f"{code}/tracks/{id_}")
        for page in pages:
            assert esc(name) not in page, (id_, name)


@pytest.mark.parametrize("code", OTHER)
def test_the_help_banner_names_the_lines_in_the_page_language(site, code):
    catalogue = load_catalogue(code, TRANSLATIONS).strings
    page = read(site, f"{code}/guides/carc")
    banner = page[page.index('<div class="prn-help"'):]
    banner = banner[:banner.index("</div>")]
    lines = [line for line in records("help.yaml") if line.get("banner")]
    assert len(lines) == 3
    for line in lines:
        short = esc(catalogue[line["short_name"]])
        assert f'<abbr title="{esc(catalogue[line["name"]])}">{short}</abbr>' in banner
        assert line["short_name"] not in banner and 'lang="en"' not in banner
    shown = read(site, f"{code}/centers/{next(c['id'] for c in records('centers.yaml') if not c.get('phone'))}")
    assert catalogue["Massachusetts Substance Use Helpline"] in shown  # the line to call for a listing without one
    assert "Línea 988</abbr>: <a href=\"tel:988\">llame al 988</a> (marque 2 para español)" in read(site, "es/plan")


def test_a_registry_name_without_a_translation_stays_english_and_marked():
    from generator.outputs.render import environment
    from generator.outputs.translations import LANGUAGES, Catalogue, Translator

    t = Translator(LANGUAGES["es"], Catalogue("es", False, {"Pregnant and parenting": "Embarazo y crianza"}))
    template = environment(t).from_string('{{ "Pregnant and parenting" | name }}; {{ "New <track>" | name }}')
    assert template.render() == 'Embarazo y crianza; <span lang="en">New &lt;track&gt;</span>'


def test_dates_and_labels_are_in_the_page_language(preview):
    es, pt = read(preview, "es/coaches/rosa-example"), read(preview, "pt/coaches/rosa-example")
    assert "CARC vigente hasta el 30 de septiembre de 2027" in es
    assert "CARC válida até 30 de setembro de 2027" in pt
    assert "<dt>Idiomas</dt><dd>Español, Inglés</dd>" in es
    assert "<dt>Idiomas</dt><dd>Espanhol, Inglês</dd>" in pt
    assert "CARC current until 30 September 2027" in read(preview, "coaches/rosa-example")


# ---- help banner -------------------------------------------------------------------------------


def test_the_spanish_banner_names_988s_spanish_option_and_keeps_the_numbers(site):
    es = read(site, "es/guides/carc")
    assert '<a href="tel:988">llame al 988</a> (marque 2 para español)' in es
    for page in (es, read(site, "pt/guides/carc"), read(site, "guides/carc")):
        assert 'href="tel:988"' in page and 'href="sms:988"' in page
        assert 'href="tel:+18003275050"' in page and 'href="tel:+18337732445"' in page and 'href="tel:911"' in page
    assert "marque 2" not in read(site, "pt/guides/carc") and "press 2" not in read(site, "guides/carc")


@pytest.mark.slow  # builds a site of its own
def test_the_spanish_option_comes_from_the_data(registry, tmp_path):
    registry.replace("help.yaml", "    banner: true\n", '    language_options:\n      - language: pt\n'
                                                      '        press: "3"\n    banner: true\n')
    build(Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY))
    assert "(tecle 3 para português)" in (tmp_path / "site" / "pt" / "index.html").read_text()
    assert "tecle 3" not in (tmp_path / "site" / "es" / "index.html").read_text()


# ---- hreflang, <html lang>, URLs ---------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "guides/carc/", "coaches/rosa-example/", "towns/springfield/", "plan/"])
def test_hreflang_links_name_the_same_page_in_every_language(preview, url):
    for code in ("en", *OTHER):
        prefix = "" if code == "en" else f"{code}/"
        page = read(preview, prefix + url)
        head = page[:page.index("</head>")]
        assert f'<html lang="{HTML_LANG[code]}"' in page
        links = dict(re.findall(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', head))
        assert links == {"en": f"https://navigator.example/{url}",
                         "es": f"https://navigator.example/es/{url}",
                         "pt": f"https://navigator.example/pt/{url}",
                         "x-default": f"https://navigator.example/{url}"}, (code, url)
        assert f'<link rel="canonical" href="https://navigator.example/{prefix}{url}">' in head


@pytest.mark.parametrize("url", ["guides/carc/", "coaches/rosa-example/", "towns/springfield/"])
def test_the_language_switcher_links_to_the_same_page(preview, url):
    for code in ("en", *OTHER):
        here = f"https://navigator.example/{'' if code == 'en' else code + '/'}{url}"
        page = read(preview, here.removeprefix("https://navigator.example/"))
        nav = re.search(r'<nav class="prn-langs".*?</nav>', page, re.S).group(0)
        targets = {lang: urljoin(here, href) for href, lang in re.findall(r'<a href="([^"]+)" lang="(\w+)"', nav)}
        assert set(targets) == {"en", "es", "pt"} - {code}
        for lang, target in targets.items():
            assert target == f"https://navigator.example/{'' if lang == 'en' else lang + '/'}{url}"
        assert f'<span lang="{code}" aria-current="true">' in nav


def test_english_urls_do_not_change_and_each_language_has_its_own_search(preview):
    for url in ("coaches/rosa-example", "centers/red-house-oak-bluffs", "towns/springfield", "guides/carc", "plan"):
        assert (preview / url / "index.html").is_file()
    assert not (preview / "en").exists()
    for code, lang in (("es", "es"), ("pt", "pt")):
        index = json.loads((preview / code / "search" / "search_index.json").read_text())
        assert index["config"]["lang"] == [lang]
        assert f"{code}/coaches/rosa-example/" not in [d["location"] for d in index["docs"]]
        assert "coaches/rosa-example/" in [d["location"] for d in index["docs"]]
    sitemap = (preview / "es" / "sitemap.xml").read_text()
    assert "<loc>https://navigator.example/es/coaches/rosa-example/</loc>" in sitemap


@pytest.mark.slow  # builds a site of its own
def test_the_site_url_may_come_without_a_trailing_slash(registry, tmp_path):
    build(Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY, site_url="https://navigator.example",
                   examples=True))
    sitemap = (tmp_path / "site" / "pt" / "sitemap.xml").read_text()
    assert "<loc>https://navigator.example/pt/coaches/rosa-example/</loc>" in sitemap
    page = (tmp_path / "site" / "es" / "coaches" / "rosa-example" / "index.html").read_text()
    assert '<link rel="alternate " hreflang="pt" href="https://navigator.example/pt/coaches/rosa-example/">' in page


def test_the_other_languages_share_the_english_exports_but_have_their_own_map(site):
    for code in OTHER:
        assert not (site / code / "api").exists() and not (site / code / "assets" / "vendor").exists()
        assert 'data-index="../../api/v1/find.json"' in read(site, f"{code}/find")
        assert 'data-map-src="../../map/#' in read(site, f"{code}/towns/springfield")
        assert ('<script src="../assets/strings.js"></script>\n<script src="../assets/common.js"></script>\n'
                '<script src="../assets/find.js"></script>') in read(site, f"{code}/find")
    page = read(site, "es/map")
    assert '<html lang="es">' in page
    assert "<h1>Mapa de los centros de recuperación entre pares en Massachusetts</h1>" in page
    assert "<summary>Todos los lugares de este mapa, en una lista</summary>" in page
    assert "<h2>Comunidades de Aprendizaje para la Recuperación</h2>" in page
    assert "(ubicación aproximada: centro del municipio)" in page  # in the list and in the markers' popups
    assert '<script src="../../assets/vendor/leaflet/leaflet.js"></script>' in page
    assert "All places on this map" not in page


def test_the_carc_chart_is_drawn_in_each_language(site):
    assert "Horas necesarias para la CARC" in (site / "es" / "assets" / "carc-hours.svg").read_text()
    assert "Horas necessárias para a CARC" in (site / "pt" / "assets" / "carc-hours.svg").read_text()
    for code in OTHER:
        svg = (site / code / "assets" / "carc-hours.svg").read_text()
        assert re.findall(r'data-hours="(\d+)"', svg) == ["500", "60", "35", "30"]


# ---- facts and numbers survive translation -----------------------------------------------------


def _numbers(text: str) -> list[int]:
    """Every number on a page, whatever its thousands separator (1,058 / 1.058)."""
    return sorted(int(re.sub(r"[.,]", "", n)) for n in re.findall(r"\d+(?:[.,]\d{3})*(?![.,]?\d)", text))


def _article_text(page_html: str) -> str:
    from tests.test_guides import _Article
    page_html = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", page_html)
    parser = _Article()
    parser.feed(page_html)
    return parser.text


@pytest.mark.parametrize("code", OTHER)
@pytest.mark.parametrize("page", PAGES)
def test_a_translated_page_has_the_same_numbers_as_the_english_page(site, code, page):
    english = _article_text(read(site, url_of(page)))
    translated = _article_text(read(site, f"{code}/{url_of(page)}"))
    # The additions allowed: 988's Spanish options on Spanish pages ("marque 2 para español", and the
    # address of the page that gives the text option), and the age that the 50-and-over label gives
    # where the English says "older adults".
    allowed = Counter(_numbers(" ".join(re.findall(ALLOWED_NUMBERS, translated))))
    english_numbers, translated_numbers = Counter(_numbers(english)), Counter(_numbers(translated))
    assert english_numbers - translated_numbers == Counter(), "a number of the English page is missing"
    assert translated_numbers - english_numbers - allowed == Counter(), "a number the English page does not have"


ALLOWED_NUMBERS = (r"para español, marque 2|marque 2 para español|https://988lifeline\.org/get-help/what-to-expect"
                   r"|\b50 años o más|\b50 anos ou mais")


def test_the_number_comparison_notices_a_changed_number():
    assert _numbers("500 horas, 1,058 personas") == _numbers("500 hours, 1.058 people")
    assert _numbers("cada 30 días") != _numbers("every 21 days")
    assert re.findall(ALLOWED_NUMBERS, "adultos de 50 años o más; 150 años o más; marque 2 para español") == [
        "50 años o más", "marque 2 para español"]


# ---- the catalogues' own rules -----------------------------------------------------------------


def test_a_catalogue_must_be_a_mapping_of_strings(tmp_path):
    (tmp_path / "es.yaml").write_text("strings:\n  Hours: [Horario]\n")
    with pytest.raises(TranslationError, match="Hours"):
        load_catalogue("es", tmp_path)


def test_renamed_and_retired_listings_keep_their_urls_in_every_language(moved_site):
    site = moved_site  # lir-pittsfield renamed, tests.test_stable_links.RETIRED retired
    for code in OTHER:
        moved = (site / code / "centers" / "lir-pittsfield" / "index.html").read_text()
        assert '<meta http-equiv="refresh" content="0; url=../living-in-recovery-pittsfield/">' in moved
    retired = (site / "es" / "centers" / "old-centre-pittsfield" / "index.html").read_text()
    assert "Ya no aparece en la lista." in retired and "Alternativas cerca de Pittsfield" in retired
    assert f'<span lang="en">The centre closed in June 2026.{note("es")}</span>' in retired
    assert leaked(visible_text(retired), "es") == []


def test_translations_put_into_the_templates_are_text_not_template_code():
    from generator.outputs.render import environment
    from generator.outputs.translations import LANGUAGES, Catalogue, Translator

    t = Translator(LANGUAGES["es"], Catalogue("es", False, {"Hours": "{{ 7 * 7 }}", "Phone": "Teléfono <b>"}))
    template = environment(t).from_string('<dt>{{ _("Hours") }}</dt><dt>{{ _("Phone") }}</dt>')
    assert template.render() == "<dt>{{ 7 * 7 }}</dt><dt>Teléfono <b></dt>"
