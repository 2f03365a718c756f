"""The gazetteer: 351 cities and towns with centroids and regions, plus every Massachusetts
ZIP code and postal place name (village, neighbourhood) mapped to its town.

Its two files are checked like the registries, every problem at its file, line and column:
`places.yaml` against the declaration below, `municipalities.csv` row by row."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
from pathlib import Path

from .fields import Check, Choice, Date, Field, ListOf, MapOf, Obj, Pattern, Text, Url, did_you_mean
from .geography import (
    COUNTIES,
    MA_LAT,
    MA_LON,
    TOWN_COUNT,
    Area,
    AreaSource,
    Places,
    PostalPlace,
    Region,
    Town,
    area_key,
    slugify,
)
from .load import Document, display_name, load_yaml, read_text
from .problems import DataError, Problem
from .schema import SOURCE

__all__ = ["PLACES", "Area", "Places", "PostalPlace", "Region", "Town", "load_places", "slugify"]


def _one_region_per_county(settings: dict, path: tuple, check: Check) -> None:
    first: dict[str, str] = {}
    for region_id, region in settings["regions"].items():
        for i, county in enumerate(region["counties"]):
            if county in first:
                check.report(path + ("regions", region_id, "counties", i),
                             f"{county} is already in region '{first[county]}'; a county belongs to one region")
            first.setdefault(county, region_id)


COUNTY = Choice({county: f"{county} County" for county in COUNTIES})
REGION = Obj([
    Field("name", Text(80), "Name of the region as pages show it, e.g. 'Western Massachusetts'", required=True),
    Field("counties", ListOf(COUNTY, min_items=1),
          "The counties the region groups, e.g. [Worcester]", required=True),
])

COMMON_USAGE = "common usage"


def _dated_or_common(nickname: dict, path: tuple, check: Check) -> None:
    if "source" in nickname and "date" not in nickname:
        check.report(path + ("source",), "a page that uses the name needs the date it was published (date: YYYY-MM-DD)")
    if "source" not in nickname and nickname.get("usage") != COMMON_USAGE:
        check.report(path, f"give the source of the name: a dated page (source, date) or usage: {COMMON_USAGE}",
                     key=True)


NICKNAME = Obj([
    Field("place", Text(60), "The town, village or neighbourhood the name stands for, as the ZIP table names it, "
                             "e.g. 'South Boston'", required=True),
    Field("source", Url(), "A public page that uses the name for the place"),
    Field("date", Date(not_future=True), "When that page was published, YYYY-MM-DD"),
    Field("usage", Choice({COMMON_USAGE: "widely used; no dated page is cited"}),
          f"'{COMMON_USAGE}' when no dated page is cited (an explicit, undated kind of source)"),
], rules=(_dated_or_common,))

def _towns_or_counties(area: dict, path: tuple, check: Check) -> None:
    if ("towns" in area) == ("counties" in area):
        check.report(path, "give the towns the area contains: either counties (all their towns) or towns, not both",
                     key=True)


AREA = Obj([
    Field("also", ListOf(Text(40)), "Other names people say for it, e.g. [the Cape]"),
    Field("counties", ListOf(COUNTY, min_items=1),
          "Every town of these counties (municipalities.csv), e.g. [Barnstable]"),
    Field("towns", ListOf(Text(60), min_items=1), "Its cities and towns by name, when it is not whole counties"),
    Field("sources", ListOf(SOURCE, min_items=1), "Dated pages that tie the name to those towns (url, title, date)",
          required=True),
], rules=(_towns_or_counties,))

PLACES = Obj([
    Field("regions", MapOf(Pattern(r"[a-z]+(?:-[a-z]+)*", "a region id (lowercase letters and single hyphens)",
                                   "metro-boston", 40), REGION, min_items=1),
          "Regions by id; each groups counties, and every county is in one region", required=True),
    Field("village_towns", MapOf(Text(60), Text(60)),
          "Villages and neighbourhoods whose ZIP record does not name their town, each with the town it lies in"),
    Field("nicknames", MapOf(Text(40), NICKNAME),
          "Names people say for a place (Southie, JP), each with the place it stands for and its source"),
    Field("areas", MapOf(Text(40), AREA),
          "Names of parts of the state that are no one point (Cape Cod), each with its towns and dated sources"),
], rules=(_one_region_per_county,))

HEADER = ["name", "county", "lat", "lon"]
TOWN_NAME = re.compile(r"[A-Z][A-Za-z.'-]*(?: [A-Za-z.'-]+)*")
DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def load_places(data_dir: Path) -> Places:
    """Read and check municipalities.csv and places.yaml in data_dir; add ZIP codes from `zipcodes`.

    Raises DataError with every problem of both files."""
    csv_path = data_dir / "municipalities.csv"
    rows, problems = _read_municipalities(csv_path)
    doc, settings, yaml_problems = _read_settings(data_dir / "places.yaml")
    problems += yaml_problems
    if problems:
        raise DataError(problems)  # the checks below, across both files, would only repeat these
    assert doc is not None  # a missing places.yaml is one of the problems above
    region_of = {county: rid for rid, region in settings["regions"].items() for county in region["counties"]}
    for county in sorted({county for county, _, _ in rows.values()} - set(region_of)):
        problems.append(doc.problem(("regions",), f"no region holds {county} County, which has towns in "
                                                  f"{display_name(csv_path)}; add it to a region's counties", key=True))
    overrides = settings.get("village_towns", {})
    for village, town in overrides.items():
        if town not in rows:
            problems.append(doc.problem(("village_towns", village), f"'{town}' is not a Massachusetts city or "
                                                                    f"town{did_you_mean(town, rows, cutoff=0.75)}"))
    postal_names = {record["city"] for record in _massachusetts_zips()} | set(rows)
    for nickname, spec in settings.get("nicknames", {}).items():
        if spec["place"] not in postal_names:
            hint = did_you_mean(spec["place"], postal_names, cutoff=0.75)
            problems.append(doc.problem(("nicknames", nickname, "place"),
                                        f"'{spec['place']}' is not a Massachusetts town or postal place{hint}"))
    problems += _area_problems(doc, settings.get("areas", {}), rows, postal_names | set(settings.get("nicknames", {})))
    if problems:
        raise DataError(problems)
    regions = {rid: Region(rid, spec["name"], tuple(spec["counties"])) for rid, spec in settings["regions"].items()}
    towns = {name: Town(name, slugify(name), county, region_of[county], lat, lon)
             for name, (county, lat, lon) in rows.items()}
    zips: dict[str, PostalPlace] = {}
    names: dict[str, str] = {}
    for record in _massachusetts_zips():
        town = _town_for_zip(record, towns, overrides)
        lat, lon = float(record["lat"]), float(record["long"])
        zips[record["zip_code"]] = PostalPlace(record["city"], town, record["zip_code"], lat, lon)
        if record["city"] not in towns:
            names.setdefault(record["city"].lower(), town)
    nicknames = {name: spec["place"] for name, spec in settings.get("nicknames", {}).items()}
    areas = {name: Area(name, tuple(spec.get("also", ())), _area_towns(spec, rows),
                        tuple(AreaSource(s["url"], s["title"], s["date"]) for s in spec["sources"]))
             for name, spec in settings.get("areas", {}).items()}
    return Places(towns, regions, zips, names, nicknames, areas)


def _area_towns(spec: dict, rows: dict[str, tuple[str, float, float]]) -> tuple[str, ...]:
    """An area's towns in alphabetical order: those it names, or every town of its counties."""
    if "towns" in spec:
        return tuple(sorted(spec["towns"]))
    return tuple(sorted(name for name, (county, _, _) in rows.items() if county in spec["counties"]))


def _area_problems(doc: Document, areas: dict, rows: dict, place_names: set[str]) -> list[Problem]:
    """A problem at each town an area names that is not a city or town, and at each area name that is already a
    place or nickname or another area's (what is typed must stand for one thing)."""
    problems = []
    taken = {area_key(name): name for name in place_names}
    for area, spec in areas.items():
        for i, town in enumerate(spec.get("towns", ())):
            if town not in rows:
                hint = did_you_mean(town, rows, cutoff=0.75)
                problems.append(doc.problem(("areas", area, "towns", i),
                                            f"'{town}' is not a Massachusetts city or town{hint}"))
        for where, name in [(("areas", area), area)] + [(("areas", area, "also", i), n)
                                                         for i, n in enumerate(spec.get("also", ()))]:
            if area_key(name) in taken:
                problems.append(doc.problem(where, f"'{name}' already names {taken[area_key(name)]}; an area's "
                                                   "names must stand for nothing else", key=len(where) == 2))
            taken.setdefault(area_key(name), name)
    return problems


def _missing(path: Path, holds: str) -> Problem:
    return Problem(display_name(path), 1, 1, "", f"the file is missing; it holds {holds}")


def _read_settings(path: Path) -> tuple[Document | None, dict, list[Problem]]:
    """places.yaml checked against PLACES: the document, its parsed values and its problems."""
    if not path.exists():
        return None, {}, [_missing(path, "the regions and village corrections of the gazetteer")]
    doc, problems = load_yaml(path)
    if doc is None:
        return None, {}, problems
    check = Check(doc, dt.date.today(), Places({}, {}, {}, {}))  # no field of places.yaml needs either
    settings = PLACES.parse(doc.data, (), check)
    return doc, settings, problems + check.problems


def _read_municipalities(path: Path) -> tuple[dict[str, tuple[str, float, float]], list[Problem]]:
    """The rows of municipalities.csv, name -> (county, lat, lon), and a problem at each mistake."""
    if not path.exists():
        return {}, [_missing(path, f"the {TOWN_COUNT} cities and towns, as 'name,county,lat,lon' rows")]
    text, problems = read_text(path)
    if text is None:
        return {}, problems
    name = display_name(path)
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines[0] != ",".join(HEADER):
        return {}, [Problem(name, 1, 1, "", f"the first line must be the header '{','.join(HEADER)}', "
                                            f"not '{lines[0][:80]}'")]
    rows: dict[str, tuple[str, float, float]] = {}
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        problem = functools.partial(Problem, name, number)
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as err:
            problems.append(problem(1, "", f"the row cannot be read as CSV ({err}); write name,county,lat,lon"))
            continue
        if len(fields) != len(HEADER):
            problems.append(problem(1, "", f"the row has {len(fields)} field(s), not {len(HEADER)}; write "
                                           "name,county,lat,lon, like 'Abington,Plymouth,42.11804,-70.95904'"))
            continue
        row, row_problems = _row(fields, _columns(line), problem, first_line)
        if row_problems:
            problems += row_problems
        else:
            first_line[fields[0]] = number
            rows[fields[0]] = row
    if not problems and len(rows) != TOWN_COUNT:
        fix = "add the missing ones" if len(rows) < TOWN_COUNT else "remove the extra rows"
        problems.append(Problem(name, 1, 1, "", f"the file lists {len(rows)} cities and towns; Massachusetts has "
                                                f"{TOWN_COUNT}; {fix}"))
    return rows, problems


def _row(fields: list[str], cols: list[int], problem, first_line: dict[str, int]):
    """One row's (county, lat, lon), and a problem at each field that is wrong."""
    town, county, lat, lon = fields
    problems = []
    if not TOWN_NAME.fullmatch(town):
        problems.append(problem(cols[0], "", f"'{town}' is not a town name; write it as the state does, "
                                             "like 'Manchester-by-the-Sea'"))
    elif town in first_line:
        problems.append(problem(cols[0], "", f"'{town}' is already listed at line {first_line[town]}; keep one"))
    if county not in COUNTIES:
        problems.append(problem(cols[1], "", f"'{county}' is not a Massachusetts county"
                                             f"{did_you_mean(county, COUNTIES)}"))
    position = []
    for value, col, (low, high), what in ((lat, cols[2], MA_LAT, "latitude"), (lon, cols[3], MA_LON, "longitude")):
        if not DECIMAL.fullmatch(value):
            problems.append(problem(col, "", f"the {what} '{value}' is not a number; write decimal degrees, "
                                             f"like {(low + high) / 2:.5f}"))
        elif not low <= float(value) <= high:
            problems.append(problem(col, "", f"the {what} {value} is outside Massachusetts ({low} to {high})"))
        else:
            position.append(float(value))
    return (county, *position), problems


def _columns(line: str) -> list[int]:
    """The column where each field of a CSV line starts."""
    starts, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return starts


ZIP_TABLE = Path(__file__).resolve().parent / "ma_zips.csv"
ZIP_COLUMNS = ("zip_code", "city", "county", "lat", "long", "acceptable_cities")


def zip_table() -> str:
    """The Massachusetts records of the `zipcodes` package (USPS data) as the CSV shipped beside this module.
    Reading the package takes a third of a second a process; the table, a few milliseconds. `make schema`
    rewrites it and a test fails when the installed package says otherwise."""
    import zipcodes  # the maintainer's command and the test read the package; the build reads the table

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ZIP_COLUMNS)
    for record in sorted(zipcodes.filter_by(state="MA"), key=lambda r: r["zip_code"]):
        writer.writerow([*(record[key] for key in ZIP_COLUMNS[:-1]), "|".join(record["acceptable_cities"])])
    return out.getvalue()


@functools.cache
def _massachusetts_zips() -> tuple[dict, ...]:
    """Every Massachusetts ZIP code with its postal place name, county and position, from ma_zips.csv."""
    with open(ZIP_TABLE, newline="", encoding="utf-8") as fh:
        return tuple({**row, "acceptable_cities": [c for c in row["acceptable_cities"].split("|") if c]}
                     for row in csv.DictReader(fh))


def _town_for_zip(record: dict, towns: dict[str, Town], overrides: dict[str, str]) -> str:
    city = record["city"]
    if city in towns:
        return city
    if city in overrides:
        return overrides[city]
    for alternative in record["acceptable_cities"]:
        if alternative in towns:
            return alternative
    county = record["county"].removesuffix(" County")
    lat, lon = float(record["lat"]), float(record["long"])
    candidates = [t for t in towns.values() if t.county == county] or list(towns.values())
    return min(candidates, key=lambda t: math.hypot(t.lat - lat, (t.lon - lon) * 0.74)).name
