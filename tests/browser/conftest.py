"""Real-browser harness: the bundled site (built once for the run) served on 127.0.0.1 and driven in
Debian's headless Chromium through Playwright (no browser download).

The browser is PRN_CHROMIUM, else `chromium` or `chromium-browser` on PATH. Without one the browser tests
fail, unless the run opts out with PRN_SKIP_BROWSER=1; the summary says how many were skipped and why."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import weakref
from pathlib import Path

import pytest

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
HERE = Path(__file__).resolve().parent
_GATE = pytest.StashKey[dict]()  # what the collection found out, for the summary
HOW = "install it (`make browser`), point PRN_CHROMIUM=/path at it, or opt out with PRN_SKIP_BROWSER=1"


def find_chromium() -> tuple[str | None, str]:
    """The browser to drive and, when there is none, why: (path, "") or (None, reason)."""
    override = os.environ.get("PRN_CHROMIUM")
    if override:
        if os.path.isfile(override) and os.access(override, os.X_OK):
            return override, ""
        return None, f"PRN_CHROMIUM={override} is not an executable file"
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return (found, "") if found else (None, "chromium not found (neither chromium nor chromium-browser on PATH)")


def _is_browser_test(item) -> bool:
    return HERE in Path(str(item.path)).resolve().parents


@pytest.hookimpl(tryfirst=True)  # before `-m "not browser"` deselects by the marker
def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if _is_browser_test(item)]
    path, missing = find_chromium()
    config.stash[_GATE] = {"tests": 0, "path": path, "missing": missing, "skipped": ""}
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if os.environ.get("PRN_SKIP_BROWSER") == "1":
        reason = "PRN_SKIP_BROWSER=1" + (f" ({missing})" if missing else "")
        config.stash[_GATE]["skipped"] = reason
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {reason}"))


def pytest_collection_finish(session):
    """Count the browser tests that will run, after any deselection (`make check` deselects them all)."""
    gate = session.config.stash.get(_GATE, None)
    if gate is not None:
        gate["tests"] = sum(_is_browser_test(item) for item in session.items)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    gate = config.stash.get(_GATE, None)
    if not gate or not gate["tests"]:
        return

    def count(*outcomes: str) -> str:
        n = sum(str(HERE) in str(Path(config.rootpath, report.fspath).resolve())
                for outcome in outcomes for report in terminalreporter.stats.get(outcome, []))
        return f"{n} browser test{'s' if n != 1 else ''}"

    if gate["skipped"]:
        terminalreporter.write_line(f"{count('skipped')} skipped: {gate['skipped']}", yellow=True)
    elif gate["missing"]:
        terminalreporter.write_line(f"{count('error', 'failed')} failed: {gate['missing']}; {HOW}", red=True)
    elif gate["tests"]:
        terminalreporter.write_line(f"browser tests ran in {gate['path']}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(bundled_site):
    """The public site, as deployed: no example coaches."""
    yield from _serve(bundled_site)


@pytest.fixture(scope="session")
def preview_url(preview_site):
    """The preview with the example coaches (`build --examples`), for tests of coach pages and searches."""
    yield from _serve(preview_site)


@pytest.fixture(scope="session")
def browser():
    path, missing = find_chromium()
    if not path:
        pytest.fail(f"no browser for the browser tests: {missing}; {HOW}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=FLAGS)
        # The site's service workers precache a language's pages on the first visit: a background download on
        # every new context that tripled a page's load. Only the offline tests, which pass
        # service_workers="allow", need them.
        chromium.new_context = functools.partial(chromium.new_context, service_workers="block")
        yield chromium
        chromium.close()


# One frame and one task after the responses: the page's scripts have drawn what they fetched.
_DRAWN = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))"


class Responses:
    """The requests a page has made and not yet seen answered, so that a test waits for exactly those (the
    index a script fetches, say) rather than for half a second of network silence on every page."""

    def __init__(self, page):
        self.page, self.pending = page, []
        page.on("request", self._asked)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._done)

    def _asked(self, request) -> None:
        self.pending.append(request)

    def _done(self, request) -> None:
        if request in self.pending:
            self.pending.remove(request)

    def settle(self) -> None:
        """Wait for every response the page is still waiting for (and any request those lead to), then
        for the page to draw them."""
        while self.pending:
            request = self.pending[0]
            response = request.response()  # None when the request failed
            if response:
                response.finished()
            self._done(request)
        self.page.evaluate(_DRAWN)

    @classmethod
    def of(cls, page) -> Responses:
        """The one follower of this tab's requests."""
        if page not in _FOLLOWED:
            _FOLLOWED[page] = cls(page)
        return _FOLLOWED[page]


_FOLLOWED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def goto(page, url: str):
    """Open url and wait for what it shows: the load event (every script and stylesheet has run), then the
    responses its scripts asked for (find.json, say), drawn."""
    responses = Responses.of(page)
    page.goto(url)
    responses.settle()
    return page


class Visit:
    """A browser tab that records every request and every console error."""

    def __init__(self, context, base_url: str):
        self.page = context.new_page()
        self.base_url = base_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.responses = Responses.of(self.page)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str):
        return goto(self.page, self.base_url + path)

    def settle(self):
        """After a click that loads a page or fetches: wait for the responses and for them to be drawn."""
        self.page.wait_for_load_state("load")
        self.responses.settle()
        return self.page

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base_url) and not url.startswith("data:")]


@pytest.fixture
def visit(browser, base_url):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    yield Visit(context, base_url)
    context.close()


@pytest.fixture
def preview(browser, preview_url):
    """A tab on the preview with the example coaches."""
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    yield Visit(context, preview_url)
    context.close()


AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core as package-lock.json pins it (installed by `make checkers`); without it the audits fail."""
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is not installed ({AXE_JS} missing): run `make checkers`", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")
