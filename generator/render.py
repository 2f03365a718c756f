"""Render the enriched site into Markdown pages (front matter + one escaped HTML block) and
JSON exports inside a docs directory that MkDocs then builds."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import jinja2

from . import jsonld
from .charts import write_charts
from .enrich import Site, long_date
from .jsonld import script_json
from .find_index import find_index
from .hsds import hsds_exports
from .maps import map_page
from .rawpage import MARKER
from .stamp import SHELL, shell_markdown
from .report import data_report
from .schema import CENTER_TYPE_PLURALS, REGISTRIES, REGISTRY
from .validate import url_ids

API_VERSION = 1
IDS_PATH = "api/v1/ids.json"
REDIRECT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Moved: {name}</title>
<meta name="robots" content="noindex"><link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}"></head>
<body><p>This listing has moved: <a href="{target}">{name}</a>.</p></body></html>
"""


class _Undefined(jinja2.StrictUndefined):
    """Missing values test as false in `{% if %}` but fail loudly when printed."""

    def __bool__(self) -> bool:
        return False


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=_Undefined,
    )
    env.filters["host"] = lambda url: urlsplit(url).netloc.removeprefix("www.")
    env.filters["long_date"] = long_date
    env.filters["paragraphs"] = lambda text: [p.strip() for p in text.split("\n\n") if p.strip()]
    env.filters["miles"] = lambda miles: f"{miles:.1f} mi"
    return env


ENV = _environment()


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title, and the template that draws it."""

    path: str  # e.g. "coaches/rosa-example.md" -> /coaches/rosa-example/
    title: str
    template: str
    context: dict
    description: str = ""
    jsonld: str = ""  # schema.org JSON-LD, already safe inside <script>
    searchable: bool = True  # False keeps the page out of the site search index
    search_text: str = ""  # what the search index holds for a stamped page (not its whole body)

    @property
    def root(self) -> str:
        """Relative prefix from the page's URL back to the site root."""
        depth = self.path.count("/") + (0 if self.path.endswith("index.md") else 1)
        return "../" * depth

    @property
    def stamped(self) -> bool:
        """Profile and town pages (one level below a list) are stamped from the shell, not built by MkDocs."""
        return not self.path.endswith("index.md")

    @property
    def url(self) -> str:
        return self.path.removesuffix(".md").removesuffix("index") + ("" if self.path.endswith("index.md") else "/")

    def body(self) -> str:
        return ENV.get_template(self.template).render(root=self.root, **self.context).strip()

    def render(self) -> str:
        body = self.body()
        meta = {"title": html.escape(self.title, quote=False), "hide": ["navigation", "toc"]}
        if self.description:
            meta["description"] = html.escape(self.description)
        if self.jsonld:
            meta["jsonld"] = self.jsonld
        if not self.searchable:
            meta["search"] = {"exclude": True}
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
        return f"---\n{front}\n---\n{MARKER}\n{body}\n"


def pages(site: Site) -> list[Page]:
    """Every generated page of the site."""
    groups = [{"id": kind, "title": label, "centers": [c for c in site.centers if c["type"] == kind]}
              for kind, label in CENTER_TYPE_PLURALS.items()]
    out = [
        Page("coaches/index.md", "Peer recovery coaches", "coaches.html", {"coaches": site.coaches},
             "Peer recovery coaches in Massachusetts: languages, specialties, CARC status and MassHealth."),
        Page("centers/index.md", "Centers and Recovery Learning Communities", "centers.html", {"groups": groups},
             "Peer Recovery Support Centers and Recovery Learning Communities in Massachusetts."),
        Page("tracks/index.md", "Specialty tracks", "tracks.html", {"tracks": site.tracks}),
        Page("towns/index.md", "Help by city and town", "towns.html", {"groups": _by_letter(site.towns)},
             "All 351 Massachusetts cities and towns with their nearest peer recovery centres and coaches."),
    ]
    out += [Page(f"coaches/{c['id']}.md", c["name"], "coach.html", {"c": c, **_links(site, c)},
                 f"{c['name']}: peer recovery coach. {c['carc_status'].label}. Works in {c['serves_label']}.",
                 jsonld=script_json(jsonld.coach(c, _absolute(site, c["url"]))),
                 search_text=" ".join([c.get("summary", ""), "Languages:", ", ".join(c["language_names"]),
                                       "Works in", c["serves_label"]]))
            for c in site.coaches]
    out += [Page(f"centers/{c['id']}.md", c["name"], "center.html", {"c": c, **_links(site, c)},
                 f"{c['name']}: {c['type_label']}" + (f", {c['address']['line']}." if c.get("address") else "."),
                 jsonld=script_json(jsonld.center(c, _absolute(site, c["url"]))),
                 search_text=" ".join([c["type_label"], c.get("address", {}).get("line", ""),
                                       ", ".join(c["region_names"]), ". ".join(c.get("services", []))]))
            for c in site.centers]
    out += [Page(f"{r['registry']}/{r['id']}.md", f"{r['name']}: no longer listed", "retired.html", {"r": r},
                 f"{r['name']} is no longer listed. {r['reason']}", searchable=False)
            for r in site.retired]
    out.append(Page("maintainers/index.md", "For maintainers", "maintainers.html", {"report": _report(site)},
                    "Entries in the registries that need checking: stale, lapsing credentials, approximate places."))
    out += [Page(f"tracks/{t['id']}.md", t["name"], "track.html", {"t": t}, t["summary"], search_text=t["summary"])
            for t in site.tracks]
    # Town pages stay out of the search index: the towns A-Z page and /find/ lead to them.
    out += [Page(f"towns/{t['slug']}.md", f"Peer recovery help near {t['name']}", "town.html", {"t": t},
                 f"Nearest peer recovery centres, RLC and coaches for {t['name']}, Massachusetts.", searchable=False)
            for t in site.towns]
    return out


def _report(site: Site):
    """The data report with a link to each finding's page."""
    linked = {("data/" + REGISTRY[key].file): key for key in ("centers", "coaches", "tracks")}
    report = data_report(site)
    sections = [replace(section, findings=tuple(
        {**vars(f), "url": f"{linked[f.file]}/{f.id}/" if f.file in linked else ""} for f in section.findings))
        for section in report.sections]
    return replace(report, sections=tuple(sections))


def _absolute(site: Site, url: str) -> str:
    return f"{site.site_url.rstrip('/')}/{url}" if site.site_url else f"/{url}"


def _links(site: Site, record: dict) -> dict:
    """The citation an agency can paste, and a prefilled 'report a problem' issue form."""
    url = _absolute(site, record["url"])
    cite = f"{record['name']}. Peer Recovery Navigator, {url} (last verified {long_date(record['last_verified'])})."
    report = ""
    if site.repo_url:
        query = urlencode({"template": "listing.yml", "title": f"Listing: {record['name']}", "listing": url})
        report = f"{site.repo_url.rstrip('/')}/issues/new?{query}"
    return {"cite": cite, "report_url": report}


def _by_letter(towns: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for town in towns:
        groups.setdefault(town["name"][0].upper(), []).append(town)
    return [{"letter": letter, "towns": items} for letter, items in groups.items()]


def help_banner(site: Site) -> str:
    """The help banner shown on every page, as escaped HTML."""
    return ENV.get_template("help_banner.html").render(lines=site.banner).strip()


def write_pages(site: Site, docs_dir: Path) -> list[Page]:
    """Write the generated list pages and the page shell for MkDocs; return the pages to stamp."""
    stamped = []
    for page in pages(site):
        if page.stamped:
            stamped.append(page)
            continue
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.render(), encoding="utf-8")
    shell = docs_dir / (SHELL + ".md")
    shell.parent.mkdir(parents=True, exist_ok=True)
    shell.write_text(shell_markdown(), encoding="utf-8")
    return stamped


def _jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def _export(record: dict, fields: tuple[str, ...]) -> dict:
    return {key: record[key] for key in fields if key in record}


def exports(site: Site) -> dict[str, object]:
    """The open-data files, keyed by their path in the site."""
    coach_fields = tuple(REGISTRY["coaches"].record.fields)
    center_fields = tuple(REGISTRY["centers"].record.fields)
    coaches = [{**_export(c, coach_fields), "url": c["url"], "carc_state": c["carc_status"].state}
               for c in site.coaches]
    centers = []
    for c in site.centers:
        row = {**_export(c, center_fields), "url": c["url"]}
        if c["position"]:
            row.update(lat=c["position"]["lat"], lon=c["position"]["lon"],
                       approximate_location=c["position"]["approximate"])
        centers.append(row)
    towns = [{"name": t.name, "slug": t.slug, "county": t.county, "region": t.region, "lat": t.lat, "lon": t.lon}
             for t in site.places.towns.values()]
    header = {"version": API_VERSION, "as_of": site.today.isoformat()}
    return {
        "api/v1/coaches.json": {**header, "coaches": coaches},
        "api/v1/centers.json": {**header, "centers": centers},
        "api/v1/towns.json": {**header, "towns": towns},
        "api/v1/find.json": find_index(site),
        IDS_PATH: {"version": API_VERSION, **url_ids({"centers": site.centers, "coaches": site.coaches,
                                                      "retired": site.retired})},
    } | {f"schema/{r.key}.schema.json": r.schema() for r in REGISTRIES} | hsds_exports(site)


def write_redirects(site: Site, docs_dir: Path) -> None:
    """A page at every former id that sends visitors (and agencies' old links) to the entry."""
    for record in site.centers + site.coaches:
        for former in record.get("former_ids", []):
            folder = docs_dir / record["url"].split("/")[0] / former
            folder.mkdir(parents=True, exist_ok=True)
            target = f"../{record['id']}/"
            (folder / "index.html").write_text(REDIRECT.format(name=html.escape(record["name"]), target=target),
                                               encoding="utf-8")


def write_exports(site: Site, docs_dir: Path) -> None:
    write_redirects(site, docs_dir)
    (docs_dir / "map").mkdir(exist_ok=True)
    (docs_dir / "map" / "index.html").write_text(map_page(site), encoding="utf-8")
    write_charts(docs_dir)
    for rel, payload in exports(site).items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True, default=_jsonable)
                          + "\n", encoding="utf-8")
