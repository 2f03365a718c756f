"""The whole pipeline, load -> validate -> enrich -> render -> mkdocs, with an atomic swap:
the site directory is replaced only when every stage succeeded."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
import yaml
from babel import Locale
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..labels import PAGE_NOTES
from ..model.records import Site
from ..model.site import load_site
from ..outputs import offline
from ..outputs.content import write_content
from ..outputs.csp import add_policies
from ..outputs.exports import IDS_PATH, write_exports, write_language_assets
from ..outputs.render import help_banner, help_drawer, maintainers_report, write_pages
from ..outputs.stamp import ShellError, stamp
from ..outputs.translations import LANGUAGES, TranslationError, Translator, translator
from ..settings import Settings
from .parallel import Step, StepFailed, start


class BuildError(Exception):
    """MkDocs (or the file system) failed; the old site is untouched. `trace` is the traceback of a
    language's own process when what failed there is a bug rather than MkDocs or the files."""

    def __init__(self, message: str, trace: str = ""):
        super().__init__(message)
        self.trace = trace


@dataclass
class BuildReport:
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


class _Timer:
    def __init__(self, report: BuildReport):
        self.report, self.start = report, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.seconds[stage] = round(now - self.start, 3)
        self.start = now


def published_ids(path: Path) -> dict[str, list[str]] | None:
    """The ids a previous build published (its /api/v1/ids.json), or None when there is none."""
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise BuildError(f"{path} is not valid JSON ({err})") from err


def build(settings: Settings, template_cache: jinja2.BytecodeCache | None = None) -> BuildReport:
    """Build the site into settings.site_dir. Raises DataError or BuildError and then writes nothing.

    `template_cache` keeps the theme's compiled templates between builds (`serve` rebuilds).
    Ids published by the site being replaced (or given in settings.published) must stay reachable.
    English is built at the root; each other language is its own MkDocs run, in a process of its own
    at the same time, into a folder that then becomes its prefix."""
    if settings.languages[:1] != ("en",):
        raise BuildError(f"the languages to build must start with English, not {settings.languages}")
    report = BuildReport()
    timer = _Timer(report)
    site_dir = settings.site_dir.resolve()
    if settings.published is None:
        settings = replace(settings, published=published_ids(site_dir / IDS_PATH))
    site = load_site(settings, timer.lap)
    try:
        translators = [translator(code, settings.translations_dir) for code in settings.languages]
    except TranslationError as err:
        raise BuildError(str(err)) from err
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(site_dir)
        workspace = tempfile.TemporaryDirectory(prefix=f".{site_dir.name}-build-{os.getpid()}-", dir=site_dir.parent)
    except OSError as err:
        raise BuildError(_cannot_write(settings.site_dir, err)) from err
    with workspace as tmp:
        work = Path(tmp)
        job = _LanguageJob(site, maintainers_report(site), work, template_cache)
        others = [(t, start(job.run, t)) for t in translators[1:]]  # alongside English, one process each
        try:
            out_dir = job.run(translators[0], timer)
            for t, handle in others:
                _join(t, handle)
                os.rename(work / f"out-{t.code}", out_dir / t.language.prefix)
        finally:
            for _, handle in others:
                handle.stop()
        _write_offline(out_dir, translators, settings.config_file)
        timer.lap("languages")
        report.pages = len(list(out_dir.rglob("index.html")))
        try:
            _swap(out_dir, site_dir)
        except OSError as err:
            raise BuildError(_cannot_write(settings.site_dir, err)) from err
    return report


def _write_offline(out_dir: Path, translators: list[Translator], config_file: Path) -> None:
    """Each language's service worker, web app manifest and icons, made from its final pages."""
    files = [path.relative_to(out_dir).as_posix() for path in out_dir.rglob("*") if path.is_file()]
    site_name = yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_name"]
    for t in translators:
        for name, data in offline.language_files(site_name, t, files, lambda rel: (out_dir / rel).read_bytes()).items():
            (out_dir / name).write_bytes(data)


def _join(t: Translator, handle: Step) -> None:
    """Wait for one language's process; its failure becomes a BuildError that names the language,
    with the process's traceback when the failure is a bug (anything but a BuildError there)."""
    try:
        handle.wait()
    except StepFailed as err:
        name = Locale.parse(t.language.locale).get_language_name("en")
        fault = err.kind == BuildError.__name__
        raise BuildError(f"the {name} ({t.code}) build failed: {err.message if fault else err}",
                         "" if fault else err.trace) from err


def file_fault(err: OSError, settings: Settings) -> str:
    """One line for a file the system refused: 'cannot open the data file (data/places.yaml): No such
    file or directory'."""
    if not err.filename:
        return err.strerror or str(err)
    path = Path(err.filename)
    what = "the data file" if settings.data_dir.resolve() in path.resolve().parents else "the file"
    return f"cannot open {what} ({path}): {err.strerror or err}"


def _cannot_write(site_dir: Path, err: OSError) -> str:
    """'cannot write the site folder (site): Permission denied: /srv', or the file in the way of the folder."""
    in_the_way = next((path for path in site_dir.resolve().parents if path.is_file()), None)
    if in_the_way:
        return f"cannot write the site folder ({site_dir}): {in_the_way} is a file"
    refused = f": {err.filename}" if err.filename else ""
    return f"cannot write the site folder ({site_dir}): {err.strerror or err}{refused}"


@dataclass
class _LanguageJob:
    """Everything one language's pages are built from; `run` builds one language into its own folder."""

    site: Site
    report: object  # the /maintainers/ page's report, the same in every language
    work: Path
    template_cache: jinja2.BytecodeCache | None

    def run(self, t: Translator, timer: _Timer | None = None) -> Path:
        lap = timer.lap if timer else lambda stage: None
        settings = self.site.settings
        docs_dir, out_dir = self.work / f"docs-{t.code}", self.work / f"out-{t.code}"
        write_content(t.code, docs_dir, settings.content_dir, settings.translations_dir)
        (docs_dir / offline.PAGE).write_text(offline.page_markdown(self.site, t), encoding="utf-8")
        stamped = write_pages(self.site, docs_dir, t, self.report)
        if t.language.english:
            write_exports(self.site, docs_dir)
        else:
            write_language_assets(self.site, docs_dir, t)
        lap("render")
        chrome = {"help_banner": help_banner(self.site, t), "help_drawer": help_drawer(self.site, t),
                  "offline_status": offline.status_line(settings.today, t)}
        _run_mkdocs(settings, docs_dir, out_dir, chrome, t, self.template_cache)
        lap("mkdocs")
        add_policies(out_dir)  # before stamping: stamped pages inherit the shell's policy
        url = settings.site_url.rstrip("/") + "/" + t.language.prefix if settings.site_url else ""
        try:
            stamp(out_dir, stamped, url, settings.today)
        except ShellError as err:
            raise BuildError(str(err)) from err
        lap("stamp")
        return out_dir


def _run_mkdocs(settings: Settings, docs_dir: Path, out_dir: Path, chrome: dict[str, str], t: Translator,
                template_cache: jinja2.BytecodeCache | None = None) -> None:
    # repo_url is deliberately not given to the theme: it would fetch repository stats from GitHub.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    site_url = settings.site_url
    urls = {"site_url": site_url.rstrip("/") + "/" + t.language.prefix} if site_url else {}
    # MkDocs dates the sitemap from SOURCE_DATE_EPOCH: the build date makes the output reproducible.
    epoch = dt.datetime.combine(settings.today, dt.time(), dt.UTC).timestamp()
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        config = load_config(str(settings.config_file), docs_dir=str(docs_dir), site_dir=str(out_dir), strict=True,
                             **urls)
        config.extra.update(chrome)  # the help banner and the drawer's help lines (site_overrides)
        _localise(config, t, settings.languages, site_url)
        if template_cache is not None:
            _cache_templates(config, template_cache)
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as err:
        raise BuildError(f"mkdocs failed ({t.language.name}): {err}") from err
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _cache_templates(config, cache: jinja2.BytecodeCache) -> None:
    """Give the theme's template environment a bytecode cache: compiling Material's templates is a
    quarter of a second of every MkDocs run. Jinja keys the cache by file and source checksum."""
    make_env = config.theme.get_env

    def cached_env():
        env = make_env()
        env.bytecode_cache = cache
        return env

    config.theme.get_env = cached_env


def _localise(config, t: Translator, languages: tuple[str, ...], site_url: str) -> None:
    """One language's MkDocs config: the theme's own strings and search language, the nav titles,
    the palette toggles and the site description from the catalogue, and what the language
    switcher and hreflang links in site_overrides/main.html need."""
    config.extra["i18n"] = {
        "lang": t.code,
        "up": "" if t.language.english else "../",  # from this language's root to the site root
        "site_url": site_url.rstrip("/") + "/" if site_url else "",
        "languages": [{"code": code, "name": LANGUAGES[code].name, "prefix": LANGUAGES[code].prefix}
                      for code in languages],
        "notes": {key: t.gettext(text) for key, text in PAGE_NOTES.items()},
    }
    if t.language.english:
        return
    config.theme["language"] = t.language.theme
    config.site_description = t.gettext(config.site_description or "")
    config.nav = _translate_nav(config.nav, t)
    palettes = config.theme["palette"] or []
    for palette in [palettes] if isinstance(palettes, dict) else palettes:
        if isinstance(palette, dict) and palette.get("toggle", {}).get("name"):
            palette["toggle"] = {**palette["toggle"], "name": t.gettext(palette["toggle"]["name"])}


def _translate_nav(items, t: Translator):
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out.append({t.gettext(title): _translate_nav(value, t) if isinstance(value, list) else value
                        for title, value in item.items()})
        else:
            out.append(item)
    return out


def _remove_leftovers(site_dir: Path) -> None:
    """Remove what a killed build left beside the site: its workspace (.site-build-<pid>-<random>) and
    the site it was replacing (.site-old-<pid>), once process <pid> no longer runs. Nothing else."""
    pattern = re.compile(rf"\.{re.escape(site_dir.name)}-(?:build-(\d+)-[a-z0-9_]+|old-(\d+))")
    for path in site_dir.parent.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_dir() and not path.is_symlink() and not _running(int(match[1] or match[2])):
            shutil.rmtree(path, ignore_errors=True)  # an orphaned language process may still write there


def _running(pid: int) -> bool:
    """Whether process `pid` still runs. Windows has no harmless probe (signal 0 would end it): no."""
    if os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


def _swap(new: Path, target: Path) -> None:
    """Put new in place of target with renames, so target is never half-written."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        if old.exists():
            os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)  # what stays is removed by a later build
