"""Lighthouse (npm `lighthouse`, pinned in bench/package-lock.json) over the main page types of the bundled
site, served gzip-compressed as GitHub Pages serves it, in Debian's headless Chromium.

Part of `make bench`, not of the tests: scores depend on the machine. Each page is measured with
Lighthouse's default phone profile (simulated slow 4G, CPU slowed 4x) and with its desktop preset, RUNS
times each, and each number is the median of those runs, as Lighthouse's own guide to variability
advises: one run's blocking time moved by a factor of two on this machine. The report's benchmarkIndex
is Lighthouse's own measure of how fast the machine was at that moment: the 4x slowdown is meant for a
fast desktop, so on a slow or busy machine the blocking time comes out longer than a visitor's device
would see."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION = json.loads((HERE / "package.json").read_text(encoding="utf-8"))["devDependencies"]["lighthouse"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
PAGES = {"home": "", "find": "find/", "plan": "plan/", "town": "towns/worcester/",
         "centre": "centers/everyday-miracles-worcester/", "coach": None, "es home": "es/"}
RUNS = 3
BUDGETS = {"performance": (">=", 95), "accessibility": (">=", 100), "cls": ("<=", 0.02),
           "lcp_s": ("<=", 2.5), "tbt_ms": ("<=", 150)}
# What GitHub Pages compresses (text types); images and fonts go as they are.
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that gzips text responses when the client accepts gzip, like GitHub Pages."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # which redirects /dir to /dir/
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not (path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSED)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on http://127.0.0.1:<port>/, gzip-compressed; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


PROFILES = {"phone": [], "desktop": ["--preset=desktop"]}


def command(url: str, report: Path, profile: str = "phone") -> list[str]:
    """The Lighthouse command line for one page: performance and accessibility, JSON report."""
    return ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}", *PROFILES[profile]]


def scores(report: dict) -> dict:
    """The numbers the budgets are about, from a Lighthouse JSON report."""
    audits, categories = report["audits"], report["categories"]
    return {"performance": round(100 * categories["performance"]["score"]),
            "accessibility": round(100 * categories["accessibility"]["score"]),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
            "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
            "failed_a11y": sorted(a["id"] for a in (audits[ref["id"]] for ref in categories["accessibility"]
                                                    ["auditRefs"]) if a.get("score") == 0),
            "benchmark_index": round(report["environment"]["benchmarkIndex"])}


def median_run(runs: list[dict]) -> dict:
    """One row from several runs of a page: the median of each number, every failed audit, and the
    blocking times of all runs (how far they spread)."""
    numeric = [key for key, value in runs[0].items() if isinstance(value, int | float)]
    out: dict = {key: statistics.median(run[key] for run in runs) for key in numeric}
    out["failed_a11y"] = sorted({audit for run in runs for audit in run["failed_a11y"]})
    out["tbt_runs"] = sorted(run["tbt_ms"] for run in runs)
    return out


def misses(numbers: dict) -> list[str]:
    """The budgets a page misses, e.g. ['performance 91 < 95']."""
    out = []
    for key, (op, limit) in BUDGETS.items():
        value = numbers[key]
        if (op == ">=" and value < limit) or (op == "<=" and value > limit):
            out.append(f"{key} {value} {'<' if op == '>=' else '>'} {limit}")
    return out


def first_coach(site: Path) -> str | None:
    """The address of a coach profile in the built site, if it lists any."""
    profiles = sorted(p.parent.name for p in (site / "coaches").glob("*/index.html"))
    return f"coaches/{profiles[0]}/" if profiles else None


def run(site: Path) -> dict:
    """Lighthouse on each page type of the built site; a page that cannot be measured says why."""
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} missing: run `make bench` (it installs Lighthouse with npm ci)")
    env = dict(os.environ, CHROME_PATH=os.environ.get("PRN_CHROMIUM", "/usr/bin/chromium"))
    results: dict = {}
    with serve(site) as base, tempfile.TemporaryDirectory() as tmp:
        for name, path in PAGES.items():
            path = path if path is not None else first_coach(site)
            for profile in PROFILES:
                key = f"{name}, {profile}"
                if path is None:
                    results[key] = {"skipped": "the public build lists no coach profile"}
                    continue
                report, runs = Path(tmp) / "report.json", []
                for _ in range(RUNS):
                    subprocess.run(command(base + path, report, profile), env=env, check=True, timeout=300,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    runs.append(scores(json.loads(report.read_text(encoding="utf-8"))))
                numbers = median_run(runs)
                results[key] = {"path": "/" + path, **numbers, "misses": misses(numbers)}
                print(f"lighthouse {key}: {results[key]}", flush=True)
    return results


def table(results: dict) -> list[str]:
    """bench/README.md's Lighthouse table."""
    lines = ["| page, profile | performance | accessibility | CLS | LCP s | TBT ms (each run) | FCP s | "
             "benchmarkIndex | budgets missed |", "|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        if "skipped" in r:
            lines.append(f"| {name} | - | - | - | - | - | - | - | not measured: {r['skipped']} |")
            continue
        tbt = f"{r['tbt_ms']:g} ({', '.join(f'{t:g}' for t in r['tbt_runs'])})"
        lines.append(f"| {name} (`{r['path']}`) | {r['performance']} | {r['accessibility']} | {r['cls']} | "
                     f"{r['lcp_s']} | {tbt} | {r['fcp_s']} | {r['benchmark_index']} | "
                     f"{'; '.join(r['misses'] + [f'failed: {a}' for a in r['failed_a11y']]) or 'none'} |")
    return lines
