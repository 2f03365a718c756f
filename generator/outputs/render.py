"""Render the enriched site into pages: Markdown (front matter + one escaped HTML block) for MkDocs to
build, and the pages stamped into a shell (stamp.py). Pure: app/build.py writes what these return."""

from __future__ import annotations

import ast
import functools
import hashlib
import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import jinja2
import jinja2.ext
from markupsafe import Markup

from ..labels import (
    CENTER_TYPE_PLURALS,
    CENTER_TYPES,
    CONFIRMED_SENTENCES,
    MODES,
    SPECIALTIES,
    STANDING_LABELS,
    VERIFICATION,
)
from ..model.records import NATIONAL_LINE, Center, Coach, HelpLine, Site, TownView
from . import jsonld, language_pages
from .freshness_figures import figures
from .jsonld import script_json
from .qr import qr_svg
from .rawpage import MARKER
from .report import data_file, data_report
from .stamp import SHELL, shell_markdown
from .translations import ENGLISH, Translator

# Labels a template may translate with `key | label("mode")`.
LABELS = {"mode": MODES, "specialty": SPECIALTIES, "type": CENTER_TYPES, "types": CENTER_TYPE_PLURALS,
          "verification": VERIFICATION, "standing": STANDING_LABELS}


MASSHEALTH_LINE = "masshealth-customer-service"  # data/help.yaml: MassHealth's member line, for the coach routes

# The tracks whose programmes employ recovery coaches (emergency departments, courts): where /coaches/
# sends a visitor when no coach is listed.
COACH_PROGRAMME_TRACKS = ("emergency-department", "courts-reentry")


class _Undefined(jinja2.StrictUndefined):
    """Missing values test as false in `{% if %}` but fail loudly when printed."""

    def __bool__(self) -> bool:  # type: ignore[override]
        return False


# A call of _ on a single string literal, in {{ }}: its translation can go into the template's source.
_LITERAL_CALL = re.compile(r"""\{\{-?\s*_\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)\s*-?\}\}""")


class _TranslatedLiterals(jinja2.ext.Extension):
    """Puts each call of _ on a lone string literal into the template source as its translation
    before Jinja compiles it, so a page does not pay a gettext call per label (it doubled the
    rendering time of the stamped pages). Same output as the runtime call: a translation is trusted
    HTML, like the template. Calls with values to fill in, and text that looks like Jinja, stay calls."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        gettext: Callable[[str], str] = self.environment.globals["_prn_gettext"]  # type: ignore[assignment]

        def inline(match: re.Match) -> str:
            text = gettext(ast.literal_eval(match.group(1)))
            return match.group(0) if re.search(r"[{}%#]", text) else text

        return _LITERAL_CALL.sub(inline, source)


@functools.cache
def environment(tr: Translator) -> jinja2.Environment:
    """The templates in one language: `_()` and `ngettext()` from its catalogue, its dates and
    numbers, and `en`, which marks registry text (never translated) as English on other languages'
    pages: `<p{{ en }}>` as an attribute, `{{ name | en }}` as a span. Translations are trusted like
    templates (they come through review); values put into them are escaped."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.outputs", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=_Undefined,
        extensions=["jinja2.ext.i18n", _TranslatedLiterals],
    )
    env.install_gettext_callables(tr.gettext, tr.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_prn_gettext"] = tr.gettext
    english = tr.language.english
    env.globals["en"] = "" if english else Markup(' lang="en"')
    env.globals["lang"] = tr.code
    env.globals["confirmed_ways"] = tuple(CONFIRMED_SENTENCES)  # the script-drawn cards' "Confirmed … on <day>."
    env.filters["en"] = (lambda text: text) if english else (lambda text: Markup('<span lang="en">%s</span>') % text)
    env.filters["name"] = functools.partial(_name, tr)
    env.filters["host"] = lambda url: urlsplit(url).netloc.removeprefix("www.")
    env.filters["long_date"] = tr.date
    env.filters["source_date"] = tr.source_date
    env.filters["carc"] = tr.carc
    env.filters["confirmed"] = tr.confirmed
    env.filters["confirmed_on"] = lambda how, day: Markup(tr.gettext(CONFIRMED_SENTENCES[how])) % {"date": day}
    env.filters["language_names"] = lambda codes: [tr.language_name(code) for code in codes]
    env.filters["language_name"] = lambda code: tr.language_name(code, standalone=False)
    env.filters["label"] = lambda key, labels: tr.gettext(LABELS[labels][key])
    env.filters["route"] = tr.route  # how a distance was measured (model/travel.py)
    env.filters["t"] = tr.gettext  # a value from the data that the catalogue translates (a region name)
    env.filters["paragraphs"] = lambda text: [p.strip() for p in text.split("\n\n") if p.strip()]
    env.filters["miles"] = tr.miles
    env.filters["qr"] = qr_svg  # the printed town sheet's code for its own address
    return env


def compiled_salt(tr: Translator) -> str:
    """What a compiled template depends on besides its source: this module (the literals put in before
    compiling) and the language's words."""
    words = json.dumps(tr.catalogue.strings, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((_SOURCE + tr.code + words).encode("utf-8")).hexdigest()


_SOURCE = Path(__file__).read_text(encoding="utf-8")


def _name(tr: Translator, name: str) -> str:
    """A registry name the catalogue translates (a track, a help line); English, marked, if it has no translation."""
    return tr.gettext(name) if tr.has(name) else Markup('<span lang="en">%s</span>') % name


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title, and the template that draws it."""

    path: str  # e.g. "coaches/rosa-example.md" -> /coaches/rosa-example/ (below the language's prefix)
    title: str
    template: str
    context: dict
    description: str = ""
    jsonld: str = ""  # schema.org JSON-LD, already safe inside <script>
    searchable: bool = True  # False keeps the page out of the site search index
    indexable: bool = True  # False: out of the sitemaps, and a robots noindex (a removed coach's page)
    search_text: str = ""  # what the search index holds for a stamped page (not its whole body)
    tr: Translator = ENGLISH  # the language the page is drawn in
    fallback: bool = False  # an English page standing in for a translation (drawn in English, marked lang="en")

    @property
    def root(self) -> str:
        """Relative prefix from the page's URL back to its language's root."""
        depth = self.path.count("/") + (0 if self.path.endswith("index.md") else 1)
        return "../" * depth

    @property
    def site_root(self) -> str:
        """Relative prefix back to the site's root, where the files shared by all languages are (/api/v1/)."""
        return self.root + ("" if self.tr.language.english else "../")

    @property
    def stamped(self) -> bool:
        """Profile and town pages (one level below a list) are stamped from the shell, not built by MkDocs."""
        return not self.path.endswith("index.md")

    @property
    def url(self) -> str:
        return self.path.removesuffix(".md").removesuffix("index") + ("" if self.path.endswith("index.md") else "/")

    def body(self) -> str:
        env = environment(ENGLISH if self.fallback else self.tr)
        return env.get_template(self.template).render(root=self.root, site_root=self.site_root,
                                                      **self.context).strip()

    def render(self) -> str:
        body = self.body()
        meta: dict[str, object] = {"title": html.escape(self.title, quote=False), "hide": ["navigation", "toc"]}
        meta.update(translation_meta(self.tr, self.fallback))
        if self.description:
            meta["description"] = html.escape(self.description)
        if self.jsonld:
            meta["jsonld"] = self.jsonld
        if not self.searchable:
            meta["search"] = {"exclude": True}
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
        return f"---\n{front}\n---\n{MARKER}\n{body}\n"


def translation_meta(tr: Translator, fallback: bool = False) -> dict:
    """Front matter that makes the theme show a translated page's note (site_overrides/main.html)."""
    if tr.language.english:
        return {}
    return {"fallback": True} if fallback else {"reviewed": tr.catalogue.reviewed}


def pages(site: Site, tr: Translator = ENGLISH, report=None) -> list[Page]:
    """Every generated page of the site, in one language. `report` is the maintainers' report when
    the caller has it already (it is the same in every language)."""
    _ = tr.gettext
    prefix = tr.language.prefix
    by_type = sorted(site.centers, key=lambda c: list(CENTER_TYPE_PLURALS).index(c.type))
    totals = {kind: sum(c.type == kind for c in site.centers) for kind in CENTER_TYPE_PLURALS}
    coach_tracks = tuple(track for track in site.tracks if track.id in COACH_PROGRAMME_TRACKS)
    out = [
        *_list_pages("coaches", _("Peer recovery coaches"), "coaches.html", site.listed_coaches,
                     lambda chunk: {"coaches": chunk, "total": len(site.listed_coaches),
                                    "preview": site.settings.examples,
                                    "expired": len(site.coaches) - len(site.listed_coaches),
                                    "coach_tracks": coach_tracks},
                     _("Peer recovery coaches in Massachusetts: languages, specialties, CARC status and MassHealth."),
                     tr, site.settings.limits.list_page),
        *_list_pages("centers", _("Centers and Recovery Learning Communities"), "centers.html", by_type,
                     lambda chunk: {"groups": [{"id": kind, "title": _(label), "total": totals[kind],
                                                "centers": [c for c in chunk if c.type == kind]}
                                               for kind, label in CENTER_TYPE_PLURALS.items()
                                               if any(c.type == kind for c in chunk)]},
                     _("Peer Recovery Support Centers and Recovery Learning Communities in Massachusetts."), tr,
                     site.settings.limits.list_page),
        Page("tracks/index.md", _("Specialty tracks"), "tracks.html", {"tracks": site.tracks}, tr=tr),
        Page("towns/index.md", _("Help by city and town"), "towns.html", {"groups": _by_letter(site.towns)},
             _("All 351 Massachusetts cities and towns with their nearest peer recovery centres and coaches."), tr=tr),
    ]
    for c in site.coaches:
        serves = _("Statewide") if c.statewide else ", ".join(
            list(c.serves.towns) + [_(r) for r in c.serves_regions])
        languages = ", ".join(tr.language_name(code) for code in c.languages)
        out.append(Page(
            f"coaches/{c.id}.md", c.name, "coach.html", {"c": c, **_links(site, c, prefix)},
            _("%(name)s: peer recovery coach. %(carc)s. Works in %(areas)s.")
            % {"name": c.name, "carc": tr.carc(c.carc_status), "areas": serves},
            jsonld=script_json(jsonld.coach(c, absolute_url(site, prefix + c.url))),
            search_text=" ".join([c.summary or "", _("Languages:"), languages, _("Works in"), serves]), tr=tr))
    for center in site.centers:
        kind = _(CENTER_TYPES[center.type])
        out.append(Page(
            f"centers/{center.id}.md", center.name, "center.html", {"c": center, **_links(site, center, prefix)},
            f"{center.name}: {kind}" + (f", {center.address.line}." if center.address else "."),
            jsonld=script_json(jsonld.center(center, absolute_url(site, prefix + center.url))),
            search_text=" ".join([kind, center.address.line if center.address else "",
                                  ", ".join(_(r) for r in center.region_names), ". ".join(center.services)]),
            tr=tr))
    # A retired coach's page names nobody: the same neutral title and words for every removed coach.
    out += [Page(f"{r.registry}/{r.id}.md", _("This coach is no longer listed"), "retired.html",
                 {"r": r, "listed": len(site.listed_coaches), "coach_tracks": coach_tracks},
                 _("This coach is no longer listed. Other routes to a recovery coach."), searchable=False,
                 indexable=False, tr=tr)
            if r.registry == "coaches" else
            Page(f"{r.registry}/{r.id}.md", _("%(name)s: no longer listed") % {"name": r.name},
                 "retired.html", {"r": r}, _("%(name)s is no longer listed.") % {"name": r.name} + f" {r.reason}",
                 searchable=False, tr=tr)
            for r in site.retired]
    # The maintainers' report is English for everyone; other languages show it as an English page.
    out.append(Page("maintainers/index.md", "For maintainers", "maintainers.html",
                    {"report": report or maintainers_report(site)},
                    "Entries in the registries that need checking: stale, lapsing credentials, approximate places.",
                    searchable=False, tr=tr, fallback=not tr.language.english))  # visitors' search never offers it
    out.append(Page("freshness/index.md", _("How fresh is this information?"), "freshness.html",
                    {"f": figures(site), "as_of": site.today}, _("How old the facts of the listings are, in figures."),
                    searchable=False, tr=tr))
    out += [Page(f"tracks/{track.id}.md", tr.gettext(track.name), "track.html", {"t": track}, track.summary,
                 search_text=track.summary, tr=tr)
            for track in site.tracks]
    # Town pages stay out of the search index: the towns A-Z page and /find/ lead to them.
    out += [Page(f"towns/{town.slug}.md", _("Peer recovery help near %(town)s") % {"town": town.name},
                 "town.html", {"t": town, "page_url": absolute_url(site, prefix + town.url),
                               "built": site.settings.today},
                 _("Nearest peer recovery centres, RLC and coaches for %(town)s, Massachusetts.")
                 % {"town": town.name},
                 searchable=False, tr=tr)
            for town in site.towns]
    out += [Page(**spec, tr=tr) for spec in language_pages.pages(site, tr)]
    # The number to call where a centre lists none of its own, for every template that shows centres.
    return [replace(page, context={**page.context, **card_context(site)}) for page in out]


def card_context(site: Site) -> dict:
    """The help lines every template may show: `helpline`, the number a listing without its own gives;
    `masshealth`, MassHealth's member line (the coach routes); `national`, the line for a place outside
    Massachusetts; `banner`, the lines of the help banner (templates/cards.html)."""
    lines = {line.id: line for line in site.help_lines}
    return {"helpline": site.check_line, "masshealth": lines.get(MASSHEALTH_LINE),
            "national": lines.get(NATIONAL_LINE), "banner": site.banner}


def maintainers_report(site: Site):
    """The data report with a link to each finding's page."""
    linked = {data_file(site, key): key for key in ("centers", "coaches", "tracks")}
    report = data_report(site)
    sections = [replace(section, findings=tuple(
        replace(f, url=f"{linked[f.file]}/{f.id}/") if f.file in linked else f for f in section.findings))
        for section in report.sections]
    return replace(report, sections=tuple(sections))


def absolute_url(site: Site, url: str) -> str:
    """A page's public address (below the site URL), or its path from the root when the build has no site URL."""
    return f"{site.settings.site_url.rstrip('/')}/{url}" if site.settings.site_url else f"/{url}"


def _links(site: Site, record: Center | Coach, prefix: str = "") -> dict:
    """The address an agency can cite (the template words the citation), and, when the repository is known, the
    issue forms prefilled with the record's id, which `python -m generator intake` reads (in English: they go to
    the maintainers): the listing form (report a problem) and, for a centre, the confirmation form."""
    links = {"cite_url": absolute_url(site, prefix + record.url), "report_url": _issue_form(site, "listing.yml",
                                                                                        "Listing", record)}
    if isinstance(record, Center):
        links["confirm_url"] = _issue_form(site, "confirm.yml", "Confirm", record)
    return links


def _issue_form(site: Site, template: str, title: str, record: Center | Coach) -> str:
    """A new issue from one of .github/ISSUE_TEMPLATE's forms, its title and `listing` field filled in; ''
    when the build does not know the repository."""
    if not site.settings.repo_url:
        return ""
    query = urlencode({"template": template, "title": f"{title}: {record.name}", "listing": record.id})
    return f"{site.settings.repo_url.rstrip('/')}/issues/new?{query}"


def _list_pages(folder: str, title: str, template: str, items: Sequence[Center | Coach], context, description: str,
                tr: Translator, size: int) -> list[Page]:
    """A list of `size` cards a page: /folder/, then /folder/page-2/ and on, each with a pager, so a page
    weighs the same at any registry size. Only the first page is in the search index; the profiles are."""
    chunks = [items[n:n + size] for n in range(0, len(items), size)] or [[]]
    paths = [f"{folder}/index.md"] + [f"{folder}/page-{n}.md" for n in range(2, len(chunks) + 1)]
    _ = tr.gettext
    out = []
    for number, (chunk, path) in enumerate(zip(chunks, paths, strict=True), start=1):
        page_title = title if number == 1 else _("%(title)s, page %(page)d of %(pages)d") % {
            "title": title, "page": number, "pages": len(chunks)}
        out.append(Page(path, page_title, template, {**context(chunk), "pager": _pager(folder, len(chunks), number)},
                        description, searchable=number == 1, tr=tr))
    return out


def _pager(folder: str, count: int, number: int) -> list[dict]:
    """Links to every page of a list, none when it has one page."""
    if count == 1:
        return []
    return [{"number": n, "url": f"{folder}/" if n == 1 else f"{folder}/page-{n}/", "current": n == number}
            for n in range(1, count + 1)]


def _by_letter(towns: Sequence[TownView]) -> list[dict]:
    groups: dict[str, list[TownView]] = {}
    for town in towns:
        groups.setdefault(town.name[0].upper(), []).append(town)
    return [{"letter": letter, "towns": items} for letter, items in groups.items()]


def _named_lines(site: Site, tr: Translator) -> tuple[list[HelpLine], dict]:
    """The banner's lines with their names in the page's language (the catalogue's `names:`), and the
    template's `en`: only when a name has no translation do they stay marked English."""
    names = [name for line in site.banner for name in (line.name, line.short_name) if name]
    lines = [replace(line, name=tr.gettext(line.name), short_name=line.short_name and tr.gettext(line.short_name))
             for line in site.banner]
    return lines, ({} if not all(map(tr.has, names)) else {"en": ""})


def help_banner(site: Site, tr: Translator = ENGLISH) -> str:
    """The help banner shown on every page, as escaped HTML: the whole list, and the one-row bar phones show
    (the first banner line and the Substance Use Helpline)."""
    lines, english = _named_lines(site, tr)
    helpline = site.check_line and replace(site.check_line, name=tr.gettext(site.check_line.name))
    return environment(tr).get_template("help_banner.html").render(
        lines=lines, first=lines[0] if lines else None, helpline=helpline, preview=site.settings.examples,
        **_help_links(site, tr), **english).strip()


def help_drawer(site: Site, tr: Translator = ENGLISH) -> str:
    """The help lines at the foot of the menu drawer, as escaped HTML."""
    lines, english = _named_lines(site, tr)
    return environment(tr).get_template("help_drawer.html").render(
        lines=lines, **_help_links(site, tr), **english).strip()


def _help_links(site: Site, tr: Translator) -> dict:
    """What the help bar and drawer link to the help in other languages with: the language's root as a token the
    theme turns into each page's own way there, and the language pages."""
    return {"help_url": language_pages.HELP_LINK,
            "help_languages": language_pages.load(site.settings.translations_dir).languages}


def docs_pages(pages: list[Page], tr: Translator = ENGLISH) -> dict[str, str]:
    """The Markdown MkDocs builds, by path in the docs folder: the pages that are not stamped, and the shell."""
    return {page.path: page.render() for page in pages if not page.stamped} | \
        {SHELL + ".md": shell_markdown(translation_meta(tr))}
