"""The map page's markers: one per place, each named, in every language's map."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path


def markers(site: Path, page: str = "map") -> list[list]:
    """Every marker row ([lat, lon, name, url, approximate]) of the map page, all layers together."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return [row for data in re.findall(r"var data = (\[.*\]);", html) for row in json.loads(data)]


def test_each_site_of_a_network_is_one_marker_named_after_the_site(bundled_site):
    rows = markers(bundled_site)
    western = sorted(row[2] for row in rows if row[3] == "../centers/western-mass-rlc/")
    assert western == ["Western Mass Recovery Learning Community: Greenfield resource center",
                       "Western Mass Recovery Learning Community: Holyoke Center",
                       "Western Mass Recovery Learning Community: Springfield (Bowen) Center"]
    assert [name for name, n in Counter(row[2] for row in rows).items() if n > 1] == []
    assert [place for place, n in Counter((row[0], row[1], row[3]) for row in rows).items() if n > 1] == []


def test_every_language_maps_the_same_places(bundled_site):
    english = markers(bundled_site)
    assert len(english) > 40
    assert markers(bundled_site, "es/map") == english == markers(bundled_site, "pt/map")
