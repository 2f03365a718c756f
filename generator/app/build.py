"""The whole pipeline, load -> validate -> enrich -> render -> mkdocs -> stamp, with an atomic swap:
the site directory is replaced only when every stage succeeded. The outputs layer returns files by
path; this module writes them."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import jinja2
import yaml
from babel import Locale
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..labels import PAGE_NOTES
from ..model.records import Site
from ..model.site import load_site
from ..outputs import offline, qr
from ..outputs.cards import MarkerError, expanded
from ..outputs.content import content_files
from ..outputs.csp import TILED, UnknownScript, with_policy
from ..outputs.exports import IDS_PATH, english_files, language_files
from ..outputs.render import (
    Page,
    compiled_salt,
    docs_pages,
    environment,
    help_banner,
    help_drawer,
    maintainers_report,
    pages,
)
from ..outputs.stamp import SHELL, ShellError, checked_shell, index_files, stamped
from ..outputs.translations import LANGUAGES, TranslationError, Translator, translator
from ..settings import Settings
from .parallel import Step, StepFailed, start


class BuildError(Exception):
    """MkDocs (or the file system) failed; the old site is untouched. `trace` is the traceback of a
    language's own process when what failed there is a bug rather than MkDocs or the files."""

    def __init__(self, message: str, trace: str = ""):
        super().__init__(message)
        self.trace = trace


@dataclass(frozen=True)
class Stamping:
    """What one language's MkDocs run left for stamping pages into it: the shell's HTML, the search index and
    sitemap before the stamped pages were added, the theme's site description (for a page without one) and
    the help banner and drawer it was built with. `generator serve` keeps it to stamp pages again after a
    data edit, without MkDocs."""

    shell: str
    search_index: str
    sitemap: str
    description: str
    chrome: dict[str, str]


@dataclass
class BuildReport:
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    stamping: dict[str, Stamping] = field(default_factory=dict)  # by language code
    kept: dict[str, offline.Kept] = field(default_factory=dict)  # what each language keeps offline, by its code
    site: Site | None = None  # what was built


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


def build(settings: Settings) -> BuildReport:
    """Build the site into settings.site_dir. Raises DataError or BuildError and then writes nothing.

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
    site = report.site = load_site(settings, timer.lap)
    try:
        translators = [translator(code, settings.translations_dir) for code in settings.languages]
    except TranslationError as err:
        raise BuildError(str(err)) from err
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BuildError(_cannot_write(settings.site_dir, err)) from err
    with _only_build(site_dir):
        _build_into(site_dir, site, translators, report, timer)
    return report


@contextlib.contextmanager
def _only_build(site_dir: Path):
    """Hold the lock of one site folder for the whole build: a second build into the same folder (a `serve` and a
    `build`, two terminals) stops at once instead of swapping folders under the first. The lock file lives in the
    system's temporary folder, named by the site folder's path, so nothing is left beside the site; the lock goes
    with the process, even a killed one."""
    path = lock_path(site_dir)
    try:
        handle = path.open("a+")
    except OSError as err:
        raise BuildError(_cannot_write(site_dir, err)) from err
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise BuildError(f"another build into {site_dir} is running (process {handle.read().strip() or '?'}); "
                             "wait for it to finish, or stop it") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


def lock_path(site_dir: Path) -> Path:
    """The lock file of a site folder (by its resolved path)."""
    digest = hashlib.sha256(str(site_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"prn-build-{digest}.lock"


def _build_into(site_dir: Path, site: Site, translators: list[Translator], report: BuildReport, timer: _Timer) -> None:
    """Render every language in a workspace beside site_dir and swap it in (the lock is held)."""
    try:
        _remove_leftovers(site_dir)
        workspace = tempfile.TemporaryDirectory(prefix=f".{site_dir.name}-build-{os.getpid()}-", dir=site_dir.parent)
    except OSError as err:
        raise BuildError(_cannot_write(site_dir, err)) from err
    with workspace as tmp:
        work = Path(tmp)
        job = _LanguageJob(site, maintainers_report(site), work, site_name(site.settings.config_file))
        others = [(tr, start(job.run, tr)) for tr in translators[1:]]  # alongside English, one process each
        try:
            built = {"en": job.run(translators[0], timer)}
            out_dir = work / "out-en"
            for tr, handle in others:
                built[tr.code] = _join(tr, handle)
                os.rename(work / f"out-{tr.code}", out_dir / tr.language.prefix)
        finally:
            for _, handle in others:
                handle.stop()
        timer.lap("languages")
        report.stamping = {code: language.stamping for code, language in built.items()}
        report.kept = {code: language.kept for code, language in built.items()}
        files = [path for language in built.values() for path in language.files]
        report.pages = sum(1 for path in files if PurePosixPath(path).name == "index.html")
        reader = offline.Reader(lambda rel: (out_dir / rel).read_bytes())
        write_files(out_dir, {tr.language.prefix + "sw.js": offline.worker(tr, built[tr.code].kept, files, reader)
                              for tr in translators})
        try:
            _swap(out_dir, site_dir)
        except OSError as err:
            raise BuildError(_cannot_write(site_dir, err)) from err
        timer.lap("finish")


def site_name(config_file: Path) -> str:
    """The site's name in mkdocs.yml (the web app manifests')."""
    return yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_name"]


def offline_files(files: list[str], reader: offline.Reader, translators: list[Translator],
                  name: str) -> dict[str, bytes]:
    """Every language's service worker, web app manifest and icons for the site called `name` whose files
    (site-relative paths) `reader` reads."""
    made: dict[str, bytes] = {}
    for tr in translators:
        made |= offline.language_files(name, tr, files, reader)
    return made


def _files_below(folder: Path) -> list[str]:
    """Every file's path below folder, relative to it."""
    return [(Path(top) / name).relative_to(folder).as_posix() for top, _, names in os.walk(folder) for name in names]


def _join(tr: Translator, handle: Step) -> _Language:
    """Wait for one language's process and return what it built; its failure becomes a BuildError that names the
    language, with the process's traceback when the failure is a bug (anything but a BuildError there)."""
    try:
        result = handle.wait()
    except StepFailed as err:
        name = Locale.parse(tr.language.locale).get_language_name("en")
        fault = err.kind == BuildError.__name__
        raise BuildError(f"the {name} ({tr.code}) build failed: {err.message if fault else err}",
                         "" if fault else err.trace) from err
    assert isinstance(result, _Language)
    return result


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write each file (text as UTF-8) at its path below folder."""
    made: set[Path] = set()
    for rel, content in files.items():
        target = folder / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def with_policies(files: Mapping[str, str | bytes]) -> dict[str, str | bytes]:
    """The files with the Content-Security-Policy put into each HTML page (outputs/csp.py)."""
    return {rel: _with_policy(rel, content) if isinstance(content, str) and rel.endswith(".html") else content
            for rel, content in files.items()}


def _with_policy(rel: str, html: str) -> str:
    """One page with its policy; BuildError, naming the page, for an inline script no template of the site writes."""
    try:
        return with_policy(html, rel == TILED)
    except UnknownScript as err:
        raise BuildError(f"{rel}: {err}") from err


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


@dataclass(frozen=True)
class _Language:
    """One language's folder, built: what stamping needs, what it keeps offline, and its files' paths below the
    site's root."""

    stamping: Stamping
    kept: offline.Kept
    files: list[str]


@dataclass
class _LanguageJob:
    """Everything one language's pages are built from; `run` builds one language into its own folder."""

    site: Site
    report: object  # the /maintainers/ page's report, the same in every language
    work: Path
    site_name: str

    def run(self, tr: Translator, timer: _Timer | None = None) -> _Language:
        lap = timer.lap if timer else lambda stage: None
        settings = self.site.settings
        docs_dir, out_dir = self.work / f"docs-{tr.code}", self.work / f"out-{tr.code}"
        environment(tr).bytecode_cache = compiled_templates(tr.code, compiled_salt(tr))
        codes = drawn_codes(tr.code)
        generated = pages(self.site, tr, self.report)
        try:  # the help numbers and parts the hand-written pages name
            content = expanded(content_files(tr.code, settings.content_dir, settings.translations_dir), self.site, tr)
        except MarkerError as err:
            raise BuildError(str(err)) from err
        exported = english_files(self.site) if tr.language.english else language_files(self.site, tr)
        # Finished pages (embed cards, redirects, the map) go beside MkDocs's output, not through it (writing and
        # copying the 400 embed cards cost a second a language); the data files stay in the docs folder, where
        # strict MkDocs checks the Markdown's links to them.
        pages_beside = with_policies({rel: text for rel, text in exported.items() if rel.endswith(".html")})
        write_files(docs_dir, content | docs_pages(generated, tr) | {offline.PAGE: offline.page_markdown(self.site, tr)}
                    | {rel: text for rel, text in exported.items() if rel not in pages_beside})
        lap("render")
        chrome = {"help_banner": help_banner(self.site, tr), "help_drawer": help_drawer(self.site, tr),
                  "offline_status": offline.status_line(settings.today, tr)}
        description = _run_mkdocs(settings, docs_dir, out_dir, chrome, tr)
        lap("mkdocs")
        _add_policies(out_dir)  # before stamping: stamped pages inherit the shell's policy
        try:
            stamping = _stamping(out_dir, description, chrome)
        except ShellError as err:
            raise BuildError(str(err)) from err
        generated = [page for page in generated if page.stamped]
        written = {page.url + "index.html": stamped(stamping.shell, page, description) for page in generated} \
            | stamping_indexes(stamping, generated, settings, tr) | pages_beside
        write_files(out_dir, written)
        codes.keep()
        lap("stamp")
        kept, files = self._offline(tr, out_dir, written)
        lap("offline")
        return _Language(stamping, kept, files)

    def _offline(self, tr: Translator, out_dir: Path,
                 written: Mapping[str, str | bytes]) -> tuple[offline.Kept, list[str]]:
        """What the language keeps offline, found in its finished folder (its manifest and icons written there),
        and the folder's files, by path below the site's root. The service worker comes once the site is whole."""
        prefix = tr.language.prefix

        def read(path: str) -> bytes:
            rel = path[len(prefix):]
            content = written[rel] if rel in written else (out_dir / rel).read_bytes()
            return content.encode("utf-8") if isinstance(content, str) else content

        files = [prefix + rel for rel in _files_below(out_dir)]
        kept = offline.kept(self.site_name, tr, files, offline.Reader(read))
        write_files(out_dir, {path[len(prefix):]: data for path, data in kept.made.items()})
        return kept, files + [path for path in kept.made if path not in files]


def stamping_indexes(stamping: Stamping, generated: list[Page], settings: Settings,
                     tr: Translator) -> dict[str, str | bytes]:
    """The language's search index and sitemap with its stamped pages."""
    url = settings.site_url.rstrip("/") + "/" + tr.language.prefix if settings.site_url else ""
    return index_files(generated, stamping.search_index, stamping.sitemap, url, settings.today)


def _add_policies(out_dir: Path) -> None:
    """Put the Content-Security-Policy into every HTML page MkDocs wrote (and copied)."""
    for page in out_dir.rglob("*.html"):
        rel = page.relative_to(out_dir).as_posix()
        text = page.read_text(encoding="utf-8")
        with_csp = _with_policy(rel, text)
        if with_csp != text:
            page.write_text(with_csp, encoding="utf-8")


def _stamping(out_dir: Path, description: str, chrome: dict[str, str]) -> Stamping:
    """Read what stamping needs from MkDocs's output, and remove the shell from it."""
    path = out_dir / SHELL / "index.html"
    shell = checked_shell(path.read_text(encoding="utf-8"))
    shutil.rmtree(out_dir / SHELL.split("/")[0])
    sitemap = out_dir / "sitemap.xml"
    return Stamping(shell, (out_dir / "search" / "search_index.json").read_text(encoding="utf-8"),
                    sitemap.read_text(encoding="utf-8") if sitemap.is_file() else "", description, chrome)


def _run_mkdocs(settings: Settings, docs_dir: Path, out_dir: Path, chrome: dict[str, str], tr: Translator) -> str:
    """Build one language's docs folder with MkDocs; returns the site description its pages fall back to."""
    # repo_url is deliberately not given to the theme: it would fetch repository stats from GitHub.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    site_url = settings.site_url
    urls = {"site_url": site_url.rstrip("/") + "/" + tr.language.prefix} if site_url else {}
    # MkDocs dates the sitemap from SOURCE_DATE_EPOCH: the build date makes the output reproducible.
    epoch = dt.datetime.combine(settings.today, dt.time(), dt.UTC).timestamp()
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        config = load_config(str(settings.config_file), docs_dir=str(docs_dir), site_dir=str(out_dir), strict=True,
                             **urls)
        config.extra.update(chrome)  # the help banner and the drawer's help lines (site_overrides)
        _localise(config, tr, settings.languages, site_url)
        _cache_templates(config, compiled_templates("theme"))
        mkdocs_build(config)
        return config.site_description or ""
    except (MkDocsException, SystemExit) as err:
        raise BuildError(f"mkdocs failed ({tr.language.name}): {err}") from err
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates on disk, with `salt` in every template's checksum."""

    def __init__(self, pattern: str, salt: str):
        super().__init__(pattern=pattern)
        self.salt = salt

    def get_source_checksum(self, source: str) -> str:
        return super().get_source_checksum(self.salt + source)


def compiled_templates(name: str, salt: str = "") -> jinja2.BytecodeCache | None:
    """The compiled templates of the theme ("theme") or of one language's pages, kept between builds in
    Jinja's folder of the system's temporary folder (one per user): compiling them was a second of each
    language's build. A template is compiled again when its source or `salt` (what else its compiled form
    depends on) changed; None when there is no such folder to write."""
    try:
        return _CompiledTemplates(f"prn-{name}-%s.cache", jinja2.__version__ + salt)
    except (OSError, RuntimeError):  # no temporary folder of this user's own (Jinja refuses a shared one)
        return None


class _DrawnCodes:
    """The QR codes of one language's town sheets, kept between builds in a file beside the compiled templates
    (drawing them was a third of a second of each language's build); read into outputs/qr.py's DRAWN before the
    pages are drawn, written back when the build drew new ones."""

    def __init__(self, path: Path | None):
        self.path = path
        try:
            known = json.loads(path.read_text(encoding="utf-8")) if path and path.is_file() else {}
        except (OSError, ValueError):  # unreadable or half-written by an older build: draw them again
            known = {}
        qr.DRAWN.update(known if isinstance(known, dict) else {})
        self.known = len(qr.DRAWN)

    def keep(self) -> None:
        if self.path is None or len(qr.DRAWN) == self.known:
            return
        with contextlib.suppress(OSError):  # a cache: the build stands without it
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(qr.DRAWN, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)


def drawn_codes(code: str) -> _DrawnCodes:
    """One language's kept QR codes, read into outputs/qr.py's DRAWN."""
    try:
        folder = Path(jinja2.FileSystemBytecodeCache().directory)  # where the compiled templates are kept
    except (OSError, RuntimeError):
        return _DrawnCodes(None)
    return _DrawnCodes(folder / f"prn-qr-{code}-{qr.VERSION}.json")


def _cache_templates(config, cache: jinja2.BytecodeCache | None) -> None:
    """Give the theme's template environment a bytecode cache: compiling Material's templates is a
    quarter of a second of every MkDocs run. Jinja keys the cache by file and source checksum."""
    make_env = config.theme.get_env

    def cached_env():
        env = make_env()
        env.bytecode_cache = cache
        return env

    config.theme.get_env = cached_env


def _localise(config, tr: Translator, languages: tuple[str, ...], site_url: str) -> None:
    """One language's MkDocs config: the theme's own strings and search language, the nav titles,
    the palette toggles and the site description from the catalogue, and what the language
    switcher and hreflang links in site_overrides/main.html need."""
    config.extra["i18n"] = {
        "lang": tr.code,
        "up": "" if tr.language.english else "../",  # from this language's root to the site root
        "site_url": site_url.rstrip("/") + "/" if site_url else "",
        "languages": [{"code": code, "name": LANGUAGES[code].name, "prefix": LANGUAGES[code].prefix}
                      for code in languages],
        "notes": {key: tr.gettext(text) for key, text in PAGE_NOTES.items()},
    }
    if tr.language.english:
        return
    config.theme["language"] = tr.language.theme
    config.site_description = tr.gettext(config.site_description or "")
    config.nav = _translate_nav(config.nav, tr)
    palettes = config.theme["palette"] or []
    for palette in [palettes] if isinstance(palettes, dict) else palettes:
        if isinstance(palette, dict) and palette.get("toggle", {}).get("name"):
            palette["toggle"] = {**palette["toggle"], "name": tr.gettext(palette["toggle"]["name"])}


def _translate_nav(items, tr: Translator):
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out.append({tr.gettext(title): _translate_nav(value, tr) if isinstance(value, list) else value
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
