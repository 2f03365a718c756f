"""`make bench`: build time, memory and page weight of the site at 1x, 10x and 30x the bundled data,
against a plain mkdocs-material build of the same number of pages, run alternately; then Lighthouse on
the main page types of the bundled site (bench/lighthouse.py). `--only lighthouse` reruns just that and
keeps the other numbers of results.json.

Writes bench/results.json and bench/README.md. A benchmark, not a test: numbers vary by machine."""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path

import lighthouse
from synth import make_registry

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-30"
PYTHON = sys.executable

ONE_BUILD = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
from generator.app.build import build
from generator.settings import Settings
start = time.perf_counter()
# examples=True: the synthetic coaches are all examples; the preview build keeps the numbers comparable
settings = Settings(data_dir=Path(sys.argv[1]), site_dir=Path(sys.argv[2]), today=dt.date.fromisoformat(sys.argv[3]),
                    examples=True)
report = build(settings)
print(json.dumps({"wall": time.perf_counter() - start, "stages": report.seconds, "generated": report.pages,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

ANCHOR_RUN = """
import json, resource, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.perf_counter()
build(load_config(sys.argv[1]))
print(json.dumps({"wall": time.perf_counter() - start,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ANCHOR_PAGE = """# Example listing {n}

A peer recovery support centre in an example town. Peer-led, free, and open to anyone in recovery
or thinking about it; no appointment and no insurance needed. Call before you go.

| Field | Value |
|---|---|
| Address | {n} Example Street, Exampletown, MA |
| Phone | (617) 555-0100 |
| Hours | Weekdays 9 a.m. to 5 p.m. |

## Services

- All Recovery meetings and twelve-step groups
- Computers for job search and benefit applications
- Wellness activities: yoga, writing groups, book club
- Warm hand-offs to treatment and mutual aid

## Good to know

This is a synthetic page for benchmarking. It has about as much text as a real profile page,
with a table, a list and a few paragraphs, so that Markdown, the theme and the search index do
comparable work. Last verified 23 November 2026.
"""


def source_commit(repo: Path = ROOT) -> dict:
    """The commit the benchmark measures, and whether the work tree had uncommitted changes to it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}


def measured_at(source: dict) -> str:
    """'commit <sha>', '... with uncommitted changes', or 'an unknown commit' (no git)."""
    if not source.get("commit"):
        return "an unknown commit"
    return f"commit {source['commit']}" + (" with uncommitted changes" if source["dirty"] else "")


def _chromium() -> str:
    """The browser the tests use: PRN_CHROMIUM, else chromium or chromium-browser on PATH."""
    return os.environ.get("PRN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and its descendants (shared pages counted once), in MB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # the process ended between two reads
    return total / 1024


def _build_ours(data: Path, site: Path) -> dict:
    """One build in a fresh interpreter; its memory is sampled every 50 ms, the language processes included."""
    proc = subprocess.Popen([PYTHON, "-c", ONE_BUILD, str(data), str(site), AS_OF], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_pss_mb(proc.pid))
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"build failed:\n{err}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_pss_mb"] = round(peak, 1)
    result["pages"] = sum(1 for _ in site.rglob("index.html"))
    return result


def _anchor_project(folder: Path, pages: int) -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n\nA plain site.\n")
    for n in range(1, pages):
        (docs / f"page-{n:05d}.md").write_text(ANCHOR_PAGE.format(n=n))
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Anchor\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
                      "markdown_extensions:\n  - tables\n  - toc:\n      permalink: true\nnav:\n  - Home: index.md\n"
                      "validation:\n  nav:\n    omitted_files: ignore\n")
    return config


def _build_anchor(config: Path) -> dict:
    shutil.rmtree(config.parent / "site", ignore_errors=True)
    out = subprocess.run([PYTHON, "-c", ANCHOR_RUN, str(config)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def _size(path: Path) -> dict:
    data = path.read_bytes()
    return {"bytes": len(data), "gzip": _gz(data)}


PAGE_TYPES = {
    "home": "index.html", "find": "find/index.html", "coach list": "coaches/index.html",
    "coach profile": "coaches/rosa-example/index.html", "centre list": "centers/index.html",
    "centre profile": "centers/everyday-miracles-worcester/index.html",
    "rlc profile": "centers/central-mass-rlc/index.html", "town page": "towns/worcester/index.html",
    "town index": "towns/index.html", "track page": "tracks/older-adults/index.html",
    "map page (on click)": "map/index.html",
}


def _assets(page: Path, site: Path) -> dict:
    """JS and CSS a page loads, raw and gzipped."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<script[^>]+src="([^"]+)"', html)
    refs += re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    total = {"bytes": 0, "gzip": 0, "files": 0}
    for ref in refs:
        target = (page.parent / ref.split("?")[0]).resolve()
        if target.is_file() and site.resolve() in target.parents:
            size = _size(target)
            total["bytes"] += size["bytes"]
            total["gzip"] += size["gzip"]
            total["files"] += 1
    return total


def page_weights(site: Path) -> dict:
    weights = {name: {"html": _size(site / rel), "assets": _assets(site / rel, site)}
               for name, rel in PAGE_TYPES.items() if (site / rel).is_file()}
    theme = weights["centre profile"]["assets"]
    weights["map page (on click)"]["extra_over_theme"] = {
        k: weights["map page (on click)"]["assets"][k] for k in ("bytes", "gzip")}
    return {
        "pages": weights,
        "find_index": _size(site / "api/v1/find.json"),
        "search_index": _size(site / "search/search_index.json"),
        "map_data_note": "map markers are one JSON array per layer inside /map/index.html",
        "theme_assets_per_page": theme,
    }


def tree_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(site)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def find_latency(site: Path) -> dict:
    """Milliseconds from a keystroke to the painted frame with updated results on /find/, in headless Chromium.

    Six queries one after another on a settled page (the first also pays for compiling the script), with the
    default 25-mile radius and with "any distance", where every centre in the registry matches."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        timings = {}
        for name, query in (("25 miles", ""), ("any distance", "?within=any")):
            page.goto(base + "find/" + query, wait_until="networkidle")
            page.wait_for_selector("#prn-find:not([hidden])")
            page.wait_for_timeout(1000)  # as a visitor would: the theme's search worker indexes at page load
            timings[name] = page.evaluate(TYPE_QUERIES)
        browser.close()
    server.shutdown()
    return {name: {"samples_ms": [round(t, 1) for t in times], "median_ms": round(statistics.median(times), 1),
                   "max_ms": round(max(times), 1)} for name, times in timings.items()}


TYPE_QUERIES = """async () => {
    const input = document.getElementById('prn-q');
    const out = [];
    for (const query of ['Worcester', 'Pittsfield', '01201', 'Hyannis', 'Boston', 'Springfield']) {
        input.value = query.slice(0, -1);
        input.dispatchEvent(new Event('input', {bubbles: true}));
        await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
        const t0 = performance.now();
        input.value = query;
        input.dispatchEvent(new Event('input', {bubbles: true}));
        await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));  // after the frame is painted
        out.push(performance.now() - t0);
    }
    return out;
}"""


def live_edit(edits: int = 3) -> float:
    """Seconds from saving a data edit (a centre's phone number) to the page served by `generator serve` showing
    it, at 1x: the median of `edits` edits in one session, each timed from the save to the first response that
    has the new number."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        make_registry(1, data)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([PYTHON, "-m", "generator", "serve", "--data", str(data), "--site-dir",
                                 str(Path(tmp) / "site"), "--port", str(port), "--as-of", AS_OF], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            for line in proc.stdout:
                if line.startswith("Serving"):
                    break
            # Keep reading what the server prints (a line per request): a full pipe would stop it.
            threading.Thread(target=proc.stdout.read, daemon=True).start()
            url = f"http://127.0.0.1:{port}/centers/everyday-miracles-worcester/"
            path = data / "centers.yaml"
            text = path.read_text()
            entry = text.index("id: everyday-miracles-worcester")
            phone = re.compile(r"\((\d{3})\) (\d{3})-(\d{4})")
            old = phone.search(text, entry)
            assert old, "the benchmark's centre has no phone number"
            times = []
            for n in range(1, edits + 1):
                number = f"({old[1]}) 555-{n:04d}"
                start = time.perf_counter()
                path.write_text(text[:old.start()] + number + text[old.end():])
                times.append(_until_served(url, number, start))
            return round(statistics.median(times), 2)
        finally:
            proc.terminate()
            proc.wait()


def _until_served(url: str, text: str, start: float) -> float:
    """Seconds since start until the page at url has text (NaN after a minute)."""
    while time.perf_counter() - start < 60:
        try:
            if text in urllib.request.urlopen(url, timeout=2).read().decode():
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.01)
    return float("nan")


def lighthouse_of_bundled_site() -> dict:
    """Lighthouse over the bundled data's site, built as of AS_OF, with when and where it ran."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _build_ours(ROOT / "data", site)
        return {"date": dt.date.today().isoformat(), "source": source_commit(),
                "machine": f"{os.cpu_count()} CPUs, {platform.platform()}, load average "
                           f"{os.getloadavg()[0]:.1f} at the start", "pages": lighthouse.run(site)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10,30")
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs per scale (median is kept)")
    parser.add_argument("--only", choices=["lighthouse", "live-edit"],
                        help="rerun only this part; the rest stays as measured")
    args = parser.parse_args()
    out = Path(__file__).resolve().parent
    if args.only:
        results = json.loads((out / "results.json").read_text())
        if args.only == "lighthouse":
            results["lighthouse"] = lighthouse_of_bundled_site()
        else:
            results["live_edit_seconds"] = live_edit()
        (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
        (out / "README.md").write_text(summary(results))
        print(summary(results))
        return 0
    scales = [int(s) for s in args.scales.split(",")]
    results: dict = {"date": dt.date.today().isoformat(), "source": source_commit(), "machine": {
        "python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
        "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"), "folium": version("folium")},
        "scales": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for scale in scales:
            data = tmp / f"data-{scale}"
            counts = make_registry(scale, data)
            ours, anchors = [], []
            anchor_config = None
            for rep in range(args.repeat):
                site = tmp / f"site-{scale}-{rep}"
                ours.append(_build_ours(data, site))
                if anchor_config is None:
                    anchor_config = _anchor_project(tmp / f"anchor-{scale}", ours[-1]["pages"])
                anchors.append(_build_anchor(anchor_config))
            pages = ours[0]["pages"]
            wall = statistics.median(r["wall"] for r in ours)
            anchor_wall = statistics.median(r["wall"] for r in anchors)
            entry = {
                "records": counts, "pages": pages,
                "build_seconds": round(wall, 2), "per_page_ms": round(1000 * wall / pages, 2),
                "stages": {k: round(statistics.median(r["stages"][k] for r in ours), 2) for k in ours[0]["stages"]},
                "peak_rss_mb": round(max(r["rss_mb"] for r in ours), 1),
                "peak_child_rss_mb": round(max(r["child_rss_mb"] for r in ours), 1),
                "peak_pss_mb": max(r["peak_pss_mb"] for r in ours),
                "anchor_seconds": round(anchor_wall, 2), "anchor_rss_mb": round(max(r["rss_mb"] for r in anchors), 1),
                "ratio_to_anchor": round(wall / anchor_wall, 2),
                "deterministic": tree_digest(tmp / f"site-{scale}-0") == tree_digest(tmp / f"site-{scale}-1")
                if args.repeat > 1 else None,
                "search_index": _size(tmp / f"site-{scale}-0" / "search/search_index.json"),
                "find_index": _size(tmp / f"site-{scale}-0" / "api/v1/find.json"),
            }
            if scale == 1:
                results["weights"] = page_weights(tmp / "site-1-0")
            if scale == max(scales):
                entry["find_latency"] = find_latency(tmp / f"site-{scale}-0")
                results["weights_largest"] = page_weights(tmp / f"site-{scale}-0")
            results["scales"][str(scale)] = entry
            print(f"{scale}x: {pages} pages in {wall:.1f}s (anchor {anchor_wall:.1f}s, "
                  f"ratio {wall / anchor_wall:.2f}), "
                  f"peak memory {entry['peak_pss_mb']} MB (PSS, all processes)", flush=True)
            for rep in range(args.repeat):
                shutil.rmtree(tmp / f"site-{scale}-{rep}", ignore_errors=True)
        results["live_edit_seconds"] = live_edit()
    first, last = results["scales"][str(scales[0])], results["scales"][str(scales[-1])]
    results["linearity"] = round(last["per_page_ms"] / first["per_page_ms"], 2)
    results["lighthouse"] = lighthouse_of_bundled_site()
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (out / "README.md").write_text(summary(results))
    print(summary(results))
    return 0


def header(r: dict) -> str:
    """When, at which commit and on what machine the numbers were measured."""
    m = r["machine"]
    return (f"Measured {r['date']} at {measured_at(r.get('source', {}))} with `make bench` on {m['cpus']} CPUs, "
            f"{m['platform']}, Python {m['python']}, mkdocs {m['mkdocs']}, mkdocs-material {m['mkdocs-material']}, "
            f"folium {m['folium']}.")


def summary(r: dict) -> str:
    lines = [
        "# Benchmark results", "", header(r),
        "The anchor is a plain mkdocs-material build (search on, pages not in the nav) of the same number of "
        "pages, run alternately with ours; medians of the runs.", "",
        "Peak memory is the largest proportional set size (shared pages counted once) of the build and its "
        "language processes together, sampled every 50 ms; RSS is each process's own peak. Stages are the "
        "English site's; the other languages are built meanwhile in their own processes, and the last column "
        "is the wait for them after English is done; finish is the service workers and the swap into place.", "",
        "| scale | centres / coaches | pages | build s | per page ms | anchor s | ratio | peak memory MB | "
        "RSS main / language MB | load | validate | enrich | render | mkdocs | stamp | offline | other languages | "
        "finish | same bytes twice |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for scale, s in r["scales"].items():
        st = s["stages"]
        lines.append(f"| {scale}x | {s['records']['centers']} / {s['records']['coaches']} | {s['pages']} | "
                     f"{s['build_seconds']} | {s['per_page_ms']} | {s['anchor_seconds']} | {s['ratio_to_anchor']} | "
                     f"{s['peak_pss_mb']} | {s['peak_rss_mb']} / {s['peak_child_rss_mb']} | {st['load']} | "
                     f"{st['validate']} | {st['enrich']} | {st['render']} | {st['mkdocs']} | {st['stamp']} | "
                     f"{st.get('offline', '')} | {st['languages']} | {st.get('finish', '')} | {s['deterministic']} |")
    one = r["scales"].get("1", {}).get("build_seconds")
    beside = f" ({r['live_edit_seconds'] / one:.2f} of the full build's {one} s)" if one else ""
    lines += ["", f"Per-page time at the largest scale / smallest: **{r['linearity']}**. "
              f"Live edit with `generator serve` at 1x: **{r['live_edit_seconds']} s**{beside} from saving a "
              "centre's new phone number in data/ to the served page showing it (median of 3 edits).", ""]
    lines += ["| scale | search index (gzip) | find index (gzip) |", "|---|---|---|"]
    for scale, s in r["scales"].items():
        lines.append(f"| {scale}x | {s['search_index']['bytes']:,} B ({s['search_index']['gzip']:,} B) | "
                     f"{s['find_index']['bytes']:,} B ({s['find_index']['gzip']:,} B) |")
    big = r["scales"][max(r["scales"], key=int)]
    if "find_latency" in big:
        lines += ["", "/find/ at the largest scale, keystroke to the painted frame with updated results (headless "
                  "Chromium, six queries):"]
        for name, lat in big["find_latency"].items():
            lines.append(f"- {name}: median **{lat['median_ms']} ms**, max {lat['max_ms']} ms "
                         f"(samples {', '.join(map(str, lat['samples_ms']))})")
    largest = max(r["scales"], key=int)
    lines += ["", f"Page weight (HTML at 1x and at {largest}x, and the JS/CSS files each page loads; "
              "gzip level 9):", "",
              f"| page type | HTML | HTML gzip | HTML gzip at {largest}x | JS+CSS | JS+CSS gzip |",
              "|---|---|---|---|---|---|"]
    for name, w in r["weights"]["pages"].items():
        big_html = r.get("weights_largest", {}).get("pages", {}).get(name, {}).get("html", {}).get("gzip")
        lines.append(f"| {name} | {w['html']['bytes']:,} | {w['html']['gzip']:,} | "
                     f"{f'{big_html:,}' if big_html else '-'} | {w['assets']['bytes']:,} | {w['assets']['gzip']:,} |")
    if "lighthouse" in r:
        lh = r["lighthouse"]
        budgets = ", ".join(f"{key} {op} {limit}" for key, (op, limit) in lighthouse.BUDGETS.items())
        lines += ["", "## Lighthouse", "",
                  f"Lighthouse {lighthouse.VERSION} (bench/package-lock.json), measured {lh['date']} at "
                  f"{measured_at(lh.get('source', {}))} on {lh['machine']}: "
                  "the bundled site served gzip-compressed from 127.0.0.1, Debian's Chromium "
                  f"(`{lighthouse.CHROME_FLAGS}`), each page with Lighthouse's default phone profile (simulated "
                  f"slow 4G, CPU slowed 4x) and its desktop preset, {lighthouse.RUNS} runs each: every number is the "
                  "median of the runs, and the TBT column lists each run's too. benchmarkIndex is Lighthouse's "
                  "measure of the machine's speed during the runs (higher is faster): the 4x slowdown is meant for a "
                  "fast desktop, "
                  "so on a slow or busy machine the blocking time (TBT) comes out longer than on a visitor's "
                  f"device. Budgets: {budgets}.", "", *lighthouse.table(lh["pages"])]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
