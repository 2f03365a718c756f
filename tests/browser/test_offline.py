"""The site works offline after one visit, in every language (issue 24): the visit installs the language's
service worker, which keeps the town pages, /find/ with its index and the pages its results link to, the
planner and the guides; then, with the browser offline and the server stopped, a town page never visited,
a /find/ reload, a search and a tap on its result all load, and any other page is the offline page with
every help line as a tel: link. What Cache Storage holds stays within the budget, and the next build's
visit replaces the cache."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from pathlib import Path

import pytest
import yaml

from generator.app.build import build
from generator.outputs.offline import BUDGET
from generator.settings import Settings
from tests.browser.test_accessibility import audit
from tests.conftest import DATA, SITE_URL, TODAY

INSTALL_MS = 180_000  # the worker keeps ~450 files, fetched four at a time, on a shared 2-core machine
OFFLINE_LINE = {"": "Offline: showing information from", "es/": "Sin conexión", "pt/": "Sem conexão"}
HELP_NUMBERS = [line["call"] for line in yaml.safe_load((DATA / "help.yaml").read_text())["help_lines"]
                if line.get("call")]


class _Server:
    """The built site on 127.0.0.1, on a port that stays the same (one origin) when the folder is swapped or
    the server is stopped and started again."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = 0
        self.running = False
        self.start()

    def start(self) -> None:
        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(handler, *args, **kwargs):
                super().__init__(*args, directory=str(self.folder), **kwargs)

            def log_message(handler, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.running = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.running:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.running = False


@pytest.fixture
def served(bundled_site):
    server = _Server(bundled_site)
    yield server
    server.stop()


def _kept_offline(page) -> None:
    """Wait until the page's language is kept offline: its worker installed and controlling, the line says so.
    Polled from here: the site's CSP (no eval) refuses Playwright's wait_for_function."""
    deadline = time.monotonic() + INSTALL_MS / 1000
    while not page.evaluate("""() => { const line = document.getElementById("prn-offline");
            return navigator.serviceWorker.controller !== null && line.textContent === line.dataset.online; }"""):
        assert time.monotonic() < deadline, "the service worker did not install"
        page.wait_for_timeout(250)


def _cache(page, lang: str) -> dict:
    """This language's caches, their entries and the bytes their bodies take, read with the caches API."""
    return page.evaluate("""async lang => {
        const out = {names: [], entries: 0, bytes: 0, urls: []};
        for (const name of await caches.keys()) {
            if (!name.startsWith(`prn-${lang}-`)) continue;
            out.names.push(name);
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
                out.bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
                out.entries += 1;
                out.urls.push(request.url);
            }
        }
        return out;
    }""", lang)


def _go_offline(context, server: _Server) -> None:
    context.set_offline(True)
    server.stop()  # and nothing answers: the worker's own requests fail too


@pytest.mark.parametrize("prefix", ["", "es/", "pt/"])
def test_after_one_visit_the_language_works_offline(browser, served, bundled_site, axe_source, prefix):
    lang = prefix.rstrip("/") or "en"
    context = browser.new_context(viewport={"width": 1000, "height": 900}, bypass_csp=True,  # for axe only
                                  service_workers="allow")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(served.url + prefix)
        _kept_offline(page)
        kept = _cache(page, lang)
        towns = sorted(p.parent.name for p in (bundled_site / prefix / "towns").glob("*/index.html"))
        assert len(kept["names"]) == 1
        assert kept["bytes"] <= BUDGET, f"{lang}: {kept['bytes']} bytes kept offline, over {BUDGET}"
        assert {f"{served.url}{prefix}towns/{town}/" for town in towns} <= set(kept["urls"])
        assert all(url.startswith(served.url) for url in kept["urls"]), "only this site is ever kept"
        print(f"{lang}: {kept['entries']} files, {kept['bytes']} bytes in Cache Storage")

        _go_offline(context, served)
        # A town page never visited, with the help numbers and the translated offline line.
        page.goto(served.url + prefix + "towns/dracut/")
        assert page.locator("h1").first.inner_text().strip().endswith("Dracut")
        assert page.locator("#prn-offline").inner_text().startswith(OFFLINE_LINE[prefix])
        assert page.locator(".prn-help a[href='tel:988']").count() > 0
        # /find/ reloaded, searched, and a result tapped.
        page.goto(served.url + prefix + "find/")
        page.reload()
        page.fill("#prn-q", "Lynn")
        page.keyboard.press("Enter")
        result = page.locator("section[aria-labelledby=prn-places] li h3 a, section[aria-labelledby=prn-places] li a")
        result.first.wait_for()
        name = result.first.inner_text().strip()
        result.first.click()
        page.wait_for_load_state()
        assert "/centers/" in page.url and name in page.locator("h1").first.inner_text()
        # The planner and a guide.
        for path in ("plan/", "guides/masshealth/"):
            page.goto(served.url + prefix + path)
            assert page.locator("#prn-offline").inner_text().startswith(OFFLINE_LINE[prefix]), path
        # Any other page: the offline page, every help line a tel: link, its links working from there.
        page.goto(served.url + prefix + "map/")
        assert page.url == served.url + prefix + "map/"
        calls = page.locator("article .prn-offline-lines a[href^='tel:']").all_inner_texts()
        assert all(any(number in call for call in calls) for number in HELP_NUMBERS), calls
        assert audit(page, axe_source) == []
        page.locator("article a", has_text={"": "home page", "es/": "inicio", "pt/": "inicial"}[prefix]).click()
        page.wait_for_load_state()
        assert page.url == served.url + prefix
        assert errors == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def next_build(tmp_path_factory) -> Path:
    """The next day's build (English only, for speed): its dates, and so its pages' hashes, differ."""
    site = tmp_path_factory.mktemp("next") / "site"
    build(Settings(data_dir=DATA, site_dir=site, today=TODAY + dt.timedelta(days=1), site_url=SITE_URL,
                   languages=("en",)))
    return site


def test_the_next_build_replaces_the_cache_on_the_next_visit(browser, served, next_build):
    context = browser.new_context(service_workers="allow")  # the site's CSP: the worker is the site's own
    try:
        page = context.new_page()
        page.goto(served.url)
        _kept_offline(page)
        first = _cache(page, "en")["names"]
        old_line = page.locator("#prn-offline").get_attribute("data-offline")

        served.stop()
        served.folder = next_build
        served.start()
        page.goto(served.url + "towns/")  # a visit: the browser finds the new sw.js, which installs, then takes over
        deadline = time.monotonic() + INSTALL_MS / 1000
        while first[0] in _cache(page, "en")["names"] and time.monotonic() < deadline:
            page.wait_for_timeout(500)  # the new cache fills beside the old one, which goes once it is whole
        names = _cache(page, "en")["names"]
        assert len(names) == 1 and names != first, f"the old cache stayed: {names}"
        new_line = page.locator("#prn-offline").get_attribute("data-offline")
        assert new_line != old_line

        _go_offline(context, served)
        page.goto(served.url + "towns/dracut/")  # from the new cache: the new build's date
        assert page.locator("#prn-offline").get_attribute("data-offline") == new_line
        assert page.locator("#prn-offline").inner_text() == new_line
    finally:
        context.close()

